/**
 * Organisations and facilities in a browser: council staff register a corporation and one of its
 * facilities (the 郵便番号 script fills the address), a form with errors, and a corporation
 * admin editing its own facility. axe runs on every page, forms included.
 */
import { checkPage, expect, signIn, test } from './fixtures';

// Each journey runs axe on about eight pages; on a busy two-core machine that can pass 30 s.
test.describe.configure({ timeout: 60_000 });

test('council staff register a corporation and a facility, with the address from the 郵便番号', async ({
  page,
}) => {
  await signIn(page, 'council_staff');
  const menu = page.getByRole('navigation', { name: 'メインメニュー' });
  await menu.getByRole('link', { name: '法人・機関' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('法人・機関');
  await expect(page.getByRole('link', { name: '社会福祉法人 村山苑' })).toBeVisible();

  await page.getByRole('link', { name: '法人・機関を登録する' }).click();
  await checkPage(page);
  await page.getByLabel('社会福祉法人', { exact: true }).check();
  await page.getByLabel('名称').fill('社会福祉法人 こもれび会(架空)');
  await page.getByLabel('ふりがな').fill('こもれびかい');
  await page.getByRole('button', { name: '登録する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('社会福祉法人 こもれび会(架空)');
  await expect(page.getByRole('status')).toContainText('登録しました。');
  await checkPage(page);

  await page.getByRole('link', { name: '事業所を登録する' }).click();
  await checkPage(page);
  // Sent with nothing filled in: every message at its field and in the summary.
  await page.getByRole('button', { name: '登録する' }).click();
  await expect(page.getByRole('alert')).toContainText('事業所名: 入力してください');
  await checkPage(page);

  await page.getByLabel('事業所名').fill('こもれび作業所(架空)');
  await page.getByLabel('フリガナ').fill('コモレビサギョウショ');
  await page.getByLabel('種別').selectOption({ label: '障害' });
  await page.getByLabel('郵便番号').fill('１６０００２３');
  await expect(page.getByRole('combobox', { name: /^区市町村/ })).toHaveValue('131041');
  await expect(page.getByRole('textbox', { name: /^住所/ })).toHaveValue('西新宿');
  await expect(page.locator('#postal-lookup-status')).toContainText(
    '郵便番号から区市町村と住所を入力しました',
  );
  await page.getByRole('textbox', { name: /^住所/ }).fill('西新宿二丁目8番1号');
  await page.getByLabel('駅から徒歩(分)').fill('5');
  await page.getByRole('button', { name: '登録する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('こもれび作業所(架空)');
  await expect(page.locator('main')).toContainText('〒160-0023 東京都新宿区西新宿二丁目8番1号');
  await checkPage(page);

  await page.getByRole('link', { name: '編集する' }).click();
  await checkPage(page);
});

test('a corporation admin edits a facility of its own corporation', async ({ page }) => {
  await signIn(page, 'corporation_admin');
  const menu = page.getByRole('navigation', { name: 'メインメニュー' });
  await menu.getByRole('link', { name: '自法人' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('社会福祉法人 みどりの杜会(架空)');
  await expect(page.getByRole('group', { name: /2段階認証/ })).toBeVisible();
  await menu.getByRole('link', { name: '事業所' }).click();
  await page.getByRole('link', { name: 'みどりの杜 こども園(架空)' }).click();
  await checkPage(page);
  await page.getByRole('link', { name: '編集する' }).click();
  await checkPage(page);
  await page.getByLabel('駅から徒歩(分)').fill('１３０');
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('alert')).toContainText('0から120までの整数で入力してください');
  await checkPage(page);
  await page.getByLabel('駅から徒歩(分)').fill('６');
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('status')).toContainText('事業所の情報を保存しました。');
  await expect(page.locator('main')).toContainText('徒歩6分');
});
