/**
 * Reading one raw value (a form string or a JSON value) as text, a choice, a flag, a whole
 * number, hours a day or a date. Each parser returns undefined for a value it cannot read, so
 * validation can say which field is wrong.
 */
import { normaliseInput } from '../../../platform/text/normalise';
import type { RawValue } from './values';

export function text(raw: RawValue): string {
  if (raw === null || raw === undefined) return '';
  return normaliseInput(String(raw));
}

/** Free text keeps its line breaks (NFKC per line, outer blanks trimmed). */
export function longText(raw: RawValue): string {
  if (raw === null || raw === undefined) return '';
  return String(raw)
    .normalize('NFKC')
    .replace(/\r\n?/g, '\n')
    .replace(/\u3000/g, ' ')
    .trim();
}

export function choice<T extends string>(raw: RawValue, choices: readonly T[]): T | undefined {
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

export function wholeNumber(raw: RawValue): number | undefined {
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
