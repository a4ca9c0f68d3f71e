/**
 * The はたらく場 (Opportunity) domain: its controlled lists (task categories, work forms,
 * supports…), validation of what a person typed or an API client sent, the status machine,
 * freshness and "changed since" rules. Pure: no I/O, so the pages, the API, the spreadsheet
 * importer and matching all use the same rules.
 *
 * Conventions (docs/decisions/010): weekdays are ISO 1–7 (1 = 月 … 7 = 日); times 'HH:MM';
 * hours a day are stored as whole minutes; money as integer yen; dates 'YYYY-MM-DD'.
 */
import { normaliseInput } from '../../platform/text/normalise';

// ── Controlled lists ────────────────────────────────────────────────────────────────────────

/** Task categories (作業の種類): stable codes; the labels live in messages.ts. */
export const taskCategories = [
  'cleaning', // 清掃
  'laundry', // 洗濯
  'cooking_assist', // 調理補助
  'meal_service', // 配膳
  'care_assist', // 介護補助(身体介護なし)
  'transport_escort', // 送迎添乗
  'office_assist', // 事務補助
  'farming_gardening', // 農園芸
  'light_work', // 軽作業
  'grounds_upkeep', // 環境整備
  'other', // その他
] as const;
export type TaskCategory = (typeof taskCategories)[number];

/** The Japanese labels of the task categories, also used for the search text and imports. */
export const taskCategoryLabels: Record<TaskCategory, string> = {
  cleaning: '清掃',
  laundry: '洗濯',
  cooking_assist: '調理補助',
  meal_service: '配膳',
  care_assist: '介護補助(身体介護なし)',
  transport_escort: '送迎添乗',
  office_assist: '事務補助',
  farming_gardening: '農園芸',
  light_work: '軽作業',
  grounds_upkeep: '環境整備',
  other: 'その他',
};

export const workSettings = ['indoor', 'outdoor', 'both'] as const;
export type WorkSetting = (typeof workSettings)[number];

export const physicalLoads = ['light', 'moderate', 'heavy'] as const;
export type PhysicalLoad = (typeof physicalLoads)[number];

/**
 * The forms of work an opportunity offers: the program's registration-sheet letter (A 短期就労型,
 * B–D 就労訓練) × 雇用型 (employed) or 非雇用型 (unpaid). See docs/glossary.md for how these map
 * to the program-wide WorkForm (short_term / training_employed / training_unpaid).
 */
export const workFormOffers = [
  'a_employed',
  'a_unpaid',
  'b_employed',
  'b_unpaid',
  'c_employed',
  'c_unpaid',
  'd_employed',
  'd_unpaid',
] as const;
export type WorkFormOffer = (typeof workFormOffers)[number];
export type WorkForm = 'short_term' | 'training_employed' | 'training_unpaid';

/** The program-wide WorkForm (GLOSSARY) of an offered form. */
export function workFormOf(offer: WorkFormOffer): WorkForm {
  if (offer.startsWith('a_')) return 'short_term';
  return offer.endsWith('_employed') ? 'training_employed' : 'training_unpaid';
}

/** B–D are 就労訓練事業 and need the facility's 認定 under 生活困窮者自立支援法. */
export function needsCertification(offer: WorkFormOffer): boolean {
  return !offer.startsWith('a_');
}

export function isEmployed(offer: WorkFormOffer): boolean {
  return offer.endsWith('_employed');
}

/**
 * Support a facility can give (配慮・支援). Each is stored as offered, explicitly not available
 * (e.g. 車椅子不可), or unknown (neither), so matching can tell "no" from "not said".
 */
export const supportCodes = [
  'short_hours', // 短時間から可
  'supervision', // 見守りあり
  'visual_instructions', // 作業指示を紙や図で
  'rest_breaks', // 休憩の配慮
  'medical_visits', // 通院への配慮
  'mental_developmental', // 精神・発達特性への理解
  'japanese_learners', // 日本語に不安がある方も可
  'gender_consideration', // 性別への配慮
  'wheelchair', // 車椅子可
  'smoke_free', // 禁煙環境
  'same_mentor', // 決まった担当者が指導
  'quiet_break_space', // 静かな休憩場所
  'written_communication', // 筆談での対応
  'gradual_increase', // 時間・日数を少しずつ増やせる
  'step_up_to_employment', // 雇用への移行の可能性あり
] as const;
export type SupportCode = (typeof supportCodes)[number];
export type SupportAnswer = 'yes' | 'no';

