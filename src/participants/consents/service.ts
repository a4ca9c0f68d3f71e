/**
 * Consent use cases: record, revoke, list, print (each audited in its transaction), and the one
 * consent check every later share (acceptance requests) asks — `checkConsent` — with the
 * council's audited one-time override (`overrideConsent`, spent by `useConsentOverride`).
 * docs/decisions/013-consent.md.
 */
import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../../platform/audit/audit';
import { type Actor, can } from '../../platform/auth/policy';
import type { ConsentDataGroup, Database } from '../../platform/db/schema';
import { newId, nowIso } from '../../platform/db/time';
import { rawText } from '../../registry/facilities/fields';
import { todayInTokyo } from '../japanese-date';
import type { AuditContext } from '../service';
import { findParticipant, findParticipantSubject, type ParticipantRow } from '../store';
import {
  addDays,
  type ConsentCheck,
  type ConsentErrors,
  type ConsentInput,
  consentDataGroups,
  evaluateConsents,
  MAX_REASON,
  MIN_OVERRIDE_REASON,
  namesRecipient,
  OVERRIDE_VALID_DAYS,
  type RevocationErrors,
  type ShareRecipient,
  validateConsent,
  validateRevocation,
} from './consent';
import {
  type ConsentRow,
  consentFactsOf,
  corporationOfFacility,
  findConsent,
  findOverride,
  findParticipantOwner,
  insertConsent,
  insertOverride,
  listConsents,
  listRecipientChoices,
  markConsentRevoked,
  markOverrideUsed,
  type RecipientChoice,
} from './store';

export type { ConsentRow, RecipientChoice };

type Executor = Kysely<Database> | Transaction<Database>;
type Options = { today?: string };

export type Outcome<E> =
  | { status: 'ok'; id: string }
  | { status: 'invalid'; errors: E }
  | { status: 'not_found' }
  | { status: 'forbidden' };

/** The recipients a consent may name: the registry's active corporations and facilities. */
export function recipientChoices(db: Kysely<Database>): Promise<RecipientChoice[]> {
  return listRecipientChoices(db);
}

/** A participant's consents; the caller has audited the read of the participant's page. */
export function listConsentsOf(
  db: Kysely<Database>,
  actor: Actor,
  participantId: string,
): Promise<ConsentRow[]> {
  return listConsents(db, actor, participantId);
}

export function getConsent(
  db: Kysely<Database>,
  actor: Actor,
  participantId: string,
  consentId: string,
): Promise<ConsentRow | undefined> {
  return findConsent(db, actor, participantId, consentId);
}

/** Records what the participant agreed to (consent.record); the counsellor is the recorder. */
export async function recordConsent(
  db: Kysely<Database>,
  actor: Actor,
  participantId: string,
  input: ConsentInput,
  audit: AuditContext,
): Promise<Outcome<ConsentErrors>> {
  return db.transaction().execute(async (trx): Promise<Outcome<ConsentErrors>> => {
    const subject = await findParticipantSubject(trx, actor, participantId);
    if (!subject) return { status: 'not_found' };
    if (!can(actor, 'consent.record', { kind: 'participant', id: subject.id, agencyId: subject.agencyId })) {
      return { status: 'forbidden' };
    }
    const choices = await listRecipientChoices(trx);
    const parsed = validateConsent(input, (kind, id) => choices.some((c) => c.kind === kind && c.id === id));
    if (!parsed.ok) return { status: 'invalid', errors: parsed.errors };
    const id = newId();
    await insertConsent(trx, {
      ...parsed.value,
      id,
      participant_id: participantId,
      recorded_by: actor.userId,
      recorded_at: nowIso(),
    });
    await recordAudit(trx, {
      ...audit,
      action: 'consent.record',
      subjectType: 'participant',
      subjectId: participantId,
      detail: {
        agencyId: subject.agencyId,
        consentId: id,
        recipientKind: parsed.value.recipient_kind,
        recipientId: parsed.value.recipient_id,
        dataGroups: parsed.value.data_groups,
        validFrom: parsed.value.valid_from,
        validUntil: parsed.value.valid_until,
      },
    });
    return { status: 'ok', id };
  });
}

