/**
 * All SQL on the facility table. Every read takes the caller (Actor) and filters in SQL: the
 * council sees every facility, a corporation's staff only their corporation's, and a counsellor
 * only active facilities (the registry agencies choose from). A facility outside the caller's
 * scope is never returned, so a missed policy check cannot leak it.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Actor } from '../../platform/auth/policy';
import type { Database, FacilityTable, ServiceType } from '../../platform/db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

const isCouncil = (actor: Actor) => actor.role === 'council_admin' || actor.role === 'council_staff';

/** The condition on `facility as f` that keeps the rows the actor may see. */
function visibleTo(actor: Actor) {
  if (isCouncil(actor)) return sql<boolean>`1 = 1`;
  if (actor.role === 'corporation_admin' || actor.role === 'facility_coordinator') {
    return sql<boolean>`${sql.ref('f.corporation_id')} = ${actor.organisationId}`;
  }
  return sql<boolean>`${sql.ref('f.active')} = 1`;
}

/** Every stored column a facility page shows, plus the names it joins. */
const detailColumns = [
  'f.id as id',
  'f.corporation_id as corporationId',
  'o.name as corporationName',
  'f.name as name',
  'f.name_kana as nameKana',
  'f.service_type as serviceType',
  'f.postal_code as postalCode',
  'f.municipality_code as municipalityCode',
  'm.name as municipalityName',
  'f.address as address',
  'f.nearest_station as nearestStation',
  'f.walk_minutes as walkMinutes',
  'f.phone as phone',
  'f.contact_name as contactName',
  'f.contact_email as contactEmail',
  'f.is_demo as isDemo',
  'f.active as active',
  'f.created_at as createdAt',
  'f.updated_at as updatedAt',
] as const;

export type FacilityDetail = {
  id: string;
  corporationId: string;
  corporationName: string;
  name: string;
  nameKana: string;
  serviceType: ServiceType;
  postalCode: string | null;
  municipalityCode: string;
  municipalityName: string;
  address: string;
  nearestStation: string | null;
  walkMinutes: number | null;
  phone: string | null;
  contactName: string | null;
  contactEmail: string | null;
  isDemo: number;
  active: number;
  createdAt: string;
  updatedAt: string;
};

function base(db: Executor) {
  return db
    .selectFrom('facility as f')
    .innerJoin('organisation as o', 'o.id', 'f.corporation_id')
    .innerJoin('municipality as m', 'm.code', 'f.municipality_code');
}

/** One facility, if the actor may see it. */
export async function findFacility(
  db: Executor,
  actor: Actor,
  id: string,
): Promise<FacilityDetail | undefined> {
  return base(db).select(detailColumns).where('f.id', '=', id).where(visibleTo(actor)).executeTakeFirst();
}

export type FacilityFilter = {
  /** Normalised search text (toSearchText); matched anywhere in the name and reading. */
  q?: string;
  serviceType?: ServiceType;
  corporationId?: string;
  municipalityCode?: string;
};

function filtered(db: Executor, actor: Actor, filter: FacilityFilter) {
  let query = db.selectFrom('facility as f').where(visibleTo(actor));
  if (filter.q) query = query.where(sql<boolean>`f.search_text like ${likePattern(filter.q)} escape '\\'`);
  if (filter.serviceType) query = query.where('f.service_type', '=', filter.serviceType);
  if (filter.corporationId) query = query.where('f.corporation_id', '=', filter.corporationId);
  if (filter.municipalityCode) query = query.where('f.municipality_code', '=', filter.municipalityCode);
  return query;
}

export type FacilitySummary = Pick<
  FacilityDetail,
  | 'id'
  | 'corporationId'
  | 'corporationName'
  | 'name'
  | 'nameKana'
  | 'serviceType'
  | 'municipalityCode'
  | 'municipalityName'
  | 'isDemo'
  | 'active'
>;

/** The facilities the actor may see, by corporation then reading. */
export async function listFacilities(
  db: Executor,
  actor: Actor,
  filter: FacilityFilter & { limit: number; offset: number },
): Promise<FacilitySummary[]> {
  return filtered(db, actor, filter)
    .innerJoin('organisation as o', 'o.id', 'f.corporation_id')
    .innerJoin('municipality as m', 'm.code', 'f.municipality_code')
    .select([
      'f.id as id',
      'f.corporation_id as corporationId',
      'o.name as corporationName',
      'f.name as name',
      'f.name_kana as nameKana',
      'f.service_type as serviceType',
      'f.municipality_code as municipalityCode',
      'm.name as municipalityName',
      'f.is_demo as isDemo',
      'f.active as active',
    ])
    .orderBy('o.name')
    .orderBy('f.name_kana')
    .orderBy('f.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

export async function countFacilities(db: Executor, actor: Actor, filter: FacilityFilter): Promise<number> {
  const row = await filtered(db, actor, filter)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The stored row an update compares against, for the audit trail. */
export async function findFacilityRowForUpdate(db: Executor, actor: Actor, id: string) {
  const query = db
    .selectFrom('facility as f')
    .select([
      'f.id',
      'f.corporation_id',
      'f.name',
      'f.name_kana',
      'f.service_type',
      'f.postal_code',
      'f.municipality_code',
      'f.address',
      'f.nearest_station',
      'f.walk_minutes',
      'f.phone',
      'f.contact_name',
      'f.contact_email',
    ])
    .where('f.id', '=', id)
    .where(visibleTo(actor));
  return query.executeTakeFirst();
}

export type FacilityColumns = Pick<
  FacilityTable,
  | 'name'
  | 'name_kana'
  | 'service_type'
  | 'postal_code'
  | 'municipality_code'
  | 'address'
  | 'nearest_station'
  | 'walk_minutes'
  | 'phone'
  | 'contact_name'
  | 'contact_email'
>;

export async function insertFacility(
  db: Executor,
  row: FacilityColumns & {
    id: string;
    corporation_id: string;
    search_text: string;
    is_demo: number;
    created_at: string;
  },
): Promise<void> {
  await db
    .insertInto('facility')
    .values({ ...row, updated_at: row.created_at })
    .execute();
}

export async function updateFacilityRow(
  db: Executor,
  id: string,
  changes: Partial<FacilityColumns> & { search_text: string; updated_at: string },
): Promise<void> {
  await db.updateTable('facility').set(changes).where('id', '=', id).execute();
}

/** Finds a facility of a corporation by its exact name (the demo seed uses it to stay idempotent). */
export async function findFacilityIdByName(
  db: Executor,
  corporationId: string,
  name: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('facility')
    .select('id')
    .where('corporation_id', '=', corporationId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.id;
}

export async function insertAssignmentIfMissing(
  db: Executor,
  userId: string,
  facilityId: string,
  now: string,
) {
  await db
    .insertInto('facility_assignment')
    .values({ user_id: userId, facility_id: facilityId, created_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'facility_id']).doNothing())
    .execute();
}

/** `%text%` with LIKE's wildcards in the text escaped. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
