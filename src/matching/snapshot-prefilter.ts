/**
 * The matching pre-filter over the in-memory registry snapshot (docs/decisions/031, 033): the
 * conditions of store.ts's SQL `preFiltered`, checked on the snapshot's columns, and with
 * `hardConstraints` also what the ranking would exclude anyway. store.test.ts compares it with the
 * SQL on both databases. Pure apart from reading the snapshot it is given.
 */
import type { Actor } from '../platform/auth/policy';
import { minutesOfTime, type TimeWindow } from '../registry/opportunities/opportunity';
import {
  EVER_PUBLISHED,
  FACTS_PER_WINDOW,
  forEachPosition,
  OFFERS_SHORT_TERM,
  POINT_IS_OFFICE,
  type RegistryColumns,
  STATUS_FULL,
  STATUS_PUBLISHED,
} from '../registry/search/columns';
import { codeMask, type RegistryEntry, type RegistrySnapshot } from '../registry/search/snapshot';
import { beyondReach } from './constraints';
import { estimateTravel, type MatchOpportunity } from './facts';
import type { PreFilter } from './store';

/** An opportunity of the snapshot as matching sees it, with the given windows. */
export function opportunityOf(e: RegistryEntry, windows: TimeWindow[]): MatchOpportunity {
  return {
    id: e.id,
    title: e.title,
    facilityName: e.facilityName,
    municipalityName: e.municipalityName,
    status: e.status,
    tasks: e.tasks,
    workForms: e.workForms,
    supports: e.supports,
    supportsUnavailable: e.supportsUnavailable,
    minDailyMinutes: e.minDailyMinutes,
    maxDailyMinutes: e.maxDailyMinutes,
    minDaysPerWeek: e.minDaysPerWeek,
    maxDaysPerWeek: e.maxDaysPerWeek,
    windows,
    visitPossible: e.visitPossible,
    trialPossible: e.trialPossible,
    transportAllowance: e.transportAllowance,
    transportCapYen: e.transportCapYen,
    lastConfirmedAt: e.lastConfirmedAt,
    point: e.point,
    pointIsOffice: e.pointIsOffice,
  };
}

/**
 * The pre-filter over the snapshot: the conditions of `preFiltered`, in JS. Each kept entry
 * comes with its windows on the person's availability (all of them when it is unknown); an
 * opportunity without such a window is not kept, as the SQL's inner join would not. With
 * `filter.hardConstraints`, rows the ranking would exclude anyway are dropped and counted.
 */
