import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app';
import { describeEachDatabase } from '../../../test/databases';
import { createOrganisation } from '../../accounts/organisations/service';
import { seedDemo } from '../../seed/demo';
import { recordCertification } from '../certifications/service';
import { createFacility } from '../facilities/service';
import { buildWorld, facilityInput, noAudit, type World } from '../facilities/test-world';
import { changeOpportunityStatus, createOpportunity } from '../opportunities/service';
import { opportunityInput } from '../opportunities/test-support';
import { exportRegistry } from './export';
import { hsdsId } from './ids';
import { toSchedules } from './mapping';
import type { ServiceRow } from './store';
import { taxonomies, taxonomyTerms, termOf } from './taxonomy';
import { hsdsErrors } from './test-schemas';

// biome-ignore lint/suspicious/noExplicitAny: the tests read HSDS JSON freely; the schemas check its shape.
type Json = Record<string, any>;

const run = promisify(execFile);

describe('HSDS mapping (pure)', () => {
  it('groups weekly windows into one RRULE-style schedule per time range', () => {
    const row = {
      id: '0190b1a2-0000-7000-8000-000000000001',
      earliest_start_date: '2026-12-01',
      min_daily_minutes: 120,
      max_daily_minutes: 210,
      min_days_per_week: 1,
      max_days_per_week: 3,
      works_on_holidays: 0,
      year_end_closed: 1,
      holiday_note: null,
    } as ServiceRow;
    const schedules = toSchedules(row, [
      { weekday: 5, start: '08:30', end: '12:00', capacity: 1 },
      { weekday: 1, start: '08:30', end: '12:00', capacity: 2 },
      { weekday: 3, start: '13:00', end: '15:00', capacity: 1 },
    ]);
    expect(schedules).toHaveLength(2);
    expect(schedules[0]).toMatchObject({
      freq: 'WEEKLY',
      wkst: 'MO',
      byday: 'MO,FR',
      opens_at: '08:30+09:00',
      closes_at: '12:00+09:00',
      valid_from: '2026-12-01',
      description: '月・金 8:30〜12:00',
    });
    expect(schedules[0]?.notes).toBe(
      '1日あたり2時間〜3時間30分。週1日〜3日。祝日は休みです。年末年始は休みです。',
    );
    expect(schedules[1]).toMatchObject({ byday: 'WE', opens_at: '13:00+09:00' });
    for (const schedule of schedules)
      expect(
        hsdsErrors('service.json', { id: row.id, name: 'x', status: 'active', schedules: [schedule] }),
      ).toEqual([]);
  });

  it('derives stable UUIDs and publishes valid taxonomies and terms', () => {
    expect(hsdsId('a', 1)).toBe(hsdsId('a', 1));
    expect(hsdsId('a', 1)).not.toBe(hsdsId('a', 2));
    expect(hsdsId('a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (const taxonomy of taxonomies) expect(hsdsErrors('taxonomy.json', taxonomy)).toEqual([]);
    for (const term of taxonomyTerms) expect(hsdsErrors('taxonomy_term.json', term)).toEqual([]);
    expect(new Set(taxonomyTerms.map((t) => t.id)).size).toBe(taxonomyTerms.length);
    expect(termOf('work_form', 'b_employed').parent_id).toBe(termOf('work_form', 'training_employed').id);
  });
});

describeEachDatabase('HSDS export of the published registry', (current) => {
  let world: World;
  let app: ReturnType<typeof buildTestApp>;
  const ids = {} as Record<
    'listed' | 'employed' | 'full' | 'paused' | 'draft' | 'archived' | 'hiddenDraft',
    string
  >;
  let corpC: string;
  const db = () => current().db;
  const get = async (path: string) => {
    const response = await app.request(path);
    return { status: response.status, body: (await response.json()) as Json, text: '' };
  };

  beforeAll(async () => {
    world = await buildWorld(db(), 'hsds');
    app = buildTestApp(current());
    await db()
      .updateTable('facility')
      .set({ postal_code: '1890001', lat: 35.7546, lng: 139.4685 })
      .where('id', '=', world.facilityA)
      .execute();
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
    const create = async (
      facilityId: string,
      input = opportunityInput(),
      status: 'draft' | 'published' = 'published',
    ) => {
      const outcome = await createOpportunity(db(), world.council, facilityId, input, noAudit, { status });
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
      expect((await changeOpportunityStatus(db(), world.council, id, to, noAudit)).status).toBe('ok');
    }
    // A corporation with a facility but only a draft is not in the export.
    const corp = await createOrganisation(
      db(),
      world.council,
      { kind: 'corporation', name: '社会福祉法人 下書き会(架空)' },
      noAudit,
    );
    if (corp.status !== 'ok') throw new Error('corp');
    corpC = corp.id;
    const facility = await createFacility(
      db(),
      world.council,
      corpC,
      facilityInput({ name: '下書き作業所(架空)' }),
      noAudit,
    );
    if (facility.status !== 'ok') throw new Error('facility');
    ids.hiddenDraft = await create(facility.id, opportunityInput(), 'draft');
  });

  it('answers the API information', async () => {
    const { status, body } = await get('/api/hsds/');
    expect(status).toBe(200);
    expect(body.version).toBe('3.1');
    expect(body.profile).toMatch(/\/api\/hsds\/profile$/);
    const services = await app.request('/api/hsds/services', { headers: { origin: 'https://example.org' } });
    expect(services.headers.get('access-control-allow-origin')).toBe('*');
    const profile = await app.request('/api/hsds/profile');
    expect(profile.headers.get('content-type')).toContain('text/markdown');
    expect(await profile.text()).toContain('HSDS');
  });

  it('lists listed services in HSDS pages, never drafts or archived ones', async () => {
    const { status, body } = await get('/api/hsds/services');
    expect(status).toBe(200);
    expect(hsdsErrors('page:compiled/service_list.json', body)).toEqual([]);
    const listed = body.contents.map((s: Json) => s.id).sort();
    expect(listed).toEqual([ids.listed, ids.employed, ids.full, ids.paused].sort());
    expect(body).toMatchObject({
      total_items: 4,
      total_pages: 1,
      page_number: 1,
      size: 4,
      first_page: true,
      last_page: true,
      empty: false,
    });
    const byId = new Map(body.contents.map((s: Json) => [s.id, s]));
    expect(byId.get(ids.listed)).toMatchObject({
      status: 'active',
      organization_id: world.corpA,
      name: '施設内の清掃(午前)',
    });
    expect(byId.get(ids.full)).toMatchObject({ status: 'active', alert: expect.stringContaining('満員') });
    expect(byId.get(ids.paused)).toMatchObject({ status: 'temporarily closed' });
    expect((byId.get(ids.listed) as Json).organization.id).toBe(world.corpA);

    const full = await get('/api/hsds/services?full=true&per_page=2&page=2');
    expect(hsdsErrors('page:service.json', full.body)).toEqual([]);
    expect(full.body).toMatchObject({
      total_items: 4,
      total_pages: 2,
      page_number: 2,
      size: 2,
      first_page: false,
      last_page: true,
    });
    for (const service of full.body.contents) {
      expect(hsdsErrors('compiled/service_with_definitions.json', service)).toEqual([]);
    }
    const beyond = await get('/api/hsds/services?page=9');
    expect(beyond.body).toMatchObject({ empty: true, size: 0, total_items: 4 });
  });

  it('serves one fully nested service with schedules, capacity, location and attributes', async () => {
    const { status, body } = await get(`/api/hsds/services/${ids.listed}`);
    expect(status).toBe(200);
    expect(hsdsErrors('service.json', body)).toEqual([]);
    expect(hsdsErrors('compiled/service_with_definitions.json', body)).toEqual([]);
    expect(body.schedules).toEqual([
      expect.objectContaining({
        service_id: ids.listed,
        freq: 'WEEKLY',
        byday: 'MO,WE',
        opens_at: '08:30+09:00',
        closes_at: '12:00+09:00',
        valid_from: '2026-12-01',
      }),
    ]);
    expect(body.capacities).toHaveLength(2);
    expect(body.capacities[0]).toMatchObject({ available: 2, maximum: 2, unit: { name: 'person' } });
    const [link] = body.service_at_locations;
    expect(link).toMatchObject({
      location_id: world.facilityA,
      location: { id: world.facilityA, latitude: 35.7546 },
    });
    expect(link.location.addresses[0]).toMatchObject({
      postal_code: '189-0001',
      city: '東村山市',
      state_province: '東京都',
      country: 'JP',
      address_1: '架空町1-2-3',
    });
    expect(link.location.phones[0].number).toBe('042-000-0000');
    expect(body.required_documents.map((d: Json) => d.document)).toEqual(['履歴書', '本人確認書類']);
    expect(body.cost_options[0]).toMatchObject({ currency: 'JPY' });
    expect(body.languages[0]).toMatchObject({ code: 'ja', note: '日本語に不安がある方も可' });
    const attributes = body.attributes.map((a: Json) => [a.link_type, a.taxonomy_term.code, a.value ?? null]);
    expect(attributes).toEqual(
      expect.arrayContaining([
        ['work_form', 'a_unpaid', null],
        ['task', 'cleaning', null],
        ['support', 'short_hours', 'offered'],
        ['support', 'wheelchair', 'not_available'],
        ['condition', 'setting_indoor', null],
        ['condition', 'visit_possible', null],
      ]),
    );
    expect(body.application_process).toContain('見学');

    const employed = (await get(`/api/hsds/services/${ids.employed}`)).body;
    expect(hsdsErrors('service.json', employed)).toEqual([]);
    const values = employed.attributes.map((a: Json) => [a.taxonomy_term.code, a.value ?? null]);
    expect(values).toEqual(
      expect.arrayContaining([
        ['b_employed', null],
        ['pay_hourly', '1163'],
        ['transport_allowance', '500'],
      ]),
    );
    expect(employed.eligibility_description).toContain('支援決定');
    const location = employed.service_at_locations[0].location;
    expect(location.attributes[0]).toMatchObject({
      value: '2024-04-01',
      taxonomy_term: { code: 'training_certified' },
    });
    expect(location.latitude).toBeUndefined();

    const full = (await get(`/api/hsds/services/${ids.full}`)).body;
    expect(full.capacities.every((c: Json) => c.available === 0)).toBe(true);

    for (const hidden of [ids.draft, ids.archived, ids.hiddenDraft, 'nope']) {
      expect((await app.request(`/api/hsds/services/${hidden}`)).status).toBe(404);
    }
  });

  it('reports the places still open after placements, not the bare capacity', async () => {
    // A placement holding one place lowers open_places (src/placements); the export must follow it.
    const window = await db()
      .selectFrom('opportunity_window')
      .select(['id', 'capacity'])
      .where('opportunity_id', '=', ids.listed)
      .orderBy('position')
      .executeTakeFirstOrThrow();
    await db()
      .updateTable('opportunity_window')
      .set({ open_places: window.capacity - 1 })
      .where('id', '=', window.id)
      .execute();
    try {
      const { body } = await get(`/api/hsds/services/${ids.listed}`);
      expect(body.capacities[0]).toMatchObject({ available: window.capacity - 1, maximum: window.capacity });
    } finally {
      await db()
        .updateTable('opportunity_window')
        .set({ open_places: window.capacity })
        .where('id', '=', window.id)
        .execute();
    }
  });

  it('never shows the facility contact person', async () => {
    for (const path of [
      `/api/hsds/services?full=true`,
      `/api/hsds/organizations?full_service=true`,
      `/api/hsds/service_at_locations?full=true`,
    ]) {
      const text = await (await app.request(path)).text();
      expect(text).not.toContain('担当 太郎');
      expect(text).not.toContain('tanto@example.jp');
    }
  });

  it('filters services by organization, taxonomy term, search and modified date', async () => {
    const byOrg = await get(`/api/hsds/services?organization_id=${world.corpA}`);
    expect(byOrg.body.contents.map((s: Json) => s.id)).toEqual([ids.listed]);
    const byTask = await get(`/api/hsds/services?taxonomy_term_id=${termOf('task', 'cooking_assist').id}`);
    expect(byTask.body.contents.map((s: Json) => s.id)).toEqual([ids.employed]);
    const training = await get(
      `/api/hsds/services?taxonomy_term_id=${termOf('work_form', 'training_employed').id}`,
    );
    expect(training.body.contents.map((s: Json) => s.id)).toEqual([ids.employed]);
    const bySupport = await get(`/api/hsds/services?taxonomy_term_id=${termOf('support', 'short_hours').id}`);
    expect(bySupport.body.contents.map((s: Json) => s.id)).toEqual([ids.listed]);
    const search = await get(`/api/hsds/services?search=${encodeURIComponent('厨房')}`);
    expect(search.body.contents.map((s: Json) => s.id)).toEqual([ids.employed]);
    expect((await get('/api/hsds/services?modified_after=2999-01-01')).body.total_items).toBe(0);
    expect((await get(`/api/hsds/services?taxonomy_term_id=${hsdsId('unknown')}`)).body.total_items).toBe(0);
    for (const bad of [
      'per_page=0',
      'per_page=abc',
      'page=-1',
      'full=maybe',
      'format=ndjson',
      'modified_after=yesterday',
    ]) {
      const response = await app.request(`/api/hsds/services?${bad}`);
      expect(response.status, bad).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    const condition = await app.request(
      `/api/hsds/services?taxonomy_term_id=${termOf('condition', 'visit_possible').id}`,
    );
    expect(condition.status).toBe(400);
  });

  it('lists corporations with listed services as organizations, with their locations', async () => {
    const { body } = await get('/api/hsds/organizations');
    expect(hsdsErrors('page:compiled/organization_list.json', body)).toEqual([]);
    expect(body.contents.map((o: Json) => o.id).sort()).toEqual([world.corpA, world.corpB].sort());
    expect(body.contents.map((o: Json) => o.id)).not.toContain(corpC);

    const one = await get(`/api/hsds/organizations/${world.corpB}`);
    expect(one.status).toBe(200);
    expect(hsdsErrors('organization.json', one.body)).toEqual([]);
    expect(one.body.locations.map((l: Json) => l.id)).toEqual([world.facilityB]);
    expect(one.body.services.map((s: Json) => s.id).sort()).toEqual(
      [ids.employed, ids.full, ids.paused].sort(),
    );

    const nested = await get(`/api/hsds/organizations/${world.corpB}?full_service=true`);
    for (const service of nested.body.services) expect(hsdsErrors('service.json', service)).toEqual([]);
    const fullPage = await get('/api/hsds/organizations?full=true');
    expect(hsdsErrors('page:organization.json', fullPage.body)).toEqual([]);
    expect((await app.request(`/api/hsds/organizations/${corpC}`)).status).toBe(404);
    expect((await app.request(`/api/hsds/organizations/${world.agency}`)).status).toBe(404);
  });

  it('serves service_at_locations', async () => {
    const { body } = await get('/api/hsds/service_at_locations');
    expect(hsdsErrors('page:compiled/service_at_location_list.json', body)).toEqual([]);
    expect(body.total_items).toBe(4);
    const id = hsdsId('service_at_location', ids.listed);
    const link = body.contents.find((l: Json) => l.id === id);
    expect(link).toMatchObject({ service_id: ids.listed, location_id: world.facilityA });
    const one = await get(`/api/hsds/service_at_locations/${id}`);
    expect(hsdsErrors('service_at_location.json', one.body)).toEqual([]);
    expect(one.body.service.id).toBe(ids.listed);
    expect(
      (await app.request(`/api/hsds/service_at_locations/${hsdsId('service_at_location', ids.draft)}`))
        .status,
    ).toBe(404);
  });

  it('serves the profile taxonomies and terms', async () => {
    const list = await get('/api/hsds/taxonomies');
    expect(hsdsErrors('page:taxonomy.json', list.body)).toEqual([]);
    expect(list.body.total_items).toBe(5);
    const taxonomy = list.body.contents[0];
    expect((await get(`/api/hsds/taxonomies/${taxonomy.id}`)).body).toEqual(taxonomy);
    const terms = await get(`/api/hsds/taxonomy_terms?taxonomy_id=${taxonomy.id}&top_only=true`);
    expect(hsdsErrors('page:taxonomy_term.json', terms.body)).toEqual([]);
    expect(terms.body.contents.map((t: Json) => t.code)).toEqual([
      'short_term',
      'training_employed',
      'training_unpaid',
    ]);
    const children = await get(
      `/api/hsds/taxonomy_terms?parent_id=${termOf('work_form', 'training_unpaid').id}`,
    );
    expect(children.body.contents.map((t: Json) => t.code)).toEqual(['b_unpaid', 'c_unpaid', 'd_unpaid']);
    const term = termOf('task', 'cleaning');
    expect((await get(`/api/hsds/taxonomy_terms/${term.id}`)).body).toMatchObject({
      code: 'cleaning',
      name: '清掃',
    });
    expect((await app.request(`/api/hsds/taxonomy_terms/${hsdsId('x')}`)).status).toBe(404);
  });

  it('exports the whole registry as one valid HSDS document', async () => {
    const document = (await exportRegistry(db(), { baseUrl: 'https://hataraku.example' })) as unknown as Json;
    expect(document.services.map((s: Json) => s.id).sort()).toEqual(
      [ids.listed, ids.employed, ids.full, ids.paused].sort(),
    );
    for (const service of document.services) expect(hsdsErrors('service.json', service)).toEqual([]);
    for (const organization of document.organizations)
      expect(hsdsErrors('organization.json', organization)).toEqual([]);
    expect(document.organizations.map((o: Json) => o.id)).not.toContain(corpC);
  });

  /** The test database's URL with its credentials (the label hides them), for a child process. */
  function databaseUrl(): string {
    const { label, dialect } = current();
    const admin = process.env.TEST_POSTGRES_URL;
    if (dialect !== 'postgres' || !admin) return label;
    const url = new URL(admin);
    url.pathname = new URL(label).pathname;
    return url.toString();
  }

  it('writes the export with the CLI', { timeout: 30_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hataraku-hsds-'));
    try {
      const file = join(dir, 'hsds.json');
      const { stderr } = await run('npx', ['tsx', 'src/cli.ts', 'export-hsds', '--output', file], {
        env: { ...process.env, DATABASE_URL: databaseUrl(), BASE_URL: 'https://hataraku.example' },
      });
      expect(stderr).toContain('wrote 4 services and 2 organizations');
      const document = JSON.parse(readFileSync(file, 'utf8')) as Json;
      expect(document.version).toBe('3.1');
      for (const service of document.services) expect(hsdsErrors('service.json', service)).toEqual([]);
      for (const organization of document.organizations)
        expect(hsdsErrors('organization.json', organization)).toEqual([]);
      const stdout = await run('npx', ['tsx', 'src/cli.ts', 'export-hsds'], {
        env: { ...process.env, DATABASE_URL: databaseUrl(), BASE_URL: 'https://hataraku.example' },
        maxBuffer: 10_000_000,
      });
      expect((JSON.parse(stdout.stdout) as Json).services).toHaveLength(4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeEachDatabase('HSDS export of the demo data', (current) => {
  it('is valid HSDS and holds no contact person', async () => {
    await seedDemo(current().db);
    const document = (await exportRegistry(current().db, {
      baseUrl: 'https://hataraku.example',
    })) as unknown as Json;
    expect(document.services.length).toBeGreaterThan(0);
    for (const service of document.services) {
      expect(hsdsErrors('compiled/service_with_definitions.json', service)).toEqual([]);
    }
    for (const organization of document.organizations) {
      expect(hsdsErrors('organization.json', organization)).toEqual([]);
    }
    const contacts = await current()
      .db.selectFrom('facility')
      .select(['contact_name', 'contact_email'])
      .where('contact_email', 'is not', null)
      .execute();
    const text = JSON.stringify(document);
    for (const contact of contacts) {
      if (contact.contact_name) expect(text).not.toContain(contact.contact_name);
      if (contact.contact_email) expect(text).not.toContain(contact.contact_email);
    }
  });
});