/** Records that the person withdrew a consent (consent.revoke); a revoked consent stays revoked. */
export async function revokeConsent(
  db: Kysely<Database>,
  actor: Actor,
  participantId: string,
  consentId: string,
  raw: { revoked_on?: unknown; reason?: unknown },
  audit: AuditContext,
  options: Options = {},
): Promise<Outcome<RevocationErrors> | { status: 'already_revoked' }> {
  return db.transaction().execute(async (trx) => {
    const subject = await findParticipantSubject(trx, actor, participantId);
    if (!subject) return { status: 'not_found' as const };
    const consent = await findConsent(trx, actor, participantId, consentId);
    if (!consent) return { status: 'not_found' as const };
    if (!can(actor, 'consent.revoke', { kind: 'participant', id: subject.id, agencyId: subject.agencyId })) {
      return { status: 'forbidden' as const };
    }
    if (consent.revokedOn !== null) return { status: 'already_revoked' as const };
    const parsed = validateRevocation(
      { revoked_on: raw.revoked_on as string, reason: raw.reason as string },
      options.today ?? todayInTokyo(),
    );
    if (!parsed.ok) return { status: 'invalid' as const, errors: parsed.errors };
    const revoked = await markConsentRevoked(trx, consentId, {
      revoked_on: parsed.value.revoked_on,
      revoked_by: actor.userId,
      reason: parsed.value.reason,
    });
    if (!revoked) return { status: 'already_revoked' as const };
    await recordAudit(trx, {
      ...audit,
      action: 'consent.revoke',
      subjectType: 'participant',
      subjectId: participantId,
      detail: { agencyId: subject.agencyId, consentId, revokedOn: parsed.value.revoked_on },
    });
    return { status: 'ok' as const, id: consentId };
  });
}

/**
 * The participant and one consent for printing its form, with the download audited
 * (consent.form_download) in the same transaction.
 */
export async function readConsentForm(
  db: Kysely<Database>,
  actor: Actor,
  participantId: string,
  consentId: string,
  audit: AuditContext,
): Promise<{ participant: ParticipantRow; consent: ConsentRow } | undefined> {
  return db.transaction().execute(async (trx) => {
    const participant = await findParticipant(trx, actor, participantId);
    if (!participant) return undefined;
    if (
      !can(actor, 'consent.read', { kind: 'participant', id: participant.id, agencyId: participant.agencyId })
    ) {
      return undefined;
    }
    const consent = await findConsent(trx, actor, participantId, consentId);
    if (!consent) return undefined;
    await recordAudit(trx, {
      ...audit,
      action: 'consent.form_download',
      subjectType: 'participant',
      subjectId: participantId,
      detail: { agencyId: participant.agencyId, consentId },
    });
    return { participant, consent };
  });
}

export type CheckConsentRequest = {
  participantId: string;
  recipient: ShareRecipient;
  dataGroups: readonly ConsentDataGroup[];
  /** The day of the share ('YYYY-MM-DD'). */
  on: string;
  /** A council override (from overrideConsent) to fall back on when no consent covers the share. */
  overrideId?: string;
};

/**
 * THE consent check: do the participant's recorded consents cover sharing these data groups
 * with this recipient on this day? A corporation's consent covers all its facilities; a
 * facility's only that facility. When they do not and `overrideId` names an unspent council
 * override for the same participant, recipient and groups, the answer is yes with `overrideId`
 * — the caller must then spend it with `useConsentOverride` in its own transaction. A case that
 * is not active (closed, anonymised) or unknown is refused as 'none'.
 */
export async function checkConsent(db: Executor, request: CheckConsentRequest): Promise<ConsentCheck> {
  // A closed, anonymised or unknown case shares nothing, whatever was once agreed.
  const owner = await findParticipantOwner(db, request.participantId);
  if (owner?.status !== 'active') return { ok: false, reasons: ['none'] };
  if (request.recipient.facilityId !== undefined) {
    const corporation = await corporationOfFacility(db, request.recipient.facilityId);
    if (corporation !== request.recipient.corporationId) return { ok: false, reasons: ['wrong_recipient'] };
  }
  const result = evaluateConsents(await consentFactsOf(db, request.participantId), request);
  if (result.ok || !request.overrideId) return result;
  const override = await findOverride(db, request.overrideId);
  if (
    override &&
    override.usedAt === null &&
    override.participantId === request.participantId &&
    request.on <= override.validUntil &&
    namesRecipient(override, request.recipient) &&
    request.dataGroups.every((g) => override.dataGroups.includes(g))
  ) {
    return { ok: true, consentIds: [], overrideId: override.id };
  }
  return result;
}

