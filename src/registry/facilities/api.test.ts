import pino from 'pino';
import { beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app';
import { describeEachDatabase } from '../../../test/databases';
import { registerOrganisationApi } from '../../accounts/organisations/api';
import type { Actor } from '../../platform/auth/policy';
import { loadConfig } from '../../platform/config/config';
import { createApi } from '../../platform/http/api';
import type { CurrentUser } from '../../platform/http/env';
import { registerFacilityApi } from './api';
import { buildWorld, type World } from './test-world';

describeEachDatabase('the organisation and facility API', (current) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(current().db, 'A');
  });

  it('answers every route with a 401 problem when nobody is signed in', async () => {
    const app = buildTestApp(current());
    const json = { 'content-type': 'application/json' };
    const calls: [string, string, string?][] = [
      ['GET', '/api/v1/organisations'],
      ['GET', `/api/v1/organisations/${world.corpA}`],
      ['GET', '/api/v1/facilities'],
      ['GET', `/api/v1/facilities/${world.facilityA}`],
      ['POST', '/api/v1/facilities', JSON.stringify({ corporationId: world.corpA, name: 'x' })],
      ['PATCH', `/api/v1/facilities/${world.facilityA}`, JSON.stringify({ name: 'x' })],
    ];
    for (const [method, path, body] of calls) {
      const response = await app.request(path, { method, headers: body ? json : {}, body });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const problem = await response.json();
      expect(problem.status).toBe(401);
      expect(JSON.stringify(problem)).not.toContain('あおば');
    }
  });

  it('lists the routes in the OpenAPI document', async () => {
    const doc = await (await buildTestApp(current()).request('/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/organisations',
        '/api/v1/organisations/{id}',
        '/api/v1/facilities',
        '/api/v1/facilities/{id}',
      ]),
    );
    expect(Object.keys(doc.paths['/api/v1/facilities'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.paths['/api/v1/facilities/{id}'])).toEqual(
      expect.arrayContaining(['get', 'patch']),
    );
  });

  /**
   * The handlers behind the guard, with a caller set directly (API tokens are another area's):
   * the same authorize() middleware runs, so scoping and refusals are the real ones.
   */
  function apiAs(actor: Actor) {
    const user: CurrentUser = {
      id: actor.userId,
      name: 'テスト',
      email: 'test@example.jp',
      role: actor.role,
      organisationId: actor.organisationId,
      organisationName: '',
      organisationKind: actor.role.startsWith('council')
        ? 'council'
        : actor.role === 'counsellor'
          ? 'agency'
          : 'corporation',
      facilityIds: [...actor.facilityIds],
      sessionId: null,
    };
    const api = createApi();
    const services = {
      config: loadConfig({ DATABASE_URL: current().label }),
      database: current(),
      logger: pino({ level: 'silent' }),
      isDemo: async () => false,
    };
    api.use(async (c, next) => {
      c.set('services', services);
      c.set('user', user);
      c.set('requestId', 'api-test');
      c.set('ip', '127.0.0.1');
      await next();
    });
    registerOrganisationApi(api);
    registerFacilityApi(api);
    return (path: string, init: { method?: string; json?: unknown } = {}) =>
      api.request(path, {
        method: init.method ?? 'GET',
        headers: init.json === undefined ? {} : { 'content-type': 'application/json' },
        body: init.json === undefined ? undefined : JSON.stringify(init.json),
      });
  }

  it('scopes reads by the caller', async () => {
    const asAdminA = apiAs(world.adminA);
    const list = await (await asAdminA('/api/v1/facilities')).json();
    expect(list.items.map((f: { id: string }) => f.id)).toEqual([world.facilityA]);
    expect(list.total).toBe(1);
    const foreign = await asAdminA(`/api/v1/facilities/${world.facilityB}`);
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).not.toContain('しらかば');
    const own = await (await asAdminA(`/api/v1/facilities/${world.facilityA}`)).json();
    expect(own).toMatchObject({
      name: 'あおば作業所A(架空)',
      serviceType: 'disability',
      walkMinutes: 10,
      isDemo: false,
    });
    expect((await asAdminA('/api/v1/organisations')).status).toBe(403);
    expect((await asAdminA(`/api/v1/organisations/${world.corpB}`)).status).toBe(404);
    expect((await (await asAdminA(`/api/v1/organisations/${world.corpA}`)).json()).kind).toBe('corporation');

    const asCouncil = apiAs(world.councilStaff);
    const organisations = await (await asCouncil('/api/v1/organisations?kind=agency')).json();
    expect(organisations.items.map((o: { id: string }) => o.id)).toContain(world.agency);
    expect(organisations.items.every((o: { kind: string }) => o.kind === 'agency')).toBe(true);
  });

  it('registers and updates facilities with the same rules as the pages', async () => {
    const asAdminA = apiAs(world.adminA);
    const created = await asAdminA('/api/v1/facilities', {
      method: 'POST',
      json: {
        corporationId: world.corpA,
        name: 'あおば第二作業所(架空)',
        nameKana: 'アオバダイニサギョウショ',
        serviceType: 'elderly',
        postalCode: '１８９－００１４',
        municipalityCode: '132136',
        address: '架空町2-2',
        walkMinutes: 4,
        phone: '042-000-1111',
      },
    });
    expect(created.status).toBe(201);
    const facility = await created.json();
    expect(facility).toMatchObject({ postalCode: '189-0014', walkMinutes: 4, corporationId: world.corpA });

    const patched = await asAdminA(`/api/v1/facilities/${facility.id}`, {
      method: 'PATCH',
      json: { walkMinutes: 6, phone: null },
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({
      walkMinutes: 6,
      phone: null,
      name: 'あおば第二作業所(架空)',
    });

    const invalid = await asAdminA(`/api/v1/facilities/${facility.id}`, {
      method: 'PATCH',
      json: { walkMinutes: 200, municipalityCode: '999999' },
    });
    expect(invalid.status).toBe(400);
    const problem = await invalid.json();
    expect(problem.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/municipalityCode',
      '/walkMinutes',
    ]);

    expect(
      (
        await asAdminA('/api/v1/facilities', {
          method: 'POST',
          json: { corporationId: world.corpB, name: 'x' },
        })
      ).status,
    ).toBe(404);
    expect((await asAdminA('/api/v1/facilities', { method: 'POST', json: { name: 'x' } })).status).toBe(400);
    expect(
      (await asAdminA(`/api/v1/facilities/${world.facilityB}`, { method: 'PATCH', json: { name: 'x' } }))
        .status,
    ).toBe(404);
    const asCoordinator = apiAs(world.coordinatorA);
    expect(
      (await asCoordinator(`/api/v1/facilities/${world.facilityA}`, { method: 'PATCH', json: { name: 'x' } }))
        .status,
    ).toBe(403);
  });
});
