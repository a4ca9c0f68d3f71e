/**
 * A counsellor opens a demo participant's shortlist of はたらく場, changes the emphasis, saves
 * one to the candidate list, and asks why an excluded one is not on it. axe runs on every page.
 */
import { checkPage, expect, signIn, test } from './fixtures';

test('a counsellor reviews matches, saves a candidate and asks "why not"', async ({ page }) => {
  // The excluded one's id, from the registry search (the shortlist does not link to it).
  await signIn(page, 'counsellor', { next: `/search?q=${encodeURIComponent('配膳')}` });
  const excludedHref = await page.getByRole('link', { name: '昼食の配膳と下膳の補助' }).getAttribute('href');
  const excludedId = /([0-9a-f-]{36})/.exec(excludedHref ?? '')?.[1] ?? '';
  expect(excludedId).not.toBe('');

  await page.goto('/participants');
  await page.getByRole('link', { name: '架空 一郎' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'はたらく場の候補' })).toBeVisible();
  await checkPage(page);

  await page.getByRole('link', { name: '合うはたらく場を探す' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('架空 一郎さんに合うはたらく場');
  await expect(page.getByText('が本人の希望時間に合います').first()).toBeVisible();
  await checkPage(page);

  await page.getByLabel('通いやすさ(距離)').check();
  await page.getByRole('button', { name: '表示する' }).click();
  await expect(page).toHaveURL(/emphasis=distance/);
  await expect(page.getByLabel('通いやすさ(距離)')).toBeChecked();

  const first = page.getByRole('article').first();
  await expect(first.getByRole('heading', { level: 3 })).toContainText('施設内の清掃(午前)');
  await first.getByLabel('メモ(任意)').fill('見学を提案する');
  await first.getByRole('button', { name: '候補リストに保存' }).click();
  await expect(page.getByRole('status')).toContainText('候補リストに保存しました。');
  await expect(page).toHaveURL(/emphasis=distance/);
  await expect(page.getByRole('article').first().getByText('候補リストに保存済みです')).toBeVisible();
  await checkPage(page);

  await page.getByLabel('はたらく場のID').fill(excludedId);
  await page.getByRole('button', { name: '調べる' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('このはたらく場が候補に出ない理由');
  await expect(page.getByText('本人の希望の曜日・時間帯に合う時間帯がありません。')).toBeVisible();
  await checkPage(page);

  await page.getByRole('link', { name: '候補の一覧に戻る' }).click();
  await page.getByRole('link', { name: '架空 一郎' }).first().click();
  await expect(page.getByText('見学を提案する')).toBeVisible();
});
