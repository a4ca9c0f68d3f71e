/** All SQL for users, organisations and sessions. Personal columns are selected by name. */
import type { Kysely, Transaction } from 'kysely';
import { compiledOnce } from '../platform/db/compiled-once';
import type { Database, NewUser, OrganisationKind, Role, SessionStage } from '../platform/db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

export async function insertUser(db: Executor, user: NewUser): Promise<void> {
  await db.insertInto('app_user').values(user).execute();
}

export async function emailExists(db: Executor, email: string): Promise<boolean> {
  const row = await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirst();
  return row !== undefined;
}

export async function insertOrganisation(
  db: Executor,
  organisation: {
    id: string;
    kind: OrganisationKind;
    name: string;
    name_kana: string;
    search_text: string;
    is_demo: number;
    created_at: string;
  },
): Promise<void> {
  await db
    .insertInto('organisation')
    .values({ ...organisation, updated_at: organisation.created_at })
    .execute();
}

/** Whether the organisation's users must sign in with a second factor (TOTP). */
export async function setOrganisationTwoFactorRequired(
  db: Executor,
  organisationId: string,
  required: boolean,
): Promise<void> {
  await db
    .updateTable('organisation')
    .set({ two_factor_required: required ? 1 : 0 })
    .where('id', '=', organisationId)
    .execute();
}

export async function findOrganisationByName(db: Executor, kind: OrganisationKind, name: string) {
  return db
    .selectFrom('organisation')
    .select(['id', 'kind', 'name'])
    .where('kind', '=', kind)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function insertSession(
  db: Executor,
  session: {
    id: string;
    user_id: string;
    created_at: string;
    expires_at: string;
    stage?: SessionStage;
    ip?: string | null;
    user_agent?: string | null;
  },
): Promise<void> {
  await db
    .insertInto('user_session')
    .values({ ...session, last_seen_at: session.created_at })
    .execute();
}

/** The signed-in user behind a session, if the session is alive and the user active. */
const sessionUserQuery = compiledOnce<{ sessionId: string; idleSince: string; now: string }>()((db, value) =>
  db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select([
      's.id as sessionId',
      's.last_seen_at as lastSeenAt',
      'u.id as id',
      'u.name as name',
      'u.email as email',
      'u.role as role',
      'u.organisation_id as organisationId',
      'o.name as organisationName',
      'o.kind as organisationKind',
      's.stage as stage',
    ])
    .where('s.id', '=', value('sessionId'))
    .where('s.expires_at', '>', value('now'))
    .where('s.last_seen_at', '>', value('idleSince'))
    .where('u.active', '=', 1),
);

/** The signed-in user behind a session (on every page request: compiled once). */
export async function findSessionUser(db: Executor, sessionId: string, idleSince: string, now: string) {
  return (await sessionUserQuery(db, { sessionId, idleSince, now }))[0];
}

export async function listAssignedFacilityIds(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('facility_assignment')
    .select('facility_id')
    .where('user_id', '=', userId)
    .orderBy('facility_id')
    .execute();
  return rows.map((r) => r.facility_id);
}

export async function touchSession(db: Executor, sessionId: string, now: string): Promise<void> {
  await db.updateTable('user_session').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom('user_session').where('id', '=', sessionId).execute();
}

export async function listDemoLogins(
  db: Executor,
): Promise<{ email: string; role: Role; organisation: string }[]> {
  return db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select(['u.email as email', 'u.role as role', 'o.name as organisation'])
    .where('u.is_demo', '=', 1)
    .orderBy('u.email')
    .execute();
}
