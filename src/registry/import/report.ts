/** Import errors and refusals in words: 「3行目 『曜日と時間』: …」. */
import { opportunityMessages } from '../opportunities/messages';
import type { OpportunityErrorCode } from '../opportunities/opportunity';
import { type CellError, columnHeaders } from './layout';
import type { ImportMessages } from './messages';
import type { Refusal } from './service';

type OpportunityMessages = (typeof opportunityMessages)['ja'];

const choiceColumns = new Set(['tasks', 'work_forms', 'setting', 'physical_load']);

/** What is wrong in the cell, without the row and column. */
export function cellMessage(error: CellError, m: ImportMessages, om: OpportunityMessages): string {
  const detail = error.detail ?? '';
  const codes = m.codes;
  switch (error.code) {
    case 'facilityRequired':
      return codes.facilityRequired;
    case 'facilityNotFound':
    case 'facilityAmbiguous':
    case 'facilityInactive':
    case 'facilityForbidden':
    case 'unknownLabel':
    case 'workFormFormat':
    case 'windowFormat':
    case 'flagFormat':
    case 'dateFormat':
    case 'payFormat':
    case 'transportFormat':
    case 'supportBoth':
    case 'statusFormat':
      return codes[error.code](detail);
    default: {
      const code: OpportunityErrorCode = error.code;
      const text =
        code === 'required' && choiceColumns.has(error.column) ? om.errors.requiredChoice : om.errors[code];
      return error.detail ? codes.inWindow(error.detail, text) : text;
    }
  }
}

/** 「3行目 『曜日と時間』: 「火 13:00-12:00 1名」: 終了時刻は開始時刻より後にしてください」 */
export function errorLine(error: CellError, m: ImportMessages, locale: 'ja' | 'en' = 'ja'): string {
  return m.errorLine(
    error.row,
    columnHeaders[error.column],
    cellMessage(error, m, opportunityMessages[locale]),
  );
}

/** Why a whole file is refused. */
export function refusalMessage(
  refusal: Refusal | { problem: 'noFile' | 'tooLarge' | 'expired' },
  m: ImportMessages,
) {
  const r = m.refused;
  switch (refusal.problem) {
    case 'unclosedQuote':
      return r.unclosedQuote('line' in refusal ? (refusal.line ?? 1) : 1);
    case 'missingColumns':
      return r.missingColumns(refusal.columns.map((c) => `『${columnHeaders[c]}』`).join(''));
    case 'tooManyRows':
      return r.tooManyRows(refusal.rows);
    default:
      return r[refusal.problem];
  }
}
