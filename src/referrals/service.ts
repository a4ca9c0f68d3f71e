/**
 * Referral use cases (受け入れ依頼): create and send (refused unless the participant's consent
 * covers the corporation/facility, the data groups and today), every transition of the state
 * machine (`applyReferralEvent`, also called by meetings/decisions), the message thread and the
 * council's mediation notes, the facility's view of the shared data, work lists and the closing
 * reasons. Each runs in one transaction with its audit row and notifications.
 * docs/decisions/014-016.
 */
import type { Kysely, Transaction } from 'kysely';
import { facilityStaffIds, notify } from '../notifications/notify';
import { latestOf } from '../participants/assessment';
import type { ConsentDataGroup } from '../participants/consents/consent';
import { checkConsent, useConsentOverride } from '../participants/consents/service';
import { todayInTokyo } from '../participants/japanese-date';
import { getParticipantSubject, listAssessmentsOf } from '../participants/service';
import { type AuditEntry, recordAudit } from '../platform/audit/audit';
import { type Actor, can } from '../platform/auth/policy';
import type { Database, ReferralStateCode, Role } from '../platform/db/schema';
import { newId, nowIso } from '../platform/db/time';
import { referralMessages } from './messages';
import {
  MAX_MESSAGE,
  MAX_NOTE,
  proposeSchedule,
  type ReferralErrors,
  type ReferralInput,
  validateReferral,
} from './referral-form';
import {
  isTerminal,
  nextState,
  type Party,
  partyOfRole,
  type ReferralEvent,
  type ReferralState,
  reasonRequired,
} from './state-machine';
import {
  agencyRecipients,
  type CloseReason,
  candidateOpportunities,
  countByState,
  type Executor,
  findOpenReferral,
  findReferral,
  findReferralByKey,
  findReferralUnscoped,
  insertEvent,
  insertMessage,
  insertReferral,
  isCaseActive,
  listCloseReasons,
  listEvents,
  listMessages,
  listReferrals,
  type MessageRow,
  markDraftSent,
  moveReferral,
  openReferralIdsOfParticipant,
  opportunityFacts,
  opportunityWindows,
  overrideValidUntil,
  participantNamesOf,
  type ReferralSummary,
  referralIdsOfCase,
  type ScheduleEntry,
  type SharedAssessment,
  type SharedPerson,
  setReferralAgency,
  sharedDataOf,
  type TimelineRow,
  upsertCloseReason,
} from './store';

export type { CloseReason, MessageRow, ReferralSummary, TimelineRow };

export type AuditActor = Pick<AuditEntry, 'userId' | 'organisationId' | 'requestId' | 'ip'>;
/** Who makes a transition: a user of the agency or the facility side, or the system (job). */
export type ReferralActor = { userId: string; organisationId: string; party: Party } & AuditActor;

type ScopeActor = { organisationId: string; role: Role; facilityIds: readonly string[] };

const link = (id: string) => `/referrals/${id}`;

/** The referral, if the caller may see it (another facility, agency or corporation: undefined). */
export async function findReferralForActor(
  db: Executor,
  actor: ScopeActor,
  id: string,
): Promise<ReferralSummary | undefined> {
  return findReferral(db, actor, id);
}

/** The policy subject of a referral the caller may see. */
export async function referralSubject(db: Executor, actor: ScopeActor, id: string) {
  const r = await findReferral(db, actor, id);
  return r
    ? ({
        kind: 'referral',
        id: r.id,
        agencyId: r.agencyId,
        facilityId: r.facilityId,
        corporationId: r.corporationId,
        state: r.state,
      } as const)
    : undefined;
}

// ── Notifications ─────────────────────────────────────────────────────────────────────────────

