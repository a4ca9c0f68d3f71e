/**
 * What matching compares, in one shape for the pure modules (constraints.ts, score.ts): the
 * participant's needs (the latest assessment, the 支援決定, an origin point) and an opportunity's
 * offer. Plus the two calculations both sides share: which time windows fit the person's
 * availability, and an estimated travel time. Pure: no I/O (docs/matching.md).
 */
import type { AvailabilityWindow, TravelMode } from '../participants/assessment';
import {
  minutesOfTime,
  type OpportunityStatus,
  type SupportCode,
  type TaskCategory,
  type TimeWindow,
  type Weekday,
  type WorkFormOffer,
} from '../registry/opportunities/opportunity';
import { haversineKm, type Point } from '../registry/search/distance';

export type { Point };

/** The participant's side: the latest assessment, the 支援決定, and where they start from. */
export type MatchNeeds = {
  tasks: readonly TaskCategory[];
  /** Empty: availability was not recorded, so schedule fit cannot be judged (不明). */
  windows: readonly AvailabilityWindow[];
  minDailyMinutes: number | null;
  maxDailyMinutes: number | null;
  minDaysPerWeek: number | null;
  maxDaysPerWeek: number | null;
  travelMaxMinutes: number | null;
  travelMaxMetres: number | null;
  travelModes: readonly TravelMode[];
  supports: readonly SupportCode[];
  /** A 支援決定 is recorded: forms B–D (就労訓練) can be used. */
  hasSupportDecision: boolean;
  /** The participant's municipality office (the nearest station is free text), or null. */
  origin: Point | null;
};

/** The opportunity's side, as stored (lists parsed). */
export type MatchOpportunity = {
  id: string;
  title: string;
  facilityName: string;
  municipalityName: string;
  status: OpportunityStatus;
  tasks: readonly TaskCategory[];
  workForms: readonly WorkFormOffer[];
  supports: readonly SupportCode[];
  supportsUnavailable: readonly SupportCode[];
  minDailyMinutes: number | null;
  maxDailyMinutes: number | null;
  minDaysPerWeek: number | null;
  maxDaysPerWeek: number | null;
  windows: readonly TimeWindow[];
  visitPossible: number;
  trialPossible: number;
  transportAllowance: number;
  transportCapYen: number | null;
  lastConfirmedAt: string;
  /** The facility's own coordinates, else its municipality office; null when neither is known. */
  point: Point | null;
  /** True when `point` is the municipality office (the facility has no coordinates). */
  pointIsOffice: boolean;
};

// ── Schedule ────────────────────────────────────────────────────────────────────────────────

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const COLON = 58;

function digitAt(time: string, index: number): number {
  const code = time.charCodeAt(index);
  return code >= DIGIT_0 && code <= DIGIT_9 ? code - DIGIT_0 : -1;
}

/**
 * minutesOfTime without splitting the string: ranking compares every window of up to 100k
 * opportunities with every availability slot (issue 6). "HH:MM" and "H:MM" are read digit by
 * digit; anything else goes to minutesOfTime, so the result is the same for every input.
 */
export function fastMinutesOfTime(time: string): number {
  const colon = time.length - 3;
  if ((colon === 1 || colon === 2) && time.charCodeAt(colon) === COLON) {
    const h1 = colon === 2 ? digitAt(time, 0) : 0;
    const h2 = digitAt(time, colon - 1);
    const m1 = digitAt(time, colon + 1);
    const m2 = digitAt(time, colon + 2);
    if (h1 >= 0 && h2 >= 0 && m1 >= 0 && m2 >= 0) return (h1 * 10 + h2) * 60 + m1 * 10 + m2;
  }
  return minutesOfTime(time);
}

/** An availability slot with its times as minutes after midnight, parsed once per call. */
type Slot = { weekday: Weekday; start: number; end: number };

/**
 * The slots of the availability last asked for: a ranking asks with the same list for every
 * candidate (issue 6). Keyed by the list itself, which nothing changes once assessed.
 */
let lastSlots: { of: readonly AvailabilityWindow[]; slots: Slot[] } | undefined;

function slotsOf(availability: readonly AvailabilityWindow[]): Slot[] {
  if (lastSlots?.of !== availability) {
    lastSlots = {
      of: availability,
      slots: availability.map((a) => ({
        weekday: a.weekday,
        start: fastMinutesOfTime(a.start),
        end: fastMinutesOfTime(a.end),
      })),
    };
  }
  return lastSlots.slots;
}

function longestOverlap(weekday: Weekday, start: number, end: number, slots: readonly Slot[]): number {
  let best = 0;
  for (const a of slots) {
    if (a.weekday !== weekday) continue;
    const overlap = Math.min(end, a.end) - Math.max(start, a.start);
    if (overlap > best) best = overlap;
  }
  return best;
}

/**
 * The minutes of `w` the person can work: the longest overlap with one of their windows on the
 * same weekday.
 */
export function overlapMinutes(w: TimeWindow, availability: readonly AvailabilityWindow[]): number {
  return longestOverlap(
    w.weekday,
    fastMinutesOfTime(w.start),
    fastMinutesOfTime(w.end),
    slotsOf(availability),
  );
}

function fitsSlots(w: TimeWindow, minDailyMinutes: number | null, slots: readonly Slot[]): boolean {
  const start = fastMinutesOfTime(w.start);
  const end = fastMinutesOfTime(w.end);
  const length = end - start;
  const needed = Math.min(length, minDailyMinutes ?? length);
  return needed > 0 && longestOverlap(w.weekday, start, end, slots) >= needed;
}

/**
 * A time window fits when the person is free for as long as the opportunity asks in a day: its
 * minimum hours a day when it says so, else the whole window (the facility has not said a
 * shorter day is possible).
 */
