/**
 * Who sees which opportunity rows, in SQL: council staff see every opportunity, a corporation
 * admin their corporation's, a facility coordinator their assigned facilities', a counsellor
 * every opportunity that has been published (never a draft). Also the joined base query and the
 * list filters. Search (issue 4, item 4) adds its filters to `filtered` and reads `o.search_text`.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Actor } from '../../../platform/auth/policy';
import type { Database } from '../../../platform/db/schema';
import type { OpportunityStatus } from '../opportunity';

export type Executor = Kysely<Database> | Transaction<Database>;

const isCouncil = (actor: Actor) => actor.role === 'council_admin' || actor.role === 'council_staff';

/** Who sees which rows: the condition on `opportunity as o` joined to `facility as f`. */
export type OpportunityScope = Actor | 'published';

export function visibleTo(scope: OpportunityScope) {
  if (scope === 'published') return sql<boolean>`${sql.ref('o.published_at')} is not null`;
  if (isCouncil(scope)) return sql<boolean>`1 = 1`;
  if (scope.role === 'corporation_admin') {
    return sql<boolean>`${sql.ref('f.corporation_id')} = ${scope.organisationId}`;
  }
  if (scope.role === 'facility_coordinator') {
    if (scope.facilityIds.length === 0) return sql<boolean>`1 = 0`;
    return sql<boolean>`${sql.ref('f.corporation_id')} = ${scope.organisationId} and ${sql.ref('f.id')} in (${sql.join(
      scope.facilityIds,
    )})`;
  }
  if (scope.role === 'counsellor') return sql<boolean>`${sql.ref('o.published_at')} is not null`;
  return sql<boolean>`1 = 0`;
}

export function base(db: Executor) {
  return db
    .selectFrom('opportunity as o')
    .innerJoin('facility as f', 'f.id', 'o.facility_id')
    .innerJoin('organisation as c', 'c.id', 'f.corporation_id')
    .innerJoin('municipality as m', 'm.code', 'f.municipality_code');
}

export type OpportunityFilter = {
  facilityId?: string;
  statuses?: readonly OpportunityStatus[];
  /** Changed (content or status) after this ISO timestamp. */
  changedSince?: string;
  /** Published and last confirmed at or before this ISO timestamp (needs confirmation). */
  confirmedBefore?: string;
};

export function filtered(db: Executor, scope: OpportunityScope, filter: OpportunityFilter) {
  let query = base(db).where(visibleTo(scope));
  if (filter.facilityId) query = query.where('o.facility_id', '=', filter.facilityId);
  if (filter.statuses && filter.statuses.length > 0) query = query.where('o.status', 'in', filter.statuses);
  if (filter.changedSince) query = query.where('o.updated_at', '>', filter.changedSince);
  if (filter.confirmedBefore) {
    query = query
      .where('o.status', '=', 'published')
      .where('o.last_confirmed_at', '<=', filter.confirmedBefore);
  }
  return query;
}
