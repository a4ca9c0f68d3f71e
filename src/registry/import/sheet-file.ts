/**
 * Reads an uploaded spreadsheet into rows of cell text, whatever it is: an Excel workbook
 * (recognised by its content, the zip signature PK\x03\x04, not by its name) or a CSV in UTF-8
 * (with or without a BOM) or Shift_JIS (Excel's Japanese default: valid UTF-8 is read as UTF-8,
 * anything else as Shift_JIS/CP932). A file that is neither says why.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parseCsv } from './csv';

export type SheetRow = { row: number; cells: string[] };

export type FileProblem =
  | 'empty'
  | 'wrongType'
  | 'legacyExcel'
  | 'garbled'
  | 'unreadableWorkbook'
  | 'unclosedQuote';

export type SheetFile =
  | { ok: true; format: 'xlsx' | 'csv'; encoding: 'utf-8' | 'shift_jis' | null; rows: SheetRow[] }
  | { ok: false; problem: FileProblem; line?: number };

/** The sheet read from a workbook: one named like this, else the first. */
export const SHEET_NAME = 'はたらく場';

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

/** Characters no text file of ours holds: controls (other than tab and line breaks) and U+FFFD. */
function hasNonText(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (
      (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
      code === 0x7f ||
      code === 0xfffd
    ) {
      return true;
    }
  }
  return false;
}

/** Text of a CSV file: UTF-8 (BOM or not) if it is valid UTF-8, else Shift_JIS (CP932). */
export function decodeCsv(
  bytes: Uint8Array,
): { ok: true; text: string; encoding: 'utf-8' | 'shift_jis' } | { ok: false; problem: FileProblem } {
  let text: string;
  let encoding: 'utf-8' | 'shift_jis' = 'utf-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    encoding = 'shift_jis';
    text = iconv.decode(Buffer.from(bytes), 'cp932');
  }
  // A NUL is binary (an image, a PDF…); other stray controls after Shift_JIS mean neither encoding fits.
  if (text.includes('\u0000')) return { ok: false, problem: 'wrongType' };
  if (hasNonText(text)) return { ok: false, problem: encoding === 'utf-8' ? 'wrongType' : 'garbled' };
  return { ok: true, text, encoding };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'はい' : 'いいえ';
  if (value instanceof Date) {
    // A time typed alone is a date on 1899-12-30 in Excel.
    if (value.getUTCFullYear() < 1900) return value.toISOString().slice(11, 16);
    return value.toISOString().slice(0, 10);
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  }
  if ('text' in value && typeof value.text === 'string') return value.text;
  return '';
}

async function readWorkbook(bytes: Uint8Array): Promise<SheetFile> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    return { ok: false, problem: 'unreadableWorkbook' };
  }
  const sheet = workbook.getWorksheet(SHEET_NAME) ?? workbook.worksheets[0];
  if (!sheet) return { ok: false, problem: 'empty' };
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let col = 1; col <= row.cellCount; col += 1) cells.push(cellText(row.getCell(col).value));
    rows.push({ row: rowNumber, cells });
  });
  return { ok: true, format: 'xlsx', encoding: null, rows };
}

/** Reads the uploaded bytes into rows (blank rows dropped, row numbers as the sheet shows them). */
export async function readSheetFile(bytes: Uint8Array): Promise<SheetFile> {
  if (bytes.length === 0) return { ok: false, problem: 'empty' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return dropBlankRows(await readWorkbook(bytes));
  // Excel 97–2003 (.xls) and other OLE files: ask for xlsx or csv.
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return { ok: false, problem: 'legacyExcel' };
  const otherFormats = [
    [0x25, 0x50, 0x44, 0x46], // %PDF
    [0x89, 0x50, 0x4e, 0x47], // PNG
    [0xff, 0xd8, 0xff], // JPEG
    [0x47, 0x49, 0x46, 0x38], // GIF
    [0x50, 0x4b], // another zip (an .ods, a .docx is caught by the workbook reader)
  ];
  if (otherFormats.some((signature) => startsWith(bytes, signature)))
    return { ok: false, problem: 'wrongType' };
  const decoded = decodeCsv(bytes);
  if (!decoded.ok) return decoded;
  const text = decoded.text.startsWith('\uFEFF') ? decoded.text.slice(1) : decoded.text;
  const parsed = parseCsv(text);
  if (!parsed.ok) return { ok: false, problem: 'unclosedQuote', line: parsed.line };
  return dropBlankRows({
    ok: true,
    format: 'csv',
    encoding: decoded.encoding,
    rows: parsed.records.map((cells, i) => ({ row: i + 1, cells })),
  });
}

function dropBlankRows(file: SheetFile): SheetFile {
  if (!file.ok) return file;
  const rows = file.rows.filter((r) => r.cells.some((cell) => cell.trim() !== ''));
  if (rows.length === 0) return { ok: false, problem: 'empty' };
  return { ...file, rows };
}