export type OverrideErrors = Partial<
  Record<'reason' | 'recipient' | 'data_groups', 'required' | 'reasonTooShort' | 'tooLong' | 'invalidChoice'>
>;

/**
 * A council admin's one-time permission to share without a covering consent: a written reason
 * of at least 20 characters, audited (consent.override). Usable once, for 14 days.
 */
export async function overrideConsent(
  db: Kysely<Database>,
  actor: Actor,
  input: {
    participantId: string;
    recipient: ShareRecipient;
    dataGroups: readonly ConsentDataGroup[];
    reason: string;
  },
  audit: AuditContext,
  options: Options = {},
): Promise<Outcome<OverrideErrors>> {
  if (!can(actor, 'consent.override', { kind: 'council' })) return { status: 'forbidden' };
  return db.transaction().execute(async (trx): Promise<Outcome<OverrideErrors>> => {
    const owner = await findParticipantOwner(trx, input.participantId);
    if (owner?.status !== 'active') return { status: 'not_found' };
    const errors: OverrideErrors = {};
    const reason = rawText(input.reason).replace(/\r\n?/g, '\n');
    if (reason === '') errors.reason = 'required';
    else if ([...reason.replace(/\s/g, '')].length < MIN_OVERRIDE_REASON) errors.reason = 'reasonTooShort';
    else if (reason.length > MAX_REASON) errors.reason = 'tooLong';
    const groups = consentDataGroups.filter((g) => input.dataGroups.includes(g));
    if (groups.length === 0 || groups.length !== new Set(input.dataGroups).size) {
      errors.data_groups = input.dataGroups.length === 0 ? 'required' : 'invalidChoice';
    }
    const { corporationId, facilityId } = input.recipient;
    const choices = await listRecipientChoices(trx);
    const recipientOk = facilityId
      ? (await corporationOfFacility(trx, facilityId)) === corporationId &&
        choices.some((c) => c.kind === 'facility' && c.id === facilityId)
      : choices.some((c) => c.kind === 'corporation' && c.id === corporationId);
    if (!recipientOk) errors.recipient = 'invalidChoice';
    if (Object.keys(errors).length > 0) return { status: 'invalid', errors };
    const id = newId();
    const today = options.today ?? todayInTokyo();
    const recipient = facilityId
      ? { recipient_kind: 'facility' as const, recipient_id: facilityId }
      : { recipient_kind: 'corporation' as const, recipient_id: corporationId };
    await insertOverride(trx, {
      id,
      participant_id: input.participantId,
      ...recipient,
      data_groups: groups,
      reason,
      granted_by: actor.userId,
      granted_at: nowIso(),
      valid_until: addDays(today, OVERRIDE_VALID_DAYS - 1),
    });
    // The reason is the council's own words about a case, kept with the override; the audit row
    // names the override, the recipient and the groups (no personal data).
    await recordAudit(trx, {
      ...audit,
      action: 'consent.override',
      subjectType: 'participant',
      subjectId: input.participantId,
      detail: {
        agencyId: owner.agencyId,
        overrideId: id,
        recipientKind: recipient.recipient_kind,
        recipientId: recipient.recipient_id,
        dataGroups: groups,
      },
    });
    return { status: 'ok', id };
  });
}

/**
 * Spends an override that checkConsent accepted: call it in the transaction of the share.
 * True only once; the use is audited (consent.override_use) with what it was used for.
 */
export async function useConsentOverride(
  trx: Executor,
  overrideId: string,
  usedFor: string,
  audit: AuditContext,
): Promise<boolean> {
  const override = await findOverride(trx, overrideId);
  if (!override) return false;
  const spent = await markOverrideUsed(trx, overrideId, nowIso(), usedFor);
  if (!spent) return false;
  await recordAudit(trx, {
    ...audit,
    action: 'consent.override_use',
    subjectType: 'participant',
    subjectId: override.participantId,
    detail: { overrideId, usedFor },
  });
  return true;
}
