/**
 * Creating a referral and sending it (受け入れ依頼の送付): refused unless the participant's
 * consent covers the corporation/facility, the data groups and today, the opportunity is
 * accepting and no other request for it is open. A repeated submit (same idempotency key)
 * returns the first referral. docs/decisions/013, 014 and 016.
 */
import type { Kysely, Transaction } from 'kysely';
import type { ConsentDataGroup } from '../../participants/consents/consent';
import { checkConsent, useConsentOverride } from '../../participants/consents/service';
import { todayInTokyo } from '../../participants/japanese-date';
import { getParticipantSubject } from '../../participants/service';
import { recordAudit } from '../../platform/audit/audit';
import { type Actor, can } from '../../platform/auth/policy';
import type { Database } from '../../platform/db/schema';
import { newId, nowIso } from '../../platform/db/time';
import { type ReferralErrors, type ReferralInput, validateReferral } from '../referral-form';
import type { ReferralState } from '../state-machine';
import { isCaseActive } from '../store/case';
import {
  type Executor,
  findOpenReferral,
  findReferral,
  findReferralByKey,
  findReferralUnscoped,
  insertReferral,
  markDraftSent,
} from '../store/referrals';
import { opportunityFacts } from '../store/registry-facts';
import { insertEvent } from '../store/timeline';
import type { AuditActor } from './actors';
import { afterSend } from './notify';
import { applyEvent } from './transitions';

export type CreateOutcome =
  | { status: 'ok'; id: string; state: ReferralState; repeated: boolean }
  | { status: 'invalid'; errors: ReferralErrors }
  | { status: 'consent_refused'; reasons: string[] }
  | { status: 'opportunity_unavailable' }
  | { status: 'case_not_active' }
  | { status: 'already_open'; id: string }
  | { status: 'not_found' }
  | { status: 'forbidden' };

class Refusal extends Error {
  constructor(readonly outcome: CreateOutcome) {
    super('refused');
  }
}

const referable = ['published', 'full'];

/**
 * Checks consent for sending and spends a council override when it was what covered the
 * share; throws a Refusal (rolling the transaction back) when nothing covers it.
 */
async function coverShare(
  trx: Transaction<Database>,
  referral: {
    id: string;
    participantId: string;
    corporationId: string;
    facilityId: string;
    dataGroups: ConsentDataGroup[];
    overrideId: string | null;
  },
  today: string,
  audit: AuditActor,
): Promise<{ consentIds: string[]; overrideId: string | null }> {
  const check = await checkConsent(trx, {
    participantId: referral.participantId,
    recipient: { corporationId: referral.corporationId, facilityId: referral.facilityId },
    dataGroups: referral.dataGroups,
    on: today,
    overrideId: referral.overrideId ?? undefined,
  });
  if (!check.ok) throw new Refusal({ status: 'consent_refused', reasons: [...check.reasons] });
  if (check.overrideId) {
    const spent = await useConsentOverride(trx, check.overrideId, `referral:${referral.id}`, audit);
    if (!spent) throw new Refusal({ status: 'consent_refused', reasons: ['none'] });
    return { consentIds: [], overrideId: check.overrideId };
  }
  return { consentIds: [...check.consentIds], overrideId: null };
}

/**
 * Creates a referral for a participant of the caller's agency: a draft, or — with `send` —
 * sent at once. A repeated submit with the same idempotency key returns the first referral.
 * Sending is refused unless consent covers the share (consent_refused) or when the opportunity
 * is not accepting (opportunity_unavailable); nothing is written then.
 */
