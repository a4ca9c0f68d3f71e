/**
 * The caller's referral lists: the work list of each party (counsellors see names, audited),
 * a participant's referrals for their page, and the council's counts by state.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/policy';
import type { Database, ReferralStateCode } from '../../platform/db/schema';
import { partyOfRole } from '../state-machine';
import type { ReferralSummary } from '../store/referrals';
import { countByState, listReferrals, participantNamesOf } from '../store/work-lists';
import type { AuditActor } from './actors';

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
