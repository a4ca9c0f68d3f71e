/**
 * The registry search use case: the filters become criteria (with a latitude/longitude box for
 * the distance). Usually the in-memory snapshot answers, scoring and ordering every match on its
 * columns and reading only the page's entries (snapshot-search.ts). Inside a transaction the SQL
 * answers: sorting by last update without a distance limit is paged in SQL; otherwise every
 * match is read (light columns only) and the exact distance, the fit score, the order and the
 * page are worked out here. Read-only, so no audit row.
 */
import type { Actor } from '../../platform/auth/policy';
import type { Db } from '../../platform/db/connection';
import { toSearchText } from '../../platform/text/normalise';
import {
  isStale,
  type OpportunityStatus,
  type SupportCode,
  staleThreshold,
  type TaskCategory,
  type TimeWindow,
  type WorkFormOffer,
} from '../opportunities/opportunity';
import { compareByUpdate } from './columns';
import { boundingBox, haversineKm } from './distance';
import { effectiveSort, originOf, type SearchFilters, type SortOrder } from './filters';
import { fitScore } from './fit';
import { registrySnapshot } from './snapshot';
import { searchSnapshotPage } from './snapshot-search';
import {
  countSearchRows,
  findSearchRows,
  findSearchRowsWithFit,
  findSearchWindows,
  type SearchCriteria,
  type SearchRow,
} from './store';

export const SEARCH_PAGE_SIZE = 20;

export type SearchResult = {
  id: string;
  title: string;
  tasks: TaskCategory[];
  workForms: WorkFormOffer[];
  supports: SupportCode[];
  visitPossible: boolean;
  trialPossible: boolean;
  status: OpportunityStatus;
  updatedAt: string;
  lastConfirmedAt: string;
  stale: boolean;
  facilityId: string;
  facilityName: string;
  municipalityCode: string;
  municipalityName: string;
  /** From the search's origin, when it has one. */
  distanceKm?: number;
  windows: TimeWindow[];
};

export type SearchOutcome = {
  total: number;
  page: number;
  pageSize: number;
  sort: SortOrder;
  items: SearchResult[];
};

type Executor = Db['db'];

/** The words of the free text in the stored search form (width, kana and case folded). */
export function searchTerms(q: string): string[] {
  return [...new Set(toSearchText(q).split(' ').filter(Boolean))];
}

export function criteriaOf(filters: SearchFilters): SearchCriteria {
  const origin = originOf(filters);
  return {
    terms: searchTerms(filters.q),
    municipalityCodes: filters.municipalities,
    box: origin && filters.withinKm !== undefined ? boundingBox(origin, filters.withinKm) : undefined,
    weekdays: filters.weekdays,
    from: filters.from,
    to: filters.to,
    workForms: filters.workForms,
    tasks: filters.tasks,
    supports: filters.supports,
    openOnly: filters.openOnly,
    visitPossible: filters.visitPossible,
    trialPossible: filters.trialPossible,
  };
}

function list<T>(json: string): T[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? (parsed as T[]) : [];
}

function resultOf(row: SearchRow, now: Date, distanceKm: number | undefined): SearchResult {
  return {
    id: row.id,
    title: row.title,
    tasks: list(row.tasks),
    workForms: list(row.workForms),
    supports: list(row.supports),
    visitPossible: row.visitPossible === 1,
    trialPossible: row.trialPossible === 1,
    status: row.status,
    updatedAt: row.updatedAt,
    lastConfirmedAt: row.lastConfirmedAt,
    stale: isStale({ lastConfirmedAt: row.lastConfirmedAt }, now),
    facilityId: row.facilityId,
    facilityName: row.facilityName,
    municipalityCode: row.municipalityCode,
    municipalityName: row.municipalityName,
    distanceKm,
    windows: [],
  };
}

const byUpdate = compareByUpdate;

/**
 * Drops the rows beyond the exact distance limit, scores them when sorting by fit, and sorts:
 * by fit (then last update), by distance (then last update) or by last update (then id).
 */
