import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import { createFacility, getFacility, listFacilitiesFor, updateFacility } from './service';
import { countFacilities, findFacility, listFacilities } from './store';
import { buildWorld, facilityInput, noAudit, type World } from './test-world';

describeEachDatabase('facilities', (current) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(current().db, 'F');
  });

  const auditRows = (subjectId: string) =>
    current()
      .db.selectFrom('audit_event')
      .select(['action', 'subject_type', 'detail', 'user_id', 'organisation_id'])
      .where('subject_id', '=', subjectId)
      .orderBy('at')
      .orderBy('id')
      .execute();

  it('scopes every store read by the caller', async () => {
    const db = current().db;
    const page = { limit: 50, offset: 0 };
    const ids = async (actor: World['council']) => (await listFacilities(db, actor, page)).map((f) => f.id);

    expect(await ids(world.council)).toEqual(expect.arrayContaining([world.facilityA, world.facilityB]));
    expect(await ids(world.adminA)).toEqual([world.facilityA]);
    expect(await ids(world.coordinatorA)).toEqual([world.facilityA]);
    expect(await ids(world.adminB)).toEqual([world.facilityB]);
    expect(await countFacilities(db, world.adminA, {})).toBe(1);
    // Asking for B's facilities by corporation still yields nothing for A's admin.
    expect(await countFacilities(db, world.adminA, { corporationId: world.corpB })).toBe(0);

    expect(await findFacility(db, world.adminA, world.facilityA)).toMatchObject({
      name: 'あおば作業所F(架空)',
    });
    expect(await findFacility(db, world.adminA, world.facilityB)).toBeUndefined();
    expect(await findFacility(db, world.coordinatorA, world.facilityB)).toBeUndefined();
    expect(await findFacility(db, world.council, world.facilityB)).toMatchObject({
      name: 'しらかば事業所F(架空)',
      municipalityName: '東村山市',
    });
    // Counsellors see active facilities (the registry they choose work places from).
    expect(await findFacility(db, world.counsellor, world.facilityB)).toBeDefined();
  });

  it('searches over the normalised name and reading', async () => {
    const db = current().db;
    const result = await listFacilitiesFor(db, world.council, { q: 'あおば', limit: 50, offset: 0 });
    expect(result.items.map((f) => f.id)).toContain(world.facilityA);
    expect(result.items.map((f) => f.id)).not.toContain(world.facilityB);
    // The reading is stored in katakana and searched in hiragana.
    const byKana = await listFacilitiesFor(db, world.council, {
      q: 'ひだまりさぎょうしょ',
      limit: 50,
      offset: 0,
    });
    expect(byKana.total).toBeGreaterThanOrEqual(2);
    const none = await listFacilitiesFor(db, world.council, { q: '100%', limit: 50, offset: 0 });
    expect(none.total).toBe(0);
  });

  it('registers a facility with normalised values and an audit row in the same transaction', async () => {
    const db = current().db;
    const outcome = await createFacility(
      db,
      world.adminA,
      world.corpA,
      facilityInput({
        name: 'ＡＢＣ ワークス(架空)',
        name_kana: 'ｴｰﾋﾞｰｼｰ ﾜｰｸｽ',
        postal_code: '１８９－００１４',
        walk_minutes: '７',
        phone: '０４２－３９４－００００',
        contact_email: 'ＷＯＲＫＳ@Example.jp',
      }),
      { ...noAudit, userId: world.adminA.userId, organisationId: world.corpA },
    );
    expect(outcome.status).toBe('ok');
    if (outcome.status !== 'ok') return;
    const stored = await getFacility(db, world.adminA, outcome.id);
    expect(stored).toMatchObject({
      name: 'ABC ワークス(架空)',
      nameKana: 'エービーシー ワークス',
      postalCode: '1890014',
      walkMinutes: 7,
      phone: '042-394-0000',
      contactEmail: 'works@example.jp',
      corporationId: world.corpA,
      isDemo: 0,
    });
    const audit = await auditRows(outcome.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'facility.create',
      subject_type: 'facility',
      user_id: world.adminA.userId,
      organisation_id: world.corpA,
    });
    const detail = JSON.parse(audit[0]?.detail ?? '{}');
    expect(detail.corporationId).toBe(world.corpA);
    expect(detail.changes.name).toEqual({ before: null, after: 'ABC ワークス(架空)' });
  });

  it('refuses bad input with a code per field, and writes nothing', async () => {
    const db = current().db;
    const before = await countFacilities(db, world.council, {});
    const auditBefore = await db.selectFrom('audit_event').select('id').execute();
    const outcome = await createFacility(
      db,
      world.council,
      world.corpA,
      facilityInput({
        name: '  ',
        name_kana: '作業所',
        service_type: 'factory',
        municipality_code: '271004',
        postal_code: '000-0000',
        walk_minutes: '121',
        phone: '1234',
        contact_email: 'tanto@',
      }),
      noAudit,
    );
    expect(outcome).toEqual({
      status: 'invalid',
      errors: {
        name: 'required',
        name_kana: 'invalidKana',
        service_type: 'invalidChoice',
        municipality_code: 'unknownMunicipality',
        postal_code: 'unknownPostalCode',
        walk_minutes: 'invalidWalkMinutes',
        phone: 'invalidPhone',
        contact_email: 'invalidEmail',
      },
    });
    const mismatch = await createFacility(
      db,
      world.council,
      world.corpA,
      facilityInput({ name: '別の作業所', postal_code: '160-0023', municipality_code: '132136' }),
      noAudit,
    );
    expect(mismatch).toEqual({
      status: 'invalid',
      errors: { postal_code: 'postalCodeMunicipalityMismatch' },
    });
    const duplicate = await createFacility(
      db,
      world.council,
      world.corpA,
      facilityInput({ name: 'あおば作業所F(架空)' }),
      noAudit,
    );
    expect(duplicate).toEqual({ status: 'invalid', errors: { name: 'duplicateName' } });
    expect(await countFacilities(db, world.council, {})).toBe(before);
    expect(await db.selectFrom('audit_event').select('id').execute()).toHaveLength(auditBefore.length);
  });

  it('lets a corporation admin change only its own facilities, and audits what changed', async () => {
    const db = current().db;
    const changed = await updateFacility(
      db,
      world.adminA,
      world.facilityA,
      facilityInput({ name: 'あおば作業所F(架空)', walk_minutes: '3', contact_name: '' }),
      noAudit,
    );
    expect(changed).toEqual({ status: 'ok', id: world.facilityA });
    const audit = (await auditRows(world.facilityA)).filter((a) => a.action === 'facility.update');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.detail ?? '{}').changes).toEqual({
      walk_minutes: { before: 10, after: 3 },
      contact_name: { before: '担当 太郎', after: null },
    });

    // Saving the same values again changes nothing and writes no audit row.
    await updateFacility(
      db,
      world.adminA,
      world.facilityA,
      facilityInput({ name: 'あおば作業所F(架空)', walk_minutes: '3', contact_name: '' }),
      noAudit,
    );
    expect((await auditRows(world.facilityA)).filter((a) => a.action === 'facility.update')).toHaveLength(1);

    expect(await updateFacility(db, world.adminA, world.facilityB, facilityInput(), noAudit)).toEqual({
      status: 'not_found',
    });
    expect(await updateFacility(db, world.coordinatorA, world.facilityA, facilityInput(), noAudit)).toEqual({
      status: 'forbidden',
    });
    expect(
      await createFacility(db, world.adminA, world.corpB, facilityInput({ name: '越境' }), noAudit),
    ).toEqual({
      status: 'not_found',
    });
    expect(
      await createFacility(db, world.counsellor, world.corpA, facilityInput({ name: '越境' }), noAudit),
    ).toEqual({
      status: 'not_found',
    });
    expect(
      await createFacility(db, world.council, world.agency, facilityInput({ name: '機関の事業所' }), noAudit),
    ).toEqual({
      status: 'forbidden',
    });
    const b = await getFacility(db, world.council, world.facilityB);
    expect(b?.name).toBe('しらかば事業所F(架空)');
  });
});
