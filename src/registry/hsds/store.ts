/**
 * All SQL of the HSDS export. It reads the published registry only: opportunities in a listed
 * status (published, full, paused — never a draft or an archived one) at an active facility of
 * an active corporation. It selects public columns only: never the facility's 就労支援担当者
 * (contact_name, contact_email), never anything about people.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database, OpportunityTable } from '../../platform/db/schema';
import { likePattern } from '../facilities/store';
import { publicStatuses, type TimeWindow, type Weekday } from '../opportunities/opportunity';

type Executor = Kysely<Database> | Transaction<Database>;

function published(db: Executor) {
  return db
    .selectFrom('opportunity as o')
    .innerJoin('facility as f', 'f.id', 'o.facility_id')
    .innerJoin('organisation as c', 'c.id', 'f.corporation_id')
    .innerJoin('municipality as m', 'm.code', 'f.municipality_code')
    .where('o.status', 'in', publicStatuses)
    .where('f.active', '=', 1)
    .where('c.active', '=', 1)
    .where('c.kind', '=', 'corporation');
}

const serviceColumns = [
  'o.id as id',
  'o.status as status',
  'o.title as title',
  'o.description as description',
  'o.tasks as tasks',
  'o.setting as setting',
  'o.physical_load as physical_load',
  'o.work_forms as work_forms',
  'o.min_daily_minutes as min_daily_minutes',
  'o.max_daily_minutes as max_daily_minutes',
  'o.min_days_per_week as min_days_per_week',
  'o.max_days_per_week as max_days_per_week',
  'o.works_on_holidays as works_on_holidays',
  'o.year_end_closed as year_end_closed',
  'o.holiday_note as holiday_note',
  'o.earliest_start_date as earliest_start_date',
  'o.pay_type as pay_type',
  'o.pay_yen as pay_yen',
  'o.transport_allowance as transport_allowance',
  'o.transport_cap_yen as transport_cap_yen',
  'o.meals as meals',
  'o.uniform as uniform',
  'o.what_to_bring as what_to_bring',
  'o.health_check_required as health_check_required',
  'o.documents_required as documents_required',
  'o.supports as supports',
  'o.supports_unavailable as supports_unavailable',
  'o.support_note as support_note',
  'o.visit_possible as visit_possible',
  'o.trial_possible as trial_possible',
  'o.interview_required as interview_required',
  'o.updated_at as updated_at',
  'o.last_confirmed_at as last_confirmed_at',
  'f.id as facility_id',
  'f.corporation_id as corporation_id',
  'c.name as corporation_name',
] as const;

/** A listed opportunity as stored (JSON lists still text), with its facility and corporation ids. */
export type ServiceRow = Pick<
  OpportunityTable,
  | 'id'
  | 'status'
  | 'title'
  | 'description'
  | 'tasks'
  | 'setting'
  | 'physical_load'
  | 'work_forms'
  | 'min_daily_minutes'
  | 'max_daily_minutes'
  | 'min_days_per_week'
  | 'max_days_per_week'
  | 'works_on_holidays'
  | 'year_end_closed'
  | 'holiday_note'
  | 'earliest_start_date'
  | 'pay_type'
  | 'pay_yen'
  | 'transport_allowance'
  | 'transport_cap_yen'
  | 'meals'
  | 'uniform'
  | 'what_to_bring'
  | 'health_check_required'
  | 'documents_required'
  | 'supports'
  | 'supports_unavailable'
  | 'support_note'
  | 'visit_possible'
  | 'trial_possible'
  | 'interview_required'
  | 'updated_at'
  | 'last_confirmed_at'
> & { facility_id: string; corporation_id: string; corporation_name: string };

/** A JSON-list column and the codes of which one must be in it (a taxonomy-term filter). */
export type ListCondition = { column: 'tasks' | 'work_forms' | 'supports'; anyOf: readonly string[] };

export type ServiceFilter = {
  organizationId?: string;
  /** ISO timestamp: changed on or after. */
  modifiedAfter?: string;
  /** Normalised search text (toSearchText). */
  search?: string;
  list?: ListCondition;
};

function filteredServices(db: Executor, filter: ServiceFilter) {
  let query = published(db);
  if (filter.organizationId) query = query.where('f.corporation_id', '=', filter.organizationId);
  if (filter.modifiedAfter) query = query.where('o.updated_at', '>=', filter.modifiedAfter);
  if (filter.search) {
    query = query.where(
      sql<boolean>`${sql.ref('o.search_text')} like ${likePattern(filter.search)} escape '\\'`,
    );
  }
  const list = filter.list;
  if (list) {
    if (list.anyOf.length === 0) return query.where(sql<boolean>`1 = 0`);
    query = query.where((eb) =>
      eb.or(list.anyOf.map((code) => eb(sql.ref(`o.${list.column}`), 'like', `%"${code}"%`))),
    );
  }
  return query;
}