export const payTypes = ['none', 'hourly', 'daily'] as const;
export type PayType = (typeof payTypes)[number];

export const mealOptions = ['none', 'provided', 'paid'] as const;
export type MealOption = (typeof mealOptions)[number];

export const uniformOptions = ['none', 'lent', 'own'] as const;
export type UniformOption = (typeof uniformOptions)[number];

export const opportunityStatuses = ['draft', 'published', 'paused', 'full', 'archived'] as const;
export type OpportunityStatus = (typeof opportunityStatuses)[number];

/** Statuses in which an opportunity no longer takes people ("closed" for changed-since). */
export const closedStatuses: readonly OpportunityStatus[] = ['paused', 'full', 'archived'];

/** Statuses shown on the public summary page (受付中 / 満員 / 受付休止中). */
export const publicStatuses: readonly OpportunityStatus[] = ['published', 'full', 'paused'];

/** ISO weekdays: 1 = Monday (月) … 7 = Sunday (日). */
export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof weekdays)[number];
export const weekdayLabels: Record<Weekday, string> = {
  1: '月',
  2: '火',
  3: '水',
  4: '木',
  5: '金',
  6: '土',
  7: '日',
};

export const MAX_TITLE = 100;
export const MAX_DESCRIPTION = 2000;
export const MAX_NOTE = 500;
export const MAX_WINDOWS = 28;
export const MAX_CAPACITY = 99;
export const MAX_YEN = 100_000;

// ── Values ──────────────────────────────────────────────────────────────────────────────────

export type TimeWindow = { weekday: Weekday; start: string; end: string; capacity: number };

/** A validated opportunity, as stored (snake_case = column names; windows in their own table). */
export type OpportunityValues = {
  title: string;
  description: string;
  tasks: TaskCategory[];
  setting: WorkSetting;
  physical_load: PhysicalLoad;
  work_forms: WorkFormOffer[];
  min_daily_minutes: number | null;
  max_daily_minutes: number | null;
  min_days_per_week: number | null;
  max_days_per_week: number | null;
  works_on_holidays: number;
  year_end_closed: number;
  holiday_note: string | null;
  earliest_start_date: string | null;
  pay_type: PayType;
  pay_yen: number | null;
  transport_allowance: number;
  transport_cap_yen: number | null;
  meals: MealOption;
  uniform: UniformOption;
  what_to_bring: string | null;
  health_check_required: number;
  documents_required: string | null;
  supports: SupportCode[];
  supports_unavailable: SupportCode[];
  support_note: string | null;
  visit_possible: number;
  trial_possible: number;
  interview_required: number;
  windows: TimeWindow[];
};

export type OpportunityField = Exclude<keyof OpportunityValues, 'windows'> | 'windows';

/** What a field can arrive as: a form string, or a JSON value. */
export type RawValue = string | number | boolean | null | undefined;

/** Input in one shape for forms, the API and the importer: lists as arrays, windows as rows. */
export type OpportunityInput = Partial<
  Record<
    Exclude<OpportunityField, 'tasks' | 'work_forms' | 'windows' | 'supports' | 'supports_unavailable'>,
    RawValue
  >
> & {
  tasks?: readonly RawValue[];
  work_forms?: readonly RawValue[];
  /** Support code → 'yes' | 'no' | '' (unknown). */
  supports?: Readonly<Record<string, RawValue>>;
  windows?: readonly { weekday?: RawValue; start?: RawValue; end?: RawValue; capacity?: RawValue }[];
};

export type OpportunityErrorCode =
  | 'required'
  | 'tooLong'
  | 'invalidChoice'
  | 'unknownTaskCategory'
  | 'unknownWorkForm'
  | 'unknownSupport'
  | 'certificationRequired'
  | 'employedNeedsPay'
  | 'invalidWeekday'
  | 'invalidTime'
  | 'endBeforeStart'
  | 'invalidCapacity'
  | 'windowRequired'
  | 'tooManyWindows'
  | 'invalidHours'
  | 'minAboveMax'
  | 'invalidDays'
  | 'invalidDate'
  | 'invalidYen'
  | 'yenRequired'
  | 'invalidFlag';

