/**
 * The printed consent form (同意書) as a pdfmake definition: A4, plain Japanese, the person's
 * name, the recipient, each data group in plain words marked 提供する / 提供しない, the purpose,
 * the period, a date line and a signature line (署名), and the agency's name. When the person
 * asked for easy Japanese / furigana, the name and the key terms carry their reading in small
 * text above them (ruby-like), and the title its reading in brackets. Pure: routes render it.
 */
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { formatJapaneseEraDate } from '../../platform/i18n/format';
import { katakanaToHiragana } from '../../platform/text/normalise';
import { type ConsentDataGroup, consentDataGroups } from './consent';
import { consentMessages } from './messages';

export type ConsentFormData = {
  participant: { name: string; nameKana: string; furigana: boolean; agencyName: string };
  consent: {
    id: string;
    recipientName: string;
    recipientCorporationName: string | null;
    recipientKind: 'corporation' | 'facility';
    dataGroups: readonly ConsentDataGroup[];
    purpose: string;
    validFrom: string;
    validUntil: string;
    revokedOn: string | null;
    recordedByName: string | null;
  };
};

const ink = '#1a1a1a';
const muted = '#4a4a4a';
const band = '#e8eef4';

/** 2026-11-25 → 2026年11月25日(令和8年11月25日). */
function dateText(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日(${formatJapaneseEraDate(date)})`;
}

/** A term with its reading in small text above it when furigana is wanted (ruby-like). */
function term(
  text: string,
  reading: string,
  furigana: boolean,
  style: Record<string, unknown> = {},
): Content {
  if (!furigana || reading === '') return { text, ...style };
  return {
    stack: [
      { text: reading, fontSize: 7, color: muted },
      { text, ...style },
    ],
  };
}

export function consentFormDocument(data: ConsentFormData): TDocumentDefinitions {
  const m = consentMessages.ja.pdf;
  const groupsLabel = consentMessages.ja.groups;
  const { participant: p, consent: c } = data;
  const f = p.furigana;
  const r = m.readings;
  const recipient =
    c.recipientKind === 'facility' && c.recipientCorporationName
      ? `${c.recipientCorporationName} ${c.recipientName}`
      : `${c.recipientName}(法人のすべての事業所)`;

  const labelCell = (text: string, reading: string): TableCell =>
    ({ ...(term(text, reading, f, { bold: true }) as object), fillColor: band }) as TableCell;
  const rows: TableCell[][] = [
    [
      labelCell(m.name, r.name),
      term(p.name, katakanaToHiragana(p.nameKana), f, { fontSize: 14, bold: true }),
    ],
    [labelCell(m.recipient, r.recipient), { text: recipient, fontSize: 12 }],
    [
      labelCell(m.groups, r.groups),
      {
        table: {
          widths: ['*', 78],
          body: consentDataGroups.map((g): TableCell[] => [
            {
              stack: [
                { text: groupsLabel[g], bold: true },
                { text: m.groupDetails[g], fontSize: 9, color: muted },
              ],
            },
            c.dataGroups.includes(g)
              ? { text: `○ ${m.yes}`, bold: true, alignment: 'center', noWrap: true }
              : { text: `× ${m.no}`, color: muted, alignment: 'center', noWrap: true },
          ]),
        },
        layout: 'lightHorizontalLines',
      },
    ],
    [labelCell(m.purpose, r.purpose), { text: c.purpose }],
    [
      labelCell(m.period, r.period),
      { text: `${dateText(c.validFrom)} から\n${dateText(c.validUntil)} まで` },
    ],
  ];

  const content: Content[] = [
    { text: m.program, fontSize: 10, color: muted, margin: [0, 0, 0, 4] },
    {
      stack: [
        ...(f ? [{ text: m.titleReading, fontSize: 9, color: muted, alignment: 'center' as const }] : []),
        { text: m.title, fontSize: 20, bold: true, alignment: 'center' as const },
        ...(f
          ? [{ text: `同意書(${r.title})`, fontSize: 10, alignment: 'center' as const, color: muted }]
          : []),
      ],
      margin: [0, 0, 0, 14],
    },
    { text: m.to(p.agencyName), fontSize: 11, margin: [0, 0, 0, 8] },
    { text: m.intro, fontSize: 11, margin: [0, 0, 0, 10] },
    { table: { widths: [110, '*'], body: rows }, margin: [0, 0, 0, 12] },
    { text: m.revocable, fontSize: 10, margin: [0, 0, 0, 24] },
    {
      table: {
        widths: [110, '*'],
        heights: [36, 48],
        body: [
          [labelCell(m.date, r.date), { text: m.dateBlank, alignment: 'right', margin: [0, 12, 8, 0] }],
          [labelCell(m.signature, r.signature), { text: '' }],
        ],
      },
      margin: [0, 0, 0, 20],
    },
    {
      columns: [
        term(`${m.agency}: ${p.agencyName}`, r.agency, f, { fontSize: 10 }),
        { text: `${m.recordedBy}: ${c.recordedByName ?? ''}`, fontSize: 10, alignment: 'right' },
      ],
    },
    { text: `${m.consentId}: ${c.id}`, fontSize: 8, color: muted, margin: [0, 8, 0, 0] },
  ];
  if (c.revokedOn) {
    content.splice(2, 0, {
      text: m.revokedNote(dateText(c.revokedOn)),
      bold: true,
      color: ink,
      margin: [0, 0, 0, 8],
    });
  }
  return {
    info: { title: m.title, subject: m.program },
    content,
    defaultStyle: { color: ink, fontSize: 10 },
  };
}
