/**
 * The assessment (アセスメント): one dated version of what the person wants and can do, in the
 * registry's own vocabulary (task categories, support codes, ISO weekdays, 'HH:MM', minutes a
 * day) so matching can compare it with はたらく場 directly. Pure.
 */
import {
  hoursOfMinutes,
  minutesOfTime,
  parseHours,
  parseTime,
  type SupportCode,
  supportCodes,
  type TaskCategory,
  taskCategories,
  type Weekday,
  weekdays,
} from '../registry/opportunities/opportunity';
import { parseJapaneseDate } from './japanese-date';
import type { RawValue } from './participant';

export const travelModes = ['walk', 'bicycle', 'train', 'bus'] as const;
export type TravelMode = (typeof travelModes)[number];

export const MAX_ASSESSMENT_TEXT = 2000;
export const MAX_ASSESSMENT_WINDOWS = 21;
export const MAX_TRAVEL_MINUTES = 240;
export const MAX_TRAVEL_KM = 100;

export type AvailabilityWindow = { weekday: Weekday; start: string; end: string };

export type AssessmentValues = {
  assessed_on: string;
  tasks: TaskCategory[];
  windows: AvailabilityWindow[];
  min_daily_minutes: number | null;
  max_daily_minutes: number | null;
  min_days_per_week: number | null;
  max_days_per_week: number | null;
  travel_max_minutes: number | null;
  travel_max_metres: number | null;
  travel_modes: TravelMode[];
  strengths: string | null;
  difficulties: string | null;
  supports: SupportCode[];
  health_note: string | null;
  goal_short: string | null;
  goal_long: string | null;
  notes: string | null;
};

export type AssessmentInput = {
  assessed_on?: RawValue;
  tasks?: readonly RawValue[];
  windows?: readonly { weekday?: RawValue; start?: RawValue; end?: RawValue }[];
  min_daily_minutes?: RawValue;
  max_daily_minutes?: RawValue;
  min_days_per_week?: RawValue;
  max_days_per_week?: RawValue;
  travel_max_minutes?: RawValue;
  /** Kilometres, e.g. 2.5. */
  travel_max_km?: RawValue;
  travel_modes?: readonly RawValue[];
  strengths?: RawValue;
  difficulties?: RawValue;
  supports?: readonly RawValue[];
  health_note?: RawValue;
  goal_short?: RawValue;
  goal_long?: RawValue;
  notes?: RawValue;
};

export type AssessmentErrorCode =
  | 'required'
  | 'tooLong'
  | 'invalidDate'
  | 'dateInFuture'
  | 'unknownTaskCategory'
  | 'unknownSupport'
  | 'unknownTravelMode'
  | 'invalidWeekday'
  | 'invalidTime'
  | 'endBeforeStart'
  | 'tooManyWindows'
  | 'invalidHours'
  | 'invalidDays'
  | 'minAboveMax'
  | 'invalidMinutes'
  | 'invalidKm';

/** Errors keyed by field; a window's are `windows.<row>.<part>` (row from 0). */
export type AssessmentErrors = Record<string, AssessmentErrorCode>;

function text(raw: RawValue): string {
  if (raw === null || raw === undefined) return '';
  return String(raw)
    .normalize('NFKC')
    .replace(/\u3000/g, ' ')
    .trim();
}

function longText(raw: RawValue): string {
  if (raw === null || raw === undefined) return '';
  return String(raw)
    .normalize('NFKC')
    .replace(/\r\n?/g, '\n')
    .replace(/\u3000/g, ' ')
    .trim();
}

function codes<T extends string>(
  raws: readonly RawValue[] | undefined,
  allowed: readonly T[],
  onUnknown: () => void,
): T[] {
  const found = new Set<T>();
  for (const raw of raws ?? []) {
    const value = text(raw);
    if (value === '') continue;
    const code = allowed.find((a) => a === value);
    if (code) found.add(code);
    else onUnknown();
  }
  return allowed.filter((a) => found.has(a));
}

