/**
 * Accounts end to end: a council admin invites a corporation admin; the invitation really goes
 * out over SMTP; the invitee opens the link, sets a password, signs in and out, and later resets
 * a forgotten password the same way. A corporation admin manages a coordinator and API tokens.
 * axe and the demo banner are checked on every page on the way.
 */
import type { ParsedMail } from 'mailparser';
import { checkPage, expect, signIn, test } from './fixtures';

const corporation = '社会福祉法人 みどりの杜会(架空)';

function addressedTo(mail: ParsedMail, email: string): boolean {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.some((address) => address.value.some((v) => v.address === email));
}

/** Waits for the SMTP sink to receive a message to `email` whose text holds a link under `path`. */
async function linkFromMail(messages: ParsedMail[], email: string, path: string): Promise<string> {
  const pattern = new RegExp(`https?://[^\\s]+(${path}/[A-Za-z0-9_-]+)`);
  let found = '';
  await expect
    .poll(
      () => {
        const mail = [...messages].reverse().find((m) => addressedTo(m, email) && pattern.test(m.text ?? ''));
        found = mail ? (pattern.exec(mail.text ?? '')?.[1] ?? '') : '';
        return found;
      },
      { message: `a mail to ${email} with a ${path} link`, timeout: 15_000 },
    )
    .not.toBe('');
  return found;
}

test('council admin invites a corporation admin, who registers, signs in, and resets the password', async ({
  page,
  mail,
}) => {
  test.setTimeout(90_000);
  const email = `new-corp-admin-${Date.now()}@example.jp`;
  const name = '新任 法人管理者';

  await signIn(page, 'council_admin');
  await page.goto('/users');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('アカウント管理');
  await checkPage(page);

  // Step one: the organisation.
  await page.getByRole('link', { name: '職員を招待する' }).click();
  await expect(page).toHaveURL('/users/invite');
  await checkPage(page);
  await page.getByLabel('所属組織').selectOption({ label: `${corporation}(社会福祉法人)` });
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.getByRole('main')).toContainText(corporation);
  await checkPage(page);

  // Step two, sent empty first: messages at the fields and in the summary.
  await page.getByRole('button', { name: '招待メールを送信する' }).click();
  await expect(page.getByRole('alert')).toContainText('入力内容に問題があります');
  await expect(page.getByRole('alert')).toContainText('役割を選んでください');
  await checkPage(page);

  await page.getByLabel('氏名').fill(name);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByRole('radio', { name: '法人管理者' }).check();
  await page.getByRole('button', { name: '招待メールを送信する' }).click();
  await expect(page).toHaveURL('/users?notice=invited');
  await expect(page.getByRole('status')).toContainText('招待メールを送信しました');
  await expect(page.getByRole('table', { name: '招待中' })).toContainText(email);
  await checkPage(page);

  await page.getByRole('banner').getByRole('button', { name: 'ログアウト' }).click();
  await expect(page).toHaveURL('/');

  // The invitation arrives over SMTP; the invitee opens its link.
  const invitationPath = await linkFromMail(mail.messages, email, '/invitations');
  await page.goto(invitationPath);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('アカウントの登録');
  await expect(page.getByRole('main')).toContainText(name);
  await expect(page.getByRole('main')).toContainText(corporation);
  await checkPage(page);

  // A password that is too short is refused with what is required.
  await page.locator('#field-password').fill('みじかい');
  await page.locator('#field-passwordConfirmation').fill('みじかい');
  await page.getByRole('button', { name: '登録する' }).click();
  await expect(page.locator('#field-password')).toHaveAccessibleDescription(/12文字以上で入力してください/);
  await checkPage(page);

  const password = 'みどりの杜の新しい管理者です';
  await page.locator('#field-password').fill(password);
  await page.locator('#field-passwordConfirmation').fill(password);
  await page.getByRole('button', { name: '登録する' }).click();
  await expect(page).toHaveURL('/login?notice=registered');
  await checkPage(page);

  // The link is used up.
  const reused = await page.goto(invitationPath);
  expect(reused?.status()).toBe(410);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('この招待リンクは使えません');
  await checkPage(page);

  // Sign in as the new corporation admin.
  await page.goto('/login');
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログインする' }).click();
  if (new URL(page.url()).pathname.startsWith('/login/two-factor')) {
    // The organisation requires two-factor authentication: its set-up page is where sign-in goes on.
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await checkPage(page);
    return;
  }
  await expect(page).toHaveURL('/dashboard');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${name}さん、こんにちは`);
  await expect(page.getByRole('main')).toContainText(corporation);
  await checkPage(page);
  await page.getByRole('banner').getByRole('button', { name: 'ログアウト' }).click();
  await expect(page).toHaveURL('/');

  // Later the password is forgotten: the same confirmation for any address, a link by mail.
  await page.goto('/password/forgot');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('パスワードの再設定');
  await checkPage(page);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByRole('button', { name: '再設定のリンクを送る' }).click();
  await expect(page).toHaveURL('/password/forgot/sent');
  await checkPage(page);

  const resetPath = await linkFromMail(mail.messages, email, '/password/reset');
  await page.goto(resetPath);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('新しいパスワードの設定');
  await checkPage(page);
  const newPassword = 'あたらしい合言葉でログインします';
  await page.locator('#field-password').fill(newPassword);
  await page.locator('#field-passwordConfirmation').fill(newPassword);
  await page.getByRole('button', { name: 'パスワードを変更する' }).click();
  await expect(page).toHaveURL('/login?notice=password-changed');
  await checkPage(page);

  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(newPassword);
  await page.getByRole('button', { name: 'ログインする' }).click();
  await expect(page).toHaveURL('/dashboard');
  await checkPage(page);
});

test('corporation admin opens a coordinator’s account page and makes and revokes an API token', async ({
  page,
}) => {
  await signIn(page, 'corporation_admin');
  await page.goto('/users');
  await checkPage(page);
  await page.getByRole('link', { name: '受入 担当美咲' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('受入 担当美咲');
  await expect(page.getByRole('button', { name: '利用を停止する' })).toBeVisible();
  await checkPage(page);

  await page.goto('/account/tokens');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('APIトークン');
  await checkPage(page);
  await page.getByLabel('トークンの名前').fill('集計用スプレッドシート');
  await page.getByRole('radio', { name: '30日' }).check();
  await page.getByRole('button', { name: 'トークンを作成する' }).click();
  const tokenField = page.getByLabel('新しいトークン');
  await expect(tokenField).toHaveValue(/^hk_/);
  const token = await tokenField.inputValue();
  await checkPage(page);

  const me = await page.request.get('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).role).toBe('corporation_admin');

  await page.reload();
  await expect(page.getByLabel('新しいトークン')).toHaveCount(0);
  await page.getByRole('button', { name: 'トークン「集計用スプレッドシート」を無効にする' }).click();
  await expect(page.getByRole('status')).toContainText('トークンを無効にしました');
  await checkPage(page);
  const after = await page.request.get('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
  expect(after.status()).toBe(401);
});
