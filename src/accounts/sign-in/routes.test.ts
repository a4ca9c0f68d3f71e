import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app';
import { describeEachDatabase } from '../../../test/databases';
import { enableTwoFactor } from '../two-factor/service';
import { newTotpSecret, totpCodeForStep, totpStepAt } from '../two-factor/totp';
import { ClientAt, createTestAccount, freshAddress, recoveryCodesIn, secretIn } from './test-accounts';

const toFullWidth = (text: string) =>
  text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

function errorSummaryOf(html: string): string {
  return html.match(/<div class="error-summary"[\s\S]*?<\/div>/)?.[0] ?? '';
}

describeEachDatabase('sign-in pages', (current) => {
  const app = () => buildTestApp(current(), { TRUST_PROXY: 'on' });
  const client = () => new ClientAt(app(), freshAddress());
  const db = () => current().db;

  async function accountWithTotp() {
    const account = await createTestAccount(db());
    const secret = newTotpSecret();
    const step = totpStepAt(new Date());
    // Turned on with the previous step's code, so the current one is still unused.
    const enabled = await enableTwoFactor(
      db(),
      { userId: account.userId, organisationId: account.organisationId },
      { secret, code: totpCodeForStep(secret, step - 1) },
      { ip: '192.0.2.1', requestId: null },
    );
    if (!enabled.ok) throw new Error('two-factor not enabled');
    return { ...account, secret, recoveryCodes: enabled.recoveryCodes };
  }

  it('answers a wrong password, an unknown address, a locked and a deactivated account alike', async () => {
    const wrong = await createTestAccount(db());
    const locked = await createTestAccount(db());
    const deactivated = await createTestAccount(db());
    await db()
      .updateTable('app_user')
      .set({ locked_until: new Date(Date.now() + 10 * 60_000).toISOString() })
      .where('id', '=', locked.userId)
      .execute();
    await db().updateTable('app_user').set({ active: 0 }).where('id', '=', deactivated.userId).execute();

    const attempts = [
      { email: wrong.email, password: 'not-the-password' },
      { email: 'nobody@example.jp', password: 'not-the-password' },
      { email: locked.email, password: locked.password },
      { email: deactivated.email, password: deactivated.password },
    ];
    const answers = [];
    for (const attempt of attempts) {
      const response = await client().postForm('/login', attempt);
      const html = await response.text();
      expect(html).toContain(`value="${attempt.email}"`);
      answers.push({ status: response.status, summary: errorSummaryOf(html) });
    }
    expect(answers[0]?.status).toBe(401);
    expect(answers[0]?.summary).toContain('メールアドレスまたはパスワードが正しくありません');
    expect(answers[0]?.summary).toContain('15分間ログインできなくなります');
    for (const answer of answers) expect(answer).toEqual(answers[0]);
  });

  it('refuses a 21st attempt from one address in 10 minutes with 429, and only from that address', async () => {
    const same = client();
    for (let i = 0; i < 20; i++) {
      const response = await same.postForm('/login', { email: `guess-${i}@example.jp`, password: 'guess' });
      expect(response.status).toBe(401);
    }
    const refused = await same.postForm('/login', { email: 'guess@example.jp', password: 'guess' });
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('ログインの試行が多すぎます');
    expect((await client().postForm('/login', { email: 'guess@example.jp', password: 'guess' })).status).toBe(
      401,
    );
  });

  it('asks for a code after the password, lets no other page through meanwhile, and takes full-width digits', async () => {
    const account = await accountWithTotp();
    const browser = client();
    const password = await browser.postForm('/login', {
      email: account.email,
      password: account.password,
      next: '/account',
    });
    expect(password.status).toBe(303);
    expect(password.headers.get('location')).toBe('/login/two-factor?next=%2Faccount');

    const dashboard = await browser.request('/dashboard');
    expect(dashboard.headers.get('location')).toBe('/login?next=%2Fdashboard');
    expect((await browser.request('/account')).headers.get('location')).toBe('/login?next=%2Faccount');
    // The login page sends a half-signed-in browser back to the code step.
    expect((await browser.request('/login?next=%2Fdashboard')).headers.get('location')).toBe(
      '/login/two-factor',
    );

    const page = await browser.request('/login/two-factor?next=%2Faccount');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<h1>2段階認証</h1>');
    expect(html).toContain('autocomplete="one-time-code"');

    const wrong = await browser.postForm('/login/two-factor', { code: '12345', next: '/account' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('確認コードが正しくありません');

    const code = totpCodeForStep(account.secret, totpStepAt(new Date()));
    const ok = await browser.postForm('/login/two-factor', {
      code: `${toFullWidth(code.slice(0, 3))}　${toFullWidth(code.slice(3))}`,
      next: '/account',
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/account');
    expect((await browser.request('/dashboard')).status).toBe(200);

    const audit = await db()
      .selectFrom('audit_event')
      .select(['action', 'ip', 'detail'])
      .where('subject_id', '=', account.userId)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'auth.two_factor_enabled',
      'auth.sign_in_failed',
      'auth.sign_in',
    ]);
    expect(audit[2]?.ip).toMatch(/^2001:db8::/);
    expect(JSON.parse(audit[2]?.detail ?? '{}')).toMatchObject({ method: 'totp' });
  });

  it('takes a recovery code instead of the 6-digit code', async () => {
    const account = await accountWithTotp();
    const browser = client();
    await browser.postForm('/login', { email: account.email, password: account.password });
    const ok = await browser.postForm('/login/two-factor', {
      code: (account.recoveryCodes[0] ?? '').toUpperCase(),
    });
    expect(ok.headers.get('location')).toBe('/dashboard');
  });

  it('makes a user enrol first when the organisation requires it, then shows the recovery codes once', async () => {
    const account = await createTestAccount(db(), { twoFactorRequired: true });
    const browser = client();
    const password = await browser.postForm('/login', { email: account.email, password: account.password });
    expect(password.headers.get('location')).toBe('/login/two-factor/setup');
    expect((await browser.request('/dashboard')).headers.get('location')).toBe('/login?next=%2Fdashboard');
    expect((await browser.request('/login/two-factor')).headers.get('location')).toBe(
      '/login/two-factor/setup',
    );

    const page = await browser.request('/login/two-factor/setup');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('所属する組織の設定により、ログインには2段階認証が必要です');
    expect(html).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="[^"]+"/);
    const secret = secretIn(html);
    expect(html).toContain(secret.replace(/(.{4})(?=.)/g, '$1 '));

    const wrong = await browser.postForm('/login/two-factor/setup', { secret, code: '000000x' });
    expect(wrong.status).toBe(400);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain('確認コードが正しくありません');
    // The same secret again: the app already holds it.
    expect(secretIn(wrongHtml)).toBe(secret);

    const done = await browser.postForm('/login/two-factor/setup', {
      secret,
      code: totpCodeForStep(secret, totpStepAt(new Date())),
    });
    expect(done.status).toBe(200);
    const doneHtml = await done.text();
    const codes = recoveryCodesIn(doneHtml);
    expect(codes).toHaveLength(10);
    expect(doneHtml).toContain('表示されるのは今回だけです');
    expect(doneHtml).toContain('href="/account"');
    expect((await browser.request('/dashboard')).status).toBe(200);
    const codes2 = recoveryCodesIn(await (await browser.request('/account')).text());
    expect(codes2).toEqual([]);
  });

  it('starts again from the password form on request', async () => {
    const account = await accountWithTotp();
    const browser = client();
    await browser.postForm('/login', { email: account.email, password: account.password });
    const restart = await browser.postForm('/login/restart', {});
    expect(restart.headers.get('location')).toBe('/login');
    expect((await browser.request('/login')).status).toBe(200);
    expect((await browser.request('/login/two-factor')).headers.get('location')).toBe('/login');
  });

  it('audits signing out', async () => {
    const account = await createTestAccount(db());
    const browser = client();
    expect(
      (await browser.postForm('/login', { email: account.email, password: account.password })).status,
    ).toBe(303);
    expect((await browser.postForm('/logout', {})).headers.get('location')).toBe('/');
    expect((await browser.request('/dashboard')).status).toBe(303);
    const actions = await db()
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', account.userId)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['auth.sign_in', 'auth.sign_out']);
  });
});
