/**
 * SQL for managing users: the account list, one account, deactivation, facility assignments.
 * Every query that returns users is scoped by the caller (`Actor`): council roles see every
 * organisation, everyone else only their own, whatever the route asked for.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../platform/auth/policy';
import type { Database, Role } from '../../platform/db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

/** Whether the caller's queries span every organisation. */
function seesAllOrganisations(actor: Actor): boolean {
  return actor.role === 'council_admin' || actor.role === 'council_staff';
}

export type UserFilter = {
  organisationId?: string;
  role?: Role;
  /** 1 active, 0 deactivated, undefined both. */
  active?: 0 | 1;
};

function filteredUsers(db: Executor, actor: Actor, filter: UserFilter) {
  let query = db.selectFrom('app_user as u').innerJoin('organisation as o', 'o.id', 'u.organisation_id');
  if (!seesAllOrganisations(actor)) query = query.where('u.organisation_id', '=', actor.organisationId);
  if (filter.organisationId) query = query.where('u.organisation_id', '=', filter.organisationId);
  if (filter.role) query = query.where('u.role', '=', filter.role);
  if (filter.active !== undefined) query = query.where('u.active', '=', filter.active);
  return query;
}

export async function listUsers(
  db: Executor,
  actor: Actor,
  filter: UserFilter,
  page: { limit: number; offset: number },
) {
  return filteredUsers(db, actor, filter)
    .select([
      'u.id as id',
      'u.name as name',
      'u.email as email',
      'u.role as role',
      'u.active as active',
      'u.last_sign_in_at as lastSignInAt',
      'u.organisation_id as organisationId',
      'o.name as organisationName',
    ])
    .orderBy('o.name')
    .orderBy('u.name')
    .orderBy('u.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countUsers(db: Executor, actor: Actor, filter: UserFilter): Promise<number> {
  const row = await filteredUsers(db, actor, filter)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function findUser(db: Executor, actor: Actor, id: string) {
  let query = db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select([
      'u.id as id',
      'u.name as name',
      'u.email as email',
      'u.role as role',
      'u.active as active',
      'u.created_at as createdAt',
      'u.deactivated_at as deactivatedAt',
      'u.last_sign_in_at as lastSignInAt',
      'u.organisation_id as organisationId',
      'o.name as organisationName',
      'o.kind as organisationKind',
    ])
    .where('u.id', '=', id);
  if (!seesAllOrganisations(actor)) query = query.where('u.organisation_id', '=', actor.organisationId);
  return query.executeTakeFirst();
}

/** Organisations the caller may pick from (filters, invitations): all for the council, else its own. */
export async function listOrganisationChoices(db: Executor, actor: Actor) {
  let query = db
    .selectFrom('organisation')
    .select(['id', 'name', 'kind'])
    .where('active', '=', 1)
    .orderBy('kind')
    .orderBy('name_kana')
    .orderBy('name');
  if (!seesAllOrganisations(actor)) query = query.where('id', '=', actor.organisationId);
  return query.execute();
}

export async function findOrganisationChoice(db: Executor, actor: Actor, id: string) {
  let query = db
    .selectFrom('organisation')
    .select(['id', 'name', 'kind'])
    .where('id', '=', id)
    .where('active', '=', 1);
  if (!seesAllOrganisations(actor)) query = query.where('id', '=', actor.organisationId);
  return query.executeTakeFirst();
}

/** A corporation's active facilities, for assigning coordinators. */
export async function listCorporationFacilities(db: Executor, corporationId: string) {
  return db
    .selectFrom('facility')
    .select(['id', 'name'])
    .where('corporation_id', '=', corporationId)
    .where('active', '=', 1)
    .orderBy('name_kana')
    .orderBy('name')
    .execute();
}

export async function listUserFacilities(db: Executor, userId: string) {
  return db
    .selectFrom('facility_assignment as a')
    .innerJoin('facility as f', 'f.id', 'a.facility_id')
    .select(['f.id as id', 'f.name as name'])
    .where('a.user_id', '=', userId)
    .orderBy('f.name_kana')
    .orderBy('f.name')
    .execute();
}

export async function replaceFacilityAssignments(
  db: Executor,
  userId: string,
  facilityIds: readonly string[],
  now: string,
): Promise<void> {
  await db.deleteFrom('facility_assignment').where('user_id', '=', userId).execute();
  if (facilityIds.length === 0) return;
  await db
    .insertInto('facility_assignment')
    .values(facilityIds.map((facilityId) => ({ user_id: userId, facility_id: facilityId, created_at: now })))
    .execute();
}

export async function setUserActive(
  db: Executor,
  userId: string,
  active: boolean,
  now: string,
): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ active: active ? 1 : 0, deactivated_at: active ? null : now, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

/** Ends every session of the user at once (deactivation, a new password). Returns how many. */
export async function deleteSessionsOfUser(db: Executor, userId: string): Promise<number> {
  const result = await db.deleteFrom('user_session').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Of the given facilities, those that are active facilities of the corporation. */
export async function filterCorporationFacilityIds(
  db: Executor,
  corporationId: string,
  facilityIds: readonly string[],
): Promise<string[]> {
  if (facilityIds.length === 0) return [];
  const rows = await db
    .selectFrom('facility')
    .select('id')
    .where('corporation_id', '=', corporationId)
    .where('active', '=', 1)
    .where('id', 'in', [...facilityIds])
    .execute();
  return rows.map((r) => r.id);
}
