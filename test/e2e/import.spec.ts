/**
 * The はたらく場 import in a browser: a corporation admin downloads the template, uploads a CSV
 * with a mistake (the preview names row and column, nothing is registered), uploads it corrected,
 * confirms, and finds the new はたらく場 in the list. axe runs on every page.
 */
import { readFile } from 'node:fs/promises';
import { checkPage, expect, signIn, test } from './fixtures';

test.describe.configure({ timeout: 60_000 });

test('a corporation admin imports はたらく場 from a CSV after checking the preview', async ({ page }) => {
  await signIn(page, 'corporation_admin', { next: '/opportunities/import' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('はたらく場を一括登録(Excel・CSV)');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'ひな形をダウンロード(CSV形式 .csv)' }).click();
  const template = await readFile((await (await download).path()) ?? '', 'utf8');
  expect(template.startsWith('\uFEFF事業所,はたらく場の名前')).toBe(true);
  const [header = '', example = ''] = template.replace(/^\uFEFF/, '').split('\r\n');
  // Two rows from the template's example: the second with an end time before its start.
  const row = (title: string, windows: string) =>
    example
      .replace('リネン類のたたみと配布(午後・架空の例)', title)
      .replace('月水金 13:00-15:00 2名; 土 10:00-12:00 1名', windows);
  const sheet = (windows: string) =>
    [
      header,
      row('E2E 花壇の水やり(架空)', '火木 9:00-10:30 1名'),
      row('E2E 備品の袋詰め(架空)', windows),
    ].join('\r\n');

  const fileInput = page.getByLabel('登録シートのファイル');
  await fileInput.setInputFiles({
    name: 'sheet.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(sheet('水 15:00-14:00 2名')),
  });
  await page.getByRole('button', { name: 'アップロードして内容を確認する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('一括登録の確認');
  await expect(page.getByRole('alert')).toContainText('1行に誤りがあります(1か所)。何も登録していません。');
  await expect(page.locator('main')).toContainText(
    '3行目 『曜日と時間』: 「水 15:00-14:00 2名」: 終了時刻は開始時刻より後にしてください',
  );
  await expect(page.getByRole('button', { name: /件を登録する$/ })).toHaveCount(0);
  await checkPage(page);

  await page.getByRole('link', { name: '別のファイルをアップロードする' }).click();
  await checkPage(page);
  await page.getByLabel('登録シートのファイル').setInputFiles({
    name: 'sheet.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(sheet('水 14:00-15:00 2名')),
  });
  await page.getByRole('button', { name: 'アップロードして内容を確認する' }).click();
  await expect(page.getByRole('heading', { name: '2件のはたらく場を登録できます' })).toBeVisible();
  await expect(page.getByRole('table')).toContainText('E2E 備品の袋詰め(架空)');
  await expect(page.getByRole('table')).toContainText('火木 09:00-10:30 1名');
  await checkPage(page);

  await page.getByRole('button', { name: '2件を登録する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('一括登録が終わりました');
  await expect(page.getByRole('status')).toContainText('2件のはたらく場を登録しました。');
  await checkPage(page);

  await page.getByRole('link', { name: 'はたらく場の一覧へ' }).click();
  await expect(page.locator('main')).toContainText('E2E 花壇の水やり(架空)');
  await expect(page.locator('main')).toContainText('E2E 備品の袋詰め(架空)');
  await checkPage(page);

  await page.getByRole('link', { name: 'E2E 備品の袋詰め(架空)' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('E2E 備品の袋詰め(架空)');
  await checkPage(page);
});