export async function createReferral(
  db: Kysely<Database>,
  actor: Actor,
  participantId: string,
  input: ReferralInput,
  audit: AuditActor,
  options: { send: boolean; today?: string },
): Promise<CreateOutcome> {
  const today = options.today ?? todayInTokyo();
  const subject = await getParticipantSubject(db, actor, participantId);
  if (!subject) return { status: 'not_found' };
  if (!can(actor, 'referral.create', subject)) return { status: 'forbidden' };
  // A closed (終結) or anonymised case gets no new request.
  if (!(await isCaseActive(db, participantId))) return { status: 'case_not_active' };
  const parsed = validateReferral(input, today);
  if (!parsed.ok) return { status: 'invalid', errors: parsed.errors };
  const value = parsed.value;
  const key = value.idempotencyKey || newId();

  const repeated = async (executor: Executor = db): Promise<CreateOutcome | undefined> => {
    const existing = await findReferralByKey(executor, key);
    if (!existing) return undefined;
    if (existing.agencyId !== actor.organisationId || existing.participantId !== participantId) {
      return { status: 'invalid', errors: { form: 'invalidChoice' } };
    }
    return { status: 'ok', id: existing.id, state: existing.state, repeated: true };
  };
  const before = await repeated();
  if (before) return before;

  try {
    return await db.transaction().execute(async (trx): Promise<CreateOutcome> => {
      const opportunity = await opportunityFacts(trx, value.opportunityId);
      if (!opportunity) return { status: 'invalid', errors: { opportunity_id: 'invalidChoice' } };
      if (!referable.includes(opportunity.status) || !opportunity.facilityActive) {
        return { status: 'opportunity_unavailable' };
      }
      // The same submit, committed by a parallel request since the check above.
      const meanwhile = await repeated(trx);
      if (meanwhile) return meanwhile;
      if (options.send) {
        const open = await findOpenReferral(trx, participantId, opportunity.id);
        if (open) return { status: 'already_open', id: open };
      }
      const id = newId();
      const now = nowIso();
      const share = options.send
        ? await coverShare(
            trx,
            {
              id,
              participantId,
              corporationId: opportunity.corporationId,
              facilityId: opportunity.facilityId,
              dataGroups: value.dataGroups,
              overrideId: value.overrideId,
            },
            today,
            audit,
          )
        : { consentIds: [], overrideId: null };
      const state: ReferralState = options.send ? 'sent' : 'draft';
      await insertReferral(trx, {
        id,
        participantId,
        agencyId: subject.agencyId,
        counsellorUserId: actor.userId,
        opportunityId: opportunity.id,
        facilityId: opportunity.facilityId,
        corporationId: opportunity.corporationId,
        state,
        message: value.message,
        proposedStartDate: value.proposedStartDate,
        proposedSchedule: value.proposedSchedule,
        dataGroups: value.dataGroups,
        consentIds: share.consentIds,
        overrideId: share.overrideId,
        idempotencyKey: key,
        sentAt: options.send ? now : null,
        now,
      });
      const who = { userId: actor.userId, organisationId: actor.organisationId };
      await insertEvent(trx, {
        id: newId(),
        referralId: id,
        at: now,
        ...who,
        party: 'agency',
        event: 'create',
        from: null,
        to: 'draft',
      });
      if (options.send) {
        await insertEvent(trx, {
          id: newId(),
          referralId: id,
          at: now,
          ...who,
          party: 'agency',
          event: 'send',
          from: 'draft',
          to: 'sent',
        });
      }
      await recordAudit(trx, {
        ...audit,
        action: options.send ? 'referral.send' : 'referral.create',
        subjectType: 'referral',
        subjectId: id,
        detail: {
          participantId,
          agencyId: subject.agencyId,
          opportunityId: opportunity.id,
          facilityId: opportunity.facilityId,
          corporationId: opportunity.corporationId,
          dataGroups: value.dataGroups,
          consentIds: share.consentIds,
          overrideId: share.overrideId,
        },
      });
      if (options.send) {
        const created = await findReferralUnscoped(trx, id);
        if (created) await afterSend(trx, created, actor.userId);
      }
      return { status: 'ok', id, state, repeated: false };
    });
  } catch (error) {
    if (error instanceof Refusal) return error.outcome;
    // Two submits with one key at once: the unique key let one in; answer with it.
    const after = await repeated();
    if (after) return after;
    // Two sends with different keys at once: the one-open-referral index let one in.
    const open = options.send ? await findOpenReferral(db, participantId, value.opportunityId) : undefined;
    if (open) return { status: 'already_open', id: open };
    throw error;
  }
}

export type SendOutcome =
  | { status: 'ok' }
  | { status: 'already_open'; id: string }
  | { status: 'consent_refused'; reasons: string[] }
  | { status: 'opportunity_unavailable' }
  | { status: 'case_not_active' }
  | { status: 'not_allowed' }
  | { status: 'not_found' };

/** Sends a draft: the same consent and opportunity checks as sending at once. */
export async function sendReferral(
  db: Kysely<Database>,
  actor: Actor,
  referralId: string,
  audit: AuditActor,
  options: { today?: string } = {},
): Promise<SendOutcome> {
  const today = options.today ?? todayInTokyo();
  try {
    return await db.transaction().execute(async (trx): Promise<SendOutcome> => {
      const referral = await findReferral(trx, actor, referralId);
      if (!referral || actor.role !== 'counsellor') return { status: 'not_found' };
      if (referral.state !== 'draft') return { status: 'not_allowed' };
      if (!(await isCaseActive(trx, referral.participantId))) return { status: 'case_not_active' };
      const opportunity = await opportunityFacts(trx, referral.opportunityId);
      if (!opportunity || !referable.includes(opportunity.status) || !opportunity.facilityActive) {
        return { status: 'opportunity_unavailable' };
      }
      const open = await findOpenReferral(trx, referral.participantId, referral.opportunityId);
      if (open) return { status: 'already_open', id: open };
      const share = await coverShare(trx, referral, today, audit);
      await markDraftSent(trx, referral.id, share);
      const moved = await applyEvent(trx, referral, 'send', {
        ...audit,
        userId: actor.userId,
        organisationId: actor.organisationId,
        party: 'agency',
      });
      if (!moved.ok) return { status: 'not_allowed' };
      return { status: 'ok' };
    });
  } catch (error) {
    if (error instanceof Refusal) {
      const o = error.outcome;
      if (o.status === 'consent_refused' || o.status === 'opportunity_unavailable') return o;
      return { status: 'not_allowed' };
    }
    const referral = await findReferral(db, actor, referralId);
    const open = referral
      ? await findOpenReferral(db, referral.participantId, referral.opportunityId)
      : undefined;
    if (open && open !== referralId) return { status: 'already_open', id: open };
    throw error;
  }
}
