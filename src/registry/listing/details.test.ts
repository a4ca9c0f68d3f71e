import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import { seedAndFindDemo } from '../../accounts/users/test-support';
import type { Actor } from '../../platform/auth/policy';
import { seedDemoOpportunities } from '../opportunities/seed';
import { listOpportunityDetails, listOpportunityDetailsByIds } from '../opportunities/store';

describeEachDatabase('opportunity details for the listing', (current) => {
  const db = () => current().db;
  const ids: Record<string, string> = {};
  let counsellor: Actor;

  beforeAll(async () => {
    const demo = await seedAndFindDemo(db());
    await seedDemoOpportunities(db());
    for (const o of await db().selectFrom('opportunity').select(['id', 'title']).execute())
      ids[o.title] = o.id;
    counsellor = {
      userId: demo.users['counsellor@demo.hataraku.example'] ?? '',
      role: 'counsellor',
      organisationId: demo.agency,
      facilityIds: [],
    };
  });

  it('lists in printed order (municipality code, facility, title) with windows and contacts', async () => {
    const rows = await listOpportunityDetails(db(), counsellor, { statuses: ['published'], limit: 100 });
    expect(rows.map((r) => [r.municipalityName, r.values.title])).toEqual([
      ['練馬区', '畑の手入れと野菜の袋詰め'],
      ['八王子市', '施設内の清掃(午前)'],
      ['八王子市', '昼食の配膳と下膳の補助'],
    ]);
    const first = rows[0];
    expect(first?.phone).toBe('03-0000-0002');
    expect(first?.values.windows.length).toBeGreaterThan(0);
    expect(
      await listOpportunityDetails(db(), counsellor, { statuses: ['published'], limit: 1 }),
    ).toHaveLength(1);
  });

  it('by ids: keeps the given order and leaves out what the actor may not see', async () => {
    const wanted = ['昼食の配膳と下膳の補助', '園庭の環境整備', '畑の手入れと野菜の袋詰め'].map(
      (t) => ids[t] ?? '',
    );
    const rows = await listOpportunityDetailsByIds(db(), counsellor, wanted);
    expect(rows.map((r) => r.values.title)).toEqual(['昼食の配膳と下膳の補助', '畑の手入れと野菜の袋詰め']);
    expect(await listOpportunityDetailsByIds(db(), counsellor, [])).toEqual([]);
  });
});
