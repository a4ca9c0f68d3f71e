/**
 * The case behind a participant's referrals: a closed (終結) or anonymised case withdraws its
 * open referrals; a transferred case (移管) takes them to the new agency. Both run in the
 * caller's transaction (participants/rights, participants/transfer).
 */
import { recordAudit } from '../../platform/audit/audit';
import { newId, nowIso } from '../../platform/db/time';
import { referralMessages } from '../messages';
import { isTerminal } from '../state-machine';
import { openReferralIdsOfParticipant, referralIdsOfCase, setReferralAgency } from '../store/case';
import { type Executor, findReferralUnscoped } from '../store/referrals';
import { insertEvent } from '../store/timeline';
import type { AuditActor, ReferralActor } from './actors';
import { notifyOtherSide } from './notify';
import { applyEvent } from './transitions';

/** The closing reason the system gives when a case ends (from the council's list). */
export const CASE_CLOSED_REASON = 'case_closed';

/**
 * A case that closed (終結) or was anonymised ends its open referrals, in the caller's
 * transaction: each is withdrawn by the system with the reason 'case_closed' and the note
 * 「支援の終結」 on its timeline; the facility is told (a title without personal data).
 */
export async function withdrawReferralsOfCase(
  trx: Executor,
  participantId: string,
  audit: AuditActor,
): Promise<number> {
  let withdrawn = 0;
  for (const id of await openReferralIdsOfParticipant(trx, participantId)) {
    const referral = await findReferralUnscoped(trx, id);
    if (!referral || isTerminal(referral.state)) continue;
    const done = await applyEvent(
      trx,
      referral,
      'withdraw',
      { ...audit, userId: '', organisationId: '', party: 'system' },
      { reasonCode: CASE_CLOSED_REASON, note: referralMessages.ja.caseClosedNote },
    );
    if (done.ok) withdrawn += 1;
  }
  return withdrawn;
}

/**
 * A transferred case (移管) takes its referrals to the new agency, in the transfer's
 * transaction, the way its placements follow it: the new agency sees them (and its counsellors
 * hear of them), the old one no longer does. Each gets a timeline entry and an audit row; the
 * facility of an open one is told that the agency changed.
 */
export async function moveReferralsOfCase(
  trx: Executor,
  input: { participantId: string; fromAgencyId: string; toAgencyId: string; actor: ReferralActor },
): Promise<number> {
  const at = nowIso();
  let moved = 0;
  for (const id of await referralIdsOfCase(trx, input.participantId, input.fromAgencyId)) {
    if (!(await setReferralAgency(trx, id, input.fromAgencyId, input.toAgencyId, at))) continue;
    const referral = await findReferralUnscoped(trx, id);
    if (!referral) continue;
    await insertEvent(trx, {
      id: newId(),
      referralId: id,
      at,
      userId: input.actor.userId,
      organisationId: input.actor.organisationId,
      party: 'agency',
      event: 'transfer',
      from: referral.state,
      to: referral.state,
    });
    await recordAudit(trx, {
      requestId: input.actor.requestId ?? null,
      ip: input.actor.ip ?? null,
      userId: input.actor.userId,
      organisationId: input.actor.organisationId,
      action: 'referral.transfer',
      subjectType: 'referral',
      subjectId: id,
      detail: {
        participantId: input.participantId,
        fromAgencyId: input.fromAgencyId,
        toAgencyId: input.toAgencyId,
      },
    });
    if (referral.state !== 'draft' && !isTerminal(referral.state)) {
      await notifyOtherSide(trx, referral, 'agency', input.actor.userId, 'referral.transfer', (m) =>
        m.notify.transferred(referral.facilityName, referral.opportunityTitle),
      );
    }
    moved += 1;
  }
  return moved;
}
