/**
 * A referral's thread and timeline: messages between the counsellor and the facility, the
 * council's mediation notes (told to both sides), and reading them back.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit/audit';
import { type Actor, can } from '../../platform/auth/policy';
import type { Database } from '../../platform/db/schema';
import { newId, nowIso } from '../../platform/db/time';
import { MAX_MESSAGE } from '../referral-form';
import { partyOfRole } from '../state-machine';
import { type Executor, findReferral, type ReferralSummary } from '../store/referrals';
import {
  insertMessage,
  listEvents,
  listMessages,
  type MessageRow,
  type TimelineRow,
} from '../store/timeline';
import type { AuditActor } from './actors';
import { notifyOtherSide } from './notify';

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
