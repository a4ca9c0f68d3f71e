/** Consents over the API: recording with problems for field errors, listing and revoking. */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import { demoEmails, testApp } from '../../accounts/users/test-support';
import { todayInTokyo } from '../japanese-date';
import { seedDemoParticipants } from '../seed';
import { buildParticipantWorld, otherCounsellorEmail, type ParticipantWorld } from '../test-support';
import { oneYearFrom } from './consent';

describeEachDatabase('consents over the API', (current) => {
  let world: ParticipantWorld;
  const db = () => current().db;
  const app = () => testApp(current());
  let participantId = '';
  const today = todayInTokyo();
  const call = (token: string, path: string, init: RequestInit = {}) =>
    app().request(`/api/v1${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });

  beforeAll(async () => {
    world = await buildParticipantWorld(db());
    await seedDemoParticipants(db());
    participantId =
      (
        await db()
          .selectFrom('participant')
          .select('id')
          .where('case_number', '=', 'DEMO-0003')
          .executeTakeFirst()
      )?.id ?? '';
  });

  it('records (field errors as problems), lists with status, and revokes; other agencies get 404', async () => {
    const token = world.tokens[demoEmails.counsellor] ?? '';
    const bad = await call(token, `/participants/${participantId}/consents`, {
      method: 'POST',
      body: JSON.stringify({
        recipient: { kind: 'corporation', id: world.corporation },
        dataGroups: ['contact'],
        validFrom: '2026-12-01',
        validUntil: '2026-11-01',
      }),
    });
    expect(bad.status).toBe(400);
    const problem = await bad.json();
    expect(problem.errors).toEqual([
      { pointer: '/validUntil', detail: 'The end must not be before the start' },
    ]);

    const created = await call(token, `/participants/${participantId}/consents`, {
      method: 'POST',
      body: JSON.stringify({
        recipient: { kind: 'corporation', id: world.corporation },
        dataGroups: ['contact'],
      }),
    });
    expect(created.status).toBe(201);
    const consent = await created.json();
    expect(consent).toMatchObject({
      dataGroups: ['contact'],
      purpose: 'はたらく場の受け入れ調整のため',
      validFrom: today,
      validUntil: oneYearFrom(today),
      status: 'active',
    });
    const list = await (await call(token, `/participants/${participantId}/consents`)).json();
    expect(list.items.map((x: { id: string }) => x.id)).toContain(consent.id);

    for (const email of [otherCounsellorEmail, demoEmails.councilAdmin, demoEmails.coordinator]) {
      const other = world.tokens[email] ?? '';
      expect((await call(other, `/participants/${participantId}/consents`)).status, email).toBe(404);
      expect(
        (
          await call(other, `/participants/${participantId}/consents/${consent.id}/revocation`, {
            method: 'POST',
            body: '{}',
          })
        ).status,
      ).toBe(404);
    }

    const revoked = await call(token, `/participants/${participantId}/consents/${consent.id}/revocation`, {
      method: 'POST',
      body: JSON.stringify({ reason: '本人の申し出' }),
    });
    expect(revoked.status).toBe(200);
    expect((await revoked.json()).status).toBe('revoked');
    const again = await call(token, `/participants/${participantId}/consents/${consent.id}/revocation`, {
      method: 'POST',
      body: '{}',
    });
    expect(again.status).toBe(409);
    const document = (await (await app().request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(document.paths['/api/v1/participants/{id}/consents'] ?? {}).sort()).toEqual([
      'get',
      'post',
    ]);
  });
});
