/**
 * Dates as people in Japan write them on intake forms: 西暦 (2026-04-01, 2026/4/1, 2026年4月1日)
 * and 和暦 (平成8年4月1日, 平成元年, H8.4.1, 昭和55/3/2), full-width digits included. Pure.
 * A 和暦 date must fall inside its era (平成31年5月1日 is 令和元年5月1日, so it is refused).
 */

type Era = { name: string; letters: readonly string[]; start: string; end: string | null };

/** The eras people alive today were born in, with their first (and last) Gregorian day. */
export const eras: readonly Era[] = [
  { name: '明治', letters: ['M', '明'], start: '1868-10-23', end: '1912-07-29' },
  { name: '大正', letters: ['T', '大'], start: '1912-07-30', end: '1926-12-24' },
  { name: '昭和', letters: ['S', '昭'], start: '1926-12-25', end: '1989-01-07' },
  { name: '平成', letters: ['H', '平'], start: '1989-01-08', end: '2019-04-30' },
  { name: '令和', letters: ['R', '令'], start: '2019-05-01', end: null },
];

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function isoOf(year: number, month: number, day: number): string | undefined {
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : undefined;
}

function eraOf(label: string): Era | undefined {
  const upper = label.toUpperCase();
  return eras.find((e) => e.name === label || e.letters.includes(upper));
}

/**
 * Reads a date in 西暦 or 和暦 and returns 'YYYY-MM-DD', '' for blank input, or undefined when
 * it is not a date (or not a day of the era it names).
 */
export function parseJapaneseDate(raw: string | null | undefined): string | undefined {
  if (raw === null || raw === undefined) return '';
  const value = raw
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[(（].*[)）]$/, '');
  if (value === '') return '';
  const western = /^(\d{4})(?:[-/.]|年)(\d{1,2})(?:[-/.]|月)(\d{1,2})日?$/.exec(value);
  if (western) return isoOf(Number(western[1]), Number(western[2]), Number(western[3]));
  const japanese =
    /^(明治|大正|昭和|平成|令和|[MTSHRmtshr明大昭平令])(元|\d{1,2})(?:[-/.]|年)(\d{1,2})(?:[-/.]|月)(\d{1,2})日?$/.exec(
      value,
    );
  if (!japanese) return undefined;
  const era = eraOf(japanese[1] ?? '');
  if (!era) return undefined;
  const eraYear = japanese[2] === '元' ? 1 : Number(japanese[2]);
  if (eraYear < 1) return undefined;
  const year = Number(era.start.slice(0, 4)) + eraYear - 1;
  const iso = isoOf(year, Number(japanese[3]), Number(japanese[4]));
  if (!iso || iso < era.start || (era.end !== null && iso > era.end)) return undefined;
  return iso;
}

/** Today's date in Tokyo, 'YYYY-MM-DD'. */
export function todayInTokyo(now: Date = new Date()): string {
  return new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

/** Full years of age on `today` (both 'YYYY-MM-DD'); born on 29 February, one turns a year older on 1 March. */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age -= 1;
  return age;
}
