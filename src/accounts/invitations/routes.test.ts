import { beforeAll, expect, it } from 'vitest';
import { TestClient } from '../../../test/app';
import { describeEachDatabase } from '../../../test/databases';
import { hashToken } from '../../platform/auth/tokens';
import { nowIso } from '../../platform/db/time';
import {
  addCorporation,
  addFacility,
  type DemoIds,
  demoEmails,
  latestMailTo,
  linkIn,
  seedAndFindDemo,
  signedInClient,
  testApp,
} from '../users/test-support';

describeEachDatabase('invitations', (current) => {
  let ids: DemoIds;
  beforeAll(async () => {
    ids = await seedAndFindDemo(current().db);
  });
  const db = () => current().db;
  const app = () => testApp(current());

  async function auditActions(subjectId: string): Promise<string[]> {
    const rows = await db()
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', subjectId)
      .orderBy('at')
      .execute();
    return rows.map((r) => r.action);
  }

  it('lets a council admin invite a corporation admin: mail queued, accepted once, then 410', async () => {
    const admin = await signedInClient(app(), demoEmails.councilAdmin);

    // Step one chooses the organisation; step two offers only that kind's roles.
    const choose = await admin.request('/users/invite');
    expect(choose.status).toBe(200);
    const chooseHtml = await choose.text();
    expect(chooseHtml).toContain('社会福祉法人 みどりの杜会(架空)');
    const form = await admin.request(`/users/invite?organisation=${ids.corporation}`);
    const formHtml = await form.text();
    expect(formHtml).toContain('value="corporation_admin"');
    expect(formHtml).toContain('value="facility_coordinator"');
    expect(formHtml).not.toContain('value="council_staff"');

    const sent = await admin.postForm('/users/invite', {
      organisation: ids.corporation,
      name: '新規 法人花子',
      email: 'Ｎｅｗ-Admin@Example.jp',
      role: 'corporation_admin',
    });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe('/users?notice=invited');

    const invitation = await db()
      .selectFrom('invitation')
      .select(['id', 'email', 'role', 'organisation_id', 'token_hash', 'expires_at', 'created_at'])
      .where('email', '=', 'new-admin@example.jp')
      .executeTakeFirstOrThrow();
    expect(invitation.role).toBe('corporation_admin');
    expect(invitation.organisation_id).toBe(ids.corporation);
    expect(Date.parse(invitation.expires_at) - Date.parse(invitation.created_at)).toBe(
      7 * 24 * 60 * 60 * 1000,
    );

    const mail = await latestMailTo(db(), 'new-admin@example.jp');
    expect(mail?.subject).toBe('【はたらくサポートとうきょう】アカウントへのご招待');
    const text = mail?.text_body ?? '';
    expect(text).toContain('新規 法人花子 様');
    expect(text).toContain('協議会事務局(デモ)の事務局 管理花子さんから');
    expect(text).toContain('役割: 法人管理者');
    expect(text).toMatch(/有効期限は \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} まで/);
    expect(text).toContain('(English)');
    const path = linkIn(text, '/invitations');
    // Only the hash of the link's token is stored.
    expect(invitation.token_hash).toBe(hashToken(path.split('/').pop() ?? ''));
    expect(await auditActions(invitation.id)).toEqual(['user.invite']);

    // The list shows it as waiting.
    const list = await (await admin.request('/users')).text();
    expect(list).toContain('new-admin@example.jp');
    expect(list).toContain('登録待ち');

    // The invitee opens the link (signed out), sees who invites them where, and sets a password.
    const invitee = new TestClient(app());
    const page = await invitee.request(path);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const pageHtml = await page.text();
    expect(pageHtml).toContain('新規 法人花子');
    expect(pageHtml).toContain('社会福祉法人 みどりの杜会(架空)');
    expect(pageHtml).toContain('法人管理者');

    const weak = await invitee.postForm(path, {
      password: '12345678901234',
      passwordConfirmation: '12345678901234',
    });
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain('数字だけでなく、文字も含めてください');
    const short = await invitee.postForm(path, { password: 'short', passwordConfirmation: 'short' });
    expect(await short.text()).toContain('12文字以上で入力してください');
    const mismatch = await invitee.postForm(path, {
      password: 'みどりの杜で毎日はたらいています',
      passwordConfirmation: 'みどりの杜で毎日はたらいていました',
    });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain('確認用のパスワードが一致しません');

    const accepted = await invitee.postForm(path, {
      password: 'みどりの杜で毎日はたらいています',
      passwordConfirmation: 'みどりの杜で毎日はたらいています',
    });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe('/login?notice=registered');

    const user = await db()
      .selectFrom('app_user')
      .select(['id', 'name', 'role', 'organisation_id', 'active'])
      .where('email', '=', 'new-admin@example.jp')
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({
      name: '新規 法人花子',
      role: 'corporation_admin',
      organisation_id: ids.corporation,
      active: 1,
    });
    expect(await auditActions(invitation.id)).toEqual(['user.invite', 'invitation.accept']);
    const acceptedRow = await db()
      .selectFrom('invitation')
      .select('accepted_at')
      .where('id', '=', invitation.id)
      .executeTakeFirstOrThrow();
    expect(acceptedRow.accepted_at).not.toBeNull();

    // The new account signs in with the chosen password.
    await signedInClient(app(), 'new-admin@example.jp', 'みどりの杜で毎日はたらいています');

    // The link is used up: 410 on opening and on posting, and nothing more is created.
    const again = await new TestClient(app()).request(path);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('この招待はすでに使われ');
    const repost = await new TestClient(app()).postForm(path, {
      password: 'べつのパスワードをきめました',
      passwordConfirmation: 'べつのパスワードをきめました',
    });
    expect(repost.status).toBe(410);
    const count = await db()
      .selectFrom('app_user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('email', '=', 'new-admin@example.jp')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('answers 410 for an expired, a revoked and an unknown link, and creates nothing', async () => {
    const admin = await signedInClient(app(), demoEmails.councilAdmin);
    for (const email of ['expired@example.jp', 'revoked@example.jp']) {
      const sent = await admin.postForm('/users/invite', {
        organisation: ids.agency,
        name: '相談 次郎',
        email,
        role: 'counsellor',
      });
      expect(sent.status).toBe(303);
    }
    await db()
      .updateTable('invitation')
      .set({ expires_at: nowIso(new Date(Date.now() - 1000)) })
      .where('email', '=', 'expired@example.jp')
      .execute();
    const expiredPath = linkIn(
      (await latestMailTo(db(), 'expired@example.jp'))?.text_body ?? '',
      '/invitations',
    );
    const expired = await new TestClient(app()).request(expiredPath);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('有効期限(7日間)が過ぎています');
    const expiredPost = await new TestClient(app()).postForm(expiredPath, {
      password: 'あたらしいパスワードをきめました',
      passwordConfirmation: 'あたらしいパスワードをきめました',
    });
    expect(expiredPost.status).toBe(410);

    // The list shows the expired one as such, and the admin revokes the other.
    const list = await (await admin.request('/users')).text();
    expect(list).toContain('期限切れ');
    const revokedRow = await db()
      .selectFrom('invitation')
      .select('id')
      .where('email', '=', 'revoked@example.jp')
      .executeTakeFirstOrThrow();
    const revoke = await admin.postForm(`/users/invitations/${revokedRow.id}/revoke`, {});
    expect(revoke.status).toBe(303);
    expect(revoke.headers.get('location')).toBe('/users?notice=revoked');
    expect(await auditActions(revokedRow.id)).toEqual(['user.invite', 'invitation.revoke']);
    const revokedPath = linkIn(
      (await latestMailTo(db(), 'revoked@example.jp'))?.text_body ?? '',
      '/invitations',
    );
    const revoked = await new TestClient(app()).request(revokedPath);
    expect(revoked.status).toBe(410);
    expect(await revoked.text()).toContain('この招待は取り消されました');

    const unknown = await new TestClient(app()).request('/invitations/not-a-real-token');
    expect(unknown.status).toBe(410);

    const created = await db()
      .selectFrom('app_user')
      .select('id')
      .where('email', 'in', ['expired@example.jp', 'revoked@example.jp'])
      .execute();
    expect(created).toEqual([]);
  });

  it('refuses an e-mail already in use, and a second open invitation, with a field error', async () => {
    const admin = await signedInClient(app(), demoEmails.councilAdmin);
    const inUse = await admin.postForm('/users/invite', {
      organisation: ids.agency,
      name: '相談 三郎',
      email: demoEmails.counsellor.toUpperCase(),
      role: 'counsellor',
    });
    expect(inUse.status).toBe(400);
    const html = await inUse.text();
    expect(html).toContain('このメールアドレスのアカウントはすでに登録されています');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('value="相談 三郎"');
    expect(await latestMailTo(db(), demoEmails.counsellor)).toBeUndefined();

    const first = await admin.postForm('/users/invite', {
      organisation: ids.agency,
      name: '相談 四郎',
      email: 'twice@example.jp',
      role: 'counsellor',
    });
    expect(first.status).toBe(303);
    const second = await admin.postForm('/users/invite', {
      organisation: ids.agency,
      name: '相談 四郎',
      email: 'twice@example.jp',
      role: 'counsellor',
    });
    expect(second.status).toBe(400);
    expect(await second.text()).toContain('有効な招待を送信済みです');

    const empty = await admin.postForm('/users/invite', { organisation: ids.agency });
    expect(empty.status).toBe(400);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain('入力してください');
    expect(emptyHtml).toContain('役割を選んでください');
  });

  it('lets a corporation admin invite a coordinator of its own with facilities, and nothing else', async () => {
    const facility = await addFacility(db(), ids.corporation, 'みどりの杜 特別養護老人ホーム');
    const otherCorporation = await addCorporation(db(), '社会福祉法人 あおぞら会(架空)');
    const otherFacility = await addFacility(db(), otherCorporation, 'あおぞら保育園');
    const corpAdmin = await signedInClient(app(), demoEmails.corporationAdmin);

    // The organisation is fixed: the form opens at step two with its facilities.
    const form = await (await corpAdmin.request('/users/invite')).text();
    expect(form).toContain('みどりの杜 特別養護老人ホーム');
    expect(form).not.toContain('あおぞら保育園');
    expect(form).not.toContain('value="council_staff"');

    const intoOther = await corpAdmin.postForm('/users/invite', {
      organisation: otherCorporation,
      name: '他法人 太郎',
      email: 'other-corp@example.jp',
      role: 'facility_coordinator',
    });
    expect(intoOther.status).toBe(403);
    const councilRole = await corpAdmin.postForm('/users/invite', {
      organisation: ids.corporation,
      name: '事務局 なりすまし',
      email: 'council-role@example.jp',
      role: 'council_staff',
    });
    expect(councilRole.status).toBe(403);
    const adminOfCouncil = await corpAdmin.postForm('/users/invite', {
      organisation: ids.council,
      name: '事務局 なりすまし',
      email: 'council-role@example.jp',
      role: 'council_admin',
    });
    expect(adminOfCouncil.status).toBe(403);
    const foreignFacility = await corpAdmin.postForm('/users/invite', {
      organisation: ids.corporation,
      name: '受入 次郎',
      email: 'coordinator2@example.jp',
      role: 'facility_coordinator',
      facilityIds: otherFacility,
    });
    expect(foreignFacility.status).toBe(400);
    expect(
      await db()
        .selectFrom('invitation')
        .select('id')
        .where('email', 'in', ['other-corp@example.jp', 'council-role@example.jp', 'coordinator2@example.jp'])
        .execute(),
    ).toEqual([]);

    const ok = await corpAdmin.postForm('/users/invite', {
      name: '受入 次郎',
      email: 'coordinator2@example.jp',
      role: 'facility_coordinator',
      facilityIds: facility,
    });
    expect(ok.status).toBe(303);
    const path = linkIn(
      (await latestMailTo(db(), 'coordinator2@example.jp'))?.text_body ?? '',
      '/invitations',
    );
    const accepted = await new TestClient(app()).postForm(path, {
      password: 'とくようで受け入れを担当します',
      passwordConfirmation: 'とくようで受け入れを担当します',
    });
    expect(accepted.status).toBe(303);
    const user = await db()
      .selectFrom('app_user')
      .select(['id', 'organisation_id'])
      .where('email', '=', 'coordinator2@example.jp')
      .executeTakeFirstOrThrow();
    expect(user.organisation_id).toBe(ids.corporation);
    const assignments = await db()
      .selectFrom('facility_assignment')
      .select('facility_id')
      .where('user_id', '=', user.id)
      .execute();
    expect(assignments.map((a) => a.facility_id)).toEqual([facility]);
  });

  it('keeps the form from staff who may not invite', async () => {
    for (const email of [demoEmails.councilStaff, demoEmails.coordinator, demoEmails.counsellor]) {
      const client = await signedInClient(app(), email);
      expect((await client.request('/users/invite')).status, email).toBe(403);
      const post = await client.postForm('/users/invite', {
        name: 'だれか',
        email: 'someone@example.jp',
        role: 'counsellor',
      });
      expect(post.status, email).toBe(403);
    }
    const signedOut = await new TestClient(app()).request('/users/invite');
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toBe('/login?next=%2Fusers%2Finvite');
  });
});
