import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app';
import { describeEachDatabase } from '../../../test/databases';
import {
  ClientAt,
  createTestAccount,
  freshAddress,
  recoveryCodesIn,
  secretIn,
} from '../sign-in/test-accounts';
import { totpCodeForStep, totpStepAt } from '../two-factor/totp';

describeEachDatabase('the account page', (current) => {
  const app = () => buildTestApp(current(), { TRUST_PROXY: 'on' });
  const db = () => current().db;

  async function signedIn(options: { twoFactorRequired?: boolean } = {}) {
    const account = await createTestAccount(db(), options);
    const browser = new ClientAt(app(), freshAddress());
    const response = await browser.postForm('/login', { email: account.email, password: account.password });
    expect(response.status).toBe(303);
    return { account, browser };
  }

  it('sends a signed-out visitor to the sign-in page', async () => {
    const response = await new ClientAt(app(), freshAddress()).request('/account');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login?next=%2Faccount');
  });

  it('shows the details, two-factor state and this device, linked from the header', async () => {
    const { account, browser } = await signedIn();
    const dashboard = await (await browser.request('/dashboard')).text();
    expect(dashboard).toContain('<a href="/account">試験 花子');

    const response = await browser.request('/account');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<h1>アカウント設定</h1>');
    expect(html).toContain(account.email);
    expect(html).toContain('相談支援員');
    expect(html).toContain('テスト相談支援センター');
    expect(html).toMatch(/<dt>状態<\/dt><dd>無効<\/dd>/);
    expect(html).toContain('href="/account/two-factor"');
    expect(html).toContain('<th scope="col">IPアドレス</th>');
    expect(html).toContain('Chrome(Windows)');
    expect(html).toContain('<span class="tag">この端末</span>');
    expect(html).toContain('action="/account/sign-out-everywhere"');
    expect(html).toContain('<nav class="breadcrumbs container"');
  });

  it('turns two-factor on with a code, shows recovery codes once, and asks for a code at the next sign-in', async () => {
    const { account, browser } = await signedIn();
    const page = await browser.request('/account/two-factor');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const secret = secretIn(await page.text());

    const wrong = await browser.postForm('/account/two-factor', { secret, code: '１２３' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('確認コードが正しくありません');

    const step = totpStepAt(new Date());
    const done = await browser.postForm('/account/two-factor', {
      secret,
      code: totpCodeForStep(secret, step),
    });
    expect(done.status).toBe(200);
    expect(recoveryCodesIn(await done.text())).toHaveLength(10);
    const accountPage = await (await browser.request('/account')).text();
    expect(accountPage).toMatch(/<dt>状態<\/dt><dd>有効/);
    expect(accountPage).toContain('未使用: 10件');
    expect(accountPage).toContain('href="/account/two-factor/disable"');
    // Already on: the enrolment page is not offered again.
    expect((await browser.request('/account/two-factor')).headers.get('location')).toBe('/account');

    await browser.postForm('/logout', {});
    const password = await browser.postForm('/login', { email: account.email, password: account.password });
    expect(password.headers.get('location')).toBe('/login/two-factor');
    // The code used to turn it on is spent; the next step's code (one step of drift) is accepted.
    const replay = await browser.postForm('/login/two-factor', { code: totpCodeForStep(secret, step) });
    expect(replay.status).toBe(401);
    const ok = await browser.postForm('/login/two-factor', { code: totpCodeForStep(secret, step + 1) });
    expect(ok.headers.get('location')).toBe('/dashboard');
  });

  it('turns two-factor off with the current password, unless the organisation requires it', async () => {
    const { account, browser } = await signedIn();
    const secret = secretIn(await (await browser.request('/account/two-factor')).text());
    await browser.postForm('/account/two-factor', {
      secret,
      code: totpCodeForStep(secret, totpStepAt(new Date())),
    });

    expect((await browser.request('/account/two-factor/disable')).status).toBe(200);
    const empty = await browser.postForm('/account/two-factor/disable', { password: '' });
    expect(empty.status).toBe(400);
    const wrong = await browser.postForm('/account/two-factor/disable', { password: 'wrong' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('パスワードが正しくありません');
    const off = await browser.postForm('/account/two-factor/disable', { password: account.password });
    expect(off.headers.get('location')).toBe('/account?notice=two-factor-disabled');
    expect(await (await browser.request(off.headers.get('location') ?? '')).text()).toContain(
      '2段階認証を無効にしました。',
    );

    const required = await signedIn({ twoFactorRequired: true });
    // Enrolled during sign-in: now signed in fully.
    const setup = await required.browser.request('/login/two-factor/setup');
    const requiredSecret = secretIn(await setup.text());
    await required.browser.postForm('/login/two-factor/setup', {
      secret: requiredSecret,
      code: totpCodeForStep(requiredSecret, totpStepAt(new Date())),
    });
    const page = await (await required.browser.request('/account')).text();
    expect(page).toContain('所属する組織の設定により、2段階認証は必須です');
    expect(page).not.toContain('href="/account/two-factor/disable"');
    expect((await required.browser.request('/account/two-factor/disable')).headers.get('location')).toBe(
      '/account',
    );
    const refused = await required.browser.postForm('/account/two-factor/disable', {
      password: required.account.password,
    });
    expect(refused.status).toBe(403);
  });

  it('issues new recovery codes with the password', async () => {
    const { account, browser } = await signedIn();
    const secret = secretIn(await (await browser.request('/account/two-factor')).text());
    const first = recoveryCodesIn(
      await (
        await browser.postForm('/account/two-factor', {
          secret,
          code: totpCodeForStep(secret, totpStepAt(new Date())),
        })
      ).text(),
    );
    expect((await browser.request('/account/recovery-codes')).status).toBe(200);
    const again = await browser.postForm('/account/recovery-codes', { password: account.password });
    const second = recoveryCodesIn(await again.text());
    expect(second).toHaveLength(10);
    expect(second).not.toContain(first[0]);
  });

  it('signs out everywhere: another browser of the same user loses access too', async () => {
    const { account, browser } = await signedIn();
    const other = new ClientAt(app(), freshAddress());
    await other.postForm('/login', { email: account.email, password: account.password });
    expect((await other.request('/dashboard')).status).toBe(200);
    const page = await (await browser.request('/account')).text();
    expect(page.match(/<tr><th scope="row">/g)).toHaveLength(2);

    const response = await browser.postForm('/account/sign-out-everywhere', {});
    expect(response.headers.get('location')).toBe('/login?notice=signed-out-everywhere');
    expect(await (await browser.request('/login?notice=signed-out-everywhere')).text()).toContain(
      'すべての端末からログアウトしました。',
    );
    expect((await browser.request('/dashboard')).headers.get('location')).toBe('/login?next=%2Fdashboard');
    expect((await other.request('/dashboard')).headers.get('location')).toBe('/login?next=%2Fdashboard');

    const audit = await db()
      .selectFrom('audit_event')
      .select(['action', 'detail', 'ip'])
      .where('subject_id', '=', account.userId)
      .where('action', '=', 'auth.sign_out_everywhere')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail)).toEqual({ sessions: 2 });
    expect(audit.ip).toMatch(/^2001:db8::/);
  });
});
