/**
 * A small RFC 4180 CSV reader for the spreadsheet import (csv-parse is not installed): fields
 * separated by commas, records by CRLF, LF or CR; a field in double quotes may hold commas, line
 * breaks and doubled quotes (""). Text outside quotes is kept as is (Excel writes nothing else).
 */

export type CsvResult =
  | { ok: true; records: string[][] }
  | { ok: false; error: 'unclosedQuote'; line: number };

/** Splits CSV text (already decoded, without a BOM) into records of fields. */
export function parseCsv(text: string): CsvResult {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let quoteLine = 0;
  let line = 1;
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      if (ch === '\n') line += 1;
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      quoteLine = line;
      i += 1;
    } else if (ch === ',') {
      endField();
      i += 1;
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      line += 1;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i += 1;
    }
  }
  if (quoted) return { ok: false, error: 'unclosedQuote', line: quoteLine };
  // The last record, unless the text ended with a line break.
  if (field !== '' || record.length > 0) endRecord();
  return { ok: true, records };
}
