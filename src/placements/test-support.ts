/**
 * Test data for the placement tests: the demo world (council, corporation with facilities, an
 * agency with its counsellor and participants), plus a published opportunity at the demo
 * coordinator's facility with the time windows a test asks for.
 */
import type { Kysely } from 'kysely';
import { type DemoIds, demoEmails, seedAndFindDemo } from '../accounts/users/test-support';
import type { Actor } from '../platform/auth/policy';
import type { Database } from '../platform/db/schema';
import type { TimeWindow } from '../registry/opportunities/opportunity';
import { createOpportunity } from '../registry/opportunities/service';
import { opportunityInput } from '../registry/opportunities/test-support';

export const noAudit = { userId: null, organisationId: null, requestId: 'test', ip: '127.0.0.1' };

export type PlacementWorld = DemoIds & {
  facilityId: string;
  otherFacilityId: string | undefined;
  counsellorId: string;
  participantIds: string[];
  actors: Record<'councilAdmin' | 'councilStaff' | 'corporationAdmin' | 'coordinator' | 'counsellor', Actor>;
};

export async function buildPlacementWorld(db: Kysely<Database>): Promise<PlacementWorld> {
  const ids = await seedAndFindDemo(db);
  const userId = (email: string) => {
    const id = ids.users[email];
    if (!id) throw new Error(`no demo user ${email}`);
    return id;
  };
  const coordinatorId = userId(demoEmails.coordinator);
  const assigned = await db
    .selectFrom('facility_assignment')
    .select('facility_id')
    .where('user_id', '=', coordinatorId)
    .execute();
  const facilityId = assigned[0]?.facility_id;
  if (!facilityId) throw new Error('the demo coordinator has no facility');
  const other = await db
    .selectFrom('facility')
    .select('id')
    .where('corporation_id', '=', ids.corporation)
    .where('id', '!=', facilityId)
    .executeTakeFirst();
  const participants = await db
    .selectFrom('participant')
    .select('id')
    .where('agency_id', '=', ids.agency)
    .orderBy('id')
    .execute();
  if (participants.length < 2) throw new Error('the demo agency needs two participants');
  const actor = (role: Actor['role'], email: string, organisationId: string, facilityIds: string[] = []) => ({
    userId: userId(email),
    role,
    organisationId,
    facilityIds,
  });
  return {
    ...ids,
    facilityId,
    otherFacilityId: other?.id,
    counsellorId: userId(demoEmails.counsellor),
    participantIds: participants.map((p) => p.id),
    actors: {
      councilAdmin: actor('council_admin', demoEmails.councilAdmin, ids.council),
      councilStaff: actor('council_staff', demoEmails.councilStaff, ids.council),
      corporationAdmin: actor('corporation_admin', demoEmails.corporationAdmin, ids.corporation),
      coordinator: actor('facility_coordinator', demoEmails.coordinator, ids.corporation, [facilityId]),
      counsellor: actor('counsellor', demoEmails.counsellor, ids.agency),
    },
  };
}

/** A published opportunity at `facilityId` with these windows (default: 月 and 水 8:30–12:00, 1 place). */
export async function publishedOpportunity(
  db: Kysely<Database>,
  world: PlacementWorld,
  windows: TimeWindow[] = [
    { weekday: 1, start: '08:30', end: '12:00', capacity: 1 },
    { weekday: 3, start: '08:30', end: '12:00', capacity: 1 },
  ],
  facilityId = world.facilityId,
): Promise<string> {
  const outcome = await createOpportunity(
    db,
    world.actors.councilAdmin,
    facilityId,
    opportunityInput({ title: `配置テスト${Math.random().toString(36).slice(2, 7)}`, windows }),
    noAudit,
    { status: 'published' },
  );
  if (outcome.status !== 'ok') throw new Error(`opportunity: ${JSON.stringify(outcome)}`);
  return outcome.id;
}

export async function openPlacesByWeekday(db: Kysely<Database>, opportunityId: string) {
  const rows = await db
    .selectFrom('opportunity_window')
    .select(['weekday', 'start_time', 'capacity', 'open_places'])
    .where('opportunity_id', '=', opportunityId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    weekday: r.weekday,
    start: r.start_time,
    capacity: r.capacity,
    open: r.open_places,
  }));
}
