/**
 * The time windows of opportunities (opportunity_window): reading them in their order with
 * their stored open places, and writing them so the windows placements occupy keep their rows.
 */
import type { Insertable } from 'kysely';
import type { OpportunityWindowTable } from '../../../platform/db/schema';
import { newId } from '../../../platform/db/time';
import type { TimeWindow, Weekday } from '../opportunity';
import type { Executor } from './scope';

/** An opportunity's windows and the stored open places of each (same order). */
export type WindowRows = { windows: TimeWindow[]; openPlaces: number[] };

export async function listWindows(
  db: Executor,
  opportunityIds: readonly string[],
): Promise<Map<string, TimeWindow[]>> {
  const byOpportunity = new Map<string, TimeWindow[]>();
  for (const [id, rows] of await listWindowRows(db, opportunityIds)) byOpportunity.set(id, rows.windows);
  return byOpportunity;
}

/** The windows of each opportunity with their stored open places (same order). */
export async function listWindowRows(
  db: Executor,
  opportunityIds: readonly string[],
): Promise<Map<string, WindowRows>> {
  const byOpportunity = new Map<string, WindowRows>();
  if (opportunityIds.length === 0) return byOpportunity;
  const rows = await db
    .selectFrom('opportunity_window')
    .select(['opportunity_id', 'weekday', 'start_time', 'end_time', 'capacity', 'open_places'])
    .where('opportunity_id', 'in', opportunityIds)
    .orderBy('opportunity_id')
    .orderBy('position')
    .execute();
  for (const row of rows) {
    const entry = byOpportunity.get(row.opportunity_id) ?? { windows: [], openPlaces: [] };
    entry.windows.push({
      weekday: row.weekday as Weekday,
      start: row.start_time,
      end: row.end_time,
      capacity: row.capacity,
    });
    entry.openPlaces.push(row.open_places);
    byOpportunity.set(row.opportunity_id, entry);
  }
  return byOpportunity;
}

/**
 * Writes the time windows of an opportunity (in the caller's transaction). A window with the
 * same weekday and times as a stored one keeps its row, and so the placements occupying it: its
 * capacity, position and open places (by the capacity change) are updated in place. Other stored
 * windows are deleted (their placement links with them) and new ones inserted with every place
 * open. After an edit, placements' syncOpenPlacesIn re-links placements and recounts open places.
 */
export async function replaceWindows(db: Executor, opportunityId: string, windows: readonly TimeWindow[]) {
  const stored = await db
    .selectFrom('opportunity_window')
    .select(['id', 'weekday', 'start_time', 'end_time', 'capacity'])
    .where('opportunity_id', '=', opportunityId)
    .orderBy('position')
    .execute();
  const unused = [...stored];
  const inserts: Insertable<OpportunityWindowTable>[] = [];
  for (const [position, w] of windows.entries()) {
    const index = unused.findIndex(
      (r) => r.weekday === w.weekday && r.start_time === w.start && r.end_time === w.end,
    );
    const [same] = index >= 0 ? unused.splice(index, 1) : [];
    if (same) {
      await db
        .updateTable('opportunity_window')
        .set((eb) => ({
          capacity: w.capacity,
          position,
          open_places: eb('open_places', '+', w.capacity - same.capacity),
        }))
        .where('id', '=', same.id)
        .execute();
    } else {
      inserts.push({
        id: newId(),
        opportunity_id: opportunityId,
        weekday: w.weekday,
        start_time: w.start,
        end_time: w.end,
        capacity: w.capacity,
        position,
        open_places: w.capacity,
      });
    }
  }
  if (unused.length > 0) {
    await db
      .deleteFrom('opportunity_window')
      .where(
        'id',
        'in',
        unused.map((r) => r.id),
      )
      .execute();
  }
  if (inserts.length > 0) await db.insertInto('opportunity_window').values(inserts).execute();
}
