/**
 * The referral request's input — opportunity, message, proposed start (西暦 or 和暦), proposed
 * days and times, shared data groups, idempotency key — and its validation. Pure.
 */
import { type ConsentDataGroup, consentDataGroups } from '../participants/consents/consent';
import { parseJapaneseDate } from '../participants/japanese-date';
import type { ScheduleEntry } from './store/referrals';

export const MAX_MESSAGE = 2000;
export const MAX_NOTE = 1000;
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export type ReferralInput = {
  opportunityId?: unknown;
  message?: unknown;
  proposedStartDate?: unknown;
  /** Either a list of entries (API) or per-day start/end texts (form). */
  schedule?: unknown;
  dataGroups?: unknown;
  idempotencyKey?: unknown;
  overrideId?: unknown;
};

export type ReferralValues = {
  opportunityId: string;
  message: string;
  proposedStartDate: string;
  proposedSchedule: ScheduleEntry[];
  dataGroups: ConsentDataGroup[];
  idempotencyKey: string;
  overrideId: string | null;
};

export type ReferralErrorCode =
  | 'required'
  | 'tooLong'
  | 'invalidDate'
  | 'dateInPast'
  | 'invalidTime'
  | 'endBeforeStart'
  | 'scheduleRequired'
  | 'dataGroupsRequired'
  | 'invalidChoice';

/** Keys: opportunity_id, message, proposed_start_date, schedule, day_<1–7>_start|end, data_groups. */
export type ReferralErrors = Record<string, ReferralErrorCode>;

const text = (raw: unknown): string => (typeof raw === 'string' ? raw.normalize('NFKC').trim() : '');

