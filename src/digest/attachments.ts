/**
 * The edition's attachments — the subscriber's list of open opportunities as the registry's A4
 * PDF and xlsx (src/registry/listing) — rendered once per distinct preference set of an edition
 * and reused for every recipient with the same set (a PDF takes 0.1–3 s to lay out). A small LRU
 * bounds memory whatever the number of recipients (docs/decisions/026).
 */
import type { Locale } from '../platform/i18n';
import type { OutgoingAttachment } from '../platform/mail/outbox';
import {
  listingFileName,
  MAX_PDF_ENTRIES,
  renderListingPdf,
  renderListingXlsx,
} from '../registry/listing/export';
import type { ListingEntry } from '../registry/listing/listing';
import { listingText } from '../registry/listing/listing';

export type AttachmentRequest = {
  key: string;
  locale: Locale;
  entries: readonly ListingEntry[];
  /** When the edition was frozen: the documents' date. */
  asOf: Date;
  baseUrl: string;
  conditions: readonly string[];
};

export async function renderDigestAttachments(request: AttachmentRequest): Promise<OutgoingAttachment[]> {
  const t = listingText(request.locale);
  const pdfEntries = request.entries.slice(0, MAX_PDF_ENTRIES);
  const [xlsx, pdf] = await Promise.all([
    renderListingXlsx(t, request.entries, { baseUrl: request.baseUrl, now: request.asOf }),
    renderListingPdf(t, pdfEntries, {
      now: request.asOf,
      total: request.entries.length,
      conditions: request.conditions,
    }),
  ]);
  return [
    {
      filename: listingFileName(t, request.asOf, 'xlsx'),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      content: xlsx,
    },
    { filename: listingFileName(t, request.asOf, 'pdf'), contentType: 'application/pdf', content: pdf },
  ];
}

/**
 * An attachment as a finished MIME part (headers and base64 in 76-character lines), so each
 * message reuses the encoding instead of encoding the same bytes again (nodemailer's `raw`).
 * The file names are ASCII (hataraku-ba-YYYY-MM-DD.pdf), so no header encoding is needed.
 */
export function rawMimePart(attachment: OutgoingAttachment): string {
  const name = attachment.filename.replace(/[^\w.-]/g, '_');
  const body = attachment.content.toString('base64').replace(/.{76}/g, '$&\r\n');
  return [
    `Content-Type: ${attachment.contentType}; name="${name}"`,
    'Content-Transfer-Encoding: base64',
    `Content-Disposition: attachment; filename="${name}"`,
    '',
    body,
  ].join('\r\n');
}

export type CachedAttachments = { files: OutgoingAttachment[]; raw: string[] };

/** Rendered attachments by key, the `size` most recently used kept; concurrent asks share one render. */
export class AttachmentCache {
  private readonly entries = new Map<string, Promise<CachedAttachments>>();
  renders = 0;
  renderMs = 0;

  constructor(private readonly size = 16) {}

  get(request: AttachmentRequest): Promise<CachedAttachments> {
    const cached = this.entries.get(request.key);
    if (cached) {
      this.entries.delete(request.key);
      this.entries.set(request.key, cached);
      return cached;
    }
    this.renders += 1;
    const started = performance.now();
    const rendering = renderDigestAttachments(request).then((files) => {
      this.renderMs += performance.now() - started;
      return { files, raw: files.map(rawMimePart) };
    });
    rendering.catch(() => this.entries.delete(request.key));
    this.entries.set(request.key, rendering);
    while (this.entries.size > this.size) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return rendering;
  }
}