/**
 * Errors keyed by field; a time window's are keyed `windows.<row>.<part>` (row from 0, part
 * weekday | start | end | capacity), so a form shows each at the right row.
 */
export type OpportunityErrors = Record<string, OpportunityErrorCode>;

/** What validation needs to know beyond the input: whether the facility holds a valid 認定. */
export type ValidationContext = { hasValidCertification: boolean };

// ── Parsing helpers ─────────────────────────────────────────────────────────────────────────

function text(raw: RawValue): string {
  if (raw === null || raw === undefined) return '';
  return normaliseInput(String(raw));
}

/** Free text keeps its line breaks (NFKC per line, outer blanks trimmed). */
function longText(raw: RawValue): string {
  if (raw === null || raw === undefined) return '';
  return String(raw)
    .normalize('NFKC')
    .replace(/\r\n?/g, '\n')
    .replace(/\u3000/g, ' ')
    .trim();
}

function choice<T extends string>(raw: RawValue, choices: readonly T[]): T | undefined {
  const value = text(raw);
  return choices.find((c) => c === value);
}

/** '1', 'true', 'yes', 'on', true → 1; '0', 'false', 'no', '', false, null → 0; else undefined. */
export function parseFlag(raw: RawValue): number | undefined {
  if (raw === true || raw === 1) return 1;
  if (raw === false || raw === 0 || raw === null || raw === undefined) return 0;
  const value = text(raw).toLowerCase();
  if (['1', 'true', 'yes', 'on', 'はい', 'あり', '可'].includes(value)) return 1;
  if (['', '0', 'false', 'no', 'off', 'いいえ', 'なし', '不可'].includes(value)) return 0;
  return undefined;
}

/** 'H:MM' or 'HH:MM' (full-width digits and colon accepted) → 'HH:MM', 00:00–24:00. */
export function parseTime(raw: RawValue): string | undefined {
  const value = text(raw).replace('：', ':');
  const match = /^(\d{1,2}):(\d{2})$/.exec(value);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return undefined;
  return `${String(hours).padStart(2, '0')}:${match[2]}`;
}

