/**
 * The listing in its three file formats, from any list of opportunities: the A4 PDF
 * (はたらく場情報), an xlsx workbook and a CSV for Excel. Callers fetch the entries in their
 * scope (the whole registry through `listOpportunityDetailsFor`, or a search result) and pass
 * them here; nothing here queries or checks permissions.
 *
 * Reuse from a search page: load the matching opportunities as `OpportunityDetail[]` (the
 * search's filters in the store's `filtered`, then `listOpportunityDetails(db, actor, filter)`),
 * and call these with `conditions` describing the search in words for the PDF cover.
 */
import { renderPdf } from '../../platform/pdf/pdf';
import { tableToCsv, tableToXlsx } from '../../platform/xlsx/table';
import { buildListingDocument, type ListingDocumentOptions } from './document';
import { type ListingEntry, type ListingText, listingColumns, tokyoDate } from './listing';

/**
 * Most opportunities in one PDF (about 4 a page: 250 pages; about 3 s of layout, which pdfmake
 * does synchronously, measured at 2,000 entries = 6.3 s); the cover says when more matched.
 */
export const MAX_PDF_ENTRIES = 1_000;
/** Most rows in one spreadsheet export. */
export const MAX_SHEET_ROWS = 50_000;

export function renderListingPdf(
  t: ListingText,
  entries: readonly ListingEntry[],
  options: ListingDocumentOptions,
): Promise<Buffer> {
  return renderPdf(buildListingDocument(t, entries, options));
}

export function renderListingXlsx(
  t: ListingText,
  entries: readonly ListingEntry[],
  options: { baseUrl: string; now: Date },
): Promise<Buffer> {
  return tableToXlsx(t.m.sheetName, listingColumns(t, options.baseUrl), entries, { now: options.now });
}

/** UTF-8 with BOM, CRLF: opens in Excel with the Japanese intact. */
export function renderListingCsv(
  t: ListingText,
  entries: readonly ListingEntry[],
  options: { baseUrl: string },
): string {
  return tableToCsv(listingColumns(t, options.baseUrl), entries);
}

/** hataraku-ba-2026-11-25.pdf */
export function listingFileName(t: ListingText, now: Date, extension: 'pdf' | 'xlsx' | 'csv'): string {
  return `${t.m.fileName(tokyoDate(now))}.${extension}`;
}