export function preFilterSnapshot(
  snapshot: RegistrySnapshot,
  actor: Actor,
  filter: PreFilter,
): { entry: RegistryEntry; windows: TimeWindow[] }[] & { dropped?: number } {
  const out: { entry: RegistryEntry; windows: TimeWindow[] }[] & { dropped?: number } = [];
  out.dropped = 0;
  if (actor.role !== 'counsellor') return out;
  const availability = filter.availability.map((a) => ({
    weekday: a.weekday,
    start: minutesOfTime(a.start),
    end: minutesOfTime(a.end),
  }));
  const known = availability.length > 0;
  let days = 0;
  for (const a of availability) days |= 1 << a.weekday;
  const box = filter.box;
  const hard = filter.hardConstraints;
  const anyTask = codeMask('task', filter.tasks).mask;
  if (filter.tasks.length > 0 && anyTask === 0) return out;
  const cols = snapshot.columns();
  const { flags, taskMask, dayMask, lat, lng, windowStart, windowFacts } = cols;
  const needed = EVER_PUBLISHED | (filter.trainingFormsUsable ? 0 : OFFERS_SHORT_TERM);
  const status = STATUS_PUBLISHED | (filter.includeFull ? STATUS_FULL : 0);
  const kept: number[] = [];
  const neededSupports = hard ? codeMask('support', hard.needs.supports).mask : 0;
  // Where the entry at the current position is, for the travel check (read before it returns).
  const place = { point: { lat: 0, lng: 0 }, pointIsOffice: false };
  forEachPosition(cols, { box }, (p) => {
    const f = flags[p] as number;
    if ((f & needed) !== needed || (f & status) === 0) return;
    if (box) {
      const y = lat[p] as number;
      const x = lng[p] as number;
      if (y < box.minLat || y > box.maxLat || x < box.minLng || x > box.maxLng) return;
    }
    if (anyTask !== 0 && ((taskMask[p] as number) & anyTask) === 0) return;
    if (known && ((dayMask[p] as number) & days) === 0) return;
    // The windows on the availability: same weekday and some common minutes (as the SQL join).
    kept.length = 0;
    const first = windowStart[p] as number;
    const last = windowStart[p + 1] as number;
    for (let i = first; i < last; i++) {
      if (known) {
        const at = i * FACTS_PER_WINDOW;
        const weekday = windowFacts[at] as number;
        if ((days & (1 << weekday)) === 0) continue;
        const start = windowFacts[at + 1] as number;
        const end = windowFacts[at + 2] as number;
        let overlaps = false;
        for (const a of availability) {
          if (a.weekday === weekday && start < a.end && end > a.start) {
            overlaps = true;
            break;
          }
        }
        if (!overlaps) continue;
      }
      kept.push(i - first);
    }
    if (kept.length === 0) return;
    if (hard) {
      let excluded = excludedForSure(cols, p, kept, availability, filter.includeFull, neededSupports);
      if (!excluded && hard.needs.origin) {
        place.point.lat = lat[p] as number;
        place.point.lng = lng[p] as number;
        place.pointIsOffice = ((flags[p] as number) & POINT_IS_OFFICE) !== 0;
        const travel = estimateTravel(hard.needs, place);
        excluded = travel !== undefined && beyondReach(hard.needs, travel);
      }
      if (excluded) {
        out.dropped = (out.dropped ?? 0) + 1;
        return;
      }
    }
    const e = cols.order[p] as RegistryEntry;
    const windows: TimeWindow[] = [];
    for (const i of kept) windows.push(e.windows[i] as TimeWindow);
    out.push({ entry: e, windows });
  });
  return out;
}

/**
 * True when exclusionsOf (constraints.ts) would exclude the opportunity with these windows:
 * a needed support explicitly unavailable; availability known and no window fitting it
 * (windowFits: the overlap covers the window, or the opportunity's minimum day if shorter); or,
 * unless includeFull, 満員 or no open place in any fitting window.
 */
function excludedForSure(
  cols: RegistryColumns,
  p: number,
  kept: readonly number[],
  availability: readonly { weekday: number; start: number; end: number }[],
  includeFull: boolean,
  neededSupports: number,
): boolean {
  if (((cols.supportsUnavailableMask[p] as number) & neededSupports) !== 0) return true;
  const first = cols.windowStart[p] as number;
  const minDaily = cols.minDailyMinutes[p] as number;
  const facts = cols.windowFacts;
  let fitting = 0;
  let open = false;
  for (const i of kept) {
    const at = (first + i) * FACTS_PER_WINDOW;
    const weekday = facts[at] as number;
    if (availability.length > 0) {
      const start = facts[at + 1] as number;
      const end = facts[at + 2] as number;
      const length = end - start;
      const needed = minDaily < 0 ? length : Math.min(length, minDaily);
      let best = 0;
      for (const a of availability) {
        if (a.weekday !== weekday) continue;
        const overlap = Math.min(end, a.end) - Math.max(start, a.start);
        if (overlap > best) best = overlap;
      }
      if (!(needed > 0 && best >= needed)) continue;
    }
    fitting += 1;
    if ((facts[at + 3] as number) > 0) open = true;
  }
  if (availability.length > 0 && fitting === 0) return true;
  const full = ((cols.flags[p] as number) & STATUS_FULL) !== 0;
  if (!includeFull && (full || (fitting > 0 && !open))) return true;
  return false;
}
