/**
 * A new corporation from its first day (issue 3): the council admin registers a corporation (new
 * organisations require two-factor authentication), invites its first corporation admin, and
 * signs out. The invitation arrives over SMTP; the invitee sets a password, signs in, is taken to
 * the two-factor set-up (QR code and setup key), confirms with a code computed here from the key
 * (as an authenticator app would), sees the recovery codes once, and reaches the dashboard. Signing
 * in again asks for the password and then a code: the code already used is refused (replay
 * guard), a fresh one is accepted. axe and the demo banner are checked on every page.
 */
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import type { ParsedMail } from 'mailparser';
import { checkPage, expect, signIn, test } from './fixtures';

const corporation = '社会福祉法人 さくら会(架空)';
const name = 'さくら 初代管理者';
const roleJa = '法人管理者';
const password = 'さくら会の管理者として登録します';

function stepNow(): number {
  return Math.floor(Date.now() / 30_000);
}

function codeFor(secret: string, step: number): string {
  return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(step), 6);
}

function addressedTo(mail: ParsedMail, email: string): boolean {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.some((address) => address.value.some((v) => v.address === email));
}

/** Waits for the SMTP sink to receive a message to `email` whose text holds an /invitations link. */
async function invitationLink(messages: ParsedMail[], email: string): Promise<string> {
  const pattern = /https?:\/\/\S+(\/invitations\/[A-Za-z0-9_-]+)/;
  let found = '';
  await expect
    .poll(
      () => {
        const mail = [...messages].reverse().find((m) => addressedTo(m, email) && pattern.test(m.text ?? ''));
        found = mail ? (pattern.exec(mail.text ?? '')?.[1] ?? '') : '';
        return found;
      },
      { message: `an invitation mail to ${email}`, timeout: 15_000 },
    )
    .not.toBe('');
  return found;
}

test('a new corporation’s first admin accepts the invitation and sets up two-factor at first sign-in', async ({
  page,
  mail,
}) => {
  // About twenty pages, each checked with axe.
  test.setTimeout(120_000);
  const email = `sakura-admin-${Date.now()}@example.jp`;

  // The council admin registers the corporation.
  await signIn(page, 'council_admin');
  await page.goto('/organisations/new');
  await checkPage(page);
  await page.getByLabel('社会福祉法人', { exact: true }).check();
  await page.getByLabel('名称').fill(corporation);
  await page.getByLabel('ふりがな').fill('さくらかい');
  await page.getByRole('button', { name: '登録する' }).click();
  await expect(page).toHaveURL(/\/organisations\/[^/]+\?created=1$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(corporation);
  await expect(page.getByRole('status')).toContainText('登録しました。');
  await checkPage(page);

  // …and invites its first corporation admin.
  await page.goto('/users/invite');
  await checkPage(page);
  await page.getByLabel('所属組織').selectOption({ label: `${corporation}(社会福祉法人)` });
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.getByRole('main')).toContainText(corporation);
  await checkPage(page);
  await page.getByLabel('氏名').fill(name);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByRole('radio', { name: roleJa }).check();
  await page.getByRole('button', { name: '招待メールを送信する' }).click();
  await expect(page).toHaveURL('/users?notice=invited');
  await expect(page.getByRole('status')).toContainText('招待メールを送信しました');
  await expect(page.getByRole('table', { name: '招待中' })).toContainText(email);
  await checkPage(page);

  await page.getByRole('banner').getByRole('button', { name: 'ログアウト' }).click();
  await expect(page).toHaveURL('/');
  await checkPage(page);

  // The invitation arrives over SMTP; the invitee registers a password.
  const invitationPath = await invitationLink(mail.messages, email);
  await page.goto(invitationPath);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('アカウントの登録');
  await expect(page.getByRole('main')).toContainText(name);
  await expect(page.getByRole('main')).toContainText(corporation);
  await expect(page.getByRole('main')).toContainText(roleJa);
  await checkPage(page);
  await page.locator('#field-password').fill(password);
  await page.locator('#field-passwordConfirmation').fill(password);
  await page.getByRole('button', { name: '登録する' }).click();
  await expect(page).toHaveURL('/login?notice=registered');
  await checkPage(page);

  // First sign-in: the organisation requires two-factor, so the set-up comes before anything else.
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログインする' }).click();
  await expect(page).toHaveURL('/login/two-factor/setup');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('2段階認証の設定');
  await expect(page.getByRole('img', { name: /QRコード/ })).toBeVisible();
  expect(await page.locator('#totp-secret').textContent()).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
  await checkPage(page);

  // No other page opens before the set-up is done: the set-up page comes back (with a new key).
  await page.goto('/dashboard');
  await expect(page).toHaveURL('/login/two-factor/setup');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('2段階認証の設定');
  const shown = (await page.locator('#totp-secret').textContent()) ?? '';
  const secret = shown.replaceAll(' ', '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  // A mistyped code: the message at the field and in the summary, the same key kept.
  const setupCode = page.getByLabel(/確認コード/);
  await setupCode.fill('000000');
  await page.getByRole('button', { name: '2段階認証を有効にする' }).click();
  await expect(page.getByRole('alert')).toContainText('確認コードが正しくありません');
  await expect(setupCode).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#totp-secret')).toHaveText(shown);
  await checkPage(page);

  const enrolStep = stepNow();
  const enrolCode = codeFor(secret, enrolStep);
  await setupCode.fill(enrolCode);
  await page.getByRole('button', { name: '2段階認証を有効にする' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('回復コード');
  await expect(page.getByRole('list', { name: '回復コードの一覧' }).getByRole('listitem')).toHaveCount(10);
  await expect(page.getByRole('banner')).toContainText(name);
  await checkPage(page);

  await page.getByRole('link', { name: '控えたので次へ進む' }).click();
  await expect(page).toHaveURL('/dashboard');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${name}さん、こんにちは`);
  await expect(page.getByRole('main')).toContainText(corporation);
  await expect(page.getByRole('main')).toContainText(roleJa);
  await checkPage(page);

  await page.getByRole('banner').getByRole('button', { name: 'ログアウト' }).click();
  await expect(page).toHaveURL('/');
  await checkPage(page);

  // Signing in again: the password, then a code.
  await page.goto('/login');
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログインする' }).click();
  await expect(page).toHaveURL('/login/two-factor');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('2段階認証');
  await checkPage(page);

  // The code that turned two-factor on is spent (replay guard).
  await page.getByLabel('確認コード').fill(enrolCode);
  await page.getByRole('button', { name: '確認する' }).click();
  await expect(page).toHaveURL('/login/two-factor');
  await expect(page.getByRole('alert')).toContainText('確認コードが正しくありません');
  await checkPage(page);

  // A fresh code: the current step's, or the next step's (accepted for one step of clock drift)
  // when still within the step the set-up used.
  const now = stepNow();
  await page.getByLabel('確認コード').fill(codeFor(secret, now > enrolStep ? now : enrolStep + 1));
  await page.getByRole('button', { name: '確認する' }).click();
  await expect(page).toHaveURL('/dashboard');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${name}さん、こんにちは`);
  await expect(page.getByRole('main')).toContainText(roleJa);
  await checkPage(page);

  await page.getByRole('banner').getByRole('button', { name: 'ログアウト' }).click();
  await expect(page).toHaveURL('/');
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/login/);
  await checkPage(page);
});