/** Validates an assessment; `today` ('YYYY-MM-DD', Tokyo) bounds the assessment date. */
export function validateAssessment(
  input: AssessmentInput,
  today: string,
): { ok: true; value: AssessmentValues } | { ok: false; errors: AssessmentErrors } {
  const errors: AssessmentErrors = {};
  const fail = (field: string, code: AssessmentErrorCode) => {
    errors[field] ??= code;
  };

  const assessedOn = parseJapaneseDate(text(input.assessed_on));
  if (assessedOn === '') fail('assessed_on', 'required');
  else if (assessedOn === undefined) fail('assessed_on', 'invalidDate');
  else if (assessedOn > today) fail('assessed_on', 'dateInFuture');

  const tasks = codes(input.tasks, taskCategories, () => fail('tasks', 'unknownTaskCategory'));
  const supports = codes(input.supports, supportCodes, () => fail('supports', 'unknownSupport'));
  const modes = codes(input.travel_modes, travelModes, () => fail('travel_modes', 'unknownTravelMode'));

  const windows: AvailabilityWindow[] = [];
  let filled = 0;
  (input.windows ?? []).forEach((row, index) => {
    if (text(row.start) === '' && text(row.end) === '') return;
    filled += 1;
    const key = (part: string) => `windows.${index}.${part}`;
    const weekdayNumber = Number(text(row.weekday));
    const weekday = weekdays.find((d) => d === weekdayNumber);
    if (!weekday) fail(key('weekday'), 'invalidWeekday');
    const start = parseTime(row.start);
    if (!start) fail(key('start'), text(row.start) === '' ? 'required' : 'invalidTime');
    const end = parseTime(row.end);
    if (!end) fail(key('end'), text(row.end) === '' ? 'required' : 'invalidTime');
    if (start && end && minutesOfTime(end) <= minutesOfTime(start)) fail(key('end'), 'endBeforeStart');
    if (weekday && start && end) windows.push({ weekday, start, end });
  });
  if (filled > MAX_ASSESSMENT_WINDOWS) fail('windows', 'tooManyWindows');
  windows.sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));

  const minDaily = parseHours(input.min_daily_minutes);
  if (minDaily === undefined) fail('min_daily_minutes', 'invalidHours');
  const maxDaily = parseHours(input.max_daily_minutes);
  if (maxDaily === undefined) fail('max_daily_minutes', 'invalidHours');
  if (typeof minDaily === 'number' && typeof maxDaily === 'number' && minDaily > maxDaily) {
    fail('min_daily_minutes', 'minAboveMax');
  }

  const whole = (raw: RawValue, field: string, min: number, max: number, code: AssessmentErrorCode) => {
    const value = text(raw);
    if (value === '') return null;
    if (!/^\d{1,4}$/.test(value) || Number(value) < min || Number(value) > max) {
      fail(field, code);
      return undefined;
    }
    return Number(value);
  };
  const minDays = whole(input.min_days_per_week, 'min_days_per_week', 1, 7, 'invalidDays');
  const maxDays = whole(input.max_days_per_week, 'max_days_per_week', 1, 7, 'invalidDays');
  if (typeof minDays === 'number' && typeof maxDays === 'number' && minDays > maxDays) {
    fail('min_days_per_week', 'minAboveMax');
  }
  const travelMinutes = whole(
    input.travel_max_minutes,
    'travel_max_minutes',
    1,
    MAX_TRAVEL_MINUTES,
    'invalidMinutes',
  );
  let travelMetres: number | null = null;
  const km =
    typeof input.travel_max_km === 'number' ? String(input.travel_max_km) : text(input.travel_max_km);
  if (km !== '') {
    const value = Number(km);
    if (!/^\d{1,3}(\.\d)?$/.test(km) || value <= 0 || value > MAX_TRAVEL_KM)
      fail('travel_max_km', 'invalidKm');
    else travelMetres = Math.round(value * 1000);
  }

  const note = (field: keyof AssessmentInput): string | null => {
    const value = longText(input[field] as RawValue);
    if (value.length > MAX_ASSESSMENT_TEXT) fail(field, 'tooLong');
    return value === '' ? null : value;
  };

  const value: AssessmentValues = {
    assessed_on: assessedOn ?? '',
    tasks,
    windows,
    min_daily_minutes: minDaily ?? null,
    max_daily_minutes: maxDaily ?? null,
    min_days_per_week: minDays ?? null,
    max_days_per_week: maxDays ?? null,
    travel_max_minutes: travelMinutes ?? null,
    travel_max_metres: travelMetres,
    travel_modes: modes,
    strengths: note('strengths'),
    difficulties: note('difficulties'),
    supports,
    health_note: note('health_note'),
    goal_short: note('goal_short'),
    goal_long: note('goal_long'),
    notes: note('notes'),
  };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value };
}

/** Kilometres as typed back into a form: 2500 → '2.5'. */
export function kmOfMetres(metres: number | null): string {
  return metres === null ? '' : String(metres / 1000);
}

/** The stored values as input again (a new version starts from the latest one). */
export function inputOfAssessment(values: AssessmentValues): AssessmentInput {
  return {
    ...values,
    min_daily_minutes: hoursOfMinutes(values.min_daily_minutes),
    max_daily_minutes: hoursOfMinutes(values.max_daily_minutes),
    travel_max_km: kmOfMetres(values.travel_max_metres),
    windows: values.windows.map((w) => ({ ...w })),
  };
}

/** The assessment that counts: the latest assessed_on, then the highest version. */
export function latestOf<T extends { assessedOn: string; version: number }>(
  versions: readonly T[],
): T | undefined {
  return [...versions].sort((a, b) => b.assessedOn.localeCompare(a.assessedOn) || b.version - a.version)[0];
}
