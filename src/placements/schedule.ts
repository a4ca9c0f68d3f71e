/**
 * A placement's weekly schedule (the person's own days and times, e.g. 月水金 11:00–13:00) and
 * which of the opportunity's time windows it occupies. Pure: no I/O.
 *
 * A window is occupied when, on the same weekday, the person's time overlaps the window's time
 * (half-open intervals: 8:30–12:00 and 12:00–13:00 do not overlap). A scheduled day that
 * overlaps no window has no place to hold (docs/decisions/020).
 */
import { minutesOfTime, parseTime, weekdays } from '../registry/opportunities/opportunity';

export type ScheduleEntry = { weekday: number; start: string; end: string };

export type WindowSlot = { id: string; weekday: number; start: string; end: string };

export const MAX_SCHEDULE_ENTRIES = 14;

/** True when the two times overlap on the same weekday. */
export function overlaps(entry: ScheduleEntry, window: Omit<WindowSlot, 'id'>): boolean {
  return (
    entry.weekday === window.weekday &&
    minutesOfTime(entry.start) < minutesOfTime(window.end) &&
    minutesOfTime(window.start) < minutesOfTime(entry.end)
  );
}

/**
 * The windows a schedule occupies (ids in a stable order, each once) and the entries that
 * overlap none (`uncovered`).
 */
export function occupiedWindows(
  schedule: readonly ScheduleEntry[],
  windows: readonly WindowSlot[],
): { windowIds: string[]; uncovered: ScheduleEntry[] } {
  const ids = new Set<string>();
  const uncovered: ScheduleEntry[] = [];
  for (const entry of schedule) {
    const hit = windows.filter((w) => overlaps(entry, w));
    if (hit.length === 0) uncovered.push(entry);
    for (const w of hit) ids.add(w.id);
  }
  return { windowIds: [...ids].sort(), uncovered };
}

/**
 * Checks and normalises a schedule: weekdays 1–7, times 'HH:MM' with end after start, entries
 * of one weekday not overlapping, 1–14 entries; sorted by weekday and time. Undefined when invalid.
 */
export function normaliseSchedule(raw: readonly ScheduleEntry[]): ScheduleEntry[] | undefined {
  if (raw.length === 0 || raw.length > MAX_SCHEDULE_ENTRIES) return undefined;
  const result: ScheduleEntry[] = [];
  for (const entry of raw) {
    const weekday = weekdays.find((d) => d === entry.weekday);
    const start = parseTime(entry.start);
    const end = parseTime(entry.end);
    if (!weekday || !start || !end || minutesOfTime(end) <= minutesOfTime(start)) return undefined;
    if (result.some((e) => e.weekday === weekday && overlaps(e, { weekday, start, end }))) return undefined;
    result.push({ weekday, start, end });
  }
  return result.sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
}

/** Parses the stored JSON schedule (invalid rows are dropped). */
export function parseStoredSchedule(json: string): ScheduleEntry[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) return [];
  return parsed.filter(
    (e): e is ScheduleEntry =>
      typeof e === 'object' &&
      e !== null &&
      typeof (e as ScheduleEntry).weekday === 'number' &&
      typeof (e as ScheduleEntry).start === 'string' &&
      typeof (e as ScheduleEntry).end === 'string',
  );
}
