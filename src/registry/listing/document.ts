/**
 * The はたらく場情報 document as a pdfmake definition: a cover page (title, the date in 西暦 and
 * 和暦, the count per municipality, any conditions of a search), then the opportunities grouped
 * by municipality, each as a block that never splits across pages; 「1 / 12」 at each foot.
 * Pure: `export.ts` renders it; tests look at the definition and at the rendered pages.
 */
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { formatDate, formatJapaneseEraDate } from '../../platform/i18n/format';
import { pageNumberFooter } from '../../platform/pdf/pdf';
import {
  accessText,
  groupByMunicipality,
  hoursText,
  type ListingEntry,
  type ListingText,
  payText,
  supportsText,
  tasksText,
  tokyoDate,
  transportText,
  visitText,
  windowLines,
  workFormsText,
} from './listing';

export type ListingDocumentOptions = {
  /** When the list was taken (the cover's date). */
  now: Date;
  /** How many matched in all, when `entries` was capped; the cover then says so. */
  total?: number;
  /** A search's conditions in words (e.g. 「区市町村: 新宿区、中野区」); none = the whole list. */
  conditions?: readonly string[];
};

/** The description is cut on paper; the full text is on the opportunity's page and in the sheet. */
const MAX_DESCRIPTION_CHARS = 160;

const ink = '#1a1a1a';
const muted = '#4a4a4a';
const rule = '#8a8a8a';
const band = '#e8eef4';

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function coverPage(
  t: ListingText,
  entries: readonly ListingEntry[],
  options: ListingDocumentOptions,
): Content[] {
  const { m } = t;
  const date = tokyoDate(options.now);
  const groups = groupByMunicipality(entries);
  const countRows: TableCell[][] = [
    [
      { text: m.municipality, bold: true, fillColor: band },
      { text: m.count, bold: true, alignment: 'right', fillColor: band },
    ],
    ...groups.map((g): TableCell[] => [g.name, { text: m.countValue(g.entries.length), alignment: 'right' }]),
  ];
  const total = options.total ?? entries.length;
  const content: Content[] = [
    { text: m.programName, fontSize: 12, color: muted, margin: [0, 90, 0, 8] },
    { text: m.documentTitle, fontSize: 32, bold: true, margin: [0, 0, 0, 18] },
    {
      text: [
        { text: m.asOf(formatDate(date, t.locale)), fontSize: 14 },
        t.locale === 'ja'
          ? { text: ` ${m.eraDate(formatJapaneseEraDate(date))}`, fontSize: 11, color: muted }
          : '',
      ],
      margin: [0, 0, 0, 6],
    },
    { text: m.total(total), fontSize: 14, bold: true, margin: [0, 0, 0, 18] },
    {
      text: [
        { text: `${m.conditions}: `, bold: true },
        options.conditions && options.conditions.length > 0 ? options.conditions.join(' / ') : m.allPublished,
      ],
      margin: [0, 0, 0, 12],
    },
  ];
  if (total > entries.length) {
    content.push({ text: m.truncated(entries.length, total), bold: true, margin: [0, 0, 0, 12] });
  }
  if (groups.length > 0) {
    content.push(
      { text: m.byMunicipality, fontSize: 12, bold: true, margin: [0, 6, 0, 6] },
      {
        table: { headerRows: 1, widths: [160, 60], body: countRows },
        layout: 'lightHorizontalLines',
        margin: [0, 0, 0, 18],
      },
    );
  }
  content.push({ text: m.confidential, fontSize: 9, color: muted, margin: [0, 12, 0, 0] });
  return content;
}

const labelCell = (label: string): TableCell => ({ text: label, color: muted, fontSize: 8 });
const valueCell = (value: string, colSpan?: number): TableCell =>
  colSpan ? { text: value, fontSize: 9, colSpan } : { text: value, fontSize: 9 };

/**
 * One opportunity: a band with the title and facility, then a four-column grid (label, value,
 * label, value) with short items in pairs and long ones across. `heading` is kept on top of it.
 */
