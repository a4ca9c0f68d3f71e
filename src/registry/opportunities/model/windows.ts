/**
 * Time windows (weekday, start, end, capacity): reading a time of day, comparing times, telling
 * a spare form row from a filled one, and the open places left in a window.
 */
import { text } from './parse';
import type { RawValue } from './values';

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

export function isBlankWindow(row: {
  weekday?: RawValue;
  start?: RawValue;
  end?: RawValue;
  capacity?: RawValue;
}): boolean {
  return [row.weekday, row.start, row.end, row.capacity].every((v) => text(v) === '');
}

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
