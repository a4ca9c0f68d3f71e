/**
 * Reads of one opportunity for the pages and the API: its policy subject, its staff detail,
 * and its public summary (no sign-in, no contacts, no capacity numbers).
 */
import type { Actor } from '../../../platform/auth/policy';
import { type OpportunityValues, publicStatuses, type TimeWindow } from '../opportunity';
import {
  contactColumns,
  detailOf,
  metaColumns,
  metaOf,
  type OpportunityDetail,
  type OpportunityMeta,
  valueColumns,
  valuesOf,
} from './columns';
import { base, type Executor, visibleTo } from './scope';
import { listWindowRows, listWindows } from './windows';

/** The policy subject of an opportunity in the actor's scope. */
export async function findOpportunitySubject(db: Executor, actor: Actor, id: string) {
  const row = await base(db)
    .select([
      'o.id as id',
      'o.facility_id as facilityId',
      'f.corporation_id as corporationId',
      'o.status as status',
    ])
    .where('o.id', '=', id)
    .where(visibleTo(actor))
    .executeTakeFirst();
  return row ? ({ kind: 'opportunity', ...row } as const) : undefined;
}

/** One opportunity with everything a staff page shows, if in the actor's scope. */
export async function findOpportunity(
  db: Executor,
  actor: Actor,
  id: string,
): Promise<OpportunityDetail | undefined> {
  const row = await base(db)
    .select([...metaColumns, ...contactColumns, ...valueColumns])
    .where('o.id', '=', id)
    .where(visibleTo(actor))
    .executeTakeFirst();
  if (!row) return undefined;
  return detailOf(row, (await listWindowRows(db, [id])).get(id));
}

export type PublicOpportunity = Omit<OpportunityMeta, 'version' | 'corporationId'> & {
  nearestStation: string | null;
  walkMinutes: number | null;
  values: Omit<OpportunityValues, 'windows'> & { windows: Omit<TimeWindow, 'capacity'>[] };
};

/**
 * The public summary of an opportunity (no sign-in): only while it is listed (published, full,
 * paused) at an active facility; no contacts, no capacity numbers.
 */
export async function findPublicOpportunity(
  db: Executor,
  id: string,
): Promise<PublicOpportunity | undefined> {
  const row = await base(db)
    .select([
      ...metaColumns,
      'f.nearest_station as nearestStation',
      'f.walk_minutes as walkMinutes',
      ...valueColumns,
    ])
    .where('o.id', '=', id)
    .where('o.status', 'in', publicStatuses)
    .where('f.active', '=', 1)
    .executeTakeFirst();
  if (!row) return undefined;
  const windows = ((await listWindows(db, [id])).get(id) ?? []).map(({ weekday, start, end }) => ({
    weekday,
    start,
    end,
  }));
  const { version: _version, corporationId: _corporationId, ...meta } = metaOf(row);
  return {
    ...meta,
    nearestStation: row.nearestStation,
    walkMinutes: row.walkMinutes,
    values: { ...valuesOf(row, []), windows },
  };
}

/** The current row and values of an opportunity in the actor's scope, for a change. */
export async function findOpportunityForUpdate(db: Executor, actor: Actor, id: string) {
  return findOpportunity(db, actor, id);
}
