/**
 * Use cases of managing users: deactivate and reactivate an account, assign a facility
 * coordinator's facilities. Each runs in one transaction with its audit row, and checks the
 * policy again itself, so a route that forgot its guard still cannot do it.
 */
import type { Kysely } from 'kysely';
import { type AuditEntry, recordAudit } from '../../platform/audit/audit';
import { type Actor, can } from '../../platform/auth/policy';
import type { Database } from '../../platform/db/schema';
import { nowIso } from '../../platform/db/time';
import { revokeApiTokensOfUser } from '../api-tokens/store';
import {
  deleteSessionsOfUser,
  filterCorporationFacilityIds,
  findUser,
  replaceFacilityAssignments,
  setUserActive,
} from './store';

export type AuditActor = Pick<AuditEntry, 'userId' | 'organisationId' | 'requestId' | 'ip'>;

/** The user does not exist or is outside the caller's scope. */
export class UserNotFoundError extends Error {}
/** The policy refuses the caller this action on this user. */
export class UserActionRefusedError extends Error {}
/** A facility that is not an active facility of the user's corporation. */
export class FacilityNotOfCorporationError extends Error {}

async function loadSubject(db: Kysely<Database>, actor: Actor, userId: string) {
  const user = await findUser(db, actor, userId);
  if (!user) throw new UserNotFoundError(userId);
  return user;
}

/**
 * Stops the account at once: active=0, every session ended (the next request of any open browser
 * is signed out) and every API token revoked.
 */
export async function deactivateUser(
  db: Kysely<Database>,
  actor: Actor,
  userId: string,
  audit: AuditActor,
): Promise<{ sessionsEnded: number; tokensRevoked: number }> {
  return db.transaction().execute(async (trx) => {
    const user = await loadSubject(trx, actor, userId);
    const subject = {
      kind: 'user',
      id: user.id,
      organisationId: user.organisationId,
      role: user.role,
    } as const;
    if (!can(actor, 'user.deactivate', subject)) throw new UserActionRefusedError(userId);
    const now = nowIso();
    await setUserActive(trx, user.id, false, now);
    const sessionsEnded = await deleteSessionsOfUser(trx, user.id);
    const tokensRevoked = await revokeApiTokensOfUser(trx, user.id, now);
    await recordAudit(trx, {
      action: 'user.deactivate',
      subjectType: 'user',
      subjectId: user.id,
      ...audit,
      detail: { wasActive: user.active === 1, sessionsEnded, tokensRevoked },
    });
    return { sessionsEnded, tokensRevoked };
  });
}

/** Lets a deactivated user sign in again (their old sessions and tokens stay ended). */
export async function reactivateUser(
  db: Kysely<Database>,
  actor: Actor,
  userId: string,
  audit: AuditActor,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await loadSubject(trx, actor, userId);
    const subject = {
      kind: 'user',
      id: user.id,
      organisationId: user.organisationId,
      role: user.role,
    } as const;
    if (!can(actor, 'user.deactivate', subject)) throw new UserActionRefusedError(userId);
    await setUserActive(trx, user.id, true, nowIso());
    await recordAudit(trx, {
      action: 'user.reactivate',
      subjectType: 'user',
      subjectId: user.id,
      ...audit,
      detail: { wasActive: user.active === 1 },
    });
  });
}

/** Replaces the facilities a facility coordinator is assigned to (facilities of their corporation). */
export async function assignFacilities(
  db: Kysely<Database>,
  actor: Actor,
  userId: string,
  facilityIds: readonly string[],
  audit: AuditActor,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await loadSubject(trx, actor, userId);
    const subject = {
      kind: 'user',
      id: user.id,
      organisationId: user.organisationId,
      role: user.role,
    } as const;
    if (!can(actor, 'user.assign_facilities', subject)) throw new UserActionRefusedError(userId);
    const wanted = [...new Set(facilityIds)];
    const valid = await filterCorporationFacilityIds(trx, user.organisationId, wanted);
    if (valid.length !== wanted.length) throw new FacilityNotOfCorporationError(userId);
    await replaceFacilityAssignments(trx, user.id, valid.sort(), nowIso());
    await recordAudit(trx, {
      action: 'user.assign_facilities',
      subjectType: 'user',
      subjectId: user.id,
      ...audit,
      detail: { facilityIds: valid },
    });
  });
}
