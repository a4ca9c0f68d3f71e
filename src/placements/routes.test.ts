/**
 * The placement pages and API on the demo data (both databases): the participant page's list,
 * the facility page's current placements for its staff, the placement page and who sees the
 * person's name, the council's 「支援決定を確認」, the scoped list page, and GET /api/v1/placements.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases';
import { createApiToken } from '../accounts/api-tokens/service';
import { demoEmails, signedInClient, testApp } from '../accounts/users/test-support';
import { createPlacementIn } from './service';
import {
  buildPlacementWorld,
  noAudit,
  openPlacesByWeekday,
  type PlacementWorld,
  publishedOpportunity,
} from './test-support';

describeEachDatabase('placement pages and API', (current) => {
  const db = () => current().db;
  let world: PlacementWorld;
  let placementId: string;
  let opportunityId: string;
  let participantName: string;

  beforeAll(async () => {
    world = await buildPlacementWorld(db());
    opportunityId = await publishedOpportunity(db(), world);
    const participantId = world.participantIds[0] ?? '';
    participantName = (
      await db()
        .selectFrom('participant')
        .select('name')
        .where('id', '=', participantId)
        .executeTakeFirstOrThrow()
    ).name;
    const created = await db()
      .transaction()
      .execute((trx) =>
        createPlacementIn(trx, {
          participantId,
          opportunityId,
          workForm: 'b_unpaid',
          startDate: '2026-12-07',
          schedule: [
            { weekday: 1, start: '09:00', end: '11:30' },
            { weekday: 3, start: '09:00', end: '11:30' },
          ],
          status: 'awaiting_support_decision',
          counsellorUserId: world.counsellorId,
          facilityContactName: '受入 花子(架空)',
          actor: noAudit,
        }),
      );
    if (!created.ok) throw new Error(JSON.stringify(created));
    placementId = created.placementId;
  });

  it('lists the person’s placements on the participant page for the agency', async () => {
    const client = await signedInClient(testApp(current()), demoEmails.counsellor);
    const html = await (await client.request(`/participants/${world.participantIds[0]}`)).text();
    expect(html).toContain('はたらく場の決定');
    expect(html).toContain(`/placements/${placementId}`);
    expect(html).toContain('月 09:00〜11:30、水 09:00〜11:30');
    expect(html).toContain('支援決定待ち');
    expect(html).toContain('2026年12月7日');
  });

  it('shows the facility’s current placements to its staff, without the person’s name', async () => {
    for (const email of [demoEmails.coordinator, demoEmails.corporationAdmin, demoEmails.councilStaff]) {
      const client = await signedInClient(testApp(current()), email);
      const html = await (await client.request(`/facilities/${world.facilityId}`)).text();
      expect(html, email).toContain('この事業所で就労・訓練中の方');
      expect(html, email).toContain(`/placements/${placementId}`);
      expect(html, email).not.toContain(participantName);
    }
    const counsellor = await signedInClient(testApp(current()), demoEmails.counsellor);
    const html = await (await counsellor.request(`/facilities/${world.facilityId}`)).text();
    expect(html).not.toContain('この事業所で就労・訓練中の方');
  });

  it('shows the placement page to the parties, the name only to the agency', async () => {
    const counsellor = await signedInClient(testApp(current()), demoEmails.counsellor);
    const mine = await counsellor.request(`/placements/${placementId}`);
    expect(mine.status).toBe(200);
    const mineHtml = await mine.text();
    expect(mineHtml).toContain(participantName);
    expect(mineHtml).toContain('受入 花子(架空)');
    expect(mineHtml).not.toContain('支援決定を確認</button>');

    const coordinator = await signedInClient(testApp(current()), demoEmails.coordinator);
    const theirs = await (await coordinator.request(`/placements/${placementId}`)).text();
    expect(theirs).toContain('受入 花子(架空)');
    expect(theirs).not.toContain(participantName);
  });

  it('lets council staff find it among those waiting and confirm the 支援決定', async () => {
    const client = await signedInClient(testApp(current()), demoEmails.councilStaff);
    const list = await (await client.request('/placements?status=awaiting_support_decision')).text();
    expect(list).toContain(`/placements/${placementId}`);
    const page = await (await client.request(`/placements/${placementId}`)).text();
    expect(page).toContain('支援決定を確認');
    expect(page).not.toContain(participantName);

    // A counsellor cannot.
    const counsellor = await signedInClient(testApp(current()), demoEmails.counsellor);
    expect(
      (await counsellor.postForm(`/placements/${placementId}/confirm-support-decision`, {})).status,
    ).toBe(403);

    const confirmed = await client.postForm(`/placements/${placementId}/confirm-support-decision`, {});
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe(`/placements/${placementId}?confirmed=1`);
    const after = await (await client.request(`/placements/${placementId}?confirmed=1`)).text();
    expect(after).toContain('支援決定を確認しました');
    expect(after).toContain('就労・訓練中');
    // Again: no longer awaiting, so the rule refuses.
    expect((await client.postForm(`/placements/${placementId}/confirm-support-decision`, {})).status).toBe(
      403,
    );
    expect((await openPlacesByWeekday(db(), opportunityId)).map((w) => w.open)).toEqual([0, 0]);
    // The opportunity page shows the real figure: capacity 1, open 0.
    const opportunityPage = await (await client.request(`/opportunities/${opportunityId}`)).text();
    expect(opportunityPage).toMatch(/1人<\/td>\s*<td>0人/);
    const audit = await db()
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', placementId)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'placement.confirm_support_decision',
      'placement.create',
    ]);
  });

  it('lets the agency’s counsellor end it, with a clear message for a bad date, and frees the places', async () => {
    const coordinator = await signedInClient(testApp(current()), demoEmails.coordinator);
    expect(
      (await coordinator.postForm(`/placements/${placementId}/end`, { end_date: '2027-03-31' })).status,
    ).toBe(403);
    const client = await signedInClient(testApp(current()), demoEmails.counsellor);
    const page = await (await client.request(`/placements/${placementId}`)).text();
    expect(page).toContain('はたらく場の決定を終了する');
    const early = await client.postForm(`/placements/${placementId}/end`, { end_date: '2026-11-30' });
    expect(early.status).toBe(400);
    const earlyHtml = await early.text();
    expect(earlyHtml).toContain('終了日は開始日以降の日付にしてください。');
    expect(earlyHtml).toContain('value="2026-11-30"');
    const garbled = await client.postForm(`/placements/${placementId}/end`, { end_date: '来年' });
    expect(await garbled.text()).toContain('終了日は「2027-03-31」のように入力してください。');
    expect((await openPlacesByWeekday(db(), opportunityId)).map((w) => w.open)).toEqual([0, 0]);
    const ended = await client.postForm(`/placements/${placementId}/end`, { end_date: '2027-03-31' });
    expect(ended.status).toBe(303);
    expect(ended.headers.get('location')).toBe(`/placements/${placementId}?ended=1`);
    expect((await openPlacesByWeekday(db(), opportunityId)).map((w) => w.open)).toEqual([1, 1]);
    const after = await (await client.request(`/placements/${placementId}?ended=1`)).text();
    expect(after).toContain('はたらく場の決定を終了しました');
    expect(after).not.toContain('はたらく場の決定を終了する');
    // Ended: the rule refuses a second end.
    expect((await client.postForm(`/placements/${placementId}/end`, { end_date: '2027-03-31' })).status).toBe(
      403,
    );
  });

  it('shows the real open places on the opportunity page', async () => {
    const client = await signedInClient(testApp(current()), demoEmails.counsellor);
    const html = await (await client.request(`/opportunities/${opportunityId}`)).text();
    // The placement ended in the test before: every place is open again.
    expect(html).toMatch(/1人<\/td>\s*<td>1人/);
  });

  it('serves the scoped list and one placement over the API', async () => {
    const app = testApp(current());
    const token = async (email: string) =>
      (
        await createApiToken(
          db(),
          { id: world.users[email] ?? '' },
          { name: 'placements test', lifetimeDays: 30 },
          noAudit,
        )
      ).token;
    const get = async (path: string, email: string) =>
      app.request(path, { headers: { authorization: `Bearer ${await token(email)}` } });

    // Ended in an earlier test: not among the current ones, listed with status=ended.
    const current_ = (await (await get('/api/v1/placements', demoEmails.counsellor)).json()) as {
      items: { id: string }[];
    };
    expect(current_.items.map((p) => p.id)).not.toContain(placementId);
    const list = await get('/api/v1/placements?status=ended', demoEmails.counsellor);
    expect(list.status).toBe(200);
    const body = (await list.json()) as {
      items: { id: string; participantName: string | null; schedule: unknown }[];
      total: number;
    };
    const item = body.items.find((p) => p.id === placementId);
    expect(item?.participantName).toBe(participantName);
    expect(item?.schedule).toEqual([
      { weekday: 1, start: '09:00', end: '11:30' },
      { weekday: 3, start: '09:00', end: '11:30' },
    ]);

    const one = await get(`/api/v1/placements/${placementId}`, demoEmails.coordinator);
    expect(one.status).toBe(200);
    expect(((await one.json()) as { participantName: string | null }).participantName).toBeNull();

    const openapi = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/v1/placements', '/api/v1/placements/{id}']),
    );
    expect((await app.request('/api/v1/placements')).status).toBe(401);
  });
});