function entryBlock(t: ListingText, entry: ListingEntry, heading?: Content): Content {
  const { m, om } = t;
  const l = m.labels;
  const v = entry.values;
  const rows: TableCell[][] = [];
  const pair = (a: [string, string], b: [string, string]) => {
    rows.push([labelCell(a[0]), valueCell(a[1] || '—'), labelCell(b[0]), valueCell(b[1] || '—')]);
  };
  const across = (label: string, value: string) => {
    if (value.trim() !== '') rows.push([labelCell(label), valueCell(value, 3), {}, {}]);
  };
  pair([l.tasks, tasksText(t, entry)], [l.workForms, workFormsText(t, entry)]);
  if (v.description) across(l.description, shorten(v.description, MAX_DESCRIPTION_CHARS));
  pair([l.windows, windowLines(t, v.windows).join('\n')], [l.hours, hoursText(t, entry)]);
  pair([l.pay, payText(t, entry)], [l.transport, transportText(t, entry)]);
  // 「車椅子可: 対応できない」: what the facility said it cannot do, after what it offers.
  const unavailable = v.supports_unavailable.map((code) => om.notAvailable(om.supports[code]));
  across(l.supports, [supportsText(t, entry), ...unavailable].filter((s) => s !== '').join(' / '));
  pair([l.visit, visitText(t, entry)], [l.phone, entry.phone ?? '']);
  const access = accessText(t, entry);
  across(
    l.contact,
    [
      entry.contactName ? `${l.contactName} ${entry.contactName}` : '',
      entry.contactEmail ?? '',
      access ? `${entry.address}(${access})` : entry.address,
    ]
      .filter((s) => s !== '')
      .join('  '),
  );

  const statusNote = entry.status === 'published' ? '' : `【${om.status[entry.status]}】`;
  const block: Content[] = [];
  if (heading) block.push(heading);
  block.push(
    {
      table: {
        widths: ['*'],
        body: [
          [
            {
              stack: [
                { text: `${statusNote}${v.title}`, bold: true, fontSize: 11, color: ink },
                { text: `${entry.facilityName}(${entry.corporationName})`, fontSize: 9, color: muted },
              ],
              fillColor: band,
              margin: [4, 3, 4, 3],
            },
          ],
        ],
      },
      layout: 'noBorders',
    },
    {
      table: { widths: [58, '*', 58, '*'], body: rows },
      layout: {
        hLineWidth: (i, node) => (i === node.table.body.length ? 0.5 : 0.25),
        vLineWidth: () => 0,
        hLineColor: () => rule,
        paddingLeft: () => 4,
        paddingRight: () => 4,
        paddingTop: () => 2,
        paddingBottom: () => 2,
      },
      margin: [0, 0, 0, 10],
    },
  );
  return { stack: block, unbreakable: true };
}

/** The whole document for a list of opportunities (already in the scope and order wanted). */
export function buildListingDocument(
  t: ListingText,
  entries: readonly ListingEntry[],
  options: ListingDocumentOptions,
): TDocumentDefinitions {
  const { m } = t;
  const date = formatDate(tokyoDate(options.now), t.locale);
  const body: Content[] = [];
  const groups = groupByMunicipality(entries);
  groups.forEach((group, index) => {
    const heading: Content = {
      text: m.municipalityHeading(group.name, group.entries.length),
      fontSize: 14,
      bold: true,
      margin: [0, index === 0 ? 0 : 8, 0, 6],
      headlineLevel: 1,
    };
    group.entries.forEach((entry, i) => {
      body.push(entryBlock(t, entry, i === 0 ? heading : undefined));
    });
  });
  if (groups.length === 0) body.push({ text: m.empty });
  return {
    info: {
      title: `${m.documentTitle} ${m.asOf(date)}`,
      author: m.programName,
      creator: 'Hataraku',
      subject: m.documentTitle,
    },
    language: t.locale === 'ja' ? 'ja-JP' : 'en-GB',
    content: [...coverPage(t, entries, options), { stack: body, pageBreak: 'before' }],
    header: (currentPage) =>
      currentPage === 1
        ? null
        : {
            text: m.runningHeader(date),
            alignment: 'right',
            fontSize: 8,
            color: muted,
            margin: [42, 20, 42, 0],
          },
    footer: pageNumberFooter,
  };
}
