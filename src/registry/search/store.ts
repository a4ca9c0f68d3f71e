/**
 * The SQL of the registry search: listed はたらく場 (published, full, paused) at active facilities,
 * narrowed by every filter SQL can check (municipality, a latitude/longitude box around the
 * origin, a fitting time window, work form, tasks, supports, open places, visit/trial, free text
 * over the stored `search_text`). The exact distance and the fit score are computed by the
 * caller (service.ts). Scoped by the caller: council staff see every facility's listed
 * opportunities, counsellors the published ones (never a draft); nobody else sees any.
 */
import {
  type ExpressionBuilder,
  type Kysely,
  type SqlBool,
  SqliteAdapter,
  sql,
  type Transaction,
} from 'kysely';
import type { Actor } from '../../platform/auth/policy';
import type { Database } from '../../platform/db/schema';
import {
  type OpportunityStatus,
  publicStatuses,
  type SupportCode,
  type TaskCategory,
  type TimeWindow,
  type Weekday,
  type WorkForm,
} from '../opportunities/opportunity';
import type { Box } from './distance';
import { offersOfWorkForm } from './filters';
import { effectiveLat, effectiveLng, positionInBox } from './position';
import { textIndexCondition } from './text-index';

type Executor = Kysely<Database> | Transaction<Database>;

/** What the SQL checks; built from SearchFilters by the service. */
export type SearchCriteria = {
  /** Normalised pieces of the free text (toSearchText, split on spaces): all must occur. */
  terms: readonly string[];
  municipalityCodes: readonly string[];
  box?: Box;
  weekdays: readonly Weekday[];
  from?: string;
  to?: string;
  workForms: readonly WorkForm[];
  tasks: readonly TaskCategory[];
  supports: readonly SupportCode[];
  openOnly: boolean;
  visitPossible: boolean;
  trialPossible: boolean;
};

export type SearchRow = {
  id: string;
  title: string;
  /** JSON arrays, as stored. */
  tasks: string;
  workForms: string;
  supports: string;
  visitPossible: number;
  trialPossible: number;
  status: OpportunityStatus;
  updatedAt: string;
  lastConfirmedAt: string;
  facilityId: string;
  facilityName: string;
  municipalityCode: string;
  municipalityName: string;
  /** The facility's own coordinates, else its municipality's office. */
  lat: number;
  lng: number;
};

/** With `withFit`: how many asked weekdays have a fitting window, and the most open places in one. */
export type SearchRowWithFit = SearchRow & { fitDays: number; fitPlaces: number };

/** `%`, `_` and `\` match themselves. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

function contains(column: string, value: string) {
  return sql<SqlBool>`${sql.ref(column)} like ${`%${escapeLike(value)}%`} escape '\\'`;
}

const isCouncil = (actor: Actor) => actor.role === 'council_admin' || actor.role === 'council_staff';

function visibleTo(actor: Actor) {
  if (isCouncil(actor)) return sql<SqlBool>`1 = 1`;
  if (actor.role === 'counsellor') return sql<SqlBool>`${sql.ref('o.published_at')} is not null`;
  return sql<SqlBool>`1 = 0`;
}

const latOf = effectiveLat;
const lngOf = effectiveLng;

type From = Database & {
  o: Database['opportunity'];
  f: Database['facility'];
  m: Database['municipality'];
};

/** The fitting time windows of `o`: on an asked weekday, covering from–to, with places if asked. */
function fittingWindows(eb: ExpressionBuilder<From, 'o' | 'f' | 'm'>, c: SearchCriteria) {
  let windows = eb.selectFrom('opportunity_window as w').whereRef('w.opportunity_id', '=', 'o.id');
  if (c.weekdays.length > 0) windows = windows.where('w.weekday', 'in', [...c.weekdays]);
  if (c.from) windows = windows.where('w.start_time', '<=', c.from);
  if (c.to) windows = windows.where('w.end_time', '>=', c.to);
  // Open places: capacity minus the holding placements, kept in open_places (migration 013).
  if (c.openOnly) windows = windows.where('w.open_places', '>', 0);
  return windows;
}

const asksForWindow = (c: SearchCriteria) =>
  c.weekdays.length > 0 || c.from !== undefined || c.to !== undefined || c.openOnly;

/**
 * `o.status in (…)`. Most opportunities are listed, so the status index is the wrong way in; but
 * SQLite without ANALYZE statistics takes any equality on an index as selective and walks all
 * ~24,000 published rows. On SQLite the column is wrapped (`o.status || ''`) so it cannot use that
 * index and starts from the facilities of the asked municipalities, or the windows, instead
 * (measured: 50 ms → 2 ms on 30,000 opportunities). PostgreSQL keeps statistics and gets the plain
 * condition.
 */
function statusIn(db: Executor, statuses: readonly OpportunityStatus[]) {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    return sql<SqlBool>`(${sql.ref('o.status')} || '') in (${sql.join(statuses)})`;
  }
  return sql<SqlBool>`${sql.ref('o.status')} in (${sql.join(statuses)})`;
}

