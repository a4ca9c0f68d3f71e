import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import { seededRandom } from '../../seed/bench';
import { opportunitiesBenchGenerator } from './seed';
import { listOpportunitiesChangedSince } from './store';

describeEachDatabase('opportunity bench generator', (current) => {
  it('creates facilities with three opportunities each, with windows', async () => {
    const db = current().db;
    expect(await opportunitiesBenchGenerator.run(db, 40, seededRandom(1))).toBe(120);
    const facilities = await db.selectFrom('facility').select('id').execute();
    expect(facilities).toHaveLength(40);
    const windows = await db.selectFrom('opportunity_window').select('opportunity_id').execute();
    expect(new Set(windows.map((w) => w.opportunity_id)).size).toBe(120);
    const changes = await listOpportunitiesChangedSince(db, '2000-01-01T00:00:00.000Z');
    expect(changes.new.length).toBeGreaterThan(50);
  });
});