export async function listServiceRows(
  db: Executor,
  filter: ServiceFilter & { limit: number; offset: number },
): Promise<ServiceRow[]> {
  return filteredServices(db, filter)
    .select(serviceColumns)
    .orderBy('o.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

export async function countServiceRows(db: Executor, filter: ServiceFilter): Promise<number> {
  const row = await filteredServices(db, filter)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findServiceRow(db: Executor, id: string): Promise<ServiceRow | undefined> {
  return published(db).select(serviceColumns).where('o.id', '=', id).executeTakeFirst();
}

/** A weekly window with the places still open in it (capacity minus the placements holding one). */
export type WindowWithOpenPlaces = TimeWindow & { openPlaces: number };

/** The weekly windows of the given opportunities, in their stored order. */
export async function listWindowsOf(
  db: Executor,
  opportunityIds: readonly string[],
): Promise<Map<string, WindowWithOpenPlaces[]>> {
  const byOpportunity = new Map<string, WindowWithOpenPlaces[]>();
  if (opportunityIds.length === 0) return byOpportunity;
  const rows = await db
    .selectFrom('opportunity_window')
    .select(['opportunity_id', 'weekday', 'start_time', 'end_time', 'capacity', 'open_places'])
    .where('opportunity_id', 'in', opportunityIds)
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
      openPlaces: row.open_places,
    });
    byOpportunity.set(row.opportunity_id, list);
  }
  return byOpportunity;
}

/** A facility as a location: public columns only (its published phone, never its contact person). */
export type LocationRow = {
  id: string;
  corporation_id: string;
  name: string;
  name_kana: string;
  postal_code: string | null;
  municipality_name: string;
  address: string;
  lat: number | null;
  lng: number | null;
  nearest_station: string | null;
  walk_minutes: number | null;
  phone: string | null;
  cert_number: string | null;
  cert_authority: string | null;
  cert_on: string | null;
};

function locations(db: Executor) {
  return db
    .selectFrom('facility as lf')
    .innerJoin('municipality as m', 'm.code', 'lf.municipality_code')
    .leftJoin('facility_certification as fc', (join) =>
      join.onRef('fc.facility_id', '=', 'lf.id').on('fc.status', '=', 'certified'),
    )
    .select([
      'lf.id as id',
      'lf.corporation_id as corporation_id',
      'lf.name as name',
      'lf.name_kana as name_kana',
      'lf.postal_code as postal_code',
      'm.name as municipality_name',
      'lf.address as address',
      'lf.lat as lat',
      'lf.lng as lng',
      'lf.nearest_station as nearest_station',
      'lf.walk_minutes as walk_minutes',
      'lf.phone as phone',
      'fc.number as cert_number',
      'fc.authority as cert_authority',
      'fc.certified_on as cert_on',
    ]);
}

/** The facilities with the given ids (the caller got them from listed opportunities). */
export async function listLocationRows(db: Executor, facilityIds: readonly string[]): Promise<LocationRow[]> {
  if (facilityIds.length === 0) return [];
  return locations(db).where('lf.id', 'in', facilityIds).orderBy('lf.id').execute();
}

/**
 * The facilities that have at least one listed opportunity: of the given corporations, or of all
 * of them when `corporationIds` is omitted (the whole export).
 */
export async function listLocationRowsOfOrganizations(
  db: Executor,
  corporationIds?: readonly string[],
): Promise<LocationRow[]> {
  if (corporationIds?.length === 0) return [];
  let query = locations(db).where(({ exists }) =>
    exists(
      published(db)
        .select('o.id')
        .where(sql<boolean>`${sql.ref('o.facility_id')} = ${sql.ref('lf.id')}`),
    ),
  );
  if (corporationIds) query = query.where('lf.corporation_id', 'in', corporationIds);
  return query.orderBy('lf.name_kana').orderBy('lf.id').execute();
}

export type OrganizationRow = {
  id: string;
  name: string;
  name_kana: string;
  website: string | null;
  phone: string | null;
};

export type OrganizationFilter = { search?: string; ids?: readonly string[] };

/** Corporations with at least one listed opportunity. */
function filteredOrganizations(db: Executor, filter: OrganizationFilter) {
  let query = db
    .selectFrom('organisation as oc')
    .where('oc.kind', '=', 'corporation')
    .where('oc.active', '=', 1)
    .where(({ exists }) =>
      exists(
        published(db)
          .select('o.id')
          .where(sql<boolean>`${sql.ref('f.corporation_id')} = ${sql.ref('oc.id')}`),
      ),
    );
  if (filter.search) {
    query = query.where(
      sql<boolean>`${sql.ref('oc.search_text')} like ${likePattern(filter.search)} escape '\\'`,
    );
  }
  if (filter.ids)
    query = filter.ids.length ? query.where('oc.id', 'in', filter.ids) : query.where(sql<boolean>`1 = 0`);
  return query;
}

const organizationColumns = [
  'oc.id as id',
  'oc.name as name',
  'oc.name_kana as name_kana',
  'oc.website as website',
  'oc.phone as phone',
] as const;

export async function listOrganizationRows(
  db: Executor,
  filter: OrganizationFilter & { limit: number; offset: number },
): Promise<OrganizationRow[]> {
  return filteredOrganizations(db, filter)
    .select(organizationColumns)
    .orderBy('oc.name')
    .orderBy('oc.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

export async function countOrganizationRows(db: Executor, filter: OrganizationFilter): Promise<number> {
  const row = await filteredOrganizations(db, filter)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findOrganizationRow(db: Executor, id: string): Promise<OrganizationRow | undefined> {
  return filteredOrganizations(db, { ids: [id] })
    .select(organizationColumns)
    .executeTakeFirst();
}

/** The ids of every listed opportunity (to find a derived id, such as a service_at_location's). */
export async function listServiceIds(db: Executor): Promise<string[]> {
  const rows = await published(db).select('o.id as id').orderBy('o.id').execute();
  return rows.map((r) => r.id);
}

/** Id, corporation, title and status of every listed opportunity (an organization's service list). */
export async function listServiceHeads(db: Executor) {
  return published(db)
    .select(['o.id as id', 'f.corporation_id as corporation_id', 'o.title as title', 'o.status as status'])
    .orderBy('o.id')
    .execute();
}
