/**
 * SQL for invitations. A link's token is stored only as its SHA-256. Lists are scoped by the
 * caller like the user list: council roles see every organisation's invitations, others their own.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../platform/auth/policy';
import type { Database, Role } from '../../platform/db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

function seesAllOrganisations(actor: Actor): boolean {
  return actor.role === 'council_admin' || actor.role === 'council_staff';
}

export async function insertInvitation(
  db: Executor,
  invitation: {
    id: string;
    token_hash: string;
    email: string;
    name: string;
    role: Role;
    organisation_id: string;
    facility_ids: string;
    invited_by: string;
    created_at: string;
    expires_at: string;
  },
): Promise<void> {
  await db.insertInto('invitation').values(invitation).execute();
}

/** An invitation to this address that can still be accepted. */
export async function findOpenInvitationForEmail(db: Executor, email: string, now: string) {
  return db
    .selectFrom('invitation')
    .select(['id', 'expires_at'])
    .where('email', '=', email)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Invitations not yet accepted or revoked (still pending, or expired), newest first. */
export async function listOpenInvitations(
  db: Executor,
  actor: Actor,
  filter: { organisationId?: string; role?: Role },
  limit: number,
) {
  let query = db
    .selectFrom('invitation as i')
    .innerJoin('organisation as o', 'o.id', 'i.organisation_id')
    .select([
      'i.id as id',
      'i.name as name',
      'i.email as email',
      'i.role as role',
      'i.created_at as createdAt',
      'i.expires_at as expiresAt',
      'i.organisation_id as organisationId',
      'o.name as organisationName',
    ])
    .where('i.accepted_at', 'is', null)
    .where('i.revoked_at', 'is', null);
  if (!seesAllOrganisations(actor)) query = query.where('i.organisation_id', '=', actor.organisationId);
  if (filter.organisationId) query = query.where('i.organisation_id', '=', filter.organisationId);
  if (filter.role) query = query.where('i.role', '=', filter.role);
  return query.orderBy('i.created_at', 'desc').orderBy('i.id', 'desc').limit(limit).execute();
}

export async function findInvitation(db: Executor, actor: Actor, id: string) {
  let query = db
    .selectFrom('invitation as i')
    .innerJoin('organisation as o', 'o.id', 'i.organisation_id')
    .select([
      'i.id as id',
      'i.email as email',
      'i.role as role',
      'i.organisation_id as organisationId',
      'o.kind as organisationKind',
      'i.accepted_at as acceptedAt',
      'i.revoked_at as revokedAt',
    ])
    .where('i.id', '=', id);
  if (!seesAllOrganisations(actor)) query = query.where('i.organisation_id', '=', actor.organisationId);
  return query.executeTakeFirst();
}

/** The invitation behind a link, whatever its state, with what the invitee is shown. */
export async function findInvitationByTokenHash(db: Executor, tokenHash: string) {
  return db
    .selectFrom('invitation as i')
    .innerJoin('organisation as o', 'o.id', 'i.organisation_id')
    .select([
      'i.id as id',
      'i.email as email',
      'i.name as name',
      'i.role as role',
      'i.facility_ids as facilityIds',
      'i.organisation_id as organisationId',
      'o.name as organisationName',
      'o.kind as organisationKind',
      'o.active as organisationActive',
      'i.expires_at as expiresAt',
      'i.accepted_at as acceptedAt',
      'i.revoked_at as revokedAt',
    ])
    .where('i.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/**
 * Marks the invitation accepted if it still can be; false when another request got there first
 * or it expired or was revoked meanwhile. Run first in the accepting transaction, so the row is
 * locked (PostgreSQL) and a second accept sees it taken.
 */
export async function markInvitationAccepted(db: Executor, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('invitation')
    .set({ accepted_at: now })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markInvitationRevoked(db: Executor, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('invitation')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
