/**
 * Two counsellors agreeing to the last place at once: exactly one placement is created, the
 * other is told there is no open place, and nothing is half-written. On PostgreSQL the two
 * transactions run on two separate pools (two app instances); on SQLite on the one connection an
 * app instance holds (Kysely serialises its transactions, SQLite serialises writes).
 */
import { setTimeout as delay } from 'node:timers/promises';
import { beforeAll, expect, it } from 'vitest';
import type { Db } from '../platform/db/connection';
import { describeEachSharedDatabase } from '../platform/jobs/test-shared-database';
import { type CreatePlacementInput, createPlacementIn } from './service';
import {
  buildPlacementWorld,
  noAudit,
  openPlacesByWeekday,
  type PlacementWorld,
  publishedOpportunity,
} from './test-support';

describeEachSharedDatabase('placements racing for the last place', (handles) => {
  let world: PlacementWorld;
  /** The two "instances": two pools on PostgreSQL, the one SQLite connection twice. */
  const instances = (): [Db, Db] => {
    const [first, second] = handles();
    return first.dialect === 'postgres' ? [first, second] : [first, first];
  };
  beforeAll(async () => {
    world = await buildPlacementWorld(handles()[0].db);
  });

  const input = (opportunityId: string, participant: number): CreatePlacementInput => ({
    participantId: world.participantIds[participant] ?? '',
    opportunityId,
    workForm: 'a_unpaid',
    startDate: '2026-12-01',
    schedule: [
      { weekday: 1, start: '09:00', end: '11:00' },
      { weekday: 3, start: '09:00', end: '11:00' },
    ],
    status: 'active',
    counsellorUserId: world.counsellorId,
    actor: noAudit,
  });
  const placementsOf = async (opportunityId: string) =>
    handles()[0]
      .db.selectFrom('placement')
      .select('id')
      .where('opportunity_id', '=', opportunityId)
      .execute();
  const linksOf = async (opportunityId: string) =>
    handles()[0]
      .db.selectFrom('placement_window as pw')
      .innerJoin('opportunity_window as w', 'w.id', 'pw.window_id')
      .select('pw.placement_id')
      .where('w.opportunity_id', '=', opportunityId)
      .execute();

  it('the second waits for the first to commit, then re-checks and is refused', async () => {
    const [a, b] = instances();
    const opportunityId = await publishedOpportunity(a.db, world);
    let firstCommittedAt = 0;
    let firstTook!: () => void;
    const tookPlace = new Promise<void>((resolve) => {
      firstTook = resolve;
    });
    const first = a.db.transaction().execute(async (trx) => {
      const result = await createPlacementIn(trx, input(opportunityId, 0));
      firstTook();
      await delay(150); // hold the row locks while the second one tries
      return result;
    });
    const firstDone = first.then((result) => {
      firstCommittedAt = performance.now();
      return result;
    });
    await tookPlace;
    // The first has taken the places but not committed: the second still reads one open place.
    const second = b.db.transaction().execute((trx) => createPlacementIn(trx, input(opportunityId, 1)));
    const secondDone = second.then((result) => ({ result, at: performance.now() }));
    const [winner, loser] = await Promise.all([firstDone, secondDone]);
    expect(winner.ok).toBe(true);
    expect(loser.result).toEqual({ ok: false, reason: 'no_open_place' });
    expect(loser.at).toBeGreaterThanOrEqual(firstCommittedAt);
    expect((await openPlacesByWeekday(a.db, opportunityId)).map((w) => w.open)).toEqual([0, 0]);
    expect(await placementsOf(opportunityId)).toHaveLength(1);
    expect(await linksOf(opportunityId)).toHaveLength(2);
  });

  it('started together, round after round, exactly one of two wins each last place', async () => {
    const [a, b] = instances();
    for (let round = 0; round < 6; round += 1) {
      const opportunityId = await publishedOpportunity(a.db, world);
      const results = await Promise.all([
        a.db.transaction().execute((trx) => createPlacementIn(trx, input(opportunityId, 0))),
        b.db.transaction().execute((trx) => createPlacementIn(trx, input(opportunityId, 1))),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'no_open_place' }]);
      expect((await openPlacesByWeekday(a.db, opportunityId)).map((w) => w.open)).toEqual([0, 0]);
      expect(await placementsOf(opportunityId)).toHaveLength(1);
      expect(await linksOf(opportunityId)).toHaveLength(2);
    }
  });

  it('a placement that loses one of its windows gives back the ones it took', async () => {
    const [a, b] = instances();
    // Monday has two places, Wednesday one: the loser takes Monday's, then fails on Wednesday.
    const opportunityId = await publishedOpportunity(a.db, world, [
      { weekday: 1, start: '08:30', end: '12:00', capacity: 2 },
      { weekday: 3, start: '08:30', end: '12:00', capacity: 1 },
    ]);
    const results = await Promise.all([
      a.db.transaction().execute((trx) => createPlacementIn(trx, input(opportunityId, 0))),
      b.db.transaction().execute((trx) => createPlacementIn(trx, input(opportunityId, 1))),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await openPlacesByWeekday(a.db, opportunityId)).map((w) => w.open)).toEqual([1, 0]);
    expect(await placementsOf(opportunityId)).toHaveLength(1);
    expect(await linksOf(opportunityId)).toHaveLength(2);
  });
});
