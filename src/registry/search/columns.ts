/**
 * The registry snapshot's hot facts as columns (typed arrays), for the scans of the search and
 * the matching pre-filter (docs/decisions/033). Walking entry objects scattered over the heap
 * costs a cache miss or two per entry once other requests have run in between: ~1 ms for the
 * 1,300 entries of three 区. The same checks over a few contiguous arrays cost a tenth of that.
 *
 * Entries are laid out by municipality, then by grid cell, so a municipality is one range of
 * positions and a grid cell mostly a run within it. Only the entries that pass are read as
 * objects. Built once per snapshot version, on first use (snapshot.ts).
 */
import type { Box } from './distance';
import type { RegistryEntry } from './snapshot';
import { type TextPostings, textPostingsOf } from './text-postings';

/** Bits of `flags`. */
export const EVER_PUBLISHED = 1;
export const STATUS_PUBLISHED = 2;
export const STATUS_FULL = 4;
export const VISIT_POSSIBLE = 8;
export const TRIAL_POSSIBLE = 16;
export const OFFERS_SHORT_TERM = 32;
/** The point is the municipality office's (the facility has no coordinates of its own). */
export const POINT_IS_OFFICE = 64;

/** Values per window in `windowFacts`: weekday, start minute, end minute, open places. */
export const FACTS_PER_WINDOW = 4;

export type RegistryColumns = {
  /** The entry at each position. */
  readonly order: readonly RegistryEntry[];
  readonly flags: Uint8Array;
  readonly taskMask: Uint16Array;
  readonly supportMask: Uint32Array;
  /** Supports the facility said it cannot give (supportsUnavailable), as bits of supportCodes. */
  readonly supportsUnavailableMask: Uint32Array;
  /** The opportunity's minimum minutes a day, or -1 when it sets none. */
  readonly minDailyMinutes: Int16Array;
  readonly workFormMask: Uint8Array;
  readonly dayMask: Uint8Array;
  readonly lat: Float64Array;
  readonly lng: Float64Array;
  /** Entry p's windows are windowFacts[FACTS_PER_WINDOW × windowStart[p] … × windowStart[p + 1]). */
  readonly windowStart: Uint32Array;
  readonly windowFacts: Int16Array;
  /** The positions [start, end) of a municipality's entries. */
  rangeOf(code: string): readonly [number, number] | undefined;
  /** Position lists of the grid cells that overlap the box, or undefined for "every position". */
  cellsNear(box: Box): readonly Int32Array[] | undefined;
  /** How many supports each entry offers (its list's length, for the fit score). */
  readonly supportCount: Uint8Array;
  /** The most open places of any of the entry's windows. */
  readonly maxOpenPlaces: Int16Array;
  /** All positions, most recently updated first, then by id (made on first use). */
  byUpdate(): Int32Array;
  /** Each position's place in byUpdate(): comparing ranks is comparing by update (made on first use). */
  updateRank(): Int32Array;
  /**
   * The positions whose lastConfirmedAt is at or before `threshold` (an ISO time): a test on one
   * number per position instead of a string read from each entry.
   */
  confirmedBy(threshold: string): (position: number) => boolean;
  /** The free-text postings of these positions (text-postings.ts; made on first use). */
  textPostings(): TextPostings;
};

/** Most recently updated first, then by id: the order of the search's "updated" sort. */
export function compareByUpdate(
  a: { updatedAt: string; id: string },
  b: { updatedAt: string; id: string },
): number {
  return a.updatedAt < b.updatedAt
    ? 1
    : a.updatedAt > b.updatedAt
      ? -1
      : a.id < b.id
        ? -1
        : a.id > b.id
          ? 1
          : 0;
}

/** Grid cells of about 2 km for the box look-up. */
const CELL_LAT = 0.02;
const CELL_LNG = 0.025;
export const cellKey = (lat: number, lng: number) =>
  Math.floor(lat / CELL_LAT) * 100_000 + Math.floor(lng / CELL_LNG);

