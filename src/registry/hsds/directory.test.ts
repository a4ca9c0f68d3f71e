/** The HSDS API beside services: organizations, service_at_locations and the taxonomies. */
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
  let corpC: string;
  const db = () => current().db;
  const get = (path: string) => getJson(app, path);

  beforeAll(async () => {
    ({ world, ids, corpC } = await buildPublishedRegistry(db()));
    app = buildTestApp(current());
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
});
