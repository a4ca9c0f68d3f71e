/**
 * A staff member's first visit: landing → login (with mistakes) → home → English and back →
 * sign-out. axe and the demo banner are checked on every page on the way.
 */
import { checkPage, DEMO_PASSWORD, demoUsers, expect, test } from './fixtures';

const staff = demoUsers.council_staff;

test('landing → login with mistakes → dashboard → English and back → sign-out', async ({ page, context }) => {
  // Landing page, Japanese by default.
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('はたらくサポートとうきょう');
  await checkPage(page);

  // The landing page's call to action leads to the login form.
  await page.getByRole('main').getByRole('link', { name: 'ログイン' }).click();
  await expect(page).toHaveURL('/login');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ログイン');
  await checkPage(page);

  const email = page.getByLabel('メールアドレス');
  const password = page.getByLabel('パスワード');
  const submit = page.getByRole('button', { name: 'ログインする' });
  const summary = page.getByRole('alert');

  // Submitted empty: a message at each field and the same ones in a summary at the top.
  await submit.click();
  await expect(summary).toContainText('入力内容に問題があります');
  await expect(summary.getByRole('link')).toHaveText([
    'メールアドレス: 入力してください',
    'パスワード: 入力してください',
  ]);
  await expect(summary.getByRole('link').first()).toHaveAttribute('href', '#field-email');
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveAccessibleDescription('入力してください');
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(password).toHaveAccessibleDescription('入力してください');
  await checkPage(page);

  // A malformed e-mail: kept as typed, with a message that says what is expected.
  await email.fill('council-staff');
  await password.fill('whatever');
  await submit.click();
  await expect(email).toHaveValue('council-staff');
  await expect(email).toHaveAccessibleDescription(/メールアドレスの形式で入力してください/);
  await expect(password).toHaveValue('');
  await expect(summary.getByRole('link')).toHaveText([/^メールアドレス: メールアドレスの形式/]);
  await checkPage(page);

  // E-mail typed, password forgotten: the e-mail is kept, only the password is flagged.
  await email.fill(staff.email);
  await password.fill('');
  await submit.click();
  await expect(email).toHaveValue(staff.email);
  await expect(email).not.toHaveAttribute('aria-invalid', 'true');
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(summary.getByRole('link')).toHaveText(['パスワード: 入力してください']);
  await checkPage(page);

  // Wrong password for a real account, then any password for an unknown one: one identical
  // message that does not say which part was wrong, and no field singled out.
  await password.fill('not-the-password');
  await submit.click();
  await expect(summary).toContainText('メールアドレスまたはパスワードが正しくありません');
  const knownAccount = ((await summary.textContent()) ?? '').trim();
  await expect(email).toHaveValue(staff.email);
  await expect(page.locator('[aria-invalid="true"]')).toHaveCount(0);
  await checkPage(page);

  await email.fill('nobody@demo.hataraku.example');
  await password.fill('not-the-password');
  await submit.click();
  await expect(summary).toContainText('メールアドレスまたはパスワードが正しくありません');
  expect(((await summary.textContent()) ?? '').trim()).toBe(knownAccount);
  await expect(page.locator('[aria-invalid="true"]')).toHaveCount(0);
  await checkPage(page);

  // The right password: the dashboard greets the user by name and shows their role.
  await email.fill(staff.email);
  await password.fill(DEMO_PASSWORD);
  await submit.click();
  await expect(page).toHaveURL('/dashboard');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${staff.name}さん、こんにちは`);
  await expect(page.getByRole('main')).toContainText(staff.roleJa);
  await expect(page.getByRole('banner')).toContainText(`${staff.name}(${staff.roleJa})`);
  await checkPage(page);

  // Switch to English: this page re-renders in English and the choice is kept in a cookie.
  await page.getByRole('button', { name: /English/ }).click();
  await expect(page).toHaveURL('/dashboard');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hello, ${staff.name}`);
  await expect(page.getByRole('main')).toContainText(staff.roleEn);
  expect((await context.cookies()).find((cookie) => cookie.name === 'lang')?.value).toBe('en');
  await checkPage(page);

  // ...and stays English on the next pages.
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hataraku Support Tokyo');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await checkPage(page);

  // Back to Japanese, which also sticks.
  await page.getByRole('button', { name: /日本語/ }).click();
  await expect(page).toHaveURL('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('はたらくサポートとうきょう');
  await checkPage(page);
  await page.goto('/dashboard');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${staff.name}さん、こんにちは`);
  expect((await context.cookies()).find((cookie) => cookie.name === 'lang')?.value).toBe('ja');
  await checkPage(page);

  // Sign out from the header: back on the landing page, signed out, and the dashboard is closed.
  await page.getByRole('banner').getByRole('button', { name: 'ログアウト' }).click();
  await expect(page).toHaveURL('/');
  await expect(page.getByRole('banner').getByRole('link', { name: 'ログイン' })).toBeVisible();
  await expect(page.getByRole('banner')).not.toContainText(staff.name);
  await checkPage(page);

  await page.goto('/dashboard');
  await expect(page).toHaveURL('/login?next=%2Fdashboard');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ログイン');
  await checkPage(page);
});
