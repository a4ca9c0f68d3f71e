/**
 * The referral lists: a party's work list, the counts by state, the names a counsellor sees on
 * it, and the open referrals the reminder/expiry job looks at. Scoped like every referral read
 * (`visibleTo`); participant names are read only by `participantNamesOf`, whose caller audits it.
 */
import type { ReferralStateCode } from '../../platform/db/schema';
import {
  baseQuery,
  type Executor,
  type ReferralSummary,
  type ScopeActor,
  summaryOf,
  visibleTo,
} from './referrals';

export type ReferralListFilter = {
  states?: readonly ReferralStateCode[];
  participantId?: string;
  limit: number;
  offset: number;
};

/**
 * The referrals `actor` may see, most recently changed first, or — with `stalledFirst` — the
 * open ones that have waited longest first, then the closed ones.
 */
export async function listReferrals(
  db: Executor,
  actor: ScopeActor,
  filter: ReferralListFilter & { order: 'recent' | 'stalled' },
): Promise<{ items: ReferralSummary[]; total: number }> {
  let query = baseQuery(db).where(visibleTo(actor));
  let count = db
    .selectFrom('referral as r')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(visibleTo(actor));
  if (filter.states && filter.states.length > 0) {
    query = query.where('r.state', 'in', [...filter.states]);
    count = count.where('r.state', 'in', [...filter.states]);
  }
  if (filter.participantId) {
    query = query.where('r.participant_id', '=', filter.participantId);
    count = count.where('r.participant_id', '=', filter.participantId);
  }
  query =
    filter.order === 'stalled'
      ? query
          .orderBy((eb) => eb.case().when('r.closed_at', 'is', null).then(0).else(1).end())
          .orderBy('r.last_transition_at', 'asc')
      : query.orderBy('r.last_transition_at', 'desc');
  const rows = await query.orderBy('r.id').limit(filter.limit).offset(filter.offset).execute();
  const total = Number((await count.executeTakeFirst())?.n ?? 0);
  return { items: rows.map(summaryOf), total };
}

/** How many referrals `actor` may see are in each state, with the oldest last change of each. */
export async function countByState(
  db: Executor,
  actor: ScopeActor,
): Promise<{ state: ReferralStateCode; count: number; oldest: string }[]> {
  const rows = await db
    .selectFrom('referral as r')
    .select((eb) => [
      'r.state',
      eb.fn.countAll<number>().as('n'),
      eb.fn.min('r.last_transition_at').as('oldest'),
    ])
    .where(visibleTo(actor))
    .groupBy('r.state')
    .execute();
  return rows.map((r) => ({ state: r.state, count: Number(r.n), oldest: String(r.oldest) }));
}

/** Names of the agency's own participants (counsellor lists only; the caller audits the read). */
export async function participantNamesOf(
  db: Executor,
  agencyId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('participant')
    .select(['id', 'name'])
    .where('agency_id', '=', agencyId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Open referrals the reminder/expiry job looks at. */
export async function listWaitingReferrals(
  db: Executor,
  states: readonly ReferralStateCode[],
): Promise<{ id: string; state: ReferralStateCode; lastTransitionAt: string; remindedAt: string | null }[]> {
  const rows = await db
    .selectFrom('referral')
    .select(['id', 'state', 'last_transition_at', 'reminded_at'])
    .where('state', 'in', [...states])
    .orderBy('last_transition_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    state: r.state,
    lastTransitionAt: r.last_transition_at,
    remindedAt: r.reminded_at,
  }));
}