export function windowFits(
  w: TimeWindow,
  o: Pick<MatchOpportunity, 'minDailyMinutes'>,
  availability: readonly AvailabilityWindow[],
): boolean {
  return fitsSlots(w, o.minDailyMinutes, slotsOf(availability));
}

/** The fitting windows of an opportunity (all of them when availability is unknown). */
export function fittingWindows(o: MatchOpportunity, needs: MatchNeeds): TimeWindow[] {
  if (needs.windows.length === 0) return [...o.windows];
  const slots = slotsOf(needs.windows);
  return o.windows.filter((w) => fitsSlots(w, o.minDailyMinutes, slots));
}

/** How many distinct weekdays (weekdaysOf(windows).length, without building the list). */
export function weekdayCount(windows: readonly { weekday: Weekday }[]): number {
  let count = 0;
  for (let i = 0; i < windows.length; i += 1) {
    const weekday = windows[i]?.weekday;
    let seen = false;
    for (let j = 0; j < i && !seen; j += 1) seen = windows[j]?.weekday === weekday;
    if (!seen) count += 1;
  }
  return count;
}

/** The distinct weekdays, Monday first. */
export function weekdaysOf(windows: readonly { weekday: Weekday }[]): Weekday[] {
  return [...new Set(windows.map((w) => w.weekday))].sort((a, b) => a - b);
}

// ── Travel ──────────────────────────────────────────────────────────────────────────────────

/** Speeds of the estimate (docs/matching.md): straight-line distance, no detours. */
export const WALK_METRES_PER_MINUTE = 80;
export const BICYCLE_METRES_PER_MINUTE = 250;
export const TRANSIT_KM_PER_HOUR = 30;
export const TRANSIT_FIXED_MINUTES = 10;

/** Minutes to cover `metres` by `mode`. */
export function minutesByMode(metres: number, mode: TravelMode): number {
  if (mode === 'walk') return metres / WALK_METRES_PER_MINUTE;
  if (mode === 'bicycle') return metres / BICYCLE_METRES_PER_MINUTE;
  return TRANSIT_FIXED_MINUTES + (metres / 1000 / TRANSIT_KM_PER_HOUR) * 60;
}

/** Modes assumed when the assessment names none: walking, train and bus. */
export const DEFAULT_MODES: readonly TravelMode[] = ['walk', 'train', 'bus'];

export type TravelEstimate = {
  metres: number;
  /** Whole minutes by the fastest of the person's modes. */
  minutes: number;
  /** The same, unrounded (for the limit check, so it agrees with reachKm). */
  exactMinutes: number;
  mode: TravelMode;
  /** The modes were not recorded: DEFAULT_MODES were assumed. */
  modesAssumed: boolean;
};

/**
 * True when both ends are the same municipality office: the facility has no coordinates and is
 * in the participant's municipality, so the trip cannot be estimated (it is not 0 minutes).
 */
export function sameOffice(needs: MatchNeeds, o: Placed): boolean {
  return (
    o.pointIsOffice &&
    needs.origin !== null &&
    o.point !== null &&
    needs.origin.lat === o.point.lat &&
    needs.origin.lng === o.point.lng
  );
}

/** The estimated trip, or undefined when either end is unknown (or both are the same office). */
/** Where an opportunity is, all travel needs of it. */
export type Placed = Pick<MatchOpportunity, 'point' | 'pointIsOffice'>;

export function estimateTravel(needs: MatchNeeds, o: Placed): TravelEstimate | undefined {
  if (!needs.origin || !o.point || sameOffice(needs, o)) return undefined;
  const metres = haversineKm(needs.origin, o.point) * 1000;
  const modesAssumed = needs.travelModes.length === 0;
  const modes = modesAssumed ? DEFAULT_MODES : needs.travelModes;
  let best: { minutes: number; mode: TravelMode } | undefined;
  for (const mode of modes) {
    const minutes = minutesByMode(metres, mode);
    if (!best || minutes < best.minutes) best = { minutes, mode };
  }
  // modes is never empty
  const chosen = best ?? { minutes: minutesByMode(metres, 'train'), mode: 'train' as const };
  return {
    metres,
    minutes: Math.round(chosen.minutes),
    exactMinutes: chosen.minutes,
    mode: chosen.mode,
    modesAssumed,
  };
}

/**
 * Estimated trips longer than the limit by more than this factor are excluded (a hard
 * constraint); up to it they are kept and flagged, as the estimate is rough (straight line,
 * from a municipality office).
 */
export const TRAVEL_TOLERANCE = 1.5;

/** The greatest straight-line distance (km) that can stay within the travel limit's tolerance. */
export function reachKm(needs: MatchNeeds): number | undefined {
  const limits: number[] = [];
  if (needs.travelMaxMetres !== null) limits.push((needs.travelMaxMetres * TRAVEL_TOLERANCE) / 1000);
  if (needs.travelMaxMinutes !== null) {
    const minutes = needs.travelMaxMinutes * TRAVEL_TOLERANCE;
    const modes = needs.travelModes.length === 0 ? DEFAULT_MODES : needs.travelModes;
    const km = Math.max(
      ...modes.map((mode) => {
        if (mode === 'walk') return (minutes * WALK_METRES_PER_MINUTE) / 1000;
        if (mode === 'bicycle') return (minutes * BICYCLE_METRES_PER_MINUTE) / 1000;
        return (Math.max(0, minutes - TRANSIT_FIXED_MINUTES) / 60) * TRANSIT_KM_PER_HOUR;
      }),
    );
    limits.push(km);
  }
  return limits.length === 0 ? undefined : Math.min(...limits);
}
