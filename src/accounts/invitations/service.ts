/**
 * Use cases of invitations: an administrator invites a person into an organisation with a role
 * (a one-time link by e-mail, valid 7 days); the person accepts by choosing a password, which
 * creates the account; an administrator may revoke an invitation not yet accepted.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit/audit';
import { actorOf } from '../../platform/auth/guard';
import { hashPassword } from '../../platform/auth/password';
import { type Actor, can } from '../../platform/auth/policy';
import { hashToken, newToken } from '../../platform/auth/tokens';
import type { Database, OrganisationKind, Role } from '../../platform/db/schema';
import { newId, nowIso } from '../../platform/db/time';
import type { CurrentUser } from '../../platform/http/env';
import { queueMail } from '../../platform/mail/outbox';
import { normaliseEmail, normaliseInput } from '../../platform/text/normalise';
import { emailExists, insertUser } from '../store';
import { type AuditActor, FacilityNotOfCorporationError } from '../users/service';
import {
  filterCorporationFacilityIds,
  findOrganisationChoice,
  replaceFacilityAssignments,
} from '../users/store';
import { invitationMail } from './mail';
import {
  findInvitation,
  findInvitationByTokenHash,
  findOpenInvitationForEmail,
  insertInvitation,
  markInvitationAccepted,
  markInvitationRevoked,
} from './store';

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export type InvitationState = 'pending' | 'expired' | 'revoked' | 'accepted';

/** An account with this e-mail address exists already. */
export class EmailInUseError extends Error {}
/** An invitation to this address is still open; revoke it before sending another. */
export class InvitationPendingError extends Error {}
/** The organisation does not exist, is inactive, or is outside the inviter's scope. */
export class OrganisationNotFoundError extends Error {}
/** No such invitation in the caller's scope. */
export class InvitationNotFoundError extends Error {}
/** The policy does not let the inviter invite this role into this organisation. */
export class InvitationRefusedError extends Error {}
/** The link cannot be used (any more). */
export class InvitationGoneError extends Error {
  constructor(readonly state: Exclude<InvitationState, 'pending'> | 'unknown') {
    super(`invitation ${state}`);
  }
}

export function invitationState(
  row: {
    acceptedAt: string | null;
    revokedAt: string | null;
    expiresAt: string;
    organisationActive?: number;
  },
  now = new Date(),
): InvitationState {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt || row.organisationActive === 0) return 'revoked';
  if (row.expiresAt <= nowIso(now)) return 'expired';
  return 'pending';
}

export type InvitationInput = {
  email: string;
  name: string;
  role: Role;
  organisationId: string;
  /** For facility coordinators: facilities of the corporation; ignored for other roles. */
  facilityIds: readonly string[];
};

export function invitationSubject(organisation: { id: string; kind: OrganisationKind }, role: Role) {
  return {
    kind: 'invitation',
    organisationId: organisation.id,
    organisationKind: organisation.kind,
    role,
  } as const;
}

/** Writes the invitation, queues its e-mail and the audit row, all in one transaction. */
export async function inviteUser(
  db: Kysely<Database>,
  inviter: CurrentUser,
  input: InvitationInput,
  options: { baseUrl: string },
  audit: AuditActor,
  now = new Date(),
): Promise<{ id: string; expiresAt: string }> {
  const actor = actorOf(inviter);
  const email = normaliseEmail(input.email);
  const name = normaliseInput(input.name);
  return db.transaction().execute(async (trx) => {
    const organisation = await findOrganisationChoice(trx, actor, input.organisationId);
    if (!organisation) throw new OrganisationNotFoundError(input.organisationId);
    if (!can(actor, 'user.invite', invitationSubject(organisation, input.role))) {
      throw new InvitationRefusedError(`${input.role} in ${organisation.id}`);
    }
    if (await emailExists(trx, email)) throw new EmailInUseError(email);
    if (await findOpenInvitationForEmail(trx, email, nowIso(now))) throw new InvitationPendingError(email);
    let facilityIds: string[] = [];
    if (input.role === 'facility_coordinator') {
      const wanted = [...new Set(input.facilityIds)];
      facilityIds = await filterCorporationFacilityIds(trx, organisation.id, wanted);
      if (facilityIds.length !== wanted.length) throw new FacilityNotOfCorporationError(organisation.id);
      facilityIds.sort();
    }

    const token = newToken();
    const id = newId();
    const expiresAt = nowIso(new Date(now.getTime() + INVITATION_LIFETIME_MS));
    await insertInvitation(trx, {
      id,
      token_hash: hashToken(token),
      email,
      name,
      role: input.role,
      organisation_id: organisation.id,
      facility_ids: JSON.stringify(facilityIds),
      invited_by: inviter.id,
      created_at: nowIso(now),
      expires_at: expiresAt,
    });
    await queueMail(trx, {
      to: email,
      ...invitationMail({
        name,
        role: input.role,
        organisationName: organisation.name,
        inviterName: inviter.name,
        inviterOrganisationName: inviter.organisationName,
        link: `${options.baseUrl}/invitations/${token}`,
        expiresAt,
      }),
    });
    await recordAudit(trx, {
      action: 'user.invite',
      subjectType: 'invitation',
      subjectId: id,
      ...audit,
      detail: { email, role: input.role, organisationId: organisation.id, facilityIds, expiresAt },
    });
    return { id, expiresAt };
  });
}