/** 'H:MM' / 'HH:MM' / '8時30分' → 'HH:MM', or undefined. */
export function parseTime(raw: unknown): string | undefined {
  const value = text(raw).replace(/時/, ':').replace(/分$/, '').replace(/:$/, ':00');
  const match = /^(\d{1,2})[:：.](\d{2})$/.exec(value);
  if (!match) return undefined;
  const h = Number(match[1]);
  const m = Number(match[2]);
  if (h > 24 || m > 59 || (h === 24 && m > 0)) return undefined;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

function listOf(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map(text).filter((v) => v !== '');
  const single = text(raw);
  return single === '' ? [] : [single];
}

/** Form rows `day_<weekday>_start|end` as entered, for re-showing the form. */
export type DayRows = Record<number, { start: string; end: string }>;

export function dayRowsOf(body: Record<string, unknown>): DayRows {
  const rows: DayRows = {};
  for (const day of WEEKDAYS) {
    rows[day] = { start: text(body[`day_${day}_start`]), end: text(body[`day_${day}_end`]) };
  }
  return rows;
}

export function dayRowsOfSchedule(schedule: readonly ScheduleEntry[]): DayRows {
  const rows: DayRows = {};
  for (const day of WEEKDAYS) {
    const entry = schedule.find((s) => s.weekday === day);
    rows[day] = { start: entry?.start ?? '', end: entry?.end ?? '' };
  }
  return rows;
}

function scheduleOf(raw: unknown, errors: ReferralErrors): ScheduleEntry[] {
  const entries: ScheduleEntry[] = [];
  if (Array.isArray(raw)) {
    raw.forEach((item, index) => {
      const entry = item as { weekday?: unknown; start?: unknown; end?: unknown };
      const weekday = Number(entry?.weekday);
      const start = parseTime(entry?.start);
      const end = parseTime(entry?.end);
      if (!WEEKDAYS.includes(weekday as 1)) errors[`schedule.${index}.weekday`] = 'invalidChoice';
      else if (!start) errors[`schedule.${index}.start`] = 'invalidTime';
      else if (!end) errors[`schedule.${index}.end`] = 'invalidTime';
      else if (end <= start) errors[`schedule.${index}.end`] = 'endBeforeStart';
      else entries.push({ weekday, start, end });
    });
    return entries;
  }
  const rows = (raw ?? {}) as DayRows;
  for (const day of WEEKDAYS) {
    const row = rows[day];
    if (!row || (row.start === '' && row.end === '')) continue;
    const start = parseTime(row.start);
    const end = parseTime(row.end);
    if (!start) errors[`day_${day}_start`] = row.start === '' ? 'required' : 'invalidTime';
    if (!end) errors[`day_${day}_end`] = row.end === '' ? 'required' : 'invalidTime';
    if (start && end && end <= start) errors[`day_${day}_end`] = 'endBeforeStart';
    if (start && end && end > start) entries.push({ weekday: day, start, end });
  }
  return entries;
}

/** Validates a request; `today` is Tokyo's date (the proposed start may not be before it). */
export function validateReferral(
  raw: ReferralInput,
  today: string,
): { ok: true; value: ReferralValues } | { ok: false; errors: ReferralErrors } {
  const errors: ReferralErrors = {};
  const opportunityId = text(raw.opportunityId);
  if (opportunityId === '') errors.opportunity_id = 'required';
  else if (!/^[0-9a-f-]{36}$/.test(opportunityId)) errors.opportunity_id = 'invalidChoice';

  const message = typeof raw.message === 'string' ? raw.message.replace(/\r\n?/g, '\n').trim() : '';
  if (message === '') errors.message = 'required';
  else if (message.length > MAX_MESSAGE) errors.message = 'tooLong';

  const dateText = text(raw.proposedStartDate);
  const proposedStartDate = parseJapaneseDate(dateText);
  if (dateText === '') errors.proposed_start_date = 'required';
  else if (!proposedStartDate) errors.proposed_start_date = 'invalidDate';
  else if (proposedStartDate < today) errors.proposed_start_date = 'dateInPast';

  const scheduleErrors: ReferralErrors = {};
  const proposedSchedule = scheduleOf(raw.schedule, scheduleErrors);
  Object.assign(errors, scheduleErrors);
  if (proposedSchedule.length === 0 && Object.keys(scheduleErrors).length === 0) {
    errors.schedule = 'scheduleRequired';
  }
  proposedSchedule.sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));

  const groups = listOf(raw.dataGroups);
  const dataGroups = consentDataGroups.filter((g) => groups.includes(g));
  if (groups.length === 0) errors.data_groups = 'dataGroupsRequired';
  else if (dataGroups.length !== new Set(groups).size) errors.data_groups = 'invalidChoice';

  const key = text(raw.idempotencyKey);
  const idempotencyKey = /^[0-9A-Za-z_-]{8,100}$/.test(key) ? key : '';
  const override = text(raw.overrideId);

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      opportunityId,
      message,
      proposedStartDate: proposedStartDate as string,
      proposedSchedule,
      dataGroups,
      idempotencyKey,
      overrideId: /^[0-9a-f-]{36}$/.test(override) ? override : null,
    },
  };
}

/**
 * A first proposal of days and times: per weekday, the first overlap of the person's available
 * times (latest assessment) with the opportunity's windows. The counsellor changes it freely.
 */
export function proposeSchedule(
  available: readonly ScheduleEntry[],
  windows: readonly ScheduleEntry[],
): ScheduleEntry[] {
  const proposal: ScheduleEntry[] = [];
  for (const day of WEEKDAYS) {
    let found: ScheduleEntry | undefined;
    for (const a of available.filter((x) => x.weekday === day)) {
      for (const w of windows.filter((x) => x.weekday === day)) {
        // 'HH:MM' strings compare in time order; Math.max/min would not take them.
        // biome-ignore lint/complexity/useMathMinMax: string comparison
        const start = a.start > w.start ? a.start : w.start;
        // biome-ignore lint/complexity/useMathMinMax: string comparison
        const end = a.end < w.end ? a.end : w.end;
        if (start < end && !found) found = { weekday: day, start, end };
      }
    }
    if (found) proposal.push(found);
  }
  return proposal;
}
