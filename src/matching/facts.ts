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

/**
 * The minutes of `w` the person can work: the longest overlap with one of their windows on the
 * same weekday.
 */
export function overlapMinutes(w: TimeWindow, availability: readonly AvailabilityWindow[]): number {
  let best = 0;
  const start = minutesOfTime(w.start);
  const end = minutesOfTime(w.end);
  for (const a of availability) {
    if (a.weekday !== w.weekday) continue;
    const overlap = Math.min(end, minutesOfTime(a.end)) - Math.max(start, minutesOfTime(a.start));
    if (overlap > best) best = overlap;
  }
  return best;
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
  const length = minutesOfTime(w.end) - minutesOfTime(w.start);
  const needed = Math.min(length, o.minDailyMinutes ?? length);
  return needed > 0 && overlapMinutes(w, availability) >= needed;
}

/** The fitting windows of an opportunity (all of them when availability is unknown). */
export function fittingWindows(o: MatchOpportunity, needs: MatchNeeds): TimeWindow[] {
  if (needs.windows.length === 0) return [...o.windows];
  return o.windows.filter((w) => windowFits(w, o, needs.windows));
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
export function sameOffice(needs: MatchNeeds, o: MatchOpportunity): boolean {
  return (
    o.pointIsOffice &&
    needs.origin !== null &&
    o.point !== null &&
    needs.origin.lat === o.point.lat &&
    needs.origin.lng === o.point.lng
  );
}

/** The estimated trip, or undefined when either end is unknown (or both are the same office). */
export function estimateTravel(needs: MatchNeeds, o: MatchOpportunity): TravelEstimate | undefined {
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
