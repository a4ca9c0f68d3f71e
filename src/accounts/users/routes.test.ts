import { beforeAll, expect, it } from 'vitest';
import { TestClient } from '../../../test/app';
import { describeEachDatabase } from '../../../test/databases';
import { createApiToken } from '../api-tokens/service';
import {
  addCorporation,
  addFacility,
  type DemoIds,
  demoEmails,
  seedAndFindDemo,
  signedInClient,
  testApp,
} from './test-support';

describeEachDatabase('account management', (current) => {
  let ids: DemoIds;
  let otherCorporation: string;
  beforeAll(async () => {
    ids = await seedAndFindDemo(current().db);
    otherCorporation = await addCorporation(current().db, '社会福祉法人 あおぞら会(架空)');
    await current()
      .db.insertInto('app_user')
      .values({
        id: 'aozora-admin',
        organisation_id: otherCorporation,
        email: 'aozora-admin@example.jp',
        name: 'あおぞら 管理者',
        password_hash: 'x',
        role: 'corporation_admin',
        locale: 'ja',
        active: 1,
        is_demo: 0,
        created_at: '2026-01-01T00:00:00.000Z',
        updated_at: '2026-01-01T00:00:00.000Z',
      })
      .execute();
  });
  const db = () => current().db;
  const app = () => testApp(current());
  const userId = (email: string) => ids.users[email] ?? '';

  it('shows a council admin every organisation’s accounts, with filters and Japanese labels', async () => {
    const admin = await signedInClient(app(), demoEmails.councilAdmin);
    const response = await admin.request('/users');
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const email of Object.values(demoEmails)) expect(html).toContain(email);
    expect(html).toContain('aozora-admin@example.jp');
    expect(html).toContain('法人管理者');
    expect(html).toContain('相談支援員');
    expect(html).toContain('有効');
    // The council admin just signed in; someone who never did shows as such.
    expect(html).toContain('未ログイン');

    const filtered = await (
      await admin.request(`/users?organisation=${ids.corporation}&role=facility_coordinator`)
    ).text();
    expect(filtered).toContain(demoEmails.coordinator);
    expect(filtered).not.toContain(demoEmails.corporationAdmin);
    expect(filtered).not.toContain('aozora-admin@example.jp');
    expect(filtered).toContain('href="/users/invite?organisation=');

    const inactive = await (await admin.request('/users?status=inactive')).text();
    expect(inactive).toContain('条件に合うアカウントはありません');
  });

  it('shows a corporation admin only its own corporation, and hides other accounts', async () => {
    const corpAdmin = await signedInClient(app(), demoEmails.corporationAdmin);
    const html = await (await corpAdmin.request(`/users?organisation=${otherCorporation}`)).text();
    expect(html).toContain(demoEmails.coordinator);
    expect(html).not.toContain('aozora-admin@example.jp');
    expect(html).not.toContain(demoEmails.counsellor);
    expect(html).not.toContain('id="filter-organisation"');

    expect((await corpAdmin.request(`/users/${userId(demoEmails.coordinator)}`)).status).toBe(200);
    expect((await corpAdmin.request('/users/aozora-admin')).status).toBe(404);
    expect((await corpAdmin.request(`/users/${userId(demoEmails.counsellor)}`)).status).toBe(404);
    expect((await corpAdmin.postForm('/users/aozora-admin/deactivate', {})).status).toBe(404);
  });

  it('refuses the list to roles that do not manage accounts', async () => {
    for (const email of [demoEmails.councilStaff, demoEmails.coordinator, demoEmails.counsellor]) {
      const client = await signedInClient(app(), email);
      expect((await client.request('/users')).status, email).toBe(403);
    }
    const signedOut = await new TestClient(app()).request('/users');
    expect(signedOut.status).toBe(303);
  });

  it('deactivation ends an open session on its very next request, revokes API tokens, and is audited', async () => {
    const counsellorId = userId(demoEmails.counsellor);
    const counsellor = await signedInClient(app(), demoEmails.counsellor);
    expect((await counsellor.request('/dashboard')).status).toBe(200);
    const { token } = await createApiToken(
      db(),
      { id: counsellorId },
      { name: '集計用', lifetimeDays: 30 },
      { userId: counsellorId },
    );
    const me = () => app().request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    expect((await me()).status).toBe(200);

    const admin = await signedInClient(app(), demoEmails.councilAdmin);
    const page = await (await admin.request(`/users/${counsellorId}`)).text();
    expect(page).toContain('利用を停止する');
    const deactivated = await admin.postForm(`/users/${counsellorId}/deactivate`, {});
    expect(deactivated.status).toBe(303);
    expect(deactivated.headers.get('location')).toBe(`/users/${counsellorId}?notice=deactivated`);

    // The counsellor's browser is signed out on its next request, and the token is refused.
    const next = await counsellor.request('/dashboard');
    expect(next.status).toBe(303);
    expect(next.headers.get('location')).toBe('/login?next=%2Fdashboard');
    expect((await me()).status).toBe(401);
    const sessions = await db()
      .selectFrom('user_session')
      .select('id')
      .where('user_id', '=', counsellorId)
      .execute();
    expect(sessions).toEqual([]);
    const row = await db()
      .selectFrom('app_user')
      .select(['active', 'deactivated_at'])
      .where('id', '=', counsellorId)
      .executeTakeFirstOrThrow();
    expect(row.active).toBe(0);
    expect(row.deactivated_at).not.toBeNull();
    // A deactivated user cannot sign in again.
    const again = await new TestClient(app()).postForm('/login', {
      email: demoEmails.counsellor,
      password: 'hataraku-demo-2026',
    });
    expect(again.status).not.toBe(303);

    const after = await (await admin.request(`/users/${counsellorId}?notice=deactivated`)).text();
    expect(after).toContain('停止');
    expect(after).toContain('利用を再開する');

    const reactivated = await admin.postForm(`/users/${counsellorId}/reactivate`, {});
    expect(reactivated.status).toBe(303);
    await signedInClient(app(), demoEmails.counsellor);
    // Old tokens stay revoked after reactivation.
    expect((await me()).status).toBe(401);

    const audit = await db()
      .selectFrom('audit_event')
      .select(['action', 'user_id', 'detail'])
      .where('subject_id', '=', counsellorId)
      .where('action', 'in', ['user.deactivate', 'user.reactivate'])
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['user.deactivate', 'user.reactivate']);
    expect(audit[0]?.user_id).toBe(userId(demoEmails.councilAdmin));
    const detail = JSON.parse(audit[0]?.detail ?? '{}');
    expect(detail.tokensRevoked).toBe(1);
    // This test's session and the one an earlier test left open.
    expect(detail.sessionsEnded).toBeGreaterThanOrEqual(1);
  });

  it('does not let an admin deactivate themself', async () => {
    const admin = await signedInClient(app(), demoEmails.councilAdmin);
    const adminId = userId(demoEmails.councilAdmin);
    const page = await (await admin.request(`/users/${adminId}`)).text();
    expect(page).toContain('ご自身のアカウントは、ここでは停止できません');
    expect((await admin.postForm(`/users/${adminId}/deactivate`, {})).status).toBe(403);
  });

  it('lets a corporation admin assign its coordinator’s facilities, only of its corporation', async () => {
    const own = await addFacility(db(), ids.corporation, 'みどりの杜 デイサービス');
    const foreign = await addFacility(db(), otherCorporation, 'あおぞら 障害者支援施設');
    const coordinatorId = userId(demoEmails.coordinator);
    const corpAdmin = await signedInClient(app(), demoEmails.corporationAdmin);
    const page = await (await corpAdmin.request(`/users/${coordinatorId}`)).text();
    expect(page).toContain('みどりの杜 デイサービス');
    expect(page).not.toContain('あおぞら 障害者支援施設');

    const refused = await corpAdmin.postForm(`/users/${coordinatorId}/facilities`, { facilityIds: foreign });
    expect(refused.status).toBe(400);
    const saved = await corpAdmin.postForm(`/users/${coordinatorId}/facilities`, { facilityIds: own });
    expect(saved.status).toBe(303);
    const assigned = await db()
      .selectFrom('facility_assignment')
      .select('facility_id')
      .where('user_id', '=', coordinatorId)
      .execute();
    expect(assigned.map((a) => a.facility_id)).toEqual([own]);

    // Assigning only applies to coordinators.
    const counsellorPage = await admin().then((c) =>
      c.postForm(`/users/${userId(demoEmails.counsellor)}/facilities`, {}),
    );
    expect(counsellorPage.status).toBe(403);

    // The coordinator's next request sees the new assignment.
    const coordinator = await signedInClient(app(), demoEmails.coordinator);
    expect((await coordinator.request('/dashboard')).status).toBe(200);
  });

  async function admin() {
    return signedInClient(app(), demoEmails.councilAdmin);
  }
});
