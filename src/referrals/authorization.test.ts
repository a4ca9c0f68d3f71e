/**
 * Issue 7: another facility, another agency and an unrelated corporation see nothing of a
 * request — every page and API path of a referral (its appointments, meeting record and PDF,
 * shared data, thread, transitions) answers 404 without a trace of it, and their calendars and
 * lists leave it out. Writes are refused the same way and change nothing.
 */
import { beforeAll, expect, it } from 'vitest';
import type { TestApp, TestClient } from '../../test/app';
import { describeEachDatabase } from '../../test/databases';
import { createApiToken } from '../accounts/api-tokens/service';
import { signedInClient, testApp } from '../accounts/users/test-support';
import { scheduleAppointment } from './appointments/service';
import { openReferral } from './service';
import {
  buildReferralWorld,
  consentFor,
  noAudit,
  type ReferralWorld,
  sendTestReferral,
} from './test-support';

const outsiders = ['otherCounsellor', 'otherCoordinator', 'strangerAdmin'] as const;
const settings = { baseUrl: 'http://localhost:3000', mailFrom: 'no-reply@hataraku.example' };
const place = '認可テスト用の相談室(架空)';

function daysFromToday(n: number): string {
  const d = new Date(Date.now() + 9 * 3_600_000);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

describeEachDatabase('referrals: outsiders see nothing', (current) => {
  const db = () => current().db;
  let app: TestApp;
  let world: ReferralWorld;
  let id = '';
  let appointmentId = '';
  const clients: Record<string, TestClient> = {};
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    world = await buildReferralWorld(db());
    app = testApp(current());
    await consentFor(db(), world, ['basic_identity', 'assessment_summary']);
    id = await sendTestReferral(db(), world);
    await openReferral(db(), world.actors.coordinator, id, noAudit);
    const scheduled = await scheduleAppointment(
      db(),
      world.actors.coordinator,
      id,
      { kind: 'meeting', date: daysFromToday(7), start_time: '10:00', end_time: '11:00', place },
      noAudit,
      settings,
    );
    if (scheduled.status !== 'ok') throw new Error(JSON.stringify(scheduled));
    appointmentId = scheduled.id;
    for (const who of [...outsiders, 'coordinator'] as const) {
      clients[who] = await signedInClient(app, world.emails[who] ?? '');
      tokens[who] = (
        await createApiToken(
          db(),
          { id: world.actors[who].userId },
          { name: 'authz', lifetimeDays: 30 },
          noAudit,
        )
      ).token;
    }
  });

  const api = (who: string, method: string, path: string, body?: unknown) =>
    app.request(`/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const snapshot = async () => ({
    referral: await db()
      .selectFrom('referral')
      .select(['state', 'updated_at'])
      .where('id', '=', id)
      .execute(),
    events: (await db().selectFrom('referral_event').select('id').where('referral_id', '=', id).execute())
      .length,
    messages: (await db().selectFrom('referral_message').select('id').where('referral_id', '=', id).execute())
      .length,
    appointments: await db()
      .selectFrom('appointment')
      .select(['id', 'date', 'cancelled_at'])
      .where('referral_id', '=', id)
      .execute(),
  });

  it('the insider sees it (the paths below are real)', async () => {
    const coordinator = clients.coordinator as TestClient;
    expect((await coordinator.request(`/referrals/${id}`)).status).toBe(200);
    expect((await coordinator.request(`/referrals/${id}/appointments`)).status).toBe(200);
    expect((await api('coordinator', 'GET', `/referrals/${id}/appointments`)).status).toBe(200);
    expect(await (await coordinator.request('/calendar')).text()).toContain(place);
  });

  it('pages: 404 for every path, nothing of the request in the body, nothing changed', async () => {
    const before = await snapshot();
    const pages = [
      `/referrals/${id}`,
      `/referrals/${id}/appointments`,
      `/referrals/${id}/appointments/new`,
      `/referrals/${id}/appointments/${appointmentId}/edit`,
      `/referrals/${id}/appointments/${appointmentId}/cancel`,
      `/referrals/${id}/meeting-record`,
      `/referrals/${id}/meeting-record.pdf`,
    ];
    const posts: [string, Record<string, string>][] = [
      [`/referrals/${id}/send`, {}],
      [`/referrals/${id}/transitions`, { event: 'decline', reason_code: 'other' }],
      [`/referrals/${id}/messages`, { body: '外部からの書き込み' }],
      [
        `/referrals/${id}/appointments/new`,
        { kind: 'meeting', date: daysFromToday(9), start_time: '10:00', end_time: '11:00', place: '別室' },
      ],
      [
        `/referrals/${id}/appointments/${appointmentId}/edit`,
        { date: daysFromToday(9), start_time: '10:00', end_time: '11:00', place: '別室' },
      ],
      [`/referrals/${id}/appointments/${appointmentId}/cancel`, {}],
      [`/referrals/${id}/meeting-record`, { work_form: 'A' }],
      [`/referrals/${id}/meeting-record/agreements`, {}],
      [`/referrals/${id}/meeting-record/not-agreed`, { reason_code: 'other' }],
    ];
    for (const who of outsiders) {
      const client = clients[who] as TestClient;
      for (const path of pages) {
        const response = await client.request(path);
        expect(response.status, `${who} GET ${path}`).toBe(404);
        const text = await response.text();
        expect(text).not.toContain(place);
        expect(text).not.toContain('施設内の清掃(午前)');
      }
      for (const [path, fields] of posts) {
        const response = await client.postForm(path, fields);
        expect(response.status, `${who} POST ${path}`).toBe(404);
      }
      const calendar = await (await client.request('/calendar')).text();
      expect(calendar, who).not.toContain(place);
      const list = await (await client.request('/referrals')).text();
      expect(list, who).not.toContain(id);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('API: 404 problems for every path, nothing changed, calendars without it', async () => {
    const before = await snapshot();
    const calls: [string, string, unknown?][] = [
      ['GET', `/referrals/${id}`],
      ['GET', `/referrals/${id}/shared-data`],
      ['GET', `/referrals/${id}/messages`],
      ['GET', `/referrals/${id}/appointments`],
      ['GET', `/referrals/${id}/meeting-record`],
      ['POST', `/referrals/${id}/send`],
      ['POST', `/referrals/${id}/transitions`, { event: 'decline', reasonCode: 'other' }],
      ['POST', `/referrals/${id}/messages`, { body: '外部からの書き込み' }],
      [
        'POST',
        `/referrals/${id}/appointments`,
        { kind: 'meeting', date: daysFromToday(9), startTime: '10:00', endTime: '11:00', place: '別室' },
      ],
      [
        'PUT',
        `/referrals/${id}/appointments/${appointmentId}`,
        { date: daysFromToday(9), startTime: '10:00', endTime: '11:00', place: '別室' },
      ],
      ['POST', `/referrals/${id}/appointments/${appointmentId}/cancellation`, {}],
      ['PUT', `/referrals/${id}/meeting-record`, { workForm: 'A' }],
      ['POST', `/referrals/${id}/meeting-record/agreements`, {}],
      ['POST', `/referrals/${id}/meeting-record/not-agreed`, { reasonCode: 'other' }],
    ];
    for (const who of outsiders) {
      for (const [method, path, body] of calls) {
        const response = await api(who, method, path, body);
        // A body the schema refuses may answer 400 first; either way a problem and nothing of it.
        expect([404, 400], `${who} ${method} ${path}`).toContain(response.status);
        expect(response.headers.get('content-type') ?? '', `${who} ${method} ${path}`).toContain(
          'application/problem+json',
        );
        const text = await response.text();
        expect(text).not.toContain(place);
        expect(text).not.toContain('施設内の清掃(午前)');
      }
      const calendar = await (await api(who, 'GET', '/calendar')).text();
      expect(calendar, who).not.toContain(place);
      const list = await (await api(who, 'GET', '/referrals')).text();
      expect(list, who).not.toContain(id);
    }
    expect(await snapshot()).toEqual(before);
  });
});
