/**
 * Two-factor authentication, as a facility coordinator would turn it on: account page from the
 * header → QR code and setup key → confirm with a code (computed here from the key on the page,
 * as an authenticator app would) → recovery codes → sign out → password + code → home. The
 * journey then turns it off again, so other journeys in this worker still sign in in one step.
 * axe runs on every page on the way.
 */
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { checkPage, DEMO_PASSWORD, demoUsers, expect, signIn, test } from './fixtures';

const user = demoUsers.facility_coordinator;

function stepNow(): number {
  return Math.floor(Date.now() / 30_000);
}

function codeFor(secret: string, step: number): string {
  return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(step), 6);
}

test('turn on two-factor on the account page, then sign in with password and code', async ({ page }) => {
  // Fourteen pages, each checked with axe: more than the default 30 s on a busy machine.
  test.setTimeout(90_000);
  await signIn(page, 'facility_coordinator');

  // The name in the header leads to the account page.
  await page
    .getByRole('banner')
    .getByRole('link', { name: new RegExp(user.name) })
    .click();
  await expect(page).toHaveURL('/account');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('アカウント設定');
  await expect(page.getByRole('main')).toContainText(user.email);
  await expect(page.getByRole('table', { name: 'ログイン中の端末' })).toContainText('この端末');
  await checkPage(page);

  await page.getByRole('link', { name: '2段階認証を有効にする' }).click();
  await expect(page).toHaveURL('/account/two-factor');
  await expect(page.getByRole('img', { name: /QRコード/ })).toBeVisible();
  const shown = (await page.locator('#totp-secret').textContent()) ?? '';
  expect(shown).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
  const secret = shown.replaceAll(' ', '');
  await checkPage(page);

  // A mistyped code: the message is at the field and in the summary, and the key stays the same.
  const code = page.getByLabel(/確認コード/);
  await code.fill('000000');
  await page.getByRole('button', { name: '2段階認証を有効にする' }).click();
  await expect(page.getByRole('alert')).toContainText('確認コードが正しくありません');
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#totp-secret')).toHaveText(shown);
  await checkPage(page);

  const enrolStep = stepNow();
  await code.fill(codeFor(secret, enrolStep));
  await page.getByRole('button', { name: '2段階認証を有効にする' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('回復コード');
  await expect(page.getByRole('list', { name: '回復コードの一覧' }).getByRole('listitem')).toHaveCount(10);
  await checkPage(page);

  await page.getByRole('link', { name: '控えたので次へ進む' }).click();
  await expect(page).toHaveURL('/account');
  await expect(page.getByRole('main')).toContainText('有効');
  await checkPage(page);

  await page.getByRole('banner').getByRole('button', { name: 'ログアウト' }).click();
  await expect(page).toHaveURL('/');
  await checkPage(page);

  // Password first, then the code.
  await page.goto('/login');
  await page.getByLabel('メールアドレス').fill(user.email);
  await page.getByLabel('パスワード').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'ログインする' }).click();
  await expect(page).toHaveURL('/login/two-factor');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('2段階認証');
  await checkPage(page);

  // No page opens before the code is given.
  await page.goto('/dashboard');
  await expect(page).toHaveURL('/login/two-factor');

  await page.getByLabel('確認コード').fill('000000');
  await page.getByRole('button', { name: '確認する' }).click();
  await expect(page.getByRole('alert')).toContainText('確認コードが正しくありません');
  await checkPage(page);

  // The code that turned two-factor on is spent; within the same 30 s, the next step's code
  // (accepted for one step of clock drift) is what an app a little ahead would show.
  const now = stepNow();
  await page.getByLabel('確認コード').fill(codeFor(secret, now > enrolStep ? now : enrolStep + 1));
  await page.getByRole('button', { name: '確認する' }).click();
  await expect(page).toHaveURL('/dashboard');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${user.name}さん、こんにちは`);
  await checkPage(page);

  // Turn it off again (demo organisations do not require it), confirming with the password.
  await page.goto('/account');
  await page.getByRole('link', { name: '2段階認証を無効にする' }).click();
  await expect(page).toHaveURL('/account/two-factor/disable');
  await checkPage(page);
  await page.getByLabel('現在のパスワード').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '無効にする' }).click();
  await expect(page).toHaveURL('/account?notice=two-factor-disabled');
  await expect(page.getByRole('status')).toHaveText('2段階認証を無効にしました。');
  await checkPage(page);

  await page.getByRole('banner').getByRole('button', { name: 'ログアウト' }).click();
  await expect(page).toHaveURL('/');
  await checkPage(page);
});
