/**
 * The registry search over the in-memory snapshot (snapshot.ts): exactly the conditions of
 * store.ts's `matching` query, checked in JS, cheapest first. store.test.ts compares the two on
 * both databases. Pure apart from reading the snapshot it is given.
 */
import type { Actor } from '../../platform/auth/policy';
import { minutesOfTime } from '../opportunities/opportunity';
import {
  EVER_PUBLISHED,
  FACTS_PER_WINDOW,
  forEachPosition,
  positionsIn,
  type RegistryColumns,
  STATUS_PUBLISHED,
  TRIAL_POSSIBLE,
  VISIT_POSSIBLE,
} from './columns';
import { haversineKm, type Point } from './distance';
import { offersOfWorkForm } from './filters';
import { firstInOrder } from './first-in-order';
import { type FitPoints, fitPointsScore } from './fit';
import { codeMask, type RegistryEntry, type RegistrySnapshot } from './snapshot';
import type { SearchCriteria } from './store';

const isCouncil = (actor: Actor) => actor.role === 'council_admin' || actor.role === 'council_staff';

const asksForWindow = (c: SearchCriteria) =>
  c.weekdays.length > 0 || c.from !== undefined || c.to !== undefined || c.openOnly;

/** The criteria as bit masks and minutes, worked out once per search rather than per entry. */
type Compiled = {
  /** 0 = any weekday. */
  weekdayMask: number;
  from: number;
  to: number;
  openOnly: boolean;
  /** 0 = no condition; otherwise some of these bits must be set. */
  anyTask: number;
  anyOffer: number;
  /** All of these bits must be set. */
  allSupports: number;
};

function compile(c: SearchCriteria): Compiled | undefined {
  let weekdayMask = 0;
  for (const d of c.weekdays) weekdayMask |= 1 << d;
  const offers = c.workForms.flatMap((form) => offersOfWorkForm[form]);
  const tasks = codeMask('task', c.tasks);
  const offered = codeMask('workForm', offers);
  const supports = codeMask('support', c.supports);
  // "Any of" codes none of which is known, or "all of" with an unknown one: nothing can match
  // (the SQL compares strings and finds none).
  if ((c.tasks.length > 0 && tasks.mask === 0) || (offers.length > 0 && offered.mask === 0)) return undefined;
  if (!supports.allKnown) return undefined;
  const anyTask = tasks.mask;
  const anyOffer = offered.mask;
  const allSupports = supports.mask;
  return {
    weekdayMask,
    from: c.from === undefined ? -1 : minutesOfTime(c.from),
    to: c.to === undefined ? -1 : minutesOfTime(c.to),
    openOnly: c.openOnly,
    anyTask,
    anyOffer,
    allSupports,
  };
}

function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n += 1;
  return n;
}

/** A match on the page: its entry, and its distance from the search's origin when there is one. */
export type Found = { entry: RegistryEntry; distanceKm?: number };

/** How many entries match, and those on the asked page in the asked order. */
export type SnapshotPage = { total: number; found: Found[] };

export type PageRequest = {
  /** fit: best first; distance: nearest first; updated: most recently updated first. Ties by update. */
  sort: 'fit' | 'distance' | 'updated';
  offset: number;
  limit: number;
  /** The search's origin, when it has one, and its exact distance limit: worked out from the columns. */
  distance?: { origin: Point; withinKm?: number };
  /** lastConfirmedAt at or before this is 「情報が古い可能性」 (for the fit score). */
  staleBefore: string;
};

/**
 * The page of entries the SQL search would return for `actor` and `c` (same total, same order).
 * Every match is checked, scored and ordered on the columns; entry objects are read only for the
 * page (and, with free text or several 区市町村, for the matches' own checks), so a broad search
 * (the whole list, "open places only") costs about as much as a narrow one.
 */
