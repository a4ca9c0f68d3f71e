/**
 * Opportunities in scope with everything a staff page shows (contacts, values, windows), many
 * at once: for the はたらく場情報 document, the spreadsheet and HSDS exports, and search results.
 */
import {
  contactColumns,
  detailOf,
  metaColumns,
  type OpportunityContact,
  type OpportunityDetail,
  type OpportunityMeta,
  type ValueRow,
  valueColumns,
} from './columns';
import {
  base,
  type Executor,
  filtered,
  type OpportunityFilter,
  type OpportunityScope,
  visibleTo,
} from './scope';
import { listWindowRows, type WindowRows } from './windows';

/**
 * Opportunities in scope with everything a staff page shows (contacts, values, windows), ordered
 * for a printed list: by municipality (code order, as the reference list), facility, title. For
 * the はたらく場情報 document and the spreadsheet exports; search passes its filters here too.
 */
export async function listOpportunityDetails(
  db: Executor,
  scope: OpportunityScope,
  filter: OpportunityFilter & { limit: number },
): Promise<OpportunityDetail[]> {
  const rows = await filtered(db, scope, filter)
    .select([...metaColumns, ...contactColumns, ...valueColumns])
    .orderBy('f.municipality_code')
    .orderBy('f.name_kana')
    .orderBy('f.name')
    .orderBy('o.title')
    .orderBy('o.id')
    .limit(filter.limit)
    .execute();
  return detailsOf(db, rows);
}

/**
 * The opportunities with these ids that are in scope, with everything a staff page shows, in
 * the order of `ids` (e.g. a search result's order); ids out of scope are left out.
 */
export async function listOpportunityDetailsByIds(
  db: Executor,
  scope: OpportunityScope,
  ids: readonly string[],
): Promise<OpportunityDetail[]> {
  const rows = [];
  // Chunks keep the bound parameters well under SQLite's and PostgreSQL's limits.
  for (let start = 0; start < ids.length; start += 500) {
    const chunk = ids.slice(start, start + 500);
    rows.push(
      ...(await base(db)
        .select([...metaColumns, ...contactColumns, ...valueColumns])
        .where(visibleTo(scope))
        .where('o.id', 'in', chunk)
        .execute()),
    );
  }
  const position = new Map(ids.map((id, index) => [id, index]));
  rows.sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
  return detailsOf(db, rows);
}

async function detailsOf(
  db: Executor,
  rows: (OpportunityMeta & OpportunityContact & ValueRow)[],
): Promise<OpportunityDetail[]> {
  const windows = new Map<string, WindowRows>();
  for (let start = 0; start < rows.length; start += 500) {
    const chunk = await listWindowRows(
      db,
      rows.slice(start, start + 500).map((r) => r.id),
    );
    for (const [id, list] of chunk) windows.set(id, list);
  }
  return rows.map((row) => detailOf(row, windows.get(row.id)));
}
