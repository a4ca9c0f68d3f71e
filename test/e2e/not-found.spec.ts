/** The 404 page, in Japanese and then in English via the header switch, signed out and signed in. */
import { checkPage, expect, signIn, test } from './fixtures';

test('an unknown address shows the 404 page in Japanese, then in English', async ({ page }) => {
  const response = await page.goto('/no-such-page?from=e2e');
  expect(response?.status()).toBe(404);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ページが見つかりません');
  await expect(page).toHaveTitle(/ページが見つかりません/);
  await checkPage(page);

  // The language switch brings the visitor back to the same address, now in English.
  await page.getByRole('button', { name: /English/ }).click();
  await expect(page).toHaveURL('/no-such-page?from=e2e');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page).toHaveTitle(/Page not found/);
  await checkPage(page);

  // The way back home works, and the English choice carries over to the login page.
  await page.getByRole('main').getByRole('link', { name: 'Back to home' }).click();
  await expect(page).toHaveURL('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hataraku Support Tokyo');
  await checkPage(page);
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
  await expect(page.getByLabel('E-mail address')).toBeVisible();
  await checkPage(page);
});

test('a signed-in user gets the 404 page inside the usual frame', async ({ page }) => {
  await signIn(page, 'counsellor');
  const response = await page.goto('/dashboard/no-such-thing');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ページが見つかりません');
  await expect(page.getByRole('banner').getByRole('button', { name: 'ログアウト' })).toBeVisible();
  await checkPage(page);
});
