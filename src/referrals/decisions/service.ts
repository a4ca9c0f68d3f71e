/**
 * Use cases of the three-party decision record (三者協議の記録): reading it, saving a draft,
 * recording a party's agreement, and recording that the parties did not agree.
 *
 * When the third agreement is recorded, in ONE transaction: the placement is created
 * (createPlacementIn; 'awaiting_support_decision' for B–D without the municipality's 支援決定),
 * the record is marked agreed with the placement id, and the referral takes 'agree'. When the
 * places ran out meanwhile (another counsellor took the last one), the transaction is rolled
 * back — not even this agreement stays — and the caller is told 'no_open_place'.
 */
import type { Kysely } from 'kysely';
import { facilityStaffIds, notify } from '../../notifications/notify';
import { todayInTokyo } from '../../participants/japanese-date';
import { createPlacementIn } from '../../placements/service';
import { type AuditEntry, recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/policy';
import type { Database } from '../../platform/db/schema';
import { newId, nowIso } from '../../platform/db/time';
import {
  applyReferralEvent,
  type CloseReason,
  closeReasons,
  findReferralForActor,
  reasonsFor,
} from '../service';
import { nextState, partyOfRole } from '../state-machine';
import { agencyRecipients } from '../store';
import {
  type AgreementParty,
  agreementParties,
  type DecisionErrors,
  type DecisionInput,
  type DecisionValues,
  mayRecordAgreement,
  missingForAgreement,
  sameAgreedContent,
  supportDecisionStatus,
  validateAgreementDate,
  validateDecisionDraft,
} from './decision';
import { decisionMessages } from './messages';
import {
  findRecordOfReferral,
  insertRecord,
  type MeetingRecordRow,
  participantSupportDecision,
  recordFacts,
  setAgreement,
  setOutcome,
  updateRecordContent,
} from './store';

export type AuditActor = Pick<AuditEntry, 'userId' | 'organisationId' | 'requestId' | 'ip'>;

type Referral = NonNullable<Awaited<ReturnType<typeof findReferralForActor>>>;

export type DecisionView = {
  referral: Referral;
  record: MeetingRecordRow | undefined;
  facts: NonNullable<Awaited<ReturnType<typeof recordFacts>>>;
  /** Whether the person's 支援決定 is recorded (shown for B–D). */
  supportDecisionInPlace: boolean;
  /** The actor's party, and whether the record can still be edited / agreed. */
  party: ReturnType<typeof partyOfRole>;
  editable: boolean;
};

class Refusal<T> extends Error {
  constructor(readonly outcome: T) {
    super('refused');
  }
}

async function runRefusable<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Refusal) return error.outcome as T;
    throw error;
  }
}

/** The record of a referral the actor may see, with what the page needs; undefined when hidden. */
export async function getDecisionView(
  db: Kysely<Database>,
  actor: Actor,
  referralId: string,
): Promise<DecisionView | undefined> {
  const referral = await findReferralForActor(db, actor, referralId);
  if (!referral) return undefined;
  const facts = await recordFacts(db, referral.id);
  if (!facts) return undefined;
  const record = await findRecordOfReferral(db, referral.id);
  const decision = await participantSupportDecision(db, referral.participantId);
  const party = partyOfRole(actor.role);
  return {
    referral,
    record,
    facts,
    supportDecisionInPlace: decision.supportDecisionOn !== null,
    party,
    editable:
      referral.state === 'meeting_scheduled' &&
      (party === 'agency' || party === 'facility') &&
      (!record || record.outcome === 'draft'),
  };
}

export type SaveOutcome =
  | { status: 'ok'; agreementsCleared: boolean }
  | { status: 'invalid'; errors: DecisionErrors }
  | { status: 'not_found' }
  | { status: 'not_allowed' };

/** Saves the draft (creating it on first save); a change of content clears earlier agreements. */
export async function saveDecisionDraft(
  db: Kysely<Database>,
  actor: Actor,
  referralId: string,
  input: DecisionInput,
  audit: AuditActor,
  now: Date = new Date(),
): Promise<SaveOutcome> {
  return db.transaction().execute(async (trx) => {
    const referral = await findReferralForActor(trx, actor, referralId);
    if (!referral) return { status: 'not_found' } as const;
    const party = partyOfRole(actor.role);
    if (referral.state !== 'meeting_scheduled' || (party !== 'agency' && party !== 'facility'))
      return { status: 'not_allowed' } as const;
    const facts = await recordFacts(trx, referral.id);
    const checked = validateDecisionDraft(input, {
      offeredForms: facts?.workForms ?? [],
      windows: facts?.windows ?? [],
    });
    if (!checked.ok) return { status: 'invalid', errors: checked.errors } as const;
    const decision = await participantSupportDecision(trx, referral.participantId);
    const status = supportDecisionStatus(checked.value.workForm, decision);
    const existing = await findRecordOfReferral(trx, referral.id);
    const at = nowIso(now);
    let cleared = false;
    if (!existing) {
      await insertRecord(trx, {
        id: newId(),
        referralId: referral.id,
        value: checked.value,
        supportDecisionStatus: status,
        by: actor.userId,
        now: at,
      });
    } else {
      if (existing.outcome !== 'draft') return { status: 'not_allowed' } as const;
      const hadAgreements = agreementParties.some((p) => existing.agreements[p].on !== null);
      cleared = hadAgreements && !sameAgreedContent(existing, checked.value);
      const updated = await updateRecordContent(trx, {
        id: existing.id,
        value: checked.value,
        supportDecisionStatus: status,
        clearAgreements: cleared,
        by: actor.userId,
        now: at,
      });
      if (!updated) return { status: 'not_allowed' } as const;
    }
    await recordAudit(trx, {
      ...audit,
      action: 'meeting_record.write',
      subjectType: 'referral',
      subjectId: referral.id,
      detail: { agreementsCleared: cleared },
    });
    return { status: 'ok', agreementsCleared: cleared } as const;
  });
}

