/**
 * Lists of opportunities in scope for the pages and the API: one page of summaries, their
 * count, and what is new, changed or closed since a time.
 */
import { type ChangeKind, classifyChange, closedStatuses, type TimeWindow } from '../opportunity';
import { metaColumns, metaOf, type OpportunityMeta, parseList } from './columns';
import { type Executor, filtered, type OpportunityFilter, type OpportunityScope } from './scope';
import { listWindows } from './windows';

export type OpportunitySummary = OpportunityMeta & {
  title: string;
  tasks: string[];
  workForms: string[];
  windows: TimeWindow[];
};

/** One page of the opportunities in scope, most recently changed first. */
export async function listOpportunities(
  db: Executor,
  scope: OpportunityScope,
  filter: OpportunityFilter & { limit: number; offset: number },
): Promise<OpportunitySummary[]> {
  const rows = await filtered(db, scope, filter)
    .select([...metaColumns, 'o.title as title', 'o.tasks as tasks', 'o.work_forms as workForms'])
    .orderBy('o.updated_at', 'desc')
    .orderBy('o.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  const windows = await listWindows(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    ...metaOf(row),
    title: row.title,
    tasks: parseList(row.tasks),
    workForms: parseList(row.workForms),
    windows: windows.get(row.id) ?? [],
  }));
}

export async function countOpportunities(db: Executor, scope: OpportunityScope, filter: OpportunityFilter) {
  const row = await filtered(db, scope, filter)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type ChangedOpportunity = OpportunitySummary & { change: ChangeKind };

/**
 * What is new, changed or closed since `since` (see classifyChange), for digests, the API's
 * `changed_since` and matching. `scope` 'published' is the registry as agencies see it.
 */
export async function listOpportunitiesChangedSince(
  db: Executor,
  since: string,
  scope: OpportunityScope = 'published',
): Promise<{ new: ChangedOpportunity[]; changed: ChangedOpportunity[]; closed: ChangedOpportunity[] }> {
  const rows = await listOpportunities(db, scope, {
    changedSince: since,
    statuses: ['published', ...closedStatuses],
    limit: 100_000,
    offset: 0,
  });
  const result = {
    new: [] as ChangedOpportunity[],
    changed: [] as ChangedOpportunity[],
    closed: [] as ChangedOpportunity[],
  };
  for (const row of rows) {
    const change = classifyChange(row, since);
    if (change) result[change].push({ ...row, change });
  }
  return result;
}
