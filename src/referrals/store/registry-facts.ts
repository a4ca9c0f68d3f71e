/**
 * What a referral needs to know of the registry: an opportunity, its facility and corporation,
 * its weekly windows, and the opportunities on a participant's candidate list (public data).
 */
import type { Executor, ScheduleEntry } from './referrals';

export type OpportunityFacts = {
  id: string;
  title: string;
  status: string;
  facilityId: string;
  facilityName: string;
  facilityActive: boolean;
  corporationId: string;
};

export async function opportunityFacts(db: Executor, id: string): Promise<OpportunityFacts | undefined> {
  const row = await db
    .selectFrom('opportunity as o')
    .innerJoin('facility as f', 'f.id', 'o.facility_id')
    .select([
      'o.id',
      'o.title',
      'o.status',
      'f.id as facility_id',
      'f.name as facility_name',
      'f.active',
      'f.corporation_id',
    ])
    .where('o.id', '=', id)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        title: row.title,
        status: row.status,
        facilityId: row.facility_id,
        facilityName: row.facility_name,
        facilityActive: row.active === 1,
        corporationId: row.corporation_id,
      }
    : undefined;
}

/** An opportunity's weekly time windows (public registry data). */
export async function opportunityWindows(db: Executor, opportunityId: string): Promise<ScheduleEntry[]> {
  const rows = await db
    .selectFrom('opportunity_window')
    .select(['weekday', 'start_time', 'end_time'])
    .where('opportunity_id', '=', opportunityId)
    .orderBy('weekday')
    .orderBy('start_time')
    .execute();
  return rows.map((r) => ({ weekday: r.weekday, start: r.start_time, end: r.end_time }));
}

/** The opportunities on a participant's candidate list that can be referred to (published or full). */
export async function candidateOpportunities(
  db: Executor,
  participantId: string,
): Promise<{ id: string; title: string; facilityName: string; status: string }[]> {
  return db
    .selectFrom('participant_candidate as pc')
    .innerJoin('opportunity as o', 'o.id', 'pc.opportunity_id')
    .innerJoin('facility as f', 'f.id', 'o.facility_id')
    .select(['o.id', 'o.title', 'f.name as facilityName', 'o.status'])
    .where('pc.participant_id', '=', participantId)
    .orderBy('pc.saved_at', 'desc')
    .execute();
}
