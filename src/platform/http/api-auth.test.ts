import { beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app';
import { describeEachDatabase } from '../../../test/databases';
import { authenticateApiToken, createApiToken } from '../../accounts/api-tokens/service';
import { addFacility, type DemoIds, demoEmails, seedAndFindDemo } from '../../accounts/users/test-support';
import { nowIso } from '../db/time';

describeEachDatabase('API authentication', (current) => {
  let ids: DemoIds;
  beforeAll(async () => {
    ids = await seedAndFindDemo(current().db);
  });
  const db = () => current().db;
  const app = () => buildTestApp(current());
  const userId = (email: string) => ids.users[email] ?? '';
  const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

  async function tokenFor(email: string, lifetimeDays: 30 | 90 | 365 = 30): Promise<string> {
    const { token } = await createApiToken(db(), { id: userId(email) }, { name: 'テスト', lifetimeDays }, {});
    return token;
  }

  it('answers 401 problem+json at a protected route without a token, and serves public routes', async () => {
    const response = await app().request('/api/v1/me');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect((await app().request('/api/v1/municipalities')).status).toBe(200);
  });

  it('acts as the token’s user, with the same identity a session would give', async () => {
    const token = await tokenFor(demoEmails.corporationAdmin);
    expect(token).toMatch(/^hk_[A-Za-z0-9_-]{43}$/);
    const response = await app().request('/api/v1/me', bearer(token));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      id: userId(demoEmails.corporationAdmin),
      name: '法人 本部一郎',
      email: demoEmails.corporationAdmin,
      role: 'corporation_admin',
      organisationId: ids.corporation,
    });
    // Public routes work with a token too.
    expect((await app().request('/api/v1/municipalities', bearer(token))).status).toBe(200);
  });

  it('loads a coordinator’s facilities like a session does, with no session id', async () => {
    const facility = await addFacility(db(), ids.corporation, 'みどりの杜 グループホーム');
    const coordinatorId = userId(demoEmails.coordinator);
    await db()
      .insertInto('facility_assignment')
      .values({ user_id: coordinatorId, facility_id: facility, created_at: nowIso() })
      .execute();
    const user = await authenticateApiToken(db(), await tokenFor(demoEmails.coordinator));
    expect(user).toMatchObject({
      id: coordinatorId,
      role: 'facility_coordinator',
      organisationKind: 'corporation',
      sessionId: null,
    });
    expect(user?.facilityIds).toContain(facility);
  });

  it.each([
    ['an unknown token', `hk_${'A'.repeat(43)}`],
    ['a malformed token', 'not-a-token'],
    ['an empty bearer', ''],
  ])('refuses %s with 401 and WWW-Authenticate', async (_label, token) => {
    const response = await app().request('/api/v1/municipalities', bearer(token));
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect((await response.json()).status).toBe(401);
  });

  it('refuses a Basic authorization header', async () => {
    const response = await app().request('/api/v1/me', { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(response.status).toBe(401);
  });

  it('refuses revoked and expired tokens, and tokens of deactivated users', async () => {
    const revoked = await tokenFor(demoEmails.councilStaff);
    const expired = await tokenFor(demoEmails.councilStaff);
    await db()
      .updateTable('api_token')
      .set({ revoked_at: nowIso() })
      .where('token_prefix', '=', revoked.slice(0, 9))
      .execute();
    await db()
      .updateTable('api_token')
      .set({ expires_at: nowIso(new Date(Date.now() - 1)) })
      .where('token_prefix', '=', expired.slice(0, 9))
      .execute();
    expect((await app().request('/api/v1/me', bearer(revoked))).status).toBe(401);
    expect((await app().request('/api/v1/me', bearer(expired))).status).toBe(401);

    const live = await tokenFor(demoEmails.counsellor);
    expect((await app().request('/api/v1/me', bearer(live))).status).toBe(200);
    await db()
      .updateTable('app_user')
      .set({ active: 0 })
      .where('id', '=', userId(demoEmails.counsellor))
      .execute();
    expect((await app().request('/api/v1/me', bearer(live))).status).toBe(401);
    await db()
      .updateTable('app_user')
      .set({ active: 1 })
      .where('id', '=', userId(demoEmails.counsellor))
      .execute();
  });

  it('records last use at most once a minute', async () => {
    const token = await tokenFor(demoEmails.councilAdmin);
    const lastUsed = async () =>
      (
        await db()
          .selectFrom('api_token')
          .select('last_used_at')
          .where('token_prefix', '=', token.slice(0, 9))
          .executeTakeFirstOrThrow()
      ).last_used_at;
    const start = new Date('2026-11-25T01:00:00.000Z');
    await authenticateApiToken(db(), token, start);
    expect(await lastUsed()).toBe(start.toISOString());
    await authenticateApiToken(db(), token, new Date(start.getTime() + 30_000));
    expect(await lastUsed()).toBe(start.toISOString());
    const later = new Date(start.getTime() + 61_000);
    await authenticateApiToken(db(), token, later);
    expect(await lastUsed()).toBe(later.toISOString());
  });

  it('documents /me with a bearer security scheme in the OpenAPI document', async () => {
    const document = await (await app().request('/api/openapi.json')).json();
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.paths['/api/v1/me'].get.security).toEqual([{ bearerAuth: [] }]);
    expect(document.paths['/api/v1/me'].get.responses['401']).toBeDefined();
  });
});