/** The invitation behind a link and its state, for the page that shows it. */
export async function findInvitationForToken(db: Kysely<Database>, token: string, now = new Date()) {
  if (token.length > 100) return undefined;
  const row = await findInvitationByTokenHash(db, hashToken(token));
  if (!row) return undefined;
  return { ...row, state: invitationState(row, now) };
}

/**
 * Creates the invited person's account with the chosen password (already checked against the
 * password policy) and their facility assignments, and marks the invitation used — all or nothing.
 */
export async function acceptInvitation(
  db: Kysely<Database>,
  token: string,
  password: string,
  audit: Pick<AuditActor, 'requestId' | 'ip'>,
  now = new Date(),
): Promise<{ userId: string; email: string }> {
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const row = token.length > 100 ? undefined : await findInvitationByTokenHash(trx, hashToken(token));
    if (!row) throw new InvitationGoneError('unknown');
    const state = invitationState(row, now);
    if (state !== 'pending') throw new InvitationGoneError(state);
    if (!(await markInvitationAccepted(trx, row.id, nowIso(now)))) {
      // Another request accepted (or an administrator revoked) it a moment ago.
      throw new InvitationGoneError('accepted');
    }
    if (await emailExists(trx, row.email)) throw new EmailInUseError(row.email);
    const userId = newId();
    await insertUser(trx, {
      id: userId,
      organisation_id: row.organisationId,
      email: row.email,
      name: row.name,
      password_hash: passwordHash,
      role: row.role,
      locale: 'ja',
      active: 1,
      is_demo: 0,
      created_at: nowIso(now),
      updated_at: nowIso(now),
    });
    let facilityIds: string[] = [];
    if (row.role === 'facility_coordinator') {
      // Facilities closed since the invitation was sent are left out.
      facilityIds = await filterCorporationFacilityIds(trx, row.organisationId, JSON.parse(row.facilityIds));
      await replaceFacilityAssignments(trx, userId, facilityIds.sort(), nowIso(now));
    }
    await recordAudit(trx, {
      action: 'invitation.accept',
      subjectType: 'invitation',
      subjectId: row.id,
      userId,
      organisationId: row.organisationId,
      requestId: audit.requestId,
      ip: audit.ip,
      detail: { role: row.role, facilityIds },
    });
    return { userId, email: row.email };
  });
}

/** Revokes an invitation not yet accepted; false when it was accepted or revoked already. */
export async function revokeInvitation(
  db: Kysely<Database>,
  actor: Actor,
  invitationId: string,
  audit: AuditActor,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const invitation = await findInvitation(trx, actor, invitationId);
    if (!invitation) throw new InvitationNotFoundError(invitationId);
    const subject = invitationSubject(
      { id: invitation.organisationId, kind: invitation.organisationKind },
      invitation.role,
    );
    if (!can(actor, 'user.invite', subject)) throw new InvitationRefusedError(invitationId);
    const revoked = await markInvitationRevoked(trx, invitation.id, nowIso());
    if (revoked) {
      await recordAudit(trx, {
        action: 'invitation.revoke',
        subjectType: 'invitation',
        subjectId: invitation.id,
        ...audit,
        detail: { email: invitation.email, role: invitation.role },
      });
    }
    return revoked;
  });
}
