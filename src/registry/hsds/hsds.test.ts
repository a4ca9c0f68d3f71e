/**
 * The HSDS API's services: the API information, the service pages (never drafts or archived
 * ones), one nested service, open places, filters, and no facility contact person anywhere.
 */
import { beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app';
import { describeEachDatabase } from '../../../test/databases';
import type { World } from '../facilities/test-world';
import { hsdsId } from './ids';
import { termOf } from './taxonomy';
import { buildPublishedRegistry, getJson, type Json, type RegistryIds } from './test-registry';
import { hsdsErrors } from './test-schemas';

describeEachDatabase('HSDS export of the published registry', (current) => {
  let world: World;
  let app: ReturnType<typeof buildTestApp>;
  let ids: RegistryIds;
  const db = () => current().db;
  const get = (path: string) => getJson(app, path);

  beforeAll(async () => {
    ({ world, ids } = await buildPublishedRegistry(db()));
    app = buildTestApp(current());
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
});
