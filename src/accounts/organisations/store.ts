/**
 * All SQL on organisations as the organisation pages and API use them. Reads take the caller
 * (Actor) and filter in SQL: the council sees every organisation, anyone else only their own.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Actor } from '../../platform/auth/policy';
import type { AgencyType, Database, OrganisationKind, OrganisationTable } from '../../platform/db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

const isCouncil = (actor: Actor) => actor.role === 'council_admin' || actor.role === 'council_staff';

/** The condition on `organisation as o` that keeps the rows the actor may see. */
function visibleTo(actor: Actor) {
  if (isCouncil(actor)) return sql<boolean>`1 = 1`;
  return sql<boolean>`${sql.ref('o.id')} = ${actor.organisationId}`;
}

export type OrganisationDetail = {
  id: string;
  kind: OrganisationKind;
  name: string;
  nameKana: string;
  agencyType: AgencyType | null;
  municipalityCode: string | null;
  municipalityName: string | null;
  postalCode: string | null;
  address: string | null;
  phone: string | null;
  website: string | null;
  participationAsOf: string | null;
  isReference: number;
  isDemo: number;
  twoFactorRequired: number;
  active: number;
  createdAt: string;
  updatedAt: string;
};

const detailColumns = [
  'o.id as id',
  'o.kind as kind',
  'o.name as name',
  'o.name_kana as nameKana',
  'o.agency_type as agencyType',
  'o.municipality_code as municipalityCode',
  'm.name as municipalityName',
  'o.postal_code as postalCode',
  'o.address as address',
  'o.phone as phone',
  'o.website as website',
  'o.participation_as_of as participationAsOf',
  'o.is_reference as isReference',
  'o.is_demo as isDemo',
  'o.two_factor_required as twoFactorRequired',
  'o.active as active',
  'o.created_at as createdAt',
  'o.updated_at as updatedAt',
] as const;

export async function findOrganisation(
  db: Executor,
  actor: Actor,
  id: string,
): Promise<OrganisationDetail | undefined> {
  return db
    .selectFrom('organisation as o')
    .leftJoin('municipality as m', 'm.code', 'o.municipality_code')
    .select(detailColumns)
    .where('o.id', '=', id)
    .where(visibleTo(actor))
    .executeTakeFirst();
}

/** Just what the policy needs to decide about an organisation the actor may see. */
export async function findOrganisationKind(
  db: Executor,
  actor: Actor,
  id: string,
): Promise<{ id: string; kind: OrganisationKind } | undefined> {
  return db
    .selectFrom('organisation as o')
    .select(['o.id as id', 'o.kind as kind'])
    .where('o.id', '=', id)
    .where(visibleTo(actor))
    .executeTakeFirst();
}

export type OrganisationFilter = { kind?: OrganisationKind; q?: string };

function filtered(db: Executor, actor: Actor, filter: OrganisationFilter) {
  let query = db.selectFrom('organisation as o').where(visibleTo(actor));
  if (filter.kind) query = query.where('o.kind', '=', filter.kind);
  if (filter.q) query = query.where(sql<boolean>`o.search_text like ${likePattern(filter.q)} escape '\\'`);
  return query;
}

export type OrganisationSummary = Pick<
  OrganisationDetail,
  | 'id'
  | 'kind'
  | 'name'
  | 'nameKana'
  | 'agencyType'
  | 'municipalityName'
  | 'isReference'
  | 'isDemo'
  | 'active'
> & { facilityCount: number };

/** The council first, then corporations, then agencies; each by reading, then name. */
export async function listOrganisations(
  db: Executor,
  actor: Actor,
  filter: OrganisationFilter & { limit: number; offset: number },
): Promise<OrganisationSummary[]> {
  const rows = await filtered(db, actor, filter)
    .leftJoin('municipality as m', 'm.code', 'o.municipality_code')
    .select((eb) => [
      'o.id as id',
      'o.kind as kind',
      'o.name as name',
      'o.name_kana as nameKana',
      'o.agency_type as agencyType',
      'm.name as municipalityName',
      'o.is_reference as isReference',
      'o.is_demo as isDemo',
      'o.active as active',
      eb
        .selectFrom('facility as f')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('f.corporation_id', '=', 'o.id')
        .as('facilityCount'),
    ])
    .orderBy(sql`case o.kind when 'council' then 0 when 'corporation' then 1 else 2 end`)
    .orderBy('o.name')
    .orderBy('o.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return rows.map((row) => ({ ...row, facilityCount: Number(row.facilityCount ?? 0) }));
}

export async function countOrganisations(
  db: Executor,
  actor: Actor,
  filter: OrganisationFilter,
): Promise<number> {
  const row = await filtered(db, actor, filter)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Active accounts of an organisation (a number only: no one's details). */
export async function countUsers(db: Executor, organisationId: string): Promise<number> {
  const row = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('organisation_id', '=', organisationId)
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export type OrganisationColumns = Pick<
  OrganisationTable,
  'name' | 'name_kana' | 'agency_type' | 'municipality_code' | 'postal_code' | 'address' | 'phone' | 'website'
>;

/** The stored row an update compares against, for the audit trail. */
export async function findOrganisationRowForUpdate(db: Executor, actor: Actor, id: string) {
  return db
    .selectFrom('organisation as o')
    .select([
      'o.id',
      'o.kind',
      'o.is_reference',
      'o.name',
      'o.name_kana',
      'o.agency_type',
      'o.municipality_code',
      'o.postal_code',
      'o.address',
      'o.phone',
      'o.website',
      'o.two_factor_required',
    ])
    .where('o.id', '=', id)
    .where(visibleTo(actor))
    .executeTakeFirst();
}

/** Another organisation of this kind with this name (names are unique per kind). */
export async function findOrganisationIdByName(
  db: Executor,
  kind: OrganisationKind,
  name: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('organisation')
    .select('id')
    .where('kind', '=', kind)
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.id;
}

export async function insertOrganisationRow(
  db: Executor,
  row: OrganisationColumns & {
    id: string;
    kind: OrganisationKind;
    search_text: string;
    is_demo: number;
    created_at: string;
  },
): Promise<void> {
  await db
    .insertInto('organisation')
    .values({ ...row, updated_at: row.created_at })
    .execute();
}

export async function updateOrganisationRow(
  db: Executor,
  id: string,
  changes: Partial<OrganisationColumns> & {
    search_text?: string;
    two_factor_required?: number;
    updated_at: string;
  },
): Promise<void> {
  await db.updateTable('organisation').set(changes).where('id', '=', id).execute();
}

/** Demo data only: sets the agency type of an organisation that has none yet. */
export async function setAgencyTypeIfMissing(
  db: Executor,
  id: string,
  agencyType: AgencyType,
): Promise<void> {
  await db
    .updateTable('organisation')
    .set({ agency_type: agencyType })
    .where('id', '=', id)
    .where('agency_type', 'is', null)
    .execute();
}

/** `%text%` with LIKE's wildcards in the text escaped. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
