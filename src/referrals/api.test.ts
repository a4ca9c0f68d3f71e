import { beforeAll, expect, it } from 'vitest';
import type { TestApp } from '../../test/app';
import { describeEachDatabase } from '../../test/databases';
import { createApiToken } from '../accounts/api-tokens/service';
import { testApp } from '../accounts/users/test-support';
import { buildReferralWorld, consentFor, noAudit, type ReferralWorld, referralInput } from './test-support';

describeEachDatabase('referrals: API', (current) => {
  const db = () => current().db;
  let app: TestApp;
  let world: ReferralWorld;
  const tokens: Record<string, string> = {};
  let id = '';

  beforeAll(async () => {
    world = await buildReferralWorld(db());
    app = testApp(current());
    for (const [who, actor] of Object.entries(world.actors)) {
      tokens[who] = (
        await createApiToken(db(), { id: actor.userId }, { name: 'referral api', lifetimeDays: 30 }, noAudit)
      ).token;
    }
  });

  const call = (
    who: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    app.request(`/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('refuses to send without consent (409 problem with the consent link)', async () => {
    const response = await call(
      'counsellor',
      'POST',
      `/participants/${world.participantId}/referrals`,
      referralInput(world),
    );
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { type: string; detail: string };
    expect(problem.type).toContain('consent-required');
    expect(problem.detail).toContain(`/participants/${world.participantId}/consents/new`);
  });

  it('creates and sends once per Idempotency-Key', async () => {
    await consentFor(db(), world, ['basic_identity', 'assessment_summary']);
    const input = referralInput(world);
    const { idempotencyKey: _omit, ...body } = input;
    const headers = { 'idempotency-key': 'api-key-000001' };
    const first = await call(
      'counsellor',
      'POST',
      `/participants/${world.participantId}/referrals`,
      body,
      headers,
    );
    expect(first.status).toBe(201);
    const created = (await first.json()) as { id: string; state: string };
    expect(created.state).toBe('sent');
    id = created.id;
    const again = await call(
      'counsellor',
      'POST',
      `/participants/${world.participantId}/referrals`,
      body,
      headers,
    );
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(id);
  });

  it('refuses a paused opportunity and invalid input', async () => {
    const paused = await call(
      'counsellor',
      'POST',
      `/participants/${world.participantId}/referrals`,
      referralInput(world, { opportunityId: world.pausedOpportunityId }),
    );
    expect(paused.status).toBe(409);
    const bad = await call(
      'counsellor',
      'POST',
      `/participants/${world.participantId}/referrals`,
      referralInput(world, { proposedStartDate: 'いつか' }),
    );
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { errors: { pointer: string }[] };
    expect(problem.errors.map((e) => e.pointer)).toContain('/proposed_start_date');
  });

  it('lets the facility read (viewed), see the shared data and decline with a reason', async () => {
    const read = await call('coordinator', 'GET', `/referrals/${id}`);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { state: string }).state).toBe('viewed');
    const shared = await call('coordinator', 'GET', `/referrals/${id}/shared-data`);
    const data = (await shared.json()) as {
      status: string;
      groups: string[];
      person: Record<string, unknown>;
    };
    expect(data.status).toBe('shown');
    expect(data.groups).toEqual(['basic_identity', 'assessment_summary']);
    expect(data.person.name).toBe('架空 一郎');
    expect(data.person.phone).toBeUndefined();
    expect((await call('councilStaff', 'GET', `/referrals/${id}/shared-data`)).status).toBe(403);

    const message = await call('coordinator', 'POST', `/referrals/${id}/messages`, {
      body: '見学できますか?',
    });
    expect(message.status).toBe(201);
    const thread = (await (await call('counsellor', 'GET', `/referrals/${id}/messages`)).json()) as {
      items: { body: string }[];
    };
    expect(thread.items.map((x) => x.body)).toEqual(['見学できますか?']);

    const wrongParty = await call('counsellor', 'POST', `/referrals/${id}/transitions`, { event: 'decline' });
    expect(wrongParty.status).toBe(409);
    const noReason = await call('coordinator', 'POST', `/referrals/${id}/transitions`, { event: 'decline' });
    expect(noReason.status).toBe(400);
    const declined = await call('coordinator', 'POST', `/referrals/${id}/transitions`, {
      event: 'decline',
      reasonCode: 'schedule_mismatch',
    });
    expect(declined.status).toBe(200);
    expect(((await declined.json()) as { state: string }).state).toBe('declined');
    const agree = await call('counsellor', 'POST', `/referrals/${id}/transitions`, { event: 'agree' });
    expect(agree.status).toBe(409);
  });

  it('shows nothing to another agency, another facility or an unrelated corporation', async () => {
    for (const who of ['otherCounsellor', 'otherCoordinator', 'strangerAdmin']) {
      expect((await call(who, 'GET', `/referrals/${id}`)).status, who).toBe(404);
      expect((await call(who, 'GET', `/referrals/${id}/messages`)).status, who).toBe(404);
      const list = (await (await call(who, 'GET', '/referrals')).json()) as { items: { id: string }[] };
      expect(list.items.map((r) => r.id)).not.toContain(id);
    }
    const council = (await (await call('councilStaff', 'GET', '/referrals')).json()) as {
      items: { id: string }[];
    };
    expect(council.items.map((r) => r.id)).toContain(id);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/referrals',
        '/api/v1/referrals/{id}',
        '/api/v1/referrals/{id}/transitions',
        '/api/v1/participants/{id}/referrals',
        '/api/v1/referrals/{id}/messages',
      ]),
    );
  });
});