export function columnsOf(entries: readonly RegistryEntry[]): RegistryColumns {
  const byMunicipality = new Map<string, RegistryEntry[]>();
  for (const e of entries) {
    const list = byMunicipality.get(e.municipalityCode);
    if (list) list.push(e);
    else byMunicipality.set(e.municipalityCode, [e]);
  }
  const order: RegistryEntry[] = [];
  const ranges = new Map<string, readonly [number, number]>();
  for (const [code, list] of byMunicipality) {
    const start = order.length;
    const keyed = list.map((e) => ({ e, cell: cellKey(e.lat, e.lng) }));
    keyed.sort((a, b) => a.cell - b.cell);
    for (const { e } of keyed) order.push(e);
    ranges.set(code, [start, order.length]);
  }

  const n = order.length;
  const flags = new Uint8Array(n);
  const taskMask = new Uint16Array(n);
  const supportMask = new Uint32Array(n);
  const supportsUnavailableMask = new Uint32Array(n);
  const minDailyMinutes = new Int16Array(n);
  const workFormMask = new Uint8Array(n);
  const dayMask = new Uint8Array(n);
  const supportCount = new Uint8Array(n);
  const maxOpenPlaces = new Int16Array(n);
  const lat = new Float64Array(n);
  const lng = new Float64Array(n);
  const windowStart = new Uint32Array(n + 1);
  let windows = 0;
  for (const e of order) windows += e.windowFacts.length / FACTS_PER_WINDOW;
  const windowFacts = new Int16Array(windows * FACTS_PER_WINDOW);
  const cells = new Map<number, number[]>();
  let at = 0;
  for (let p = 0; p < n; p++) {
    const e = order[p] as RegistryEntry;
    flags[p] =
      (e.published ? EVER_PUBLISHED : 0) |
      (e.status === 'published' ? STATUS_PUBLISHED : 0) |
      (e.status === 'full' ? STATUS_FULL : 0) |
      (e.visitPossible === 1 ? VISIT_POSSIBLE : 0) |
      (e.trialPossible === 1 ? TRIAL_POSSIBLE : 0) |
      (e.offersShortTerm ? OFFERS_SHORT_TERM : 0) |
      (e.pointIsOffice ? POINT_IS_OFFICE : 0);
    taskMask[p] = e.taskMask;
    supportMask[p] = e.supportMask;
    supportsUnavailableMask[p] = e.supportsUnavailableMask;
    minDailyMinutes[p] = e.minDailyMinutes ?? -1;
    workFormMask[p] = e.workFormMask;
    dayMask[p] = e.dayMask;
    supportCount[p] = Math.min(e.supports.length, 255);
    maxOpenPlaces[p] = e.maxOpenPlaces;
    lat[p] = e.lat;
    lng[p] = e.lng;
    windowStart[p] = at / FACTS_PER_WINDOW;
    windowFacts.set(e.windowFacts, at);
    at += e.windowFacts.length;
    const key = cellKey(e.lat, e.lng);
    const cell = cells.get(key);
    if (cell) cell.push(p);
    else cells.set(key, [p]);
  }
  windowStart[n] = at / FACTS_PER_WINDOW;
  const grid = new Map<number, Int32Array>();
  for (const [key, positions] of cells) grid.set(key, Int32Array.from(positions));

  let updateOrder: Int32Array | undefined;
  let ranks: Int32Array | undefined;
  let confirmed: { values: string[]; rank: Int32Array } | undefined;
  let postings: TextPostings | undefined;
  const byUpdate = () => {
    if (!updateOrder) {
      const positions = Array.from({ length: n }, (_, p) => p);
      positions.sort((a, b) => compareByUpdate(order[a] as RegistryEntry, order[b] as RegistryEntry));
      updateOrder = Int32Array.from(positions);
    }
    return updateOrder;
  };
  return {
    order,
    flags,
    taskMask,
    supportMask,
    supportsUnavailableMask,
    minDailyMinutes,
    workFormMask,
    dayMask,
    supportCount,
    maxOpenPlaces,
    lat,
    lng,
    windowStart,
    windowFacts,
    rangeOf: (code) => ranges.get(code),
    cellsNear(box) {
      const lat0 = Math.floor(box.minLat / CELL_LAT);
      const lat1 = Math.floor(box.maxLat / CELL_LAT);
      const lng0 = Math.floor(box.minLng / CELL_LNG);
      const lng1 = Math.floor(box.maxLng / CELL_LNG);
      // A box wider than the registry: every position (the caller checks the box anyway).
      if ((lat1 - lat0 + 1) * (lng1 - lng0 + 1) > grid.size) return undefined;
      const out: Int32Array[] = [];
      for (let i = lat0; i <= lat1; i++) {
        for (let j = lng0; j <= lng1; j++) {
          const list = grid.get(i * 100_000 + j);
          if (list) out.push(list);
        }
      }
      return out;
    },
    byUpdate,
    updateRank() {
      if (!ranks) {
        const positions = byUpdate();
        ranks = new Int32Array(n);
        for (let i = 0; i < n; i++) ranks[positions[i] as number] = i;
      }
      return ranks;
    },
    confirmedBy(threshold) {
      if (!confirmed) {
        // The distinct times in order, and each position's index among them.
        const values = [...new Set(order.map((e) => e.lastConfirmedAt))].sort();
        const index = new Map(values.map((v, i) => [v, i]));
        const rank = new Int32Array(n);
        for (let p = 0; p < n; p++) rank[p] = index.get((order[p] as RegistryEntry).lastConfirmedAt) ?? 0;
        confirmed = { values, rank };
      }
      const { values, rank } = confirmed;
      // How many of the distinct times are <= threshold (the same string comparison as isStale).
      let lo = 0;
      let hi = values.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((values[mid] as string) <= threshold) lo = mid + 1;
        else hi = mid;
      }
      return (position) => (rank[position] as number) < lo;
    },
    textPostings() {
      postings ??= textPostingsOf(order);
      return postings;
    },
  };
}

