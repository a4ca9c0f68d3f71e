/**
 * Business days (営業日) on the Japanese calendar, for reminders and expiry: weekdays that are
 * not national holidays (祝日・振替休日・国民の休日, from the maintained @holiday-jp/holiday_jp
 * list) and not the year-end break 12/29–1/3 that public offices and most social welfare
 * corporations close for (docs/decisions/015). Dates are 'YYYY-MM-DD' calendar days in Tokyo.
 */
import holidayJp from '@holiday-jp/holiday_jp';

const holidays: Record<string, unknown> = (holidayJp as { holidays: Record<string, unknown> }).holidays;

function parts(date: string): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

function shift(date: string, days: number): string {
  const { y, m, d } = parts(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 12/29–1/3: the year-end and new-year break (年末年始), closed although not all are 祝日. */
export function isYearEndBreak(date: string): boolean {
  const { m, d } = parts(date);
  return (m === 12 && d >= 29) || (m === 1 && d <= 3);
}

/** A national holiday of Japan (incl. substitute and citizens' holidays). */
export function isNationalHoliday(date: string): boolean {
  parts(date);
  return Object.hasOwn(holidays, date);
}

export function isBusinessDay(date: string): boolean {
  const { y, m, d } = parts(date);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !isNationalHoliday(date) && !isYearEndBreak(date);
}

/**
 * The business day `n` business days after `date` (n ≥ 0; 0 gives `date` itself, even when it
 * is not a business day). addBusinessDays('2025-05-02', 1) is '2025-05-07' (Golden Week).
 */
export function addBusinessDays(date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a whole number ≥ 0');
  let current = date;
  let left = n;
  while (left > 0) {
    current = shift(current, 1);
    if (isBusinessDay(current)) left -= 1;
  }
  return current;
}

/**
 * How many business days lie after `from` up to and including `to` (0 when `to` ≤ `from`):
 * a request sent on Friday and still unanswered on Tuesday has waited 2 business days.
 */
export function businessDaysBetween(from: string, to: string): number {
  if (to <= from) return 0;
  let count = 0;
  for (let current = shift(from, 1); current <= to; current = shift(current, 1)) {
    if (isBusinessDay(current)) count += 1;
  }
  return count;
}

/** The calendar day in Tokyo of an instant (ISO timestamp or Date). */
export function tokyoDateOf(instant: string | Date): string {
  const time = typeof instant === 'string' ? new Date(instant) : instant;
  return new Date(time.getTime() + 9 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
