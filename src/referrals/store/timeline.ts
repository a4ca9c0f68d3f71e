/**
 * A referral's timeline (one row per transition) and its thread (messages between the parties
 * and the council's mediation notes), with the names of who wrote them.
 */
import type { ReferralParty, ReferralStateCode } from '../../platform/db/schema';
import type { Executor } from './referrals';

export type EventInsert = {
  id: string;
  referralId: string;
  at: string;
  userId: string | null;
  organisationId: string | null;
  party: ReferralParty;
  event: string;
  from: ReferralStateCode | null;
  to: ReferralStateCode;
  reasonCode?: string | null;
  note?: string | null;
};

export async function insertEvent(db: Executor, e: EventInsert): Promise<void> {
  await db
    .insertInto('referral_event')
    .values({
      id: e.id,
      referral_id: e.referralId,
      at: e.at,
      actor_user_id: e.userId,
      actor_organisation_id: e.organisationId,
      party: e.party,
      event: e.event,
      from_state: e.from,
      to_state: e.to,
      reason_code: e.reasonCode ?? null,
      note: e.note ?? null,
    })
    .execute();
}

export type TimelineRow = {
  id: string;
  at: string;
  userName: string | null;
  organisationName: string | null;
  party: ReferralParty;
  event: string;
  from: ReferralStateCode | null;
  to: ReferralStateCode;
  reasonCode: string | null;
  note: string | null;
};

export async function listEvents(db: Executor, referralId: string): Promise<TimelineRow[]> {
  const rows = await db
    .selectFrom('referral_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.actor_user_id')
    .leftJoin('organisation as o', 'o.id', 'e.actor_organisation_id')
    .select([
      'e.id',
      'e.at',
      'u.name as user_name',
      'o.name as organisation_name',
      'e.party',
      'e.event',
      'e.from_state',
      'e.to_state',
      'e.reason_code',
      'e.note',
    ])
    .where('e.referral_id', '=', referralId)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    userName: r.user_name,
    organisationName: r.organisation_name,
    party: r.party,
    event: r.event,
    from: r.from_state,
    to: r.to_state,
    reasonCode: r.reason_code,
    note: r.note,
  }));
}

export type MessageRow = {
  id: string;
  kind: 'message' | 'mediation_note';
  userName: string | null;
  organisationName: string | null;
  party: ReferralParty;
  body: string;
  createdAt: string;
};

export async function insertMessage(
  db: Executor,
  m: {
    id: string;
    referralId: string;
    kind: 'message' | 'mediation_note';
    userId: string;
    organisationId: string;
    party: ReferralParty;
    body: string;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('referral_message')
    .values({
      id: m.id,
      referral_id: m.referralId,
      kind: m.kind,
      author_user_id: m.userId,
      author_organisation_id: m.organisationId,
      party: m.party,
      body: m.body,
      created_at: m.at,
    })
    .execute();
}

export async function listMessages(db: Executor, referralId: string): Promise<MessageRow[]> {
  const rows = await db
    .selectFrom('referral_message as m')
    .leftJoin('app_user as u', 'u.id', 'm.author_user_id')
    .leftJoin('organisation as o', 'o.id', 'm.author_organisation_id')
    .select([
      'm.id',
      'm.kind',
      'u.name as user_name',
      'o.name as organisation_name',
      'm.party',
      'm.body',
      'm.created_at',
    ])
    .where('m.referral_id', '=', referralId)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    userName: r.user_name,
    organisationName: r.organisation_name,
    party: r.party,
    body: r.body,
    createdAt: r.created_at,
  }));
}
