/**
 * Every transition of the state machine (state-machine.ts): the guarded move, its timeline
 * row, its audit row and who hears of it, in one transaction. `applyReferralEvent` is the entry
 * for meetings, decisions and the reminder job (in their own transaction); `transitionReferral`
 * and `openReferral` for pages and the API. docs/decisions/014.
 */
import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../../platform/audit/audit';
import { type Actor, can } from '../../platform/auth/policy';
import type { Database } from '../../platform/db/schema';
import { newId, nowIso } from '../../platform/db/time';
import { MAX_NOTE } from '../referral-form';
import {
  isTerminal,
  nextState,
  partyOfRole,
  type ReferralEvent,
  type ReferralState,
  reasonRequired,
} from '../state-machine';
import { listCloseReasons } from '../store/close-reasons';
import {
  type Executor,
  findReferral,
  findReferralUnscoped,
  moveReferral,
  type ReferralSummary,
} from '../store/referrals';
import { insertEvent } from '../store/timeline';
import type { AuditActor, ReferralActor } from './actors';
import { fitsClosing } from './close-reasons';
import { afterSend, notifyCaseWithdrawn, notifyOtherSide } from './notify';

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

/**
 * Moves `referral` by `event` in the caller's transaction, unless a concurrent change moved it
 * first. The callers have checked that `actor` may; sending has checked consent.
 */
export async function applyEvent(
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
    if (!reason || !fitsClosing(reason, closing)) return { ok: false, reason: 'reason_required' };
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
    await notifyCaseWithdrawn(trx, referral);
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