function matching(db: Executor, actor: Actor, c: SearchCriteria) {
  let query = db
    .selectFrom('opportunity as o')
    .innerJoin('facility as f', 'f.id', 'o.facility_id')
    .innerJoin('municipality as m', 'm.code', 'f.municipality_code')
    .where(visibleTo(actor))
    .where(statusIn(db, c.openOnly ? ['published'] : publicStatuses))
    .where('f.active', '=', 1);
  if (c.municipalityCodes.length > 0)
    query = query.where('f.municipality_code', 'in', [...c.municipalityCodes]);
  if (c.box) query = query.where(positionInBox(c.box));
  if (asksForWindow(c)) {
    query = query.where((eb) => eb.exists(fittingWindows(eb, c).select(sql.lit(1).as('one'))));
  }
  if (c.workForms.length > 0) {
    const offers = c.workForms.flatMap((form) => offersOfWorkForm[form]);
    query = query.where((eb) => eb.or(offers.map((offer) => contains('o.work_forms', `"${offer}"`))));
  }
  if (c.tasks.length > 0) {
    query = query.where((eb) => eb.or(c.tasks.map((task) => contains('o.tasks', `"${task}"`))));
  }
  for (const support of c.supports) query = query.where(contains('o.supports', `"${support}"`));
  if (c.visitPossible) query = query.where('o.visit_possible', '=', 1);
  if (c.trialPossible) query = query.where('o.trial_possible', '=', 1);
  const indexed = textIndexCondition(db, c.terms);
  if (indexed) query = query.where(indexed);
  for (const term of c.terms) query = query.where(contains('o.search_text', term));
  return query;
}

const rowColumns = [
  'o.id as id',
  'o.title as title',
  'o.tasks as tasks',
  'o.work_forms as workForms',
  'o.supports as supports',
  'o.visit_possible as visitPossible',
  'o.trial_possible as trialPossible',
  'o.status as status',
  'o.updated_at as updatedAt',
  'o.last_confirmed_at as lastConfirmedAt',
  'f.id as facilityId',
  'f.name as facilityName',
  'f.municipality_code as municipalityCode',
  'm.name as municipalityName',
] as const;

/**
 * The matching opportunities. With `page`: one page, most recently updated first (the fast path
 * when sorting by last update); without: all of them, unordered, for the service to filter by
 * exact distance and sort by fit or distance.
 */
export async function findSearchRows(
  db: Executor,
  actor: Actor,
  criteria: SearchCriteria,
  page?: { limit: number; offset: number },
): Promise<SearchRow[]> {
  const query = matching(db, actor, criteria).select([...rowColumns, latOf.as('lat'), lngOf.as('lng')]);
  // Unpaged, the caller sorts; an ORDER BY here would only steer SQLite onto the updated_at index.
  const rows = page
    ? await query
        .orderBy('o.updated_at', 'desc')
        .orderBy('o.id')
        .limit(page.limit)
        .offset(page.offset)
        .execute()
    : await query.execute();
  return rows.map((r) => ({ ...r, lat: Number(r.lat), lng: Number(r.lng) }));
}

/** As findSearchRows without a page (unordered), with what the fit score needs from the time windows. */
export async function findSearchRowsWithFit(
  db: Executor,
  actor: Actor,
  criteria: SearchCriteria,
): Promise<SearchRowWithFit[]> {
  const rows = await matching(db, actor, criteria)
    .select((eb) => [
      ...rowColumns,
      latOf.as('lat'),
      lngOf.as('lng'),
      fittingWindows(eb, criteria)
        .select((w) => w.fn.count<number | string>('w.weekday').distinct().as('n'))
        .as('fitDays'),
      fittingWindows(eb, criteria)
        .select((w) => w.fn.max<number | null>('w.open_places').as('n'))
        .as('fitPlaces'),
    ])
    .execute();
  return rows.map((r) => ({
    ...r,
    lat: Number(r.lat),
    lng: Number(r.lng),
    fitDays: Number(r.fitDays ?? 0),
    fitPlaces: Number(r.fitPlaces ?? 0),
  }));
}

export async function countSearchRows(db: Executor, actor: Actor, criteria: SearchCriteria): Promise<number> {
  const row = await matching(db, actor, criteria)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The time windows of the given opportunities, in their order. */
export async function findSearchWindows(
  db: Executor,
  opportunityIds: readonly string[],
): Promise<Map<string, TimeWindow[]>> {
  const byOpportunity = new Map<string, TimeWindow[]>();
  if (opportunityIds.length === 0) return byOpportunity;
  const rows = await db
    .selectFrom('opportunity_window')
    .select(['opportunity_id', 'weekday', 'start_time', 'end_time', 'capacity'])
    .where('opportunity_id', 'in', [...opportunityIds])
    .orderBy('opportunity_id')
    .orderBy('position')
    .execute();
  for (const row of rows) {
    const list = byOpportunity.get(row.opportunity_id) ?? [];
    list.push({
      weekday: row.weekday as Weekday,
      start: row.start_time,
      end: row.end_time,
      capacity: row.capacity,
    });
    byOpportunity.set(row.opportunity_id, list);
  }
  return byOpportunity;
}