export function searchSnapshotPage(
  snapshot: RegistrySnapshot,
  actor: Actor,
  c: SearchCriteria,
  request: PageRequest,
): SnapshotPage {
  const council = isCouncil(actor);
  if (!council && actor.role !== 'counsellor') return { total: 0, found: [] };
  const k = compile(c);
  if (!k) return { total: 0, found: [] };
  const cols = snapshot.columns();
  const { flags, taskMask, workFormMask, supportMask, dayMask, lat, lng, windowStart, windowFacts } = cols;
  const { supportCount, maxOpenPlaces } = cols;
  // The flags every kept entry must have.
  const needed =
    (council ? 0 : EVER_PUBLISHED) |
    (k.openOnly ? STATUS_PUBLISHED : 0) |
    (c.visitPossible ? VISIT_POSSIBLE : 0) |
    (c.trialPossible ? TRIAL_POSSIBLE : 0);
  const window = asksForWindow(c);
  // "Open places only" and no weekday or time: a window with a place is enough, and the fit score
  // does not count weekdays when none were asked, so the most open places column answers.
  const onlyOpenPlaces = window && k.weekdayMask === 0 && k.from < 0 && k.to < 0;
  const box = c.box;
  const terms = c.terms;
  const { sort, offset, limit } = request;
  const wanted = offset + limit;

  // Start from the narrowest index that applies: the free text's postings when they are fewer
  // than the municipalities' or the box's entries; only the whole list comes in "updated" order.
  const scope = { municipalityCodes: c.municipalityCodes, box };
  const byText = narrowestText(cols, terms);
  const fromText = byText !== undefined && byText.length < positionsIn(cols, scope);
  const municipalities =
    fromText && c.municipalityCodes.length > 0 ? new Set(c.municipalityCodes) : undefined;
  const inUpdateOrder = sort === 'updated' && !fromText && c.municipalityCodes.length === 0 && !box;
  const origin = request.distance?.origin;
  const withinKm = request.distance?.withinKm;
  const here = { lat: 0, lng: 0 };

  // What each match needs for ordering: its position, and its score or distance.
  const { positions, keys, distances } = scratchFor(cols.order.length);
  let kept = 0;
  let total = 0;
  const scoring = sort === 'fit';
  const isStaleAt = scoring ? cols.confirmedBy(request.staleBefore) : undefined;
  const points: FitPoints = {
    fitDays: 0,
    matchedTasks: 0,
    openWithPlaces: false,
    titleHasTerms: false,
    visitPossible: false,
    trialPossible: false,
    supportCount: 0,
    stale: false,
    distanceKm: undefined,
  };
  const tasksAsked = c.tasks.length;
  const weekdaysAsked = c.weekdays.length > 0;

  const visit = (p: number) => {
    const flag = flags[p] as number;
    if ((flag & needed) !== needed) return;
    if (k.anyTask !== 0 && ((taskMask[p] as number) & k.anyTask) === 0) return;
    if (k.anyOffer !== 0 && ((workFormMask[p] as number) & k.anyOffer) === 0) return;
    if (((supportMask[p] as number) & k.allSupports) !== k.allSupports) return;
    if (box) {
      const y = lat[p] as number;
      const x = lng[p] as number;
      if (y < box.minLat || y > box.maxLat || x < box.minLng || x > box.maxLng) return;
    }
    // No window on any asked weekday: nothing to look at in its windows.
    if (k.weekdayMask !== 0 && ((dayMask[p] as number) & k.weekdayMask) === 0) return;
    let fitDays = 0;
    let fitPlaces = 0;
    if (onlyOpenPlaces) {
      fitPlaces = maxOpenPlaces[p] as number;
      if (!(fitPlaces > 0)) return;
    } else if (window) {
      let days = 0;
      const end = (windowStart[p + 1] as number) * FACTS_PER_WINDOW;
      for (let j = (windowStart[p] as number) * FACTS_PER_WINDOW; j < end; j += FACTS_PER_WINDOW) {
        const weekday = windowFacts[j] as number;
        const open = windowFacts[j + 3] as number;
        if (k.weekdayMask !== 0 && (k.weekdayMask & (1 << weekday)) === 0) continue;
        if (k.from >= 0 && !((windowFacts[j + 1] as number) <= k.from)) continue;
        if (k.to >= 0 && !((windowFacts[j + 2] as number) >= k.to)) continue;
        if (k.openOnly && !(open > 0)) continue;
        if ((days & (1 << weekday)) === 0) {
          days |= 1 << weekday;
          fitDays += 1;
        }
        if (open > fitPlaces) fitPlaces = open;
      }
      if (days === 0) return;
    } else if (scoring) {
      // Every window fits: its weekdays and its most open places.
      fitDays = bitCount(dayMask[p] as number);
      fitPlaces = maxOpenPlaces[p] as number;
    }
    // The exact distance after the cheaper checks, before the entry object is read.
    let distanceKm: number | undefined;
    if (origin) {
      here.lat = lat[p] as number;
      here.lng = lng[p] as number;
      distanceKm = haversineKm(origin, here);
      if (withinKm !== undefined && distanceKm > withinKm) return;
    }
    let titleHasTerms = false;
    if (municipalities || terms.length > 0) {
      const entry = cols.order[p] as RegistryEntry;
      if (municipalities && !municipalities.has(entry.municipalityCode)) return;
      if (terms.length > 0) {
        if (!containsAll(entry.searchText, terms)) return;
        titleHasTerms = scoring && containsAll(entry.titleText, terms);
      }
    }
    total += 1;
    if (inUpdateOrder) {
      // Visited most recently updated first: the page is a run of the matches.
      if (total > offset && total <= wanted) {
        positions[kept] = p;
        distances[kept++] = distanceKm ?? Number.NaN;
      }
      return;
    }
    positions[kept] = p;
    distances[kept] = distanceKm ?? Number.NaN;
    if (scoring) {
      points.fitDays = fitDays;
      points.matchedTasks = tasksAsked > 1 ? bitCount((taskMask[p] as number) & k.anyTask) : 0;
      points.openWithPlaces = (flag & STATUS_PUBLISHED) !== 0 && fitPlaces > 0;
      points.titleHasTerms = titleHasTerms;
      points.visitPossible = (flag & VISIT_POSSIBLE) !== 0;
      points.trialPossible = (flag & TRIAL_POSSIBLE) !== 0;
      points.supportCount = supportCount[p] as number;
      points.stale = (isStaleAt as (position: number) => boolean)(p);
      points.distanceKm = distanceKm;
      // Keys order lowest first: the best score is the most negative (negation is exact).
      keys[kept] = -fitPointsScore(points, weekdaysAsked, tasksAsked);
    } else keys[kept] = sort === 'distance' ? (distanceKm ?? 0) : 0;
    kept += 1;
  };
  if (fromText && byText) for (let i = 0; i < byText.length; i++) visit(byText[i] as number);
  else forEachPosition(cols, { ...scope, byUpdate: inUpdateOrder }, visit);

  const foundAt = (i: number): Found => {
    const d = distances[i] as number;
    return {
      entry: cols.order[positions[i] as number] as RegistryEntry,
      distanceKm: Number.isNaN(d) ? undefined : d,
    };
  };
  if (inUpdateOrder) return { total, found: Array.from({ length: kept }, (_, i) => foundAt(i)) };
  const rank = cols.updateRank();
  // Before: a lower key (a higher score, or nearer), then more recently updated (a lower rank).
  const before = (i: number, j: number) =>
    (keys[i] as number) < (keys[j] as number) ||
    ((keys[i] as number) === (keys[j] as number) &&
      (rank[positions[i] as number] as number) < (rank[positions[j] as number] as number));
  return { total, found: firstInOrder(kept, wanted, before).slice(offset).map(foundAt) };
}

/**
 * Arrays for the matches of one search, kept between searches: a search runs start to end
 * without awaiting, so one set serves them all, and a broad search allocates nothing per match.
 */
let scratch = { positions: new Int32Array(0), keys: new Float64Array(0), distances: new Float64Array(0) };

function scratchFor(size: number) {
  if (scratch.positions.length < size) {
    scratch = {
      positions: new Int32Array(size),
      keys: new Float64Array(size),
      distances: new Float64Array(size),
    };
  }
  return scratch;
}

/** The fewest candidates any one term's postings give; undefined when no term narrows. */
function narrowestText(cols: RegistryColumns, terms: readonly string[]): Int32Array | undefined {
  let narrowest: Int32Array | undefined;
  for (const term of terms) {
    const candidates = cols.textPostings().candidatesOf(term);
    if (candidates && (!narrowest || candidates.length < narrowest.length)) narrowest = candidates;
  }
  return narrowest;
}

function containsAll(text: string, terms: readonly string[]): boolean {
  for (const term of terms) if (!text.includes(term)) return false;
  return true;
}
