/**
 * Tables for spreadsheets: one column list describes a sheet's headers, widths and cell values,
 * and the same list writes an Excel workbook (`tableToXlsx`) or a CSV (`tableToCsv`), so an
 * export offers both formats with the same columns in the same order.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

export type CellValue = string | number | null;

export type TableColumn<Row> = {
  /** The header shown in the first row (Japanese). */
  header: string;
  /** Column width in characters (Excel's unit); a full-width character counts about 2. */
  width: number;
  value: (row: Row) => CellValue;
  /** Excel number format, e.g. '#,##0' for yen. */
  numberFormat?: string;
};

/**
 * An .xlsx workbook with one sheet: a bold header row, frozen so it stays in view, an
 * autofilter over the data, the column widths given, and text cells wrapped at line breaks.
 */
export async function tableToXlsx<Row>(
  sheetName: string,
  columns: readonly TableColumn<Row>[],
  rows: readonly Row[],
  options: { creator?: string; now?: Date } = {},
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = options.creator ?? 'Hataraku';
  workbook.created = options.now ?? new Date();
  const sheet = workbook.addWorksheet(sheetName, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
  });
  sheet.columns = columns.map((column, index) => ({
    header: column.header,
    key: `c${index}`,
    width: column.width,
    style: column.numberFormat ? { numFmt: column.numberFormat } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
  for (const row of rows) {
    const added = sheet.addRow(columns.map((column) => column.value(row)));
    added.alignment = { vertical: 'top', wrapText: true };
  }
  if (columns.length > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer as ArrayBuffer);
}

/** The byte-order mark that tells Excel a CSV is UTF-8 (without it, Excel reads Shift_JIS). */
export const UTF8_BOM = '\uFEFF';

/**
 * Text that Excel would run as a formula when a CSV is opened (=, +, -, @, tab, CR first) gets a
 * leading apostrophe (OWASP "CSV injection"): free text typed by one organisation is opened by
 * another. The xlsx writer stores strings as strings and needs no such guard.
 */
export function defuseFormula(cell: CellValue): CellValue {
  return typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/**
 * A CSV as Excel on a Japanese PC opens it: UTF-8 with a BOM, CRLF line ends, a header row, and
 * fields quoted when they hold a comma, a quote or a line break (RFC 4180).
 */
export function tableToCsv<Row>(columns: readonly TableColumn<Row>[], rows: readonly Row[]): string {
  const records: CellValue[][] = [
    columns.map((column) => column.header),
    ...rows.map((row) => columns.map((column) => column.value(row))),
  ];
  return (
    UTF8_BOM +
    stringify(
      records.map((record) => record.map((cell) => (cell === null ? '' : defuseFormula(cell)))),
      // csv-stringify quotes only the record delimiter (CRLF); a lone LF in a cell must be quoted too.
      { record_delimiter: 'windows', quoted_match: /[\r\n]/ },
    )
  );
}