export function minutesOfTime(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

function wholeNumber(raw: RawValue): number | undefined {
  if (typeof raw === 'number') return Number.isInteger(raw) ? raw : undefined;
  const value = text(raw).replace(/,/g, '');
  return /^-?\d{1,9}$/.test(value) ? Number(value) : undefined;
}

/** Hours a day, in steps of a quarter hour (e.g. 1.5) → whole minutes; 0.25–24. */
export function parseHours(raw: RawValue): number | null | undefined {
  const value = typeof raw === 'number' ? String(raw) : text(raw);
  if (value === '') return null;
  if (!/^\d{1,2}(\.\d{1,2})?$/.test(value)) return undefined;
  const minutes = Number(value) * 60;
  if (!Number.isInteger(minutes) || minutes % 15 !== 0 || minutes < 15 || minutes > 24 * 60) return undefined;
  return minutes;
}

export function hoursOfMinutes(minutes: number | null): string {
  return minutes === null ? '' : String(minutes / 60);
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** 'YYYY-MM-DD' (also 'YYYY/MM/DD', full-width digits) → 'YYYY-MM-DD'. */
export function parseDate(raw: RawValue): string | null | undefined {
  const value = text(raw).replace(/\//g, '-');
  if (value === '') return null;
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (!match) return undefined;
  const date = `${match[1]}-${match[2]?.padStart(2, '0')}-${match[3]?.padStart(2, '0')}`;
  return isCalendarDate(date) ? date : undefined;
}

function isBlankWindow(row: {
  weekday?: RawValue;
  start?: RawValue;
  end?: RawValue;
  capacity?: RawValue;
}): boolean {
  return [row.weekday, row.start, row.end, row.capacity].every((v) => text(v) === '');
}

// ── Validation ──────────────────────────────────────────────────────────────────────────────

/**
 * Validates an opportunity. Returns the stored values, or every error found (field → code);
 * blank time-window rows (a form shows spares) are skipped.
 */
export function validateOpportunity(
  input: OpportunityInput,
  context: ValidationContext,
): { ok: true; value: OpportunityValues } | { ok: false; errors: OpportunityErrors } {
  const errors: OpportunityErrors = {};
  const fail = (field: string, code: OpportunityErrorCode) => {
    errors[field] ??= code;
  };

  const title = text(input.title);
  if (title === '') fail('title', 'required');
  else if (title.length > MAX_TITLE) fail('title', 'tooLong');

  const description = longText(input.description);
  if (description.length > MAX_DESCRIPTION) fail('description', 'tooLong');

  const tasks: TaskCategory[] = [];
  for (const raw of input.tasks ?? []) {
    const code = choice(raw, taskCategories);
    if (!code) fail('tasks', 'unknownTaskCategory');
    else if (!tasks.includes(code)) tasks.push(code);
  }
  if (tasks.length === 0) fail('tasks', 'required');

  const setting = choice(input.setting, workSettings);
  if (!setting) fail('setting', text(input.setting) === '' ? 'required' : 'invalidChoice');
  const physicalLoad = choice(input.physical_load, physicalLoads);
  if (!physicalLoad) fail('physical_load', text(input.physical_load) === '' ? 'required' : 'invalidChoice');

  const workForms: WorkFormOffer[] = [];
  for (const raw of input.work_forms ?? []) {
    const code = choice(raw, workFormOffers);
    if (!code) fail('work_forms', 'unknownWorkForm');
    else if (!workForms.includes(code)) workForms.push(code);
  }
  if (workForms.length === 0) fail('work_forms', 'required');
  else if (workForms.some(needsCertification) && !context.hasValidCertification) {
    fail('work_forms', 'certificationRequired');
  }
  workForms.sort((a, b) => workFormOffers.indexOf(a) - workFormOffers.indexOf(b));

  // Time windows: each non-blank row must be complete and valid.
  const windows: TimeWindow[] = [];
  const rows = input.windows ?? [];
  rows.forEach((row, index) => {
    if (isBlankWindow(row)) return;
    const key = (part: string) => `windows.${index}.${part}`;
    const weekdayNumber = wholeNumber(row.weekday);
    const weekday = weekdays.find((d) => d === weekdayNumber);
    if (!weekday) fail(key('weekday'), text(row.weekday) === '' ? 'required' : 'invalidWeekday');
    const start = parseTime(row.start);
    if (!start) fail(key('start'), text(row.start) === '' ? 'required' : 'invalidTime');
    const end = parseTime(row.end);
    if (!end) fail(key('end'), text(row.end) === '' ? 'required' : 'invalidTime');
    if (start && end && minutesOfTime(end) <= minutesOfTime(start)) fail(key('end'), 'endBeforeStart');
    const capacity = wholeNumber(row.capacity);
    if (capacity === undefined || capacity < 0 || capacity > MAX_CAPACITY) {
      fail(key('capacity'), text(row.capacity) === '' ? 'required' : 'invalidCapacity');
    }
    if (weekday && start && end && capacity !== undefined) windows.push({ weekday, start, end, capacity });
  });
  const filledRows = rows.filter((row) => !isBlankWindow(row)).length;
  if (filledRows === 0) fail('windows', 'windowRequired');
  else if (filledRows > MAX_WINDOWS) fail('windows', 'tooManyWindows');
  windows.sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));

  const minDaily = parseHours(input.min_daily_minutes);
  if (minDaily === undefined) fail('min_daily_minutes', 'invalidHours');
  const maxDaily = parseHours(input.max_daily_minutes);
  if (maxDaily === undefined) fail('max_daily_minutes', 'invalidHours');
  if (typeof minDaily === 'number' && typeof maxDaily === 'number' && minDaily > maxDaily) {
    fail('min_daily_minutes', 'minAboveMax');
  }

  const days = (raw: RawValue, field: string): number | null | undefined => {
    if (text(raw) === '') return null;
    const n = wholeNumber(raw);
    if (n === undefined || n < 1 || n > 7) {
      fail(field, 'invalidDays');
      return undefined;
    }
    return n;
  };
  const minDays = days(input.min_days_per_week, 'min_days_per_week');
  const maxDays = days(input.max_days_per_week, 'max_days_per_week');
  if (typeof minDays === 'number' && typeof maxDays === 'number' && minDays > maxDays) {
    fail('min_days_per_week', 'minAboveMax');
  }

  const flag = (field: OpportunityField) => {
    const value = parseFlag((input as Record<string, RawValue>)[field]);
    if (value === undefined) fail(field, 'invalidFlag');
    return value ?? 0;
  };

  const note = (field: OpportunityField, max = MAX_NOTE): string | null => {
    const value = longText((input as Record<string, RawValue>)[field]);
    if (value.length > max) fail(field, 'tooLong');
    return value === '' ? null : value;
  };

  const earliestStart = parseDate(input.earliest_start_date);
  if (earliestStart === undefined) fail('earliest_start_date', 'invalidDate');

  const yen = (raw: RawValue, field: string, required: boolean): number | null => {
    if (text(raw) === '') {
      if (required) fail(field, 'yenRequired');
      return null;
    }
    const n = wholeNumber(raw);
    if (n === undefined || n < 0 || n > MAX_YEN) {
      fail(field, 'invalidYen');
      return null;
    }
    return n;
  };
  const payType = choice(text(input.pay_type) === '' ? 'none' : input.pay_type, payTypes);
  if (!payType) fail('pay_type', 'invalidChoice');
  const payYen = payType && payType !== 'none' ? yen(input.pay_yen, 'pay_yen', true) : null;
  if (workForms.some(isEmployed) && payType === 'none') fail('pay_type', 'employedNeedsPay');

  const transportAllowance = flag('transport_allowance');
  const transportCap = transportAllowance ? yen(input.transport_cap_yen, 'transport_cap_yen', false) : null;

  const meals = choice(text(input.meals) === '' ? 'none' : input.meals, mealOptions);
  if (!meals) fail('meals', 'invalidChoice');
  const uniform = choice(text(input.uniform) === '' ? 'none' : input.uniform, uniformOptions);
  if (!uniform) fail('uniform', 'invalidChoice');

  const supports: SupportCode[] = [];
  const supportsUnavailable: SupportCode[] = [];
  for (const [code, raw] of Object.entries(input.supports ?? {})) {
    const support = supportCodes.find((s) => s === code);
    const answer = text(raw);
    if (!support) {
      if (answer !== '') fail('supports', 'unknownSupport');
      continue;
    }
    if (answer === 'yes') supports.push(support);
    else if (answer === 'no') supportsUnavailable.push(support);
    else if (answer !== '') fail(`supports.${support}`, 'invalidChoice');
  }
  const bySupportOrder = (a: SupportCode, b: SupportCode) =>
    supportCodes.indexOf(a) - supportCodes.indexOf(b);
  supports.sort(bySupportOrder);
  supportsUnavailable.sort(bySupportOrder);

  const value: OpportunityValues = {
    title,
    description,
    tasks: taskCategories.filter((t) => tasks.includes(t)),
    setting: setting ?? 'indoor',
    physical_load: physicalLoad ?? 'light',
    work_forms: workForms,
    min_daily_minutes: minDaily ?? null,
    max_daily_minutes: maxDaily ?? null,
    min_days_per_week: minDays ?? null,
    max_days_per_week: maxDays ?? null,
    works_on_holidays: flag('works_on_holidays'),
    year_end_closed: flag('year_end_closed'),
    holiday_note: note('holiday_note'),
    earliest_start_date: earliestStart ?? null,
    pay_type: payType ?? 'none',
    pay_yen: payYen,
    transport_allowance: transportAllowance,
    transport_cap_yen: transportCap,
    meals: meals ?? 'none',
    uniform: uniform ?? 'none',
    what_to_bring: note('what_to_bring'),
    health_check_required: flag('health_check_required'),
    documents_required: note('documents_required'),
    supports,
    supports_unavailable: supportsUnavailable,
    support_note: note('support_note'),
    visit_possible: flag('visit_possible'),
    trial_possible: flag('trial_possible'),
    interview_required: flag('interview_required'),
    windows,
  };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value };
}

