/**
 * A small wrapper around pdfmake 0.3 (server side) for the documents Hataraku prints: A4,
 * Japanese text in BIZ UDPゴシック (a universal-design font, easy to read on paper), and no
 * access to the network or the file system beyond the font files.
 *
 * pdfmake's Node entry point is one shared instance: fonts and access policies are set on it
 * once, here, and every document is made through `renderPdf`.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';

const require = createRequire(import.meta.url);

type PdfMake = {
  setFonts(
    fonts: Record<string, { normal: string; bold: string; italics: string; bolditalics: string }>,
  ): void;
  setUrlAccessPolicy(callback: (url: string) => boolean): void;
  setLocalAccessPolicy(callback: (path: string) => boolean): void;
  createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
};

/** The font family name to use in document definitions. */
export const PDF_FONT = 'BIZUDPGothic';

function fontFiles() {
  // The package has no "exports" map; resolve its entry and take the TTFs beside it.
  const root = dirname(require.resolve('@expo-google-fonts/biz-udpgothic/package.json'));
  const regular = join(root, '400Regular', 'BIZUDPGothic_400Regular.ttf');
  const bold = join(root, '700Bold', 'BIZUDPGothic_700Bold.ttf');
  return { regular, bold };
}

let configured: PdfMake | undefined;

function pdfmake(): PdfMake {
  if (configured) return configured;
  const instance = require('pdfmake') as PdfMake;
  const { regular, bold } = fontFiles();
  const allowed = new Set([regular, bold]);
  instance.setFonts({
    // BIZ UDPGothic has no italic: pdfmake falls back to the upright faces.
    [PDF_FONT]: { normal: regular, bold, italics: regular, bolditalics: bold },
  });
  // Documents are built from our own data only: no fetching, no reading other local files.
  instance.setUrlAccessPolicy(() => false);
  instance.setLocalAccessPolicy((path) => allowed.has(path));
  configured = instance;
  return instance;
}

/** A4 portrait, 15 mm margins (bottom leaves room for the page number), the Japanese font. */
export const a4Defaults = {
  pageSize: 'A4',
  pageOrientation: 'portrait',
  pageMargins: [42, 42, 42, 50],
} as const satisfies Partial<TDocumentDefinitions>;

/** 「3 / 12」, centred at the foot of each page. */
export function pageNumberFooter(currentPage: number, pageCount: number): Content {
  return { text: `${currentPage} / ${pageCount}`, alignment: 'center', fontSize: 9, margin: [0, 18, 0, 0] };
}

/**
 * Renders a pdfmake document definition to PDF bytes. The Japanese font is the default unless
 * the definition's `defaultStyle` names another; metadata (`info`) is the caller's.
 */
export async function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  const definition: TDocumentDefinitions = {
    ...a4Defaults,
    ...doc,
    defaultStyle: { font: PDF_FONT, fontSize: 10, lineHeight: 1.25, ...doc.defaultStyle },
  };
  return pdfmake().createPdf(definition).getBuffer();
}