async function notifyOtherSide(
  trx: Executor,
  referral: ReferralSummary,
  from: Party,
  actingUserId: string | null,
  kind: string,
  title: (m: (typeof referralMessages)['ja']) => string,
): Promise<void> {
  const userIds =
    from === 'facility' || from === 'system'
      ? await agencyRecipients(trx, referral)
      : from === 'agency'
        ? await facilityStaffIds(trx, referral.facilityId)
        : [...(await agencyRecipients(trx, referral)), ...(await facilityStaffIds(trx, referral.facilityId))];
  const recipients = userIds.filter((id) => id !== actingUserId);
  if (recipients.length === 0) return;
  await notify(trx, {
    userIds: recipients,
    kind,
    title: { ja: title(referralMessages.ja), en: title(referralMessages.en) },
    link: link(referral.id),
  });
}

// ── Create and send ───────────────────────────────────────────────────────────────────────────

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

async function afterSend(trx: Executor, referral: ReferralSummary, actorUserId: string): Promise<void> {
  const staff = await facilityStaffIds(trx, referral.facilityId);
  const recipients = staff.filter((id) => id !== actorUserId);
  if (recipients.length === 0) return;
  await notify(trx, {
    userIds: recipients,
    kind: 'referral.sent',
    title: {
      ja: referralMessages.ja.notify.sent(referral.facilityName, referral.opportunityTitle),
      en: referralMessages.en.notify.sent(referral.facilityName, referral.opportunityTitle),
    },
    link: link(referral.id),
  });
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

// ── Transitions ───────────────────────────────────────────────────────────────────────────────

export type TransitionResult =
  | { ok: true; from: ReferralState; to: ReferralState }
  | { ok: false; reason: 'not_found' | 'not_allowed' | 'wrong_party' | 'reason_required' };

/** Whether `actor` speaks for the side of the referral it claims. */
function isPartyOf(referral: ReferralSummary, actor: ReferralActor): boolean {
  switch (actor.party) {
    case 'agency':
      return referral.agencyId === actor.organisationId;
    case 'facility':
      return referral.corporationId === actor.organisationId;
    default:
      return true;
  }
}

async function applyEvent(
  trx: Executor,
  referral: ReferralSummary,
  event: ReferralEvent,
  actor: ReferralActor,
  close: { reasonCode?: string; note?: string } = {},
): Promise<TransitionResult> {
  const step = nextState(referral.state, event, actor.party);
  if (!step.ok) return step;
  const closing = reasonRequired[event];
  const note = close.note?.replace(/\r\n?/g, '\n').trim().slice(0, MAX_NOTE) || null;
  if (closing) {
    const reasons = await listCloseReasons(trx);
    // The system's own reason (a closed case) counts even if the council retired it from the list.
    const reason = reasons.find((r) => r.code === close.reasonCode && (r.active || actor.party === 'system'));
    const fits =
      reason &&
      ((closing === 'declined' && reason.forDeclined) ||
        (closing === 'not_agreed' && reason.forNotAgreed) ||
        (closing === 'withdrawn' && reason.forWithdrawn));
    if (!fits) return { ok: false, reason: 'reason_required' };
  }
  const at = nowIso();
  const system = actor.party === 'system';
  const moved = await moveReferral(trx, referral.id, {
    from: referral.state,
    to: step.to,
    at,
    closed: isTerminal(step.to),
    reasonCode: closing ? close.reasonCode : null,
    note: closing ? note : null,
    sent: event === 'send',
    viewed: event === 'view',
  });
  // Someone else moved it first: nothing changed here.
  if (!moved) return { ok: false, reason: 'not_allowed' };
  await insertEvent(trx, {
    id: newId(),
    referralId: referral.id,
    at,
    userId: system || !actor.userId ? null : actor.userId,
    organisationId: system || !actor.organisationId ? null : actor.organisationId,
    party: actor.party,
    event,
    from: referral.state,
    to: step.to,
    reasonCode: closing ? close.reasonCode : null,
    note,
  });
  await recordAudit(trx, {
    requestId: actor.requestId ?? null,
    ip: actor.ip ?? null,
    userId: system ? null : actor.userId || null,
    organisationId: system ? null : actor.organisationId || null,
    action: event === 'send' ? 'referral.send' : 'referral.transition',
    subjectType: 'referral',
    subjectId: referral.id,
    detail: {
      event,
      from: referral.state,
      to: step.to,
      party: actor.party,
      reasonCode: closing ? close.reasonCode : undefined,
      participantId: referral.participantId,
      facilityId: referral.facilityId,
      agencyId: referral.agencyId,
    },
  });
  const actingUser = system ? null : actor.userId;
  if (event === 'send') {
    await afterSend(trx, referral, actor.userId);
  } else if (event === 'withdraw' && system) {
    // The case closed: the facility hears that the request ended (no personal data in the title).
    if (referral.state !== 'draft') {
      const staff = await facilityStaffIds(trx, referral.facilityId);
      if (staff.length > 0)
        await notify(trx, {
          userIds: staff,
          kind: 'referral.withdraw',
          title: {
            ja: referralMessages.ja.notify.changed(
              referral.facilityName,
              referral.opportunityTitle,
              referralMessages.ja.states.withdrawn,
            ),
            en: referralMessages.en.notify.changed(
              referral.facilityName,
              referral.opportunityTitle,
              referralMessages.en.states.withdrawn,
            ),
          },
          link: link(referral.id),
        });
    }
  } else if (event === 'expire') {
    await notifyOtherSide(trx, referral, 'system', null, 'referral.expired', (m) =>
      m.notify.expired(referral.facilityName, referral.opportunityTitle),
    );
  } else if (event !== 'view') {
    await notifyOtherSide(trx, referral, actor.party, actingUser, `referral.${event}`, (m) =>
      m.notify.changed(referral.facilityName, referral.opportunityTitle, m.states[step.to]),
    );
  }
  return { ok: true, from: referral.state, to: step.to };
}

/**
 * Applies one event of the state machine in the caller's transaction: the timeline row, the
 * audit row and the notifications. Sending goes through createReferral/sendReferral (which
 * check consent), so 'send' is refused here.
 */
export async function applyReferralEvent(
  trx: Transaction<Database>,
  input: {
    referralId: string;
    event: ReferralEvent;
    actor: ReferralActor;
    reasonCode?: string;
    note?: string;
  },
): Promise<TransitionResult> {
  const referral = await findReferralUnscoped(trx, input.referralId);
  if (!referral || (referral.state === 'draft' && input.actor.party !== 'agency'))
    return { ok: false, reason: 'not_found' };
  if (!isPartyOf(referral, input.actor)) return { ok: false, reason: 'not_found' };
  if (input.event === 'send') return { ok: false, reason: 'not_allowed' };
  return applyEvent(trx, referral, input.event, input.actor, {
    reasonCode: input.reasonCode,
    note: input.note,
  });
}

/** A user's transition from a page or the API, in its own transaction. */
export async function transitionReferral(
  db: Kysely<Database>,
  actor: Actor,
  referralId: string,
  event: ReferralEvent,
  close: { reasonCode?: string; note?: string },
  audit: AuditActor,
): Promise<TransitionResult> {
  return db.transaction().execute(async (trx) => {
    const referral = await findReferral(trx, actor, referralId);
    if (!referral) return { ok: false, reason: 'not_found' } as const;
    if (!can(actor, 'referral.transition', { kind: 'referral', ...referral })) {
      return { ok: false, reason: 'wrong_party' } as const;
    }
    if (event === 'send') return { ok: false, reason: 'not_allowed' } as const;
    return applyEvent(
      trx,
      referral,
      event,
      {
        ...audit,
        userId: actor.userId,
        organisationId: actor.organisationId,
        party: partyOfRole(actor.role),
      },
      close,
    );
  });
}

/**
 * Reads a referral for its page or the API; the facility's first open moves it from 'sent' to
 * 'viewed' (in the same transaction).
 */
export async function openReferral(
  db: Kysely<Database>,
  actor: Actor,
  referralId: string,
  audit: AuditActor,
): Promise<ReferralSummary | undefined> {
  return db.transaction().execute(async (trx) => {
    const referral = await findReferral(trx, actor, referralId);
    if (!referral) return undefined;
    if (referral.state === 'sent' && partyOfRole(actor.role) === 'facility') {
      await applyEvent(trx, referral, 'view', {
        ...audit,
        userId: actor.userId,
        organisationId: actor.organisationId,
        party: 'facility',
      });
      return findReferral(trx, actor, referralId);
    }
    return referral;
  });
}

// ── The case behind the referrals ─────────────────────────────────────────────────────────────

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

// ── Thread ────────────────────────────────────────────────────────────────────────────────────

export type MessageOutcome =
  | { status: 'ok'; id: string }
  | { status: 'invalid'; errors: { body: 'required' | 'tooLong' } }
  | { status: 'not_found' }
  | { status: 'forbidden' };

/**
 * A message between the counsellor and the facility (referral.message), or — from council
 * staff — a mediation note (referral.mediate), told to both sides.
 */
export async function postReferralMessage(
  db: Kysely<Database>,
  actor: Actor,
  referralId: string,
  rawBody: unknown,
  audit: AuditActor,
): Promise<MessageOutcome> {
  const body = typeof rawBody === 'string' ? rawBody.replace(/\r\n?/g, '\n').trim() : '';
  return db.transaction().execute(async (trx): Promise<MessageOutcome> => {
    const referral = await findReferral(trx, actor, referralId);
    if (!referral) return { status: 'not_found' };
    const subject = { kind: 'referral', ...referral } as const;
    const party = partyOfRole(actor.role);
    const kind = party === 'council' ? 'mediation_note' : 'message';
    if (!can(actor, kind === 'message' ? 'referral.message' : 'referral.mediate', subject)) {
      return { status: 'forbidden' };
    }
    if (body === '') return { status: 'invalid', errors: { body: 'required' } };
    if (body.length > MAX_MESSAGE) return { status: 'invalid', errors: { body: 'tooLong' } };
    const id = newId();
    await insertMessage(trx, {
      id,
      referralId,
      kind,
      userId: actor.userId,
      organisationId: actor.organisationId,
      party,
      body,
      at: nowIso(),
    });
    await recordAudit(trx, {
      ...audit,
      action: kind === 'message' ? 'referral.message' : 'referral.mediation_note',
      subjectType: 'referral',
      subjectId: referralId,
      detail: { messageId: id, party },
    });
    if (kind === 'message') {
      await notifyOtherSide(trx, referral, party, actor.userId, 'referral.message', (m) =>
        m.notify.message(referral.facilityName, referral.opportunityTitle),
      );
    } else {
      await notifyOtherSide(trx, referral, 'council', actor.userId, 'referral.mediation_note', (m) =>
        m.notify.note(referral.facilityName, referral.opportunityTitle),
      );
    }
    return { status: 'ok', id };
  });
}

export function timelineOf(db: Executor, referral: ReferralSummary): Promise<TimelineRow[]> {
  return listEvents(db, referral.id);
}

export function threadOf(db: Executor, referral: ReferralSummary): Promise<MessageRow[]> {
  return listMessages(db, referral.id);
}

// ── The facility's view of the shared data ───────────────────────────────────────────────────

export type SharedData =
  | {
      status: 'shown';
      groups: ConsentDataGroup[];
      person: Partial<SharedPerson>;
      assessment: Partial<SharedAssessment> | undefined;
    }
  | { status: 'closed' | 'consent_ended' };

/**
 * What the facility may see of the participant now (docs/decisions/016): the referral's data
 * groups that consent still covers today (or, for a share made under a council override, while
 * that override's period lasts); nothing once the referral closed without agreement. Every
 * read that shows something is audited (referral.shared_data_read).
 */
export async function readSharedData(
  db: Kysely<Database>,
  actor: Actor,
  referral: ReferralSummary,
  audit: AuditActor,
  options: { today?: string } = {},
): Promise<SharedData | undefined> {
  if (!can(actor, 'referral.shared_data', { kind: 'referral', ...referral })) return undefined;
  const today = options.today ?? todayInTokyo();
  if (isTerminal(referral.state) && referral.state !== 'agreed') return { status: 'closed' };
  return db.transaction().execute(async (trx): Promise<SharedData> => {
    let groups: ConsentDataGroup[] = [];
    if (referral.overrideId) {
      const until = await overrideValidUntil(trx, referral.overrideId);
      if (until && today <= until) groups = referral.dataGroups;
    } else {
      for (const group of referral.dataGroups) {
        const check = await checkConsent(trx, {
          participantId: referral.participantId,
          recipient: { corporationId: referral.corporationId, facilityId: referral.facilityId },
          dataGroups: [group],
          on: today,
        });
        if (check.ok) groups.push(group);
      }
    }
    if (groups.length === 0) return { status: 'consent_ended' };
    const { person, assessment } = await sharedDataOf(trx, referral.participantId);
    if (person?.status !== 'active') return { status: 'consent_ended' };
    const has = (g: ConsentDataGroup) => groups.includes(g);
    const shownPerson: Partial<SharedPerson> = {
      ...(has('basic_identity')
        ? {
            name: person.name,
            name_kana: person.name_kana,
            birth_date: person.birth_date,
            gender: person.gender,
          }
        : {}),
      ...(has('contact')
        ? {
            phone: person.phone,
            email: person.email,
            postal_code: person.postal_code,
            address: person.address,
            nearest_station: person.nearest_station,
          }
        : {}),
    };
    const shownAssessment: Partial<SharedAssessment> | undefined =
      assessment && (has('assessment_summary') || has('health_and_support'))
        ? {
            assessed_on: assessment.assessed_on,
            ...(has('assessment_summary')
              ? {
                  tasks: assessment.tasks,
                  windows: assessment.windows,
                  min_daily_minutes: assessment.min_daily_minutes,
                  max_daily_minutes: assessment.max_daily_minutes,
                  min_days_per_week: assessment.min_days_per_week,
                  max_days_per_week: assessment.max_days_per_week,
                  travel_max_minutes: assessment.travel_max_minutes,
                  travel_modes: assessment.travel_modes,
                  strengths: assessment.strengths,
                  goal_short: assessment.goal_short,
                  goal_long: assessment.goal_long,
                }
              : {}),
            ...(has('health_and_support')
              ? {
                  supports: assessment.supports,
                  health_note: assessment.health_note,
                  difficulties: assessment.difficulties,
                }
              : {}),
          }
        : undefined;
    await recordAudit(trx, {
      ...audit,
      action: 'referral.shared_data_read',
      subjectType: 'participant',
      subjectId: referral.participantId,
      detail: {
        referralId: referral.id,
        agencyId: referral.agencyId,
        facilityId: referral.facilityId,
        groups,
      },
    });
    return { status: 'shown', groups, person: shownPerson, assessment: shownAssessment };
  });
}

// ── Work lists ────────────────────────────────────────────────────────────────────────────────

export type WorkListItem = ReferralSummary & { participantName?: string };

/**
 * The caller's work list: counsellors see their agency's referrals with the participant's name
 * (audited as participant.list); facility staff and the council see no personal data.
 */
export async function listReferralsFor(
  db: Kysely<Database>,
  actor: Actor,
  filter: { states?: readonly ReferralStateCode[]; participantId?: string; limit: number; offset: number },
  audit: AuditActor,
): Promise<{ items: WorkListItem[]; total: number }> {
  const party = partyOfRole(actor.role);
  const { items, total } = await listReferrals(db, actor, {
    ...filter,
    order: party === 'council' ? 'stalled' : 'recent',
  });
  if (party !== 'agency' || items.length === 0) return { items, total };
  return db.transaction().execute(async (trx) => {
    const names = await participantNamesOf(
      trx,
      actor.organisationId,
      items.map((i) => i.participantId),
    );
    await recordAudit(trx, {
      ...audit,
      action: 'participant.list',
      subjectType: 'participant',
      subjectId: null,
      detail: { view: 'referrals', shown: [...names.keys()] },
    });
    return { items: items.map((i) => ({ ...i, participantName: names.get(i.participantId) })), total };
  });
}

/** A participant's referrals for their page (the page has audited the read of the participant). */
export async function referralsOfParticipant(
  db: Kysely<Database>,
  actor: Actor,
  participantId: string,
): Promise<ReferralSummary[]> {
  if (actor.role !== 'counsellor') return [];
  const { items } = await listReferrals(db, actor, { participantId, limit: 50, offset: 0, order: 'recent' });
  return items;
}

/** The caller's referrals counted by state (the council's overview). */
export function referralCountsByState(db: Kysely<Database>, actor: Actor) {
  return countByState(db, actor);
}

/** The form's first proposal of days and times (the person's availability within the opportunity's windows). */
export async function proposedScheduleFor(
  db: Kysely<Database>,
  actor: Actor,
  participantId: string,
  opportunityId: string,
): Promise<ScheduleEntry[]> {
  const latest = latestOf(await listAssessmentsOf(db, actor, participantId));
  if (!latest) return [];
  const available = latest.values.windows.map((w) => ({
    weekday: Number(w.weekday),
    start: w.start,
    end: w.end,
  }));
  return proposeSchedule(available, await opportunityWindows(db, opportunityId));
}

export function candidatesForReferral(db: Kysely<Database>, participantId: string) {
  return candidateOpportunities(db, participantId);
}

export function opportunityForReferral(db: Kysely<Database>, opportunityId: string) {
  return opportunityFacts(db, opportunityId);
}

/** Which data groups today's consents cover for this recipient, one check per group. */
export async function coveredGroups(
  db: Kysely<Database>,
  participantId: string,
  recipient: { corporationId: string; facilityId: string },
  groups: readonly ConsentDataGroup[],
  today: string = todayInTokyo(),
): Promise<ConsentDataGroup[]> {
  const covered: ConsentDataGroup[] = [];
  for (const group of groups) {
    const check = await checkConsent(db, { participantId, recipient, dataGroups: [group], on: today });
    if (check.ok) covered.push(group);
  }
  return covered;
}

// ── Closing reasons ───────────────────────────────────────────────────────────────────────────

export function closeReasons(db: Executor): Promise<CloseReason[]> {
  return listCloseReasons(db);
}

/** The active reasons that fit an event that closes a referral. */
export function reasonsFor(reasons: readonly CloseReason[], event: ReferralEvent): CloseReason[] {
  const closing = reasonRequired[event];
  if (!closing) return [];
  return reasons.filter(
    (r) =>
      r.active &&
      ((closing === 'declined' && r.forDeclined) ||
        (closing === 'not_agreed' && r.forNotAgreed) ||
        (closing === 'withdrawn' && r.forWithdrawn)),
  );
}

export type ReasonErrors = Record<string, 'required' | 'tooLong' | 'invalidChoice'>;

/** Saves the council's edited list (referral_reason.manage); codes are never deleted. */
export async function saveCloseReasons(
  db: Kysely<Database>,
  actor: Actor,
  reasons: CloseReason[],
  audit: AuditActor,
): Promise<{ status: 'ok' } | { status: 'forbidden' } | { status: 'invalid'; errors: ReasonErrors }> {
  if (!can(actor, 'referral_reason.manage', { kind: 'council' })) return { status: 'forbidden' };
  const errors: ReasonErrors = {};
  reasons.forEach((r, index) => {
    if (!/^[a-z][a-z0-9_]{1,39}$/.test(r.code)) errors[`reason_${index}_code`] = 'invalidChoice';
    if (r.labelJa.trim() === '') errors[`reason_${index}_label_ja`] = 'required';
    else if (r.labelJa.length > 100) errors[`reason_${index}_label_ja`] = 'tooLong';
    if (r.labelEn.trim() === '') errors[`reason_${index}_label_en`] = 'required';
    else if (r.labelEn.length > 100) errors[`reason_${index}_label_en`] = 'tooLong';
  });
  if (Object.keys(errors).length > 0) return { status: 'invalid', errors };
  await db.transaction().execute(async (trx) => {
    const at = nowIso();
    for (const reason of reasons) await upsertCloseReason(trx, reason, at);
    await recordAudit(trx, {
      ...audit,
      action: 'referral_reason.update',
      subjectType: 'referral_close_reason',
      subjectId: null,
      detail: { codes: reasons.map((r) => r.code) },
    });
  });
  return { status: 'ok' };
}