/** The stored values as input again (for a PATCH to merge into, or a form to show). */
export function inputOfValues(values: OpportunityValues): OpportunityInput {
  const supports: Record<string, string> = {};
  for (const code of values.supports) supports[code] = 'yes';
  for (const code of values.supports_unavailable) supports[code] = 'no';
  return {
    ...values,
    min_daily_minutes: hoursOfMinutes(values.min_daily_minutes),
    max_daily_minutes: hoursOfMinutes(values.max_daily_minutes),
    supports,
    windows: values.windows.map((w) => ({ ...w })),
  };
}

// ── Status ──────────────────────────────────────────────────────────────────────────────────

const transitions: Record<OpportunityStatus, readonly OpportunityStatus[]> = {
  draft: ['published', 'archived'],
  published: ['paused', 'full', 'archived'],
  paused: ['published', 'full', 'archived'],
  full: ['published', 'paused', 'archived'],
  archived: [],
};

/** The statuses an opportunity may move to from `from`. */
export function nextStatuses(from: OpportunityStatus): readonly OpportunityStatus[] {
  return transitions[from];
}

/** draft → published → paused | full → archived (paused and full may reopen; archived is final). */
export function transitionStatus(
  from: OpportunityStatus,
  to: OpportunityStatus,
): { ok: true; status: OpportunityStatus } | { ok: false; error: 'invalidTransition' } {
  return transitions[from].includes(to)
    ? { ok: true, status: to }
    : { ok: false, error: 'invalidTransition' };
}