/** How many positions forEachPosition would visit for this scope. */
export function positionsIn(
  columns: RegistryColumns,
  scope: { municipalityCodes?: readonly string[]; box?: Box },
): number {
  if (scope.municipalityCodes && scope.municipalityCodes.length > 0) {
    let n = 0;
    for (const code of new Set(scope.municipalityCodes)) {
      const range = columns.rangeOf(code);
      if (range) n += range[1] - range[0];
    }
    return n;
  }
  const cells = scope.box ? columns.cellsNear(scope.box) : undefined;
  if (!cells) return columns.order.length;
  let n = 0;
  for (const cell of cells) n += cell.length;
  return n;
}

/**
 * Calls `visit` with each position the scan should look at: the municipalities' ranges, the
 * cells near the box, every position in update order, or every position.
 */
export function forEachPosition(
  columns: RegistryColumns,
  scope: { municipalityCodes?: readonly string[]; box?: Box; byUpdate?: boolean },
  visit: (position: number) => void,
): void {
  if (scope.municipalityCodes && scope.municipalityCodes.length > 0) {
    for (const code of new Set(scope.municipalityCodes)) {
      const range = columns.rangeOf(code);
      if (range) for (let p = range[0]; p < range[1]; p++) visit(p);
    }
    return;
  }
  const cells = scope.box ? columns.cellsNear(scope.box) : undefined;
  if (cells) {
    for (const cell of cells) for (let i = 0; i < cell.length; i++) visit(cell[i] as number);
    return;
  }
  if (scope.byUpdate) {
    const positions = columns.byUpdate();
    for (let i = 0; i < positions.length; i++) visit(positions[i] as number);
    return;
  }
  for (let p = 0; p < columns.order.length; p++) visit(p);
}
