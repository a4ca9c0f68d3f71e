import { beforeAll, expect, it } from 'vitest';
import { TestClient } from '../../../test/app';
import { describeEachDatabase } from '../../../test/databases';
import { nowIso } from '../../platform/db/time';
import {
  type DemoIds,
  demoEmails,
  latestMailTo,
  linkIn,
  seedAndFindDemo,
  signedInClient,
  testApp,
} from '../users/test-support';

describeEachDatabase('password reset', (current) => {
  let ids: DemoIds;
  beforeAll(async () => {
    ids = await seedAndFindDemo(current().db);
  });
  const db = () => current().db;
  const app = () => testApp(current());

  async function mailCount(): Promise<number> {
    const row = await db()
      .selectFrom('mail_message')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function bodyOf(response: Response): Promise<string> {
    // The page differs only by the per-visitor CSRF token.
    return (await response.text()).replace(/name="_csrf" value="[^"]*"/g, '');
  }

  it('answers an unknown address exactly like a known one, and mails only the known one', async () => {
    const before = await mailCount();
    const visitor = new TestClient(app());
    const unknown = await visitor.postForm('/password/forgot', { email: 'nobody@example.jp' });
    expect(unknown.status).toBe(303);
    expect(unknown.headers.get('location')).toBe('/password/forgot/sent');
    const unknownPage = await bodyOf(await visitor.request('/password/forgot/sent'));
    expect(await mailCount()).toBe(before);

    const known = await visitor.postForm('/password/forgot', { email: demoEmails.coordinator });
    expect(known.status).toBe(303);
    expect(known.headers.get('location')).toBe('/password/forgot/sent');
    expect(await bodyOf(await visitor.request('/password/forgot/sent'))).toBe(unknownPage);
    expect(await mailCount()).toBe(before + 1);
    expect(unknownPage).toContain('登録されていれば');

    const invalid = await visitor.postForm('/password/forgot', { email: 'not an address' });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain('メールアドレスの形式で入力してください');
  });

  it('sets a new password with the link, ends every session, clears the lockout, and uses the link up', async () => {
    const email = demoEmails.corporationAdmin;
    const userId = ids.users[email] ?? '';
    const browserA = await signedInClient(app(), email);
    const browserB = await signedInClient(app(), email);
    await db()
      .updateTable('app_user')
      .set({ failed_sign_ins: 4, locked_until: nowIso(new Date(Date.now() + 60_000)) })
      .where('id', '=', userId)
      .execute();

    await new TestClient(app()).postForm('/password/forgot', { email: email.toUpperCase() });
    const mail = await latestMailTo(db(), email);
    expect(mail?.subject).toBe('【はたらくサポートとうきょう】パスワード再設定のご案内');
    const path = linkIn(mail?.text_body ?? '', '/password/reset');
    const reset = await db()
      .selectFrom('password_reset')
      .select(['created_at', 'expires_at'])
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    expect(Date.parse(reset.expires_at) - Date.parse(reset.created_at)).toBe(60 * 60 * 1000);

    const visitor = new TestClient(app());
    const form = await visitor.request(path);
    expect(form.status).toBe(200);
    expect(form.headers.get('cache-control')).toBe('no-store');
    expect(await form.text()).toContain(email);

    const weak = await visitor.postForm(path, { password: email, passwordConfirmation: email });
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain('メールアドレス(またはその@より前の部分)はパスワードに使えません');
    const common = await visitor.postForm(path, {
      password: 'password1234',
      passwordConfirmation: 'password1234',
    });
    expect(await common.text()).toContain('よく使われていて推測されやすいパスワードです');

    const done = await visitor.postForm(path, {
      password: 'あたらしい合言葉はみどりの杜',
      passwordConfirmation: 'あたらしい合言葉はみどりの杜',
    });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/login?notice=password-changed');

    // Both browsers are signed out; the lockout is cleared; the new password works.
    for (const browser of [browserA, browserB]) {
      const next = await browser.request('/dashboard');
      expect(next.status).toBe(303);
      expect(next.headers.get('location')).toBe('/login?next=%2Fdashboard');
    }
    const user = await db()
      .selectFrom('app_user')
      .select(['failed_sign_ins', 'locked_until'])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    expect(user).toEqual({ failed_sign_ins: 0, locked_until: null });
    await signedInClient(app(), email, 'あたらしい合言葉はみどりの杜');

    const audit = await db()
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', userId)
      .where('action', 'like', 'user.password_reset%')
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['user.password_reset_request', 'user.password_reset']);

    // Used: the link is gone.
    const reused = await new TestClient(app()).request(path);
    expect(reused.status).toBe(410);
    expect(await reused.text()).toContain('このリンクはすでに使われています');
    const repost = await new TestClient(app()).postForm(path, {
      password: 'もういちど変えてみるパスワード',
      passwordConfirmation: 'もういちど変えてみるパスワード',
    });
    expect(repost.status).toBe(410);
  });

  it('refuses an expired link with 410, and sends nothing to a deactivated account', async () => {
    const email = demoEmails.councilStaff;
    await new TestClient(app()).postForm('/password/forgot', { email });
    const path = linkIn((await latestMailTo(db(), email))?.text_body ?? '', '/password/reset');
    await db()
      .updateTable('password_reset')
      .set({ expires_at: nowIso(new Date(Date.now() - 1000)) })
      .where('user_id', '=', ids.users[email] ?? '')
      .execute();
    const expired = await new TestClient(app()).request(path);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('有効期限(1時間)が過ぎています');
    expect((await new TestClient(app()).request('/password/reset/nonsense')).status).toBe(410);

    const deactivated = demoEmails.counsellor;
    await db().updateTable('app_user').set({ active: 0 }).where('email', '=', deactivated).execute();
    const before = await mailCount();
    const response = await new TestClient(app()).postForm('/password/forgot', { email: deactivated });
    expect(response.headers.get('location')).toBe('/password/forgot/sent');
    expect(await mailCount()).toBe(before);
    await db().updateTable('app_user').set({ active: 1 }).where('email', '=', deactivated).execute();
  });

  it('sends at most three links an hour to one account', async () => {
    const email = demoEmails.councilAdmin;
    const before = await mailCount();
    for (let i = 0; i < 5; i++) await new TestClient(app()).postForm('/password/forgot', { email });
    expect(await mailCount()).toBe(before + 3);
  });
});
