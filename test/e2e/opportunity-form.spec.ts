/**
 * A facility coordinator registers a はたらく場 through the form: a first post with an end time
 * before the start and a capacity of 100 comes back with Japanese errors at those fields and
 * everything typed kept; corrected, it is saved as a draft, published, edited (the history names
 * the changed field) and confirmed as up to date. Its public summary shows no contact person.
 * axe runs on every page visited, the error page included.
 */
import { checkPage, demoUsers, expect, signIn, test } from './fixtures';

// Eleven pages, each analysed by axe (the form is long): a minute is not enough on a busy machine.
test.describe.configure({ timeout: 120_000 });

const facilityName = 'みどりの杜 ケアセンター(架空)';
const title = 'E2E 中庭の落ち葉掃き(架空)';

test('a facility coordinator registers, publishes, edits and confirms a はたらく場', async ({ page }) => {
  await signIn(page, 'facility_coordinator');
  await page.goto('/opportunities');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('はたらく場');
  await checkPage(page);

  await page.getByRole('link', { name: `はたらく場を登録する(${facilityName})` }).click();
  await expect(page).toHaveURL(/\/facilities\/[^/]+\/opportunities\/new$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('はたらく場を登録');
  await checkPage(page);

  await page.getByLabel(/^はたらく場の名前/).fill(title);
  await page.getByLabel(/^仕事の説明/).fill('中庭の落ち葉を掃いて袋にまとめます。');
  await page.getByRole('checkbox', { name: '清掃', exact: true }).check();
  await page.getByRole('radio', { name: '屋外', exact: true }).check();
  await page.getByRole('radio', { name: '軽い', exact: true }).check();
  await page.getByRole('checkbox', { name: 'A 短期就労型(非雇用型)' }).check();
  const firstRow = page.getByRole('group', { name: '1行目' });
  await firstRow.getByLabel('曜日').selectOption({ label: '火曜日' });
  await firstRow.getByLabel('開始').fill('10:00');
  await firstRow.getByLabel('終了').fill('9:30');
  await firstRow.getByLabel(/^定員/).fill('100');
  await page.getByLabel('見学できる').check();
  await page.getByRole('button', { name: '下書きとして登録する' }).click();

  // Nothing was saved: the same form comes back with the errors at their fields.
  await expect(page).toHaveURL(/\/facilities\/[^/]+\/opportunities\/new$/);
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('終了時刻は開始時刻より後にしてください');
  await expect(summary).toContainText('定員は0から99までの整数で入力してください');
  await expect(firstRow.getByLabel('終了')).toHaveAccessibleDescription(
    '終了時刻は開始時刻より後にしてください',
  );
  await expect(firstRow.getByLabel('終了')).toHaveAttribute('aria-invalid', 'true');
  await expect(firstRow.getByLabel(/^定員/)).toHaveAccessibleDescription(
    '定員は0から99までの整数で入力してください',
  );
  await expect(page.getByLabel(/^はたらく場の名前/)).toHaveValue(title);
  await expect(page.getByLabel(/^仕事の説明/)).toHaveValue('中庭の落ち葉を掃いて袋にまとめます。');
  await expect(page.getByRole('radio', { name: '屋外', exact: true })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'A 短期就労型(非雇用型)' })).toBeChecked();
  await expect(page.getByLabel('見学できる')).toBeChecked();
  await expect(firstRow.getByLabel('曜日')).toHaveValue('2');
  await expect(firstRow.getByLabel('開始')).toHaveValue('10:00');
  await expect(firstRow.getByLabel(/^定員/)).toHaveValue('100');
  await checkPage(page);

  // The summary's link takes the keyboard to the field.
  await summary.getByRole('link', { name: /終了時刻は開始時刻より後にしてください/ }).click();
  await expect(firstRow.getByLabel('終了')).toBeFocused();

  await firstRow.getByLabel('終了').fill('11:30');
  await firstRow.getByLabel(/^定員/).fill('2');
  await page.getByRole('button', { name: '下書きとして登録する' }).click();
  await expect(page).toHaveURL(/\/opportunities\/[^/]+\?created=1$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByRole('status')).toContainText('下書きとして登録しました');
  await expect(page.locator('main')).toContainText('下書き');
  await checkPage(page);
  const opportunityUrl = page.url().replace(/\?.*$/, '');
  const id = opportunityUrl.split('/').pop() ?? '';

  await page.getByRole('button', { name: '公開する' }).click();
  await expect(page.getByRole('status')).toContainText('状態を変更しました');
  await expect(page.getByRole('table', { name: '変更履歴' })).toContainText(
    '状態の変更: 下書き → 公開中(受付中)',
  );
  await checkPage(page);

  await page.getByRole('link', { name: '編集する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('はたらく場を編集');
  await expect(page.getByLabel(/^はたらく場の名前/)).toHaveValue(title);
  await expect(page.getByRole('group', { name: '1行目' }).getByLabel('終了')).toHaveValue('11:30');
  await checkPage(page);
  await page.getByLabel(/^持ち物/).fill('軍手、飲み物');
  await page.getByRole('button', { name: '保存する', exact: true }).click();
  await expect(page).toHaveURL(`${opportunityUrl}?saved=1`);
  await expect(page.getByRole('status')).toContainText('はたらく場の情報を保存しました');
  await expect(page.locator('main')).toContainText('軍手、飲み物');
  await expect(page.getByRole('table', { name: '変更履歴' })).toContainText('編集: 持ち物');
  await checkPage(page);

  await page.getByRole('button', { name: /内容に変更はありません/ }).click();
  await expect(page.getByRole('status')).toContainText('内容が最新であることを確認しました');
  await expect(page.getByRole('table', { name: '変更履歴' })).toContainText('内容の確認');
  await checkPage(page);

  // The public summary is for anyone: signed out, it still opens, without the contact person.
  await page.context().clearCookies();
  await page.goto(`/p/opportunities/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.locator('main')).toContainText('受付中');
  await expect(page.locator('main')).toContainText('軍手、飲み物');
  const contact = demoUsers.facility_coordinator;
  await expect(page.locator('main')).not.toContainText(contact.name);
  await expect(page.locator('main')).not.toContainText(contact.email);
  await expect(page.getByRole('heading', { name: '連絡先(就労支援担当者)' })).toHaveCount(0);
  await checkPage(page);
});
