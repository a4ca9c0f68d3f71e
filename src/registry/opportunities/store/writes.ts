/**
 * Writing an opportunity's row (the values as columns, status and timestamps), and reading the
 * sources of its search text to re-derive it. Windows are written by ./windows.ts.
 */
import type { OpportunityTable } from '../../../platform/db/schema';
import type { OpportunityStatus } from '../opportunity';
import type { columnsOf } from './columns';
import type { Executor } from './scope';

export async function insertOpportunity(
  db: Executor,
  row: ReturnType<typeof columnsOf> & {
    id: string;
    facility_id: string;
    status: OpportunityStatus;
    search_text: string;
    is_demo: number;
    created_at: string;
    updated_at: string;
    published_at: string | null;
    status_changed_at: string;
    last_confirmed_at: string;
  },
): Promise<void> {
  await db
    .insertInto('opportunity')
    .values({ ...row, version: 1, last_reminded_at: null })
    .execute();
}

export async function updateOpportunityRow(
  db: Executor,
  id: string,
  patch: Partial<Omit<OpportunityTable, 'id' | 'facility_id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('opportunity').set(patch).where('id', '=', id).execute();
}

/** Re-derives the search text of a facility's opportunities (call when the facility is renamed). */
export async function listSearchSources(db: Executor, facilityId: string) {
  return db
    .selectFrom('opportunity')
    .select(['id', 'title', 'description', 'tasks'])
    .where('facility_id', '=', facilityId)
    .execute();
}
