/**
 * The column layout of the はたらく場 import sheet (the 登録シート equivalent, documented in
 * docs/registry-import.md) and the conversion of one sheet row into the domain's
 * `OpportunityInput`. Pure: the cell formats people type in Excel (「月水金 8:30-12:00 2名」,
 * ○/×, 令和8年4月1日, 時給1,100円 …) are read here; every field rule stays in
 * `validateOpportunity`, whose error keys `columnOfField` maps back onto columns.
 */
import { normaliseInput } from '../../platform/text/normalise';
import { opportunityMessages } from '../opportunities/messages';
import {
  type OpportunityErrorCode,
  type OpportunityInput,
  physicalLoads,
  type SupportCode,
  supportCodes,
  type TaskCategory,
  taskCategories,
  taskCategoryLabels,
  type Weekday,
  type WorkFormOffer,
  workSettings,
} from '../opportunities/opportunity';

export const columnKeys = [
  'facility',
  'title',
  'description',
  'tasks',
  'setting',
  'physical_load',
  'work_forms',
  'windows',
  'min_daily_hours',
  'max_daily_hours',
  'min_days',
  'max_days',
  'works_on_holidays',
  'year_end_closed',
  'holiday_note',
  'earliest_start_date',
  'pay',
  'transport',
  'meals',
  'uniform',
  'what_to_bring',
  'health_check_required',
  'documents_required',
  'supports',
  'supports_unavailable',
  'support_note',
  'visit_possible',
  'trial_possible',
  'interview_required',
  'status',
] as const;
export type ColumnKey = (typeof columnKeys)[number];

/**
 * The header of each column, as it must appear in the first row (the order is free). The sheet
 * layout is Japanese whatever the page language: it is the registration sheet people know.
 */
export const columnHeaders: Record<ColumnKey, string> = {
  facility: '事業所',
  title: 'はたらく場の名前',
  description: '仕事の説明',
  tasks: '作業の種類',
  setting: '作業場所',
  physical_load: '体力的な負担',
  work_forms: '就労形態',
  windows: '曜日と時間',
  min_daily_hours: '1日の最短時間',
  max_daily_hours: '1日の最長時間',
  min_days: '週の最少日数',
  max_days: '週の最多日数',
  works_on_holidays: '祝日の作業',
  year_end_closed: '年末年始の休み',
  holiday_note: '休日についての補足',
  earliest_start_date: '開始できる日',
  pay: '工賃・賃金',
  transport: '交通費',
  meals: '食事',
  uniform: '制服・作業着',
  what_to_bring: '持ち物',
  health_check_required: '健康診断書',
  documents_required: '必要な書類',
  supports: '配慮・支援(対応できる)',
  supports_unavailable: '配慮・支援(対応できない)',
  support_note: '配慮・支援についての補足',
  visit_possible: '見学',
  trial_possible: '体験',
  interview_required: '面接',
  status: '状態',
};

/** What an import error says: a code of the domain's rules, or one of the sheet's formats. */
export type ImportErrorCode =
  | OpportunityErrorCode
  | 'facilityRequired'
  | 'facilityNotFound'
  | 'facilityAmbiguous'
  | 'facilityInactive'
  | 'facilityForbidden'
  | 'unknownLabel'
  | 'workFormFormat'
  | 'windowFormat'
  | 'flagFormat'
  | 'dateFormat'
  | 'payFormat'
  | 'transportFormat'
  | 'supportBoth'
  | 'statusFormat';

/** One problem in a cell: its row number in the sheet, its column, and what is wrong. */
export type CellError = {
  row: number;
  column: ColumnKey;
  code: ImportErrorCode;
  /** The part of the cell at fault (a label, a 曜日と時間 entry), quoted in the message. */
  detail?: string;
};

/** Header text as compared: NFKC, no blanks (so 「配慮・支援 (対応できる)」 still matches). */
export function headerKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

export type HeaderMap = {
  /** Column key → index in the row. */
  index: Partial<Record<ColumnKey, number>>;
  missing: ColumnKey[];
  /** Headers that are not part of the layout (ignored, listed in the preview). */
  ignored: string[];
};

/** Finds each column of the layout in a header row. */
export function mapHeaders(header: readonly string[]): HeaderMap {
  const byKey = new Map(columnKeys.map((key) => [headerKey(columnHeaders[key]), key]));
  const index: Partial<Record<ColumnKey, number>> = {};
  const ignored: string[] = [];
  header.forEach((text, i) => {
    const key = byKey.get(headerKey(text));
    if (key && index[key] === undefined) index[key] = i;
    else if (text.trim() !== '') ignored.push(text.trim());
  });
  return { index, missing: columnKeys.filter((key) => index[key] === undefined), ignored };
}

