/**
 * Transfer (移管): the person moved, and their case moves to another agency with their consent.
 * The participant row changes agency; its assessments, support log and consents move with it
 * (they hang off the participant). The history says what happened: a support log entry (kind
 * note) with the date of the person's consent and the reason, which the new agency reads, and two
 * audit rows — `participant.transfer_out` under the old agency and `participant.transfer_in`
 * under the new one — naming both agencies (ids only).
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit/audit';
import { type Actor, can } from '../../platform/auth/policy';
import type { Database } from '../../platform/db/schema';
import { newId, nowIso } from '../../platform/db/time';
import { moveReferralsOfCase } from '../../referrals/service';
import { rawText } from '../../registry/facilities/fields';
import { parseJapaneseDate, todayInTokyo } from '../japanese-date';
import type { AuditContext } from '../service';
import { findParticipant, insertSupportLogEntry } from '../store';
import { listOtherAgencies, moveParticipant } from './store';

export const MAX_TRANSFER_REASON = 500;

export type TransferErrors = Partial<
  Record<
    'to_agency' | 'consented' | 'consent_on' | 'reason',
    'required' | 'invalidChoice' | 'invalidDate' | 'dateInFuture' | 'tooLong' | 'consentRequired'
  >
>;

export type TransferInput = {
  to_agency?: unknown;
  consented?: unknown;
  consent_on?: unknown;
  reason?: unknown;
};

/** The agencies a case may move to (every other active agency). */
export function transferDestinations(db: Kysely<Database>, actor: Actor) {
  return listOtherAgencies(db, actor.organisationId);
}

export function validateTransfer(
  raw: TransferInput,
  agencies: readonly { id: string }[],
  today: string,
):
  | { ok: true; value: { to_agency: string; consent_on: string; reason: string } }
  | { ok: false; errors: TransferErrors } {
  const text = (v: unknown) => rawText(typeof v === 'string' ? v : '');
  const errors: TransferErrors = {};
  const to = text(raw.to_agency);
  if (to === '') errors.to_agency = 'required';
  else if (!agencies.some((a) => a.id === to)) errors.to_agency = 'invalidChoice';
  if (text(raw.consented) !== '1') errors.consented = 'consentRequired';
  const on = parseJapaneseDate(text(raw.consent_on));
  if (on === '') errors.consent_on = 'required';
  else if (on === undefined) errors.consent_on = 'invalidDate';
  else if (on > today) errors.consent_on = 'dateInFuture';
  const reason = text(raw.reason).replace(/\r\n?/g, '\n');
  if (reason === '') errors.reason = 'required';
  else if (reason.length > MAX_TRANSFER_REASON) errors.reason = 'tooLong';
  if (!on || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { to_agency: to, consent_on: on, reason } };
}

export async function transferParticipant(
  db: Kysely<Database>,
  actor: Actor,
  participantId: string,
  raw: TransferInput,
  audit: AuditContext,
  options: { today?: string } = {},
): Promise<
  | { status: 'ok'; toAgencyId: string }
  | { status: 'invalid'; errors: TransferErrors }
  | { status: 'not_found' | 'forbidden' | 'not_active' }
> {
  return db.transaction().execute(async (trx) => {
    const participant = await findParticipant(trx, actor, participantId);
    if (!participant) return { status: 'not_found' as const };
    if (
      !can(actor, 'participant.transfer', {
        kind: 'participant',
        id: participant.id,
        agencyId: participant.agencyId,
      })
    ) {
      return { status: 'forbidden' as const };
    }
    if (participant.status !== 'active') return { status: 'not_active' as const };
    const agencies = await listOtherAgencies(trx, participant.agencyId);
    const parsed = validateTransfer(raw, agencies, options.today ?? todayInTokyo());
    if (!parsed.ok) return { status: 'invalid' as const, errors: parsed.errors };
    const { to_agency: toAgencyId, consent_on: consentOn, reason } = parsed.value;
    const now = nowIso();
    const moved = await moveParticipant(trx, participantId, participant.agencyId, toAgencyId, now);
    if (!moved) return { status: 'not_active' as const };
    const toName = agencies.find((a) => a.id === toAgencyId)?.name ?? '';
    const entryId = newId();
    await insertSupportLogEntry(trx, {
      id: entryId,
      participant_id: participantId,
      occurred_on: options.today ?? todayInTokyo(),
      kind: 'note',
      body: `【移管】${participant.agencyName} から ${toName} へ移管しました。本人の同意: ${consentOn}。理由: ${reason}`,
      recorded_by: actor.userId,
      recorded_at: now,
    });
    const detail = {
      fromAgencyId: participant.agencyId,
      toAgencyId,
      consentOn,
      supportLogEntryId: entryId,
    };
    await recordAudit(trx, {
      ...audit,
      organisationId: participant.agencyId,
      action: 'participant.transfer_out',
      subjectType: 'participant',
      subjectId: participantId,
      detail,
    });
    await recordAudit(trx, {
      ...audit,
      organisationId: toAgencyId,
      action: 'participant.transfer_in',
      subjectType: 'participant',
      subjectId: participantId,
      detail,
    });
    // The case's referrals (受け入れ依頼) follow it, as its placements do.
    await moveReferralsOfCase(trx, {
      participantId,
      fromAgencyId: participant.agencyId,
      toAgencyId,
      actor: { ...audit, userId: actor.userId, organisationId: actor.organisationId, party: 'agency' },
    });
    return { status: 'ok' as const, toAgencyId };
  });
}