export type AgreeOutcome =
  | { status: 'recorded'; complete: false }
  | { status: 'agreed'; placementId: string; placementStatus: 'active' | 'awaiting_support_decision' }
  | { status: 'invalid'; errors: DecisionErrors }
  | { status: 'incomplete'; errors: DecisionErrors }
  | { status: 'not_found' }
  | { status: 'not_allowed' }
  | { status: 'wrong_party' }
  | { status: 'no_open_place' }
  | { status: 'opportunity_not_open' };

function recordValues(record: MeetingRecordRow): DecisionValues {
  return record;
}

/**
 * Records one party's agreement (with its date). The third agreement creates the placement and
 * moves the referral to 'agreed' in the same transaction.
 */
export async function recordAgreement(
  db: Kysely<Database>,
  actor: Actor,
  referralId: string,
  input: { party?: string; agreed_on?: string },
  audit: AuditActor,
  now: Date = new Date(),
): Promise<AgreeOutcome> {
  return runRefusable(() =>
    db.transaction().execute(async (trx): Promise<AgreeOutcome> => {
      const referral = await findReferralForActor(trx, actor, referralId);
      if (!referral) return { status: 'not_found' };
      const actorParty = partyOfRole(actor.role);
      const party = input.party as AgreementParty;
      if (!(agreementParties as readonly string[]).includes(input.party ?? ''))
        return { status: 'invalid', errors: { party: 'invalid_choice' } };
      if (!mayRecordAgreement(actorParty, party)) return { status: 'wrong_party' };
      if (referral.state !== 'meeting_scheduled') return { status: 'not_allowed' };
      const record = await findRecordOfReferral(trx, referral.id);
      if (!record) return { status: 'incomplete', errors: { held_on: 'required' } };
      if (record.outcome !== 'draft') return { status: 'not_allowed' };
      const missing = missingForAgreement(recordValues(record));
      if (Object.keys(missing).length > 0) return { status: 'incomplete', errors: missing };
      const date = validateAgreementDate(input.agreed_on, {
        today: todayInTokyo(now),
        heldOn: record.heldOn,
      });
      if (!date.ok) return { status: 'invalid', errors: { agreed_on: date.error } };

      const at = nowIso(now);
      if (!(await setAgreement(trx, { id: record.id, party, on: date.date, by: actor.userId, now: at })))
        return { status: 'not_allowed' };
      await recordAudit(trx, {
        ...audit,
        action: 'meeting_record.agree',
        subjectType: 'referral',
        subjectId: referral.id,
        detail: { party, agreedOn: date.date },
      });
      // Re-read after the write: on PostgreSQL the UPDATE above waited for any concurrent
      // agreement on the same record, so this sees every agreement committed so far.
      const current = await findRecordOfReferral(trx, referral.id);
      if (!current || agreementParties.some((p) => current.agreements[p].on === null)) {
        // Tell the other side that an agreement waits for theirs (no personal data in the title).
        const others =
          actorParty === 'agency'
            ? await facilityStaffIds(trx, referral.facilityId)
            : actorParty === 'facility'
              ? await agencyRecipients(trx, referral)
              : [];
        const waiting = others.filter((id) => id !== actor.userId);
        if (waiting.length > 0)
          await notify(trx, {
            userIds: waiting,
            kind: 'meeting_record.agreement',
            title: {
              ja: decisionMessages.ja.notifyAgreement(referral.facilityName, referral.opportunityTitle),
              en: decisionMessages.en.notifyAgreement(referral.facilityName, referral.opportunityTitle),
            },
            link: `/referrals/${referral.id}/meeting-record`,
          });
        return { status: 'recorded', complete: false };
      }

      // All three agreed: the placement, the record's outcome and the referral's transition.
      const step = nextState(referral.state, 'agree', actorParty);
      if (!step.ok)
        throw new Refusal<AgreeOutcome>({
          status: step.reason === 'wrong_party' ? 'wrong_party' : 'not_allowed',
        });
      const decision = await participantSupportDecision(trx, referral.participantId);
      const placementStatus =
        supportDecisionStatus(current.workForm, decision) === 'pending'
          ? 'awaiting_support_decision'
          : 'active';
      const facts = await recordFacts(trx, referral.id);
      const facilityContact =
        facts?.facilityContactName ?? current.attendees.find((a) => a.party === 'facility')?.name;
      // The case's counsellor now: after a transfer (移管) the referral's first counsellor belongs
      // to the old agency; then the agreeing counsellor, else one of the keeping agency's.
      const agencySide = await agencyRecipients(trx, referral);
      const caseCounsellor = agencySide.includes(referral.counsellorUserId)
        ? referral.counsellorUserId
        : actorParty === 'agency'
          ? actor.userId
          : (agencySide[0] ?? referral.counsellorUserId);
      const placement = await createPlacementIn(trx, {
        participantId: referral.participantId,
        opportunityId: referral.opportunityId,
        referralId: referral.id,
        // biome-ignore lint/style/noNonNullAssertion: missingForAgreement checked both
        workForm: current.workForm!,
        // biome-ignore lint/style/noNonNullAssertion: missingForAgreement checked both
        startDate: current.startDate!,
        schedule: current.schedule,
        status: placementStatus,
        counsellorUserId: caseCounsellor,
        ...(facilityContact ? { facilityContactName: facilityContact } : {}),
        actor: audit,
      });
      if (!placement.ok) throw new Refusal<AgreeOutcome>({ status: placement.reason });
      await setOutcome(trx, {
        id: current.id,
        outcome: 'agreed',
        placementId: placement.placementId,
        by: actor.userId,
        now: at,
      });
      const applied = await applyReferralEvent(trx, {
        referralId: referral.id,
        event: 'agree',
        actor: { ...audit, userId: actor.userId, organisationId: actor.organisationId, party: actorParty },
      });
      if (!applied.ok)
        throw new Refusal<AgreeOutcome>({
          status:
            applied.reason === 'not_found'
              ? 'not_found'
              : applied.reason === 'wrong_party'
                ? 'wrong_party'
                : 'not_allowed',
        });
      return { status: 'agreed', placementId: placement.placementId, placementStatus };
    }),
  );
}

