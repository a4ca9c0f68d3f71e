import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases';
import { newId, nowIso } from '../platform/db/time';
import { inputOfValues } from '../registry/opportunities/opportunity';
import {
  changeOpportunityStatus,
  getOpportunity,
  updateOpportunity,
} from '../registry/opportunities/service';
import {
  activePlacementCounts,
  type CreatePlacementInput,
  confirmSupportDecision,
  createPlacementIn,
  endPlacement,
  getPlacement,
  listPlacementsFor,
} from './service';
import {
  buildPlacementWorld,
  noAudit,
  openPlacesByWeekday,
  type PlacementWorld,
  publishedOpportunity,
} from './test-support';

describeEachDatabase('placements', (current) => {
  let world: PlacementWorld;
  const db = () => current().db;
  beforeAll(async () => {
    world = await buildPlacementWorld(db());
  });

  const input = (
    opportunityId: string,
    overrides: Partial<CreatePlacementInput> = {},
  ): CreatePlacementInput => ({
    participantId: world.participantIds[0] ?? '',
    opportunityId,
    workForm: 'a_unpaid',
    startDate: '2026-12-01',
    schedule: [
      { weekday: 1, start: '09:00', end: '11:00' },
      { weekday: 3, start: '09:00', end: '11:00' },
    ],
    status: 'active',
    counsellorUserId: world.counsellorId,
    facilityContactName: '受入 花子',
    actor: noAudit,
    ...overrides,
  });
  const create = (i: CreatePlacementInput) =>
    db()
      .transaction()
      .execute((trx) => createPlacementIn(trx, i));
  const count = async (table: 'placement' | 'placement_window') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('takes a place in each window the schedule overlaps, and refuses when one is gone', async () => {
    const opportunityId = await publishedOpportunity(db(), world, [
      { weekday: 1, start: '08:30', end: '12:00', capacity: 2 },
      { weekday: 3, start: '08:30', end: '12:00', capacity: 1 },
      { weekday: 5, start: '08:30', end: '12:00', capacity: 3 },
    ]);
    const first = await create(input(opportunityId));
    expect(first.ok).toBe(true);
    expect((await openPlacesByWeekday(db(), opportunityId)).map((w) => w.open)).toEqual([1, 0, 3]);

    const before = [await count('placement'), await count('placement_window')];
    const second = await create(input(opportunityId, { participantId: world.participantIds[1] ?? '' }));
    expect(second).toEqual({ ok: false, reason: 'no_open_place' });
    // Monday's place was not taken: nothing half-written.
    expect((await openPlacesByWeekday(db(), opportunityId)).map((w) => w.open)).toEqual([1, 0, 3]);
    expect([await count('placement'), await count('placement_window')]).toEqual(before);

    // Monday only still fits.
    const monday = await create(
      input(opportunityId, {
        participantId: world.participantIds[1] ?? '',
        schedule: [{ weekday: 1, start: '10:00', end: '12:00' }],
        status: 'awaiting_support_decision',
      }),
    );
    expect(monday.ok).toBe(true);
    expect((await openPlacesByWeekday(db(), opportunityId)).map((w) => w.open)).toEqual([0, 0, 3]);
    const counts = await activePlacementCounts(db(), [opportunityId]);
    expect([...counts.values()].sort()).toEqual([1, 2]);

    const audit = await db()
      .selectFrom('audit_event')
      .select(['subject_id'])
      .where('action', '=', 'placement.create')
      .execute();
    expect(audit.map((a) => a.subject_id)).toContain(first.ok ? first.placementId : '');
  });

  it('refuses a schedule day outside every window, and opportunities that are not published', async () => {
    const opportunityId = await publishedOpportunity(db(), world);
    expect(
      await create(input(opportunityId, { schedule: [{ weekday: 2, start: '09:00', end: '11:00' }] })),
    ).toEqual({
      ok: false,
      reason: 'no_open_place',
    });
    expect(
      await create(
        input(opportunityId, {
          schedule: [
            { weekday: 1, start: '09:00', end: '11:00' },
            { weekday: 1, start: '13:00', end: '15:00' },
          ],
        }),
      ),
    ).toEqual({ ok: false, reason: 'no_open_place' });
    await changeOpportunityStatus(db(), world.actors.councilAdmin, opportunityId, 'paused', noAudit);
    expect(await create(input(opportunityId))).toEqual({ ok: false, reason: 'opportunity_not_open' });
    expect(await create(input('00000000-0000-7000-8000-000000000000'))).toEqual({
      ok: false,
      reason: 'opportunity_not_open',
    });
    await expect(create(input(opportunityId, { schedule: [] }))).rejects.toThrow(/invalid schedule/);
  });

  it('records one placement per referral: a repeated call answers with the first', async () => {
    const opportunityId = await publishedOpportunity(db(), world, [
      { weekday: 1, start: '08:30', end: '12:00', capacity: 3 },
      { weekday: 3, start: '08:30', end: '12:00', capacity: 3 },
    ]);
    const referralId = '00000000-0000-7000-8000-00000000abcd';
    const first = await create(input(opportunityId, { referralId }));
    const again = await create(input(opportunityId, { referralId }));
    expect(first.ok && again.ok && again.placementId === first.placementId).toBe(true);
    expect((await openPlacesByWeekday(db(), opportunityId)).map((w) => w.open)).toEqual([2, 2]);
  });

  it('gives the places back when a placement ends, once', async () => {
    const opportunityId = await publishedOpportunity(db(), world);
    const created = await create(input(opportunityId));
    if (!created.ok) throw new Error('not created');
    expect((await openPlacesByWeekday(db(), opportunityId)).map((w) => w.open)).toEqual([0, 0]);
    // A facility coordinator may not end it; the counsellor may.
    expect(
      await endPlacement(
        db(),
        world.actors.coordinator,
        created.placementId,
        { endDate: '2027-03-31' },
        noAudit,
      ),
    ).toEqual({ status: 'forbidden' });
    expect(
      await endPlacement(
        db(),
        world.actors.counsellor,
        created.placementId,
        { endDate: '2027-03-31' },
        noAudit,
      ),
    ).toEqual({ status: 'ok' });
    expect((await openPlacesByWeekday(db(), opportunityId)).map((w) => w.open)).toEqual([1, 1]);
    expect(
      await endPlacement(
        db(),
        world.actors.counsellor,
        created.placementId,
        { endDate: '2027-03-31' },
        noAudit,
      ),
    ).toEqual({ status: 'forbidden' });
    expect((await openPlacesByWeekday(db(), opportunityId)).map((w) => w.open)).toEqual([1, 1]);
    const ended = await getPlacement(db(), world.actors.counsellor, created.placementId);
    expect(ended).toMatchObject({ status: 'ended', endDate: '2027-03-31' });
  });

  it('lets the council confirm the 支援決定 of a placement waiting for it', async () => {
    const opportunityId = await publishedOpportunity(db(), world);
    const created = await create(input(opportunityId, { status: 'awaiting_support_decision' }));
    if (!created.ok) throw new Error('not created');
    const id = created.placementId;
    expect(await confirmSupportDecision(db(), world.actors.counsellor, id, noAudit)).toEqual({
      status: 'forbidden',
    });
    expect(await confirmSupportDecision(db(), world.actors.councilStaff, id, noAudit)).toEqual({
      status: 'ok',
    });
    expect((await getPlacement(db(), world.actors.councilStaff, id))?.status).toBe('active');
    expect(await confirmSupportDecision(db(), world.actors.councilStaff, id, noAudit)).toEqual({
      status: 'forbidden',
    });
    // The places stay held throughout.
    expect((await openPlacesByWeekday(db(), opportunityId)).map((w) => w.open)).toEqual([0, 0]);
  });

  it('keeps open places right when the opportunity’s windows are edited', async () => {
    const opportunityId = await publishedOpportunity(db(), world, [
      { weekday: 1, start: '08:30', end: '12:00', capacity: 2 },
      { weekday: 3, start: '08:30', end: '12:00', capacity: 2 },
    ]);
    const created = await create(input(opportunityId));
    if (!created.ok) throw new Error('not created');
    const edit = async (windows: { weekday: number; start: string; end: string; capacity: number }[]) => {
      const detail = await getOpportunity(db(), world.actors.councilAdmin, opportunityId);
      if (!detail) throw new Error('no opportunity');
      const outcome = await updateOpportunity(
        db(),
        world.actors.councilAdmin,
        opportunityId,
        { ...inputOfValues(detail.values), windows },
        noAudit,
      );
      expect(outcome.status).toBe('ok');
      return getOpportunity(db(), world.actors.councilAdmin, opportunityId);
    };
    // Capacity up on Monday, down on Wednesday.
    let detail = await edit([
      { weekday: 1, start: '08:30', end: '12:00', capacity: 5 },
      { weekday: 3, start: '08:30', end: '12:00', capacity: 1 },
    ]);
    expect(detail?.windowOpenPlaces).toEqual([4, 0]);
    // A new Friday window and Wednesday's times changed: the placement re-links to the new row.
    detail = await edit([
      { weekday: 1, start: '08:30', end: '12:00', capacity: 5 },
      { weekday: 3, start: '09:00', end: '12:30', capacity: 3 },
      { weekday: 5, start: '08:30', end: '12:00', capacity: 2 },
    ]);
    expect(detail?.windowOpenPlaces).toEqual([4, 2, 2]);
    // Capacity below the placements holding it: stored as negative, shown as 0.
    detail = await edit([
      { weekday: 1, start: '08:30', end: '12:00', capacity: 0 },
      { weekday: 3, start: '09:00', end: '12:30', capacity: 3 },
    ]);
    expect(detail?.windowOpenPlaces).toEqual([-1, 2]);
    await endPlacement(
      db(),
      world.actors.counsellor,
      created.placementId,
      { endDate: '2027-01-31' },
      noAudit,
    );
    detail = await getOpportunity(db(), world.actors.councilAdmin, opportunityId);
    expect(detail?.windowOpenPlaces).toEqual([0, 3]);
  });

  it('scopes reads: the agency, the facility’s staff and the council; names only for the agency', async () => {
    const opportunityId = await publishedOpportunity(db(), world);
    const created = await create(input(opportunityId));
    if (!created.ok) throw new Error('not created');
    const id = created.placementId;
    const asCounsellor = await getPlacement(db(), world.actors.counsellor, id);
    expect(asCounsellor?.participantName).toBeTruthy();
    for (const actor of [
      world.actors.coordinator,
      world.actors.corporationAdmin,
      world.actors.councilStaff,
    ]) {
      const seen = await getPlacement(db(), actor, id);
      expect(seen?.id).toBe(id);
      expect(seen?.participantName).toBeNull();
    }
    const stranger = { ...world.actors.coordinator, facilityIds: ['00000000-0000-7000-8000-000000000001'] };
    expect(await getPlacement(db(), stranger, id)).toBeUndefined();
    const otherAgency = { ...world.actors.counsellor, organisationId: world.corporation };
    expect(await getPlacement(db(), otherAgency, id)).toBeUndefined();
    const list = await listPlacementsFor(db(), world.actors.coordinator, {
      facilityId: world.facilityId,
      limit: 50,
      offset: 0,
    });
    expect(list.items.map((p) => p.id)).toContain(id);
    expect(list.total).toBe(list.items.length);
    expect((await listPlacementsFor(db(), stranger, { limit: 50, offset: 0 })).total).toBe(0);
  });

  it('moves with a transferred case: the new agency sees it, the old one no longer', async () => {
    const opportunityId = await publishedOpportunity(db(), world, [
      { weekday: 1, start: '08:30', end: '12:00', capacity: 5 },
      { weekday: 3, start: '08:30', end: '12:00', capacity: 5 },
    ]);
    const participantId = world.participantIds[1] ?? '';
    const created = await create(input(opportunityId, { participantId }));
    if (!created.ok) throw new Error('not created');
    const newAgency = newId();
    await db()
      .insertInto('organisation')
      .values({
        id: newAgency,
        kind: 'agency',
        name: '移管先 相談支援センター(架空)',
        name_kana: '',
        search_text: '',
        is_demo: 0,
        created_at: nowIso(),
        updated_at: nowIso(),
      })
      .execute();
    const before = await db()
      .selectFrom('participant')
      .select('agency_id')
      .where('id', '=', participantId)
      .executeTakeFirstOrThrow();
    await db()
      .updateTable('participant')
      .set({ agency_id: newAgency })
      .where('id', '=', participantId)
      .execute();
    try {
      expect(await getPlacement(db(), world.actors.counsellor, created.placementId)).toBeUndefined();
      const moved = await getPlacement(
        db(),
        { ...world.actors.counsellor, organisationId: newAgency },
        created.placementId,
      );
      expect(moved?.agencyName).toBe('移管先 相談支援センター(架空)');
      expect(moved?.participantName).toBeTruthy();
    } finally {
      await db()
        .updateTable('participant')
        .set({ agency_id: before.agency_id })
        .where('id', '=', participantId)
        .execute();
    }
  });
});