// ── Freshness ───────────────────────────────────────────────────────────────────────────────

const DAY_MS = 86_400_000;

/** A published opportunity is to be confirmed by its facility this often (setting overrides). */
export const CONFIRM_EVERY_DAYS = 60;
/** The same opportunity is not reminded about again within this many days. */
export const REMIND_AGAIN_AFTER_DAYS = 7;
/** Unconfirmed this long, an opportunity is marked 「情報が古い可能性」. */
export const STALE_AFTER_DAYS = 120;

export function daysAgo(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}

/** True when the facility should confirm the opportunity (published and unconfirmed for `days`). */
export function needsConfirmation(
  opportunity: { status: OpportunityStatus; lastConfirmedAt: string },
  now: Date,
  days = CONFIRM_EVERY_DAYS,
): boolean {
  return opportunity.status === 'published' && opportunity.lastConfirmedAt <= daysAgo(now, days);
}

/** 「情報が古い可能性」: not confirmed for STALE_AFTER_DAYS days. */
export function isStale(opportunity: { lastConfirmedAt: string }, now: Date): boolean {
  return opportunity.lastConfirmedAt <= staleThreshold(now);
}

/** A lastConfirmedAt at or before this is stale at `now` (for checking many rows at once). */
export function staleThreshold(now: Date): string {
  return daysAgo(now, STALE_AFTER_DAYS);
}

// ── Changes ─────────────────────────────────────────────────────────────────────────────────

export type ChangeKind = 'new' | 'changed' | 'closed';

/**
 * How an opportunity changed since `since` (ISO timestamp), for digests and API clients:
 * - new: first published after `since` and taking people now;
 * - closed: was published at `since` (first published before it) and moved to paused, full or
 *   archived after it;
 * - changed: published before `since`, taking people now, and edited (or reopened) after it.
 * Anything else (a draft, or opened and closed again within the period) is undefined.
 */
export function classifyChange(
  opportunity: {
    status: OpportunityStatus;
    publishedAt: string | null;
    updatedAt: string;
    statusChangedAt: string;
  },
  since: string,
): ChangeKind | undefined {
  const { status, publishedAt } = opportunity;
  if (!publishedAt) return undefined;
  if (status === 'published') {
    if (publishedAt > since) return 'new';
    return opportunity.updatedAt > since ? 'changed' : undefined;
  }
  if (closedStatuses.includes(status) && publishedAt <= since && opportunity.statusChangedAt > since) {
    return 'closed';
  }
  return undefined;
}

// ── Capacity ────────────────────────────────────────────────────────────────────────────────

/**
 * Open places in a time window: capacity minus the placements holding a place in it (active or
 * awaiting the municipality's 支援決定), never below 0. The stored figure is
 * `opportunity_window.open_places` (kept by src/placements; OpportunityDetail.windowOpenPlaces):
 * pass it as `openPlaces`, or pass the number of holding placements.
 */
export function openPlaces(
  window: { capacity: number; openPlaces?: number | null },
  activePlacements = 0,
): number {
  if (typeof window.openPlaces === 'number') return Math.max(0, window.openPlaces);
  return Math.max(0, window.capacity - activePlacements);
}

/** Field → { before, after } for the values that differ (arrays and windows compared as JSON). */
export function diffValues(
  before: Partial<Record<string, unknown>>,
  after: Partial<Record<string, unknown>>,
): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    const was = before[key] ?? null;
    const now = after[key] ?? null;
    if (JSON.stringify(was) !== JSON.stringify(now)) changes[key] = { before: was, after: now };
  }
  return changes;
}
