import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import { syncReferenceCorporations } from '../../reference/corporations';
import { buildWorld, noAudit, type World } from '../../registry/facilities/test-world';
import {
  createOrganisation,
  getOrganisation,
  listOrganisationsFor,
  updateOrganisation,
  updateOrganisationSettings,
} from './service';

describeEachDatabase('organisations', (current) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(current().db, 'O');
    await syncReferenceCorporations(current().db);
  });

  const page = { limit: 200, offset: 0 };
  const auditRows = (subjectId: string) =>
    current()
      .db.selectFrom('audit_event')
      .select(['action', 'detail'])
      .where('subject_id', '=', subjectId)
      .orderBy('at')
      .orderBy('id')
      .execute();

  it('shows the council every organisation, and anyone else only their own', async () => {
    const db = current().db;
    const all = await listOrganisationsFor(db, world.council, page);
    expect(all.total).toBeGreaterThanOrEqual(31 + 4);
    const corporations = await listOrganisationsFor(db, world.council, { ...page, kind: 'corporation' });
    expect(corporations.items.every((o) => o.kind === 'corporation')).toBe(true);
    expect(corporations.items.find((o) => o.id === world.corpA)?.facilityCount).toBe(1);

    const own = await listOrganisationsFor(db, world.adminA, page);
    expect(own.items.map((o) => o.id)).toEqual([world.corpA]);
    expect(await getOrganisation(db, world.adminA, world.corpB)).toBeUndefined();
    expect(await getOrganisation(db, world.counsellor, world.corpA)).toBeUndefined();
    expect(await getOrganisation(db, world.counsellor, world.agency)).toMatchObject({
      kind: 'agency',
      agencyType: 'independence_support',
      municipalityName: '新宿区',
      userCount: 0,
    });
  });

  it('finds organisations by normalised name or reading', async () => {
    const db = current().db;
    const found = await listOrganisationsFor(db, world.council, { ...page, q: '村山苑' });
    expect(found.items.map((o) => o.name)).toEqual(['社会福祉法人 村山苑']);
    expect(found.items[0]?.isReference).toBe(1);
  });

  it('registers an agency with its type and municipality, normalised, with an audit row', async () => {
    const db = current().db;
    const outcome = await createOrganisation(
      db,
      world.councilStaff,
      {
        kind: 'agency',
        name: 'きた市 福祉事務所(架空)',
        name_kana: 'キタシ フクシジムショ',
        agency_type: 'welfare_office',
        municipality_code: '131172',
        phone: '０３－００００－０００１',
        website: 'https://www.example.jp/kita',
      },
      noAudit,
    );
    expect(outcome.status).toBe('ok');
    if (outcome.status !== 'ok') return;
    expect(await getOrganisation(db, world.council, outcome.id)).toMatchObject({
      nameKana: 'きたし ふくしじむしょ',
      agencyType: 'welfare_office',
      municipalityCode: '131172',
      phone: '03-0000-0001',
      isReference: 0,
      isDemo: 0,
      twoFactorRequired: 1,
    });
    const audit = await auditRows(outcome.id);
    expect(audit.map((a) => a.action)).toEqual(['organisation.create']);
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({
      kind: 'agency',
      changes: { agency_type: { before: null, after: 'welfare_office' } },
    });
  });

  it('refuses bad input, and only council staff register organisations', async () => {
    const db = current().db;
    expect(await createOrganisation(db, world.council, { kind: 'agency', name: '' }, noAudit)).toEqual({
      status: 'invalid',
      errors: { name: 'required', agency_type: 'required', municipality_code: 'required' },
    });
    expect(
      await createOrganisation(db, world.council, { kind: 'council', name: '第二事務局' }, noAudit),
    ).toEqual({
      status: 'invalid',
      errors: { kind: 'invalidChoice' },
    });
    expect(
      await createOrganisation(
        db,
        world.council,
        { kind: 'corporation', name: '社会福祉法人 村山苑' },
        noAudit,
      ),
    ).toEqual({ status: 'invalid', errors: { name: 'duplicateName' } });
    expect(
      await createOrganisation(
        db,
        world.council,
        {
          kind: 'corporation',
          name: 'x',
          municipality_code: '999999',
          postal_code: '000-0000',
          website: 'ftp://x',
        },
        noAudit,
      ),
    ).toEqual({
      status: 'invalid',
      errors: {
        municipality_code: 'unknownMunicipality',
        postal_code: 'unknownPostalCode',
        website: 'invalidUrl',
      },
    });
    expect(
      await createOrganisation(db, world.adminA, { kind: 'corporation', name: '新法人' }, noAudit),
    ).toEqual({
      status: 'forbidden',
    });
  });

  it('lets a corporation admin edit its own corporation, never another, and keeps a reference name', async () => {
    const db = current().db;
    const ok = await updateOrganisation(
      db,
      world.adminA,
      world.corpA,
      { name: '社会福祉法人 あおば会O(架空)', address: '架空町9-9', municipality_code: '132136' },
      noAudit,
    );
    expect(ok).toEqual({ status: 'ok', id: world.corpA });
    const audit = (await auditRows(world.corpA)).filter((a) => a.action === 'organisation.update');
    expect(JSON.parse(audit[0]?.detail ?? '{}').changes).toEqual({
      municipality_code: { before: null, after: '132136' },
      address: { before: null, after: '架空町9-9' },
    });
    expect(await updateOrganisation(db, world.adminA, world.corpB, { name: '乗っ取り' }, noAudit)).toEqual({
      status: 'not_found',
    });
    expect(await updateOrganisation(db, world.coordinatorA, world.corpA, { name: 'x' }, noAudit)).toEqual({
      status: 'forbidden',
    });

    const reference = await listOrganisationsFor(db, world.council, { ...page, q: '賛育会' });
    const id = reference.items[0]?.id ?? '';
    const renamed = await updateOrganisation(
      db,
      world.council,
      id,
      { name: '社会福祉法人 別名会', phone: '03-1111-2222' },
      noAudit,
    );
    expect(renamed.status).toBe('ok');
    expect(await getOrganisation(db, world.council, id)).toMatchObject({
      name: '社会福祉法人 賛育会',
      phone: '03-1111-2222',
      isReference: 1,
      participationAsOf: '2025-01',
    });
  });

  it('changes the two-factor requirement only for those the policy allows, with an audit row', async () => {
    const db = current().db;
    expect(
      await updateOrganisationSettings(db, world.adminA, world.corpA, { two_factor_required: '0' }, noAudit),
    ).toEqual({ status: 'ok', id: world.corpA });
    expect((await getOrganisation(db, world.council, world.corpA))?.twoFactorRequired).toBe(0);
    const audit = (await auditRows(world.corpA)).filter((a) => a.action === 'organisation.settings');
    expect(JSON.parse(audit[0]?.detail ?? '{}').changes).toEqual({
      two_factor_required: { before: 1, after: 0 },
    });

    expect(
      await updateOrganisationSettings(
        db,
        world.councilStaff,
        world.corpA,
        { two_factor_required: '1' },
        noAudit,
      ),
    ).toEqual({ status: 'forbidden' });
    expect(
      await updateOrganisationSettings(db, world.adminA, world.corpB, { two_factor_required: '0' }, noAudit),
    ).toEqual({ status: 'not_found' });
    expect(
      await updateOrganisationSettings(
        db,
        world.council,
        world.corpB,
        { two_factor_required: 'maybe' },
        noAudit,
      ),
    ).toEqual({ status: 'invalid', errors: { two_factor_required: 'invalidChoice' } });
  });
});
