import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import { recordCertification } from '../certifications/service';
import { createFacility } from '../facilities/service';
import { buildWorld, facilityInput, noAudit, type World } from '../facilities/test-world';
import {
  changeOpportunityStatus,
  confirmOpportunity,
  createOpportunity,
  getOpportunity,
  getOpportunityHistory,
  listOpportunitiesFor,
  updateOpportunity,
} from './service';
import { listOpportunitiesChangedSince } from './store';
import { opportunityInput } from './test-support';

const at = (iso: string) => ({ now: new Date(iso) });

describeEachDatabase('opportunity service', (current) => {
  let world: World;
  let facilityA2: string;
  const db = () => current().db;

  beforeAll(async () => {
    world = await buildWorld(db(), 'opp');
    const outcome = await createFacility(
      db(),
      world.council,
      world.corpA,
      facilityInput({ name: 'あおば第二作業所(架空)' }),
      noAudit,
    );
    if (outcome.status !== 'ok') throw new Error('facility');
    facilityA2 = outcome.id;
  });

  async function created(facilityId: string, input = opportunityInput(), options = {}) {
    const outcome = await createOpportunity(db(), world.council, facilityId, input, noAudit, options);
    if (outcome.status !== 'ok') throw new Error(JSON.stringify(outcome));
    return outcome.id;
  }

  it('creates a draft with its windows, a first version and an audit row', async () => {
    const outcome = await createOpportunity(db(), world.coordinatorA, world.facilityA, opportunityInput(), {
      ...noAudit,
      requestId: 'create-test',
    });
    expect(outcome.status).toBe('ok');
    if (outcome.status !== 'ok') return;
    const opportunity = await getOpportunity(db(), world.coordinatorA, outcome.id);
    expect(opportunity?.status).toBe('draft');
    expect(opportunity?.values.windows).toHaveLength(2);
    expect(opportunity?.contactEmail).toBe('tanto@example.jp');
    const row = await db()
      .selectFrom('opportunity')
      .select(['search_text'])
      .where('id', '=', outcome.id)
      .executeTakeFirstOrThrow();
    expect(row.search_text).toContain('清掃');
    expect(row.search_text).toContain('あおば作業所');
    const versions = await db()
      .selectFrom('opportunity_version')
      .select(['version', 'kind', 'changes', 'snapshot'])
      .where('opportunity_id', '=', outcome.id)
      .execute();
    expect(versions).toHaveLength(1);
    expect(versions[0]?.kind).toBe('create');
    expect(JSON.parse(versions[0]?.changes ?? '{}').title).toEqual({
      before: null,
      after: '施設内の清掃(午前)',
    });
    expect(JSON.parse(versions[0]?.snapshot ?? '{}').status).toBe('draft');
    const audit = await db()
      .selectFrom('audit_event')
      .select(['action', 'subject_id'])
      .where('request_id', '=', 'create-test')
      .execute();
    expect(audit).toEqual([{ action: 'opportunity.create', subject_id: outcome.id }]);
  });

  it('writes nothing for invalid input, and asks for the 認定 before B–D', async () => {
    const before = await db().selectFrom('opportunity').select('id').execute();
    const bad = await createOpportunity(
      db(),
      world.council,
      world.facilityB,
      opportunityInput({
        work_forms: ['b_unpaid'],
        windows: [{ weekday: 1, start: '12:00', end: '09:00', capacity: 1 }],
      }),
      noAudit,
    );
    expect(bad).toEqual({
      status: 'invalid',
      errors: { work_forms: 'certificationRequired', 'windows.0.end': 'endBeforeStart' },
    });
    expect(await db().selectFrom('opportunity').select('id').execute()).toHaveLength(before.length);

    expect(
      (
        await recordCertification(
          db(),
          world.adminB,
          world.facilityB,
          { number: '架空-1', certified_on: '2024-04-01', authority: '東京都', status: 'certified' },
          noAudit,
        )
      ).status,
    ).toBe('ok');
    const good = await createOpportunity(
      db(),
      world.council,
      world.facilityB,
      opportunityInput({ work_forms: ['b_unpaid'] }),
      noAudit,
    );
    expect(good.status).toBe('ok');
  });

  it('versions every change with who, which fields and before/after', async () => {
    const id = await created(world.facilityA, opportunityInput(), at('2026-01-01T00:00:00Z'));
    const updated = await updateOpportunity(
      db(),
      world.adminA,
      id,
      opportunityInput({
        title: '清掃(午前・午後)',
        windows: [{ weekday: 2, start: '13:00', end: '15:00', capacity: 1 }],
      }),
      { ...noAudit, requestId: 'update-test' },
      at('2026-01-02T00:00:00Z'),
    );
    expect(updated.status).toBe('ok');
    expect(
      (
        await changeOpportunityStatus(
          db(),
          world.coordinatorA,
          id,
          'published',
          noAudit,
          at('2026-01-03T00:00:00Z'),
        )
      ).status,
    ).toBe('ok');
    expect(
      (await confirmOpportunity(db(), world.coordinatorA, id, noAudit, at('2026-01-04T00:00:00Z'))).status,
    ).toBe('ok');

    const history = await getOpportunityHistory(db(), world.council, id);
    expect(history?.map((h) => [h.version, h.kind])).toEqual([
      [4, 'confirm'],
      [3, 'status'],
      [2, 'update'],
      [1, 'create'],
    ]);
    const update = history?.find((h) => h.kind === 'update');
    expect(Object.keys(update?.changes ?? {}).sort()).toEqual(['title', 'windows']);
    expect(update?.changes.title).toEqual({ before: '施設内の清掃(午前)', after: '清掃(午前・午後)' });
    expect(history?.find((h) => h.kind === 'status')?.changes.status).toEqual({
      before: 'draft',
      after: 'published',
    });
    const row = await getOpportunity(db(), world.council, id);
    expect(row?.version).toBe(4);
    expect(row?.publishedAt).toBe('2026-01-03T00:00:00.000Z');
    expect(row?.lastConfirmedAt).toBe('2026-01-04T00:00:00.000Z');
    expect(row?.updatedAt).toBe('2026-01-03T00:00:00.000Z');
    expect(row?.values.windows).toEqual([{ weekday: 2, start: '13:00', end: '15:00', capacity: 1 }]);

    // A stale form (version 2) cannot overwrite version 4.
    expect(
      (
        await updateOpportunity(db(), world.adminA, id, opportunityInput({ title: '古い' }), noAudit, {
          expectedVersion: 2,
        })
      ).status,
    ).toBe('conflict');
    // Archived is final.
    expect((await changeOpportunityStatus(db(), world.council, id, 'archived', noAudit)).status).toBe('ok');
    expect((await changeOpportunityStatus(db(), world.council, id, 'published', noAudit)).status).toBe(
      'invalid',
    );
  });

  it('keeps each facility’s opportunities to those who keep it', async () => {
    const other = await created(facilityA2, opportunityInput({ title: '第二作業所の仕事' }));
    // The coordinator of facility A may not see or change facility A2's opportunity…
    expect(await getOpportunity(db(), world.coordinatorA, other)).toBeUndefined();
    expect(
      (await updateOpportunity(db(), world.coordinatorA, other, opportunityInput(), noAudit)).status,
    ).toBe('not_found');
    expect((await confirmOpportunity(db(), world.coordinatorA, other, noAudit)).status).toBe('not_found');
    expect(
      (await createOpportunity(db(), world.coordinatorA, facilityA2, opportunityInput(), noAudit)).status,
    ).toBe('forbidden');
    // …nor may corporation B's admin, while corporation A's admin may.
    expect((await updateOpportunity(db(), world.adminB, other, opportunityInput(), noAudit)).status).toBe(
      'not_found',
    );
    expect(
      (await updateOpportunity(db(), world.adminA, other, opportunityInput({ title: '変更' }), noAudit))
        .status,
    ).toBe('ok');
    // A counsellor sees it only once published, and may not change it.
    expect(await getOpportunity(db(), world.counsellor, other)).toBeUndefined();
    await changeOpportunityStatus(db(), world.adminA, other, 'published', noAudit);
    expect((await getOpportunity(db(), world.counsellor, other))?.id).toBe(other);
    expect((await updateOpportunity(db(), world.counsellor, other, opportunityInput(), noAudit)).status).toBe(
      'forbidden',
    );

    const mine = await listOpportunitiesFor(db(), world.coordinatorA, { limit: 100, offset: 0 });
    expect(mine.items.every((o) => o.facilityId === world.facilityA)).toBe(true);
    const counsellorList = await listOpportunitiesFor(db(), world.counsellor, { limit: 100, offset: 0 });
    expect(counsellorList.items.every((o) => o.status !== 'draft')).toBe(true);
  });

  it('lists what is new, changed and closed since a time', async () => {
    const since = '2026-03-01T00:00:00.000Z';
    const old = await created(world.facilityA, opportunityInput({ title: '前から公開(変更あり)' }), {
      ...at('2026-02-01T00:00:00Z'),
      status: 'published',
    });
    const quiet = await created(world.facilityA, opportunityInput({ title: '前から公開(変更なし)' }), {
      ...at('2026-02-01T00:00:00Z'),
      status: 'published',
    });
    const closing = await created(world.facilityA, opportunityInput({ title: '満員になった' }), {
      ...at('2026-02-01T00:00:00Z'),
      status: 'published',
    });
    const fresh = await created(
      world.facilityA,
      opportunityInput({ title: '新しく公開' }),
      at('2026-03-02T00:00:00Z'),
    );
    const draft = await created(
      world.facilityA,
      opportunityInput({ title: '下書きのまま' }),
      at('2026-03-02T00:00:00Z'),
    );
    await updateOpportunity(
      db(),
      world.council,
      old,
      opportunityInput({ title: '前から公開(変更後)' }),
      noAudit,
      at('2026-03-03T00:00:00Z'),
    );
    await changeOpportunityStatus(db(), world.council, closing, 'full', noAudit, at('2026-03-04T00:00:00Z'));
    await changeOpportunityStatus(
      db(),
      world.council,
      fresh,
      'published',
      noAudit,
      at('2026-03-05T00:00:00Z'),
    );
    // A confirmation alone is not a change.
    await confirmOpportunity(db(), world.council, quiet, noAudit, at('2026-03-06T00:00:00Z'));

    const changes = await listOpportunitiesChangedSince(db(), since);
    const ids = (list: { id: string }[]) => list.map((o) => o.id);
    expect(ids(changes.new)).toContain(fresh);
    expect(ids(changes.changed)).toContain(old);
    expect(ids(changes.closed)).toContain(closing);
    const all = [...ids(changes.new), ...ids(changes.changed), ...ids(changes.closed)];
    expect(all).not.toContain(quiet);
    expect(all).not.toContain(draft);
    expect(changes.closed.find((o) => o.id === closing)?.change).toBe('closed');

    // Scoped: corporation B's admin sees none of corporation A's.
    const forB = await listOpportunitiesChangedSince(db(), since, world.adminB);
    expect([...forB.new, ...forB.changed, ...forB.closed].some((o) => o.facilityId === world.facilityA)).toBe(
      false,
    );
  });
});
