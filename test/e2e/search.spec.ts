/**
 * A counsellor searches the はたらく場 registry: keyword + weekday + time, sees the demo's
 * morning cleaning job, opens it, and gets field errors for a distance without an origin.
 * axe runs on every page visited.
 */
import { checkPage, expect, signIn, test } from './fixtures';

test('a counsellor searches the registry with a few filters', async ({ page }) => {
  await signIn(page, 'counsellor');
  await page.goto('/search');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('はたらく場を探す');
  await checkPage(page);

  await page.getByLabel(/^キーワード/).fill('清掃');
  await page.getByLabel('月曜日').check();
  await page.getByLabel(/^開始時刻/).fill('9:00');
  await page.getByLabel(/^終了時刻/).fill('11:00');
  await page.getByRole('button', { name: '検索する' }).click();

  // The conditions are in the address, so the search can be bookmarked and shared.
  await expect(page).toHaveURL(/\/search\?q=%E6%B8%85%E6%8E%83&weekday=1&from=09%3A00&to=11%3A00/);
  await expect(page.getByRole('status').filter({ hasText: '件見つかりました' })).toBeVisible();
  const result = page.getByRole('link', { name: '施設内の清掃(午前)' });
  await expect(result).toBeVisible();
  await expect(page.getByLabel('月曜日')).toBeChecked();
  await checkPage(page);

  await result.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('施設内の清掃(午前)');
  await checkPage(page);

  const response = await page.goto('/search?within=abc');
  expect(response?.status()).toBe(400);
  await expect(page.getByRole('alert')).toContainText('半角の数字で入力してください');
  await expect(page.getByLabel(/^起点からの距離/)).toHaveValue('abc');
  await checkPage(page);
});