// ── Cell formats ────────────────────────────────────────────────────────────────────────────

/** NFKC, trimmed, inner blanks removed: how labels and short codes are compared. */
function compact(text: string): string {
  return normaliseInput(text).replace(/\s+/g, '');
}

/** Splits a list cell on 、 , ; and line breaks (NFKC turns ，；into , ;). */
export function splitList(text: string): string[] {
  return normaliseInput(text)
    .split(/[、,;\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** A lookup of Japanese labels → codes; a label also matches without its (…) note. */
function labelLookup<T extends string>(labels: Record<T, string>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [code, label] of Object.entries(labels) as [T, string][]) {
    map.set(compact(label), code);
    const bare = compact(label).replace(/\(.*\)$/, '');
    if (bare !== '' && !map.has(bare)) map.set(bare, code);
  }
  return map;
}

const ja = opportunityMessages.ja;
const taskByLabel = labelLookup<TaskCategory>(taskCategoryLabels);
const supportByLabel = labelLookup<SupportCode>(ja.supports);
const settingByLabel = labelLookup(ja.settings);
const loadByLabel = labelLookup(ja.loads);
const mealByLabel = labelLookup(ja.meals);
const uniformByLabel = labelLookup(ja.uniforms);

const weekdayOfChar: Record<string, Weekday> = { 月: 1, 火: 2, 水: 3, 木: 4, 金: 5, 土: 6, 日: 7 };

/**
 * One 曜日と時間 entry: 「月水金 8:30-12:00 2名」 (also 月・水・金, 月曜日, 平日, 毎日, 土日;
 * 〜 or ~ between the times; 名 or 人 after the headcount) → one window row per weekday.
 */
export function parseWindowEntry(
  entry: string,
): { weekdays: Weekday[]; start: string; end: string; capacity: string } | undefined {
  const text = normaliseInput(entry).replace(/\s+/g, ' ');
  const match = /^(.+?)\s*(\d{1,2}:\d{2})\s*[-~〜ー−–—]\s*(\d{1,2}:\d{2})\s*(\d{1,3})\s*(?:名|人)$/.exec(
    text,
  );
  if (!match) return undefined;
  const [, dayPart = '', start = '', end = '', capacity = ''] = match;
  let days = dayPart.replace(/曜日|曜/g, '').replace(/[・、,\s]/g, '');
  days = days.replace('平日', '月火水木金').replace('毎日', '月火水木金土日').replace('土日祝', '土日');
  const weekdays: Weekday[] = [];
  for (const ch of days) {
    const day = weekdayOfChar[ch];
    if (!day) return undefined;
    if (!weekdays.includes(day)) weekdays.push(day);
  }
  if (weekdays.length === 0) return undefined;
  return { weekdays, start, end, capacity };
}

/** ○ / × (and はい/いいえ, あり/なし, 可/不可, 1/0); blank is 「いいえ」. */
export function parseMark(cell: string): 0 | 1 | undefined {
  const value = compact(cell).toLowerCase();
  if (['○', '〇', '◯', '⚪', 'o', 'はい', 'あり', '有', '可', 'yes', '1', 'true'].includes(value)) return 1;
  if (['', '×', '✕', '✖', 'x', 'いいえ', 'なし', '無', '不可', 'no', '0', 'false', '-'].includes(value))
    return 0;
  return undefined;
}

const eras: { names: string[]; offset: number; from: string; to: string }[] = [
  { names: ['令和', 'R'], offset: 2018, from: '2019-05-01', to: '9999-12-31' },
  { names: ['平成', 'H'], offset: 1988, from: '1989-01-08', to: '2019-04-30' },
  { names: ['昭和', 'S'], offset: 1925, from: '1926-12-25', to: '1989-01-07' },
];

function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/**
 * A date as people type it: 2026-04-01, 2026/4/1, 2026年4月1日, or 和暦 令和8年4月1日 (元年,
 * R8.4.1 too) → 'YYYY-MM-DD'; '' when blank; undefined when not a date (or outside its era).
 */
export function parseImportDate(cell: string): string | undefined {
  const text = compact(cell).toUpperCase();
  if (text === '') return '';
  const pad = (n: string) => n.padStart(2, '0');
  const western = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (western) {
    const date = `${western[1]}-${pad(western[2] ?? '')}-${pad(western[3] ?? '')}`;
    return isCalendarDate(date) ? date : undefined;
  }
  const japanese = /^(令和|平成|昭和|R|H|S)(元|\d{1,2})[年.](\d{1,2})[月.](\d{1,2})日?$/.exec(text);
  if (!japanese) return undefined;
  const era = eras.find((e) => e.names.includes(japanese[1] ?? ''));
  if (!era) return undefined;
  const year = era.offset + (japanese[2] === '元' ? 1 : Number(japanese[2]));
  const date = `${year}-${pad(japanese[3] ?? '')}-${pad(japanese[4] ?? '')}`;
  if (!isCalendarDate(date) || date < era.from || date > era.to) return undefined;
  return date;
}

/** 「なし」, 「時給1,100円」, 「日給 5000円」 → pay type and amount. */
export function parsePay(cell: string): { type: string; yen: string } | undefined {
  const text = compact(cell);
  if (text === '' || text === 'なし' || text === '無給') return { type: 'none', yen: '' };
  const match = /^(時給|日給)([\d,]*)円?$/.exec(text);
  if (!match) return undefined;
  return { type: match[1] === '時給' ? 'hourly' : 'daily', yen: (match[2] ?? '').replace(/,/g, '') };
}

/** 「なし」, 「あり」, 「あり(上限500円)」, 「あり 1日500円まで」 → allowance and cap. */
export function parseTransport(cell: string): { allowance: 0 | 1; cap: string } | undefined {
  const text = compact(cell);
  const mark = parseMark(text);
  if (mark !== undefined) return { allowance: mark, cap: '' };
  const match = /^(あり|有|○|〇|はい)\(?(?:上限|1日|1日上限)?([\d,]+)円?(?:まで)?\)?$/.exec(text);
  if (!match) return undefined;
  return { allowance: 1, cap: (match[2] ?? '').replace(/,/g, '') };
}

/** 「A 非雇用型」, 「B雇用型」, 「A 短期就労型(非雇用型)」 → a work form code. */
export function parseWorkForm(item: string): WorkFormOffer | undefined {
  const match = /^([A-D])(?:短期就労型|就労訓練)?\(?(雇用型|非雇用型|雇用|非雇用)\)?$/.exec(
    compact(item).toUpperCase(),
  );
  if (!match) return undefined;
  const letter = (match[1] ?? '').toLowerCase();
  const employment = match[2]?.startsWith('非') ? 'unpaid' : 'employed';
  return `${letter}_${employment}` as WorkFormOffer;
}

// ── A row ───────────────────────────────────────────────────────────────────────────────────

/** A sheet row read through the layout, ready for validateOpportunity. */
export type ParsedRow = {
  row: number;
  facilityRef: string;
  status: 'draft' | 'published';
  input: OpportunityInput;
  /** For each window row of `input`, the 曜日と時間 entry it came from. */
  windowEntries: string[];
  /** Errors found in the cell formats (the domain's rules come later). */
  errors: CellError[];
};

/** Reads one data row; `cell(key)` gives the cell's text ('' when blank). */
export function parseRow(row: number, cell: (key: ColumnKey) => string): ParsedRow {
  const errors: CellError[] = [];
  const fail = (column: ColumnKey, code: ImportErrorCode, detail?: string) => {
    if (!errors.some((e) => e.column === column)) errors.push({ row, column, code, detail });
  };

  const facilityRef = normaliseInput(cell('facility'));
  if (facilityRef === '') fail('facility', 'facilityRequired');

  const labels = <T extends string>(column: ColumnKey, lookup: Map<string, T>): T[] => {
    const codes: T[] = [];
    for (const label of splitList(cell(column))) {
      const code = lookup.get(compact(label));
      if (code) codes.push(code);
      else fail(column, 'unknownLabel', label);
    }
    return codes;
  };
  const choice = <T extends string>(column: ColumnKey, lookup: Map<string, T>, fallback = ''): string => {
    const text = compact(cell(column));
    if (text === '') return fallback;
    const code = lookup.get(text);
    if (!code) fail(column, 'unknownLabel', normaliseInput(cell(column)));
    return code ?? fallback;
  };
  const mark = (column: ColumnKey): number => {
    const value = parseMark(cell(column));
    if (value === undefined) fail(column, 'flagFormat', normaliseInput(cell(column)));
    return value ?? 0;
  };

  const tasks = labels('tasks', taskByLabel);
  const workForms: WorkFormOffer[] = [];
  for (const item of splitList(cell('work_forms'))) {
    const form = parseWorkForm(item);
    if (form) workForms.push(form);
    else fail('work_forms', 'workFormFormat', item);
  }

  const windows: NonNullable<OpportunityInput['windows']>[number][] = [];
  const windowEntries: string[] = [];
  for (const entry of normaliseInput(cell('windows'))
    .split(/[;\n]/)
    .map((e) => e.trim())
    .filter((e) => e !== '')) {
    const parsed = parseWindowEntry(entry);
    if (!parsed) {
      fail('windows', 'windowFormat', entry);
      continue;
    }
    for (const weekday of parsed.weekdays) {
      windows.push({ weekday, start: parsed.start, end: parsed.end, capacity: parsed.capacity });
      windowEntries.push(entry);
    }
  }

  const earliest = parseImportDate(cell('earliest_start_date'));
  if (earliest === undefined)
    fail('earliest_start_date', 'dateFormat', normaliseInput(cell('earliest_start_date')));

  const pay = parsePay(cell('pay'));
  if (!pay) fail('pay', 'payFormat', normaliseInput(cell('pay')));
  const transport = parseTransport(cell('transport'));
  if (!transport) fail('transport', 'transportFormat', normaliseInput(cell('transport')));

  const supports: Record<string, string> = {};
  for (const code of labels('supports', supportByLabel)) supports[code] = 'yes';
  for (const code of labels('supports_unavailable', supportByLabel)) {
    if (supports[code] === 'yes') fail('supports_unavailable', 'supportBoth', ja.supports[code]);
    else supports[code] = 'no';
  }

  const statusText = compact(cell('status'));
  let status: 'draft' | 'published' = 'draft';
  if (['公開', '公開中', '公開中(受付中)', '受付中'].includes(statusText)) status = 'published';
  else if (!['', '下書き'].includes(statusText))
    fail('status', 'statusFormat', normaliseInput(cell('status')));

  const input: OpportunityInput = {
    title: cell('title'),
    description: cell('description'),
    tasks,
    setting: choice('setting', settingByLabel),
    physical_load: choice('physical_load', loadByLabel),
    work_forms: workForms,
    windows,
    min_daily_minutes: cell('min_daily_hours'),
    max_daily_minutes: cell('max_daily_hours'),
    min_days_per_week: cell('min_days'),
    max_days_per_week: cell('max_days'),
    works_on_holidays: mark('works_on_holidays'),
    year_end_closed: mark('year_end_closed'),
    holiday_note: cell('holiday_note'),
    earliest_start_date: earliest ?? '',
    pay_type: pay?.type ?? 'none',
    pay_yen: pay?.yen ?? '',
    transport_allowance: transport?.allowance ?? 0,
    transport_cap_yen: transport?.cap ?? '',
    meals: choice('meals', mealByLabel, 'none'),
    uniform: choice('uniform', uniformByLabel, 'none'),
    what_to_bring: cell('what_to_bring'),
    health_check_required: mark('health_check_required'),
    documents_required: cell('documents_required'),
    supports,
    support_note: cell('support_note'),
    visit_possible: mark('visit_possible'),
    trial_possible: mark('trial_possible'),
    interview_required: mark('interview_required'),
  };
  return { row, facilityRef, status, input, windowEntries, errors };
}

/** The column an error of validateOpportunity belongs to (its key is a field or `windows.<i>.<part>`). */
export function columnOfField(field: string): ColumnKey {
  const head = field.split('.')[0] ?? field;
  const map: Record<string, ColumnKey> = {
    min_daily_minutes: 'min_daily_hours',
    max_daily_minutes: 'max_daily_hours',
    min_days_per_week: 'min_days',
    max_days_per_week: 'max_days',
    pay_type: 'pay',
    pay_yen: 'pay',
    transport_allowance: 'transport',
    transport_cap_yen: 'transport',
  };
  if (map[head]) return map[head];
  return (columnKeys as readonly string[]).includes(head) ? (head as ColumnKey) : 'title';
}

/** Values a user may type in the list columns, for the template's 記入方法 sheet and the docs. */
export const allowedValues: Partial<Record<ColumnKey, string[]>> = {
  tasks: taskCategories.map((t) => taskCategoryLabels[t]),
  setting: workSettings.map((s) => ja.settings[s]),
  physical_load: physicalLoads.map((l) => ja.loads[l]),
  supports: supportCodes.map((s) => ja.supports[s]),
  meals: Object.values(ja.meals),
  uniform: Object.values(ja.uniforms),
};
