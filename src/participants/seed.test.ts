import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases';
import { seedAndFindDemo } from '../accounts/users/test-support';
import { seededRandom } from '../seed/bench';
import { participantsBenchGenerator, seedDemoParticipants } from './seed';

describeEachDatabase('participant seeds', (current) => {
  it('loads the fictional demo participants once, with assessments and support log', async () => {
    const db = current().db;
    // seedDemo loads them (through seedAndFindDemo); a second load adds nothing.
    const ids = await seedAndFindDemo(db);
    expect(await seedDemoParticipants(db)).toBe(0);
    const rows = await db.selectFrom('participant').select(['name', 'agency_id', 'is_demo']).execute();
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.agency_id === ids.agency && r.is_demo === 1)).toBe(true);
    expect((await db.selectFrom('assessment').select('id').execute()).length).toBe(3);
    expect((await db.selectFrom('support_log_entry').select('id').execute()).length).toBe(4);
  });

  it('generates benchmark participants with an assessment each', async () => {
    const db = current().db;
    const before = (await db.selectFrom('participant').select('id').execute()).length;
    expect(await participantsBenchGenerator.run(db, 120, seededRandom(1))).toBe(120);
    expect((await db.selectFrom('participant').select('id').execute()).length).toBe(before + 120);
    const agencies = await db
      .selectFrom('organisation')
      .select('id')
      .where('name', 'like', 'ベンチ市 自立相談支援センター%')
      .execute();
    expect(agencies).toHaveLength(3);
  });
});
