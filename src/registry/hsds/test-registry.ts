/**
 * For the HSDS tests: a published registry with one service of each kind the export treats
 * differently (listed, employed with pay, full, paused, draft, archived), a certified facility,
 * and a corporation with only a draft, which the export leaves out.
 */
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { buildTestApp } from '../../../test/app';
import { createOrganisation } from '../../accounts/organisations/service';
import type { Database } from '../../platform/db/schema';
import { recordCertification } from '../certifications/service';
import { createFacility } from '../facilities/service';
import { buildWorld, facilityInput, noAudit, type World } from '../facilities/test-world';
import { changeOpportunityStatus, createOpportunity } from '../opportunities/service';
import { opportunityInput } from '../opportunities/test-support';

// biome-ignore lint/suspicious/noExplicitAny: the tests read HSDS JSON freely; the schemas check its shape.
export type Json = Record<string, any>;

export type RegistryIds = Record<
  'listed' | 'employed' | 'full' | 'paused' | 'draft' | 'archived' | 'hiddenDraft',
  string
>;

export type PublishedRegistry = { world: World; ids: RegistryIds; corpC: string };

/** GETs an HSDS path and reads its JSON. */
export async function getJson(app: ReturnType<typeof buildTestApp>, path: string) {
  const response = await app.request(path);
  return { status: response.status, body: (await response.json()) as Json, text: '' };
}

export async function buildPublishedRegistry(db: Kysely<Database>): Promise<PublishedRegistry> {
  const ids = {} as RegistryIds;
  const world = await buildWorld(db, 'hsds');
  await db
    .updateTable('facility')
    .set({ postal_code: '1890001', lat: 35.7546, lng: 139.4685 })
    .where('id', '=', world.facilityA)
    .execute();
  expect(
    (
      await recordCertification(
        db,
        world.adminB,
        world.facilityB,
        { number: '架空-1', certified_on: '2024-04-01', authority: '東京都', status: 'certified' },
        noAudit,
      )
    ).status,
  ).toBe('ok');
  const create = async (
    facilityId: string,
    input = opportunityInput(),
    status: 'draft' | 'published' = 'published',
  ) => {
    const outcome = await createOpportunity(db, world.council, facilityId, input, noAudit, { status });
    if (outcome.status !== 'ok') throw new Error(JSON.stringify(outcome));
    return outcome.id;
  };
  ids.listed = await create(
    world.facilityA,
    opportunityInput({
      earliest_start_date: '2026-12-01',
      supports: { short_hours: 'yes', wheelchair: 'no', japanese_learners: 'yes' },
      meals: 'paid',
      documents_required: '履歴書\n本人確認書類',
      visit_possible: '1',
      min_daily_minutes: '2',
      max_daily_minutes: '3.5',
    }),
  );
  ids.employed = await create(
    world.facilityB,
    opportunityInput({
      title: '厨房での調理補助',
      tasks: ['cooking_assist', 'meal_service'],
      work_forms: ['a_unpaid', 'b_employed'],
      pay_type: 'hourly',
      pay_yen: '1163',
      transport_allowance: '1',
      transport_cap_yen: '500',
      windows: [{ weekday: 2, start: '11:00', end: '13:00', capacity: 1 }],
    }),
  );
  ids.full = await create(world.facilityB, opportunityInput({ title: '洗濯(満員)', tasks: ['laundry'] }));
  ids.paused = await create(
    world.facilityB,
    opportunityInput({ title: '農園芸(休止中)', tasks: ['farming_gardening'] }),
  );
  ids.draft = await create(world.facilityA, opportunityInput({ title: '下書きのはたらく場' }), 'draft');
  ids.archived = await create(world.facilityA, opportunityInput({ title: '終了したはたらく場' }));
  for (const [id, to] of [
    [ids.full, 'full'],
    [ids.paused, 'paused'],
    [ids.archived, 'archived'],
  ] as const) {
    expect((await changeOpportunityStatus(db, world.council, id, to, noAudit)).status).toBe('ok');
  }
  // A corporation with a facility but only a draft is not in the export.
  const corp = await createOrganisation(
    db,
    world.council,
    { kind: 'corporation', name: '社会福祉法人 下書き会(架空)' },
    noAudit,
  );
  if (corp.status !== 'ok') throw new Error('corp');
  const corpC = corp.id;
  const facility = await createFacility(
    db,
    world.council,
    corpC,
    facilityInput({ name: '下書き作業所(架空)' }),
    noAudit,
  );
  if (facility.status !== 'ok') throw new Error('facility');
  ids.hiddenDraft = await create(facility.id, opportunityInput(), 'draft');
  return { world, ids, corpC };
}
