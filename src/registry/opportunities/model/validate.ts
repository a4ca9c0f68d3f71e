/**
 * Validation of a whole はたらく場: from input in one shape (forms, the API, the importer) to
 * the stored values, or every error found; and the stored values as input again.
 */
import {
  isEmployed,
  MAX_CAPACITY,
  MAX_DESCRIPTION,
  MAX_NOTE,
  MAX_TITLE,
  MAX_WINDOWS,
  MAX_YEN,
  mealOptions,
  needsCertification,
  payTypes,
  physicalLoads,
  type SupportCode,
  supportCodes,
  type TaskCategory,
  taskCategories,
  uniformOptions,
  type WorkFormOffer,
  weekdays,
  workFormOffers,
  workSettings,
} from './codes';
import {
  choice,
  hoursOfMinutes,
  longText,
  parseDate,
  parseFlag,
  parseHours,
  text,
  wholeNumber,
} from './parse';
import type {
  OpportunityErrorCode,
  OpportunityErrors,
  OpportunityField,
  OpportunityInput,
  OpportunityValues,
  RawValue,
  TimeWindow,
  ValidationContext,
} from './values';
import { isBlankWindow, minutesOfTime, parseTime } from './windows';

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