export type NotAgreeOutcome =
  | { status: 'ok' }
  | { status: 'invalid'; errors: DecisionErrors }
  | { status: 'not_found' }
  | { status: 'not_allowed' }
  | { status: 'wrong_party' };

/** The parties did not agree: the reason from the council's list, the record closed, the referral 'not_agreed'. */
export async function recordNotAgreed(
  db: Kysely<Database>,
  actor: Actor,
  referralId: string,
  input: { reason?: string; note?: string },
  audit: AuditActor,
  now: Date = new Date(),
): Promise<NotAgreeOutcome> {
  return runRefusable(() =>
    db.transaction().execute(async (trx): Promise<NotAgreeOutcome> => {
      const referral = await findReferralForActor(trx, actor, referralId);
      if (!referral) return { status: 'not_found' };
      const reasons = await notAgreedReasons(trx);
      const reason = (input.reason ?? '').trim();
      const note = (input.note ?? '').trim();
      if (!reasons.some((r) => r.code === reason))
        return { status: 'invalid', errors: { reason: 'required' } };
      if (note.length > 1000) return { status: 'invalid', errors: { note: 'too_long' } };
      const party = partyOfRole(actor.role);
      const step = nextState(referral.state, 'not_agree', party);
      if (!step.ok) return { status: step.reason };
      const at = nowIso(now);
      const record = await findRecordOfReferral(trx, referral.id);
      if (record) {
        if (record.outcome !== 'draft') return { status: 'not_allowed' };
        await setOutcome(trx, {
          id: record.id,
          outcome: 'not_agreed',
          reason,
          note: note || null,
          by: actor.userId,
          now: at,
        });
      }
      const applied = await applyReferralEvent(trx, {
        referralId: referral.id,
        event: 'not_agree',
        reasonCode: reason,
        ...(note ? { note } : {}),
        actor: { ...audit, userId: actor.userId, organisationId: actor.organisationId, party },
      });
      if (!applied.ok) {
        if (applied.reason === 'reason_required')
          throw new Refusal<NotAgreeOutcome>({ status: 'invalid', errors: { reason: 'required' } });
        throw new Refusal<NotAgreeOutcome>({
          status:
            applied.reason === 'not_found'
              ? 'not_found'
              : applied.reason === 'wrong_party'
                ? 'wrong_party'
                : 'not_allowed',
        });
      }
      return { status: 'ok' };
    }),
  );
}

/** The council's closing reasons that fit 'not agreed'. */

export async function notAgreedReasons(db: Parameters<typeof closeReasons>[0]): Promise<CloseReason[]> {
  return reasonsFor(await closeReasons(db), 'not_agree');
}