function orderRows(
  rows: readonly (SearchRow & { fitDays?: number; fitPlaces?: number })[],
  filters: SearchFilters,
  criteria: SearchCriteria,
  sort: SortOrder,
  now: Date,
  distanceOf: (row: { lat: number; lng: number }) => number | undefined,
): { row: SearchRow; distanceKm?: number; score: number }[] {
  const scored: { row: SearchRow; distanceKm?: number; score: number }[] = [];
  for (const row of rows) {
    const distanceKm = distanceOf(row);
    if (filters.withinKm !== undefined && (distanceKm === undefined || distanceKm > filters.withinKm))
      continue;
    const score =
      sort === 'fit'
        ? fitScore(
            {
              title: row.title,
              tasks: list(row.tasks),
              supports: list(row.supports),
              visitPossible: row.visitPossible,
              trialPossible: row.trialPossible,
              status: row.status,
              stale: isStale({ lastConfirmedAt: row.lastConfirmedAt }, now),
              fitDays: row.fitDays ?? 0,
              fitPlaces: row.fitPlaces ?? 0,
              distanceKm,
            },
            filters,
            criteria.terms,
          )
        : 0;
    scored.push({ row, distanceKm, score });
  }
  if (sort === 'fit') scored.sort((a, b) => b.score - a.score || byUpdate(a.row, b.row));
  else if (sort === 'distance') {
    scored.sort((a, b) => (a.distanceKm ?? 0) - (b.distanceKm ?? 0) || byUpdate(a.row, b.row));
  } else scored.sort((a, b) => byUpdate(a.row, b.row));
  return scored;
}

/**
 * One page of the registry search for `actor` (council staff or a counsellor; anyone else gets
 * nothing, as the store scopes by role). `filters` come from parseSearchQuery.
 */
export async function searchRegistry(
  db: Executor,
  actor: Actor,
  filters: SearchFilters,
  options: { now?: Date; pageSize?: number; snapshot?: boolean } = {},
): Promise<SearchOutcome> {
  const now = options.now ?? new Date();
  const pageSize = options.pageSize ?? SEARCH_PAGE_SIZE;
  const sort = effectiveSort(filters);
  const criteria = criteriaOf(filters);
  const origin = originOf(filters);
  const offset = (filters.page - 1) * pageSize;
  const distanceOf = (row: { lat: number; lng: number }) => (origin ? haversineKm(origin, row) : undefined);

  let total: number;
  let items: SearchResult[];
  if (!db.isTransaction && options.snapshot !== false) {
    // The usual way: the in-memory snapshot, kept current from the change log (snapshot.ts).
    const snapshot = await registrySnapshot(db);
    // A distance limit needs an origin (parseSearchQuery says so); without one nothing is within it.
    if (filters.withinKm !== undefined && !origin)
      return { total: 0, page: filters.page, pageSize, sort, items: [] };
    const staleBefore = staleThreshold(now);
    const found = searchSnapshotPage(snapshot, actor, criteria, {
      sort,
      offset,
      limit: pageSize,
      distance: origin ? { origin, withinKm: filters.withinKm } : undefined,
      staleBefore,
    });
    items = found.found.map(({ entry, distanceKm }) => ({
      id: entry.id,
      title: entry.title,
      tasks: [...entry.tasks],
      workForms: [...entry.workForms],
      supports: [...entry.supports],
      visitPossible: entry.visitPossible === 1,
      trialPossible: entry.trialPossible === 1,
      status: entry.status,
      updatedAt: entry.updatedAt,
      lastConfirmedAt: entry.lastConfirmedAt,
      stale: entry.lastConfirmedAt <= staleBefore,
      facilityId: entry.facilityId,
      facilityName: entry.facilityName,
      municipalityCode: entry.municipalityCode,
      municipalityName: entry.municipalityName,
      distanceKm,
      windows: entry.windows.map(({ weekday, start, end, capacity }) => ({ weekday, start, end, capacity })),
    }));
    return { total: found.total, page: filters.page, pageSize, sort, items };
  }
  if (sort === 'updated' && filters.withinKm === undefined) {
    const [rows, count] = await Promise.all([
      findSearchRows(db, actor, criteria, { limit: pageSize, offset }),
      countSearchRows(db, actor, criteria),
    ]);
    total = count;
    items = rows.map((row) => resultOf(row, now, distanceOf(row)));
  } else {
    const rows: (SearchRow & { fitDays?: number; fitPlaces?: number })[] =
      sort === 'fit'
        ? await findSearchRowsWithFit(db, actor, criteria)
        : await findSearchRows(db, actor, criteria);
    const ordered = orderRows(rows, filters, criteria, sort, now, distanceOf);
    total = ordered.length;
    items = ordered.slice(offset, offset + pageSize).map((s) => resultOf(s.row, now, s.distanceKm));
  }

  const windows = await findSearchWindows(
    db,
    items.map((item) => item.id),
  );
  for (const item of items) item.windows = windows.get(item.id) ?? [];
  return { total, page: filters.page, pageSize, sort, items };
}
