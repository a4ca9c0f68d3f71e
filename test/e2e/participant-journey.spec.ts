/**
 * A counsellor's first meeting with a person, in a browser: registers the (fictional) person,
 * records an assessment, records a consent to share with the demo corporation, and prints the
 * consent form. The PDF's first page is rendered to an image (pdftoppm) and checked: the text
 * layer (pdftotext) holds the person's name, and the rendered page is not blank (dark pixels
 * counted in a greyscale rendering). axe runs on every page visited.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkPage, expect, signIn, test } from './fixtures';

test.describe.configure({ timeout: 90_000 });

/** Share of pixels darker than mid-grey in a binary PGM (P5) image. */
function darkShare(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const [all, width, height] = header;
  const pixels = pgm.subarray(all.length, all.length + Number(width) * Number(height));
  let dark = 0;
  for (const value of pixels) if (value < 128) dark += 1;
  return dark / pixels.length;
}

test('a counsellor registers a person, assesses, records consent and prints the consent form', async ({
  page,
}, testInfo) => {
  const name = '架空 みどり';
  await signIn(page, 'counsellor', { next: '/participants' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('就労希望者');

  await page.getByRole('link', { name: '就労希望者を登録する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('就労希望者を登録');
  await checkPage(page);
  await page.locator('#field-name').fill(name);
  await page.locator('#field-name_kana').fill('カクウ ミドリ');
  await page.locator('#field-birth_date').fill('平成9年5月3日');
  await page.locator('#field-phone').fill('090-0000-1234');
  await page.locator('#field-case_number').fill('E2E-0001');
  await page.locator('#field-easy_japanese').check();
  await page.getByRole('button', { name: '登録する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  await expect(page.getByRole('status')).toContainText('就労希望者を登録しました。');
  await checkPage(page);
  const participantUrl = new URL(page.url()).pathname;

  await page.getByRole('link', { name: 'アセスメントを記録する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('アセスメントを記録');
  await checkPage(page);
  await page.locator('#field-strengths').fill('こつこつと丁寧に作業できる');
  await page.locator('#field-goal_short').fill('週2日、午前中に通う');
  await page.getByRole('button', { name: 'アセスメントを記録する' }).click();
  await expect(page).toHaveURL(new RegExp(`${participantUrl}\\?assessed=1`));
  await expect(page.getByRole('status')).toContainText('アセスメント(第1版)を記録しました。');
  await checkPage(page);

  await page.getByRole('link', { name: '同意を記録する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('同意を記録');
  await checkPage(page);
  await page.locator('#field-recipient').selectOption({ label: '社会福祉法人 みどりの杜会(架空)(法人全体)' });
  await page.getByLabel('基本情報(氏名・フリガナ・生年月日・性別)').check();
  await page.getByLabel('アセスメントの概要').check();
  await expect(page.locator('#field-purpose')).toHaveValue('はたらく場の受け入れ調整のため');
  await page.getByRole('button', { name: '同意を記録する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('情報提供の同意');
  await expect(page.getByRole('status')).toContainText('同意を記録しました。');
  await expect(page.getByRole('table')).toContainText('社会福祉法人 みどりの杜会(架空)');
  await expect(page.getByRole('table')).toContainText('有効');
  await checkPage(page);

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: '同意書を印刷(PDF)' }).click();
  const dir = testInfo.outputPath('consent');
  mkdirSync(dir, { recursive: true });
  const pdfPath = join(dir, 'consent-form.pdf');
  await (await download).saveAs(pdfPath);
  expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');

  // The text layer: the person's name, the title and the signature line.
  const text = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', pdfPath, '-']).toString();
  const flat = text.replace(/\s+/g, '');
  expect(flat).toContain(name.replace(/\s+/g, ''));
  expect(flat).toContain('個人情報の提供についての同意書');
  expect(flat).toContain('署名');
  expect(flat).toContain('かくうみどり'); // the reading above the name: the person asked for furigana

  // The first page as an image: a PNG to look at, and a greyscale rendering to count ink.
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '80',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    pdfPath,
    join(dir, 'page-1'),
  ]);
  const png = join(dir, 'page-1.png');
  expect(statSync(png).size).toBeGreaterThan(20_000);
  execFileSync('pdftoppm', [
    '-gray',
    '-r',
    '50',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    pdfPath,
    join(dir, 'page-1'),
  ]);
  const share = darkShare(readFileSync(join(dir, 'page-1.pgm')));
  // Text, table rules and the signature box: some ink, but far from a black page.
  expect(share).toBeGreaterThan(0.01);
  expect(share).toBeLessThan(0.5);
  await testInfo.attach('consent-form-page-1.png', { path: png, contentType: 'image/png' });

  await page.goto(participantUrl);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  await checkPage(page);

  // The other forms on the case, each with its error state: withdrawal, closing, transfer.
  await page.getByRole('link', { name: '同意の記録を見る' }).click();
  await page.getByRole('link', { name: '撤回を記録' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('同意の撤回を記録');
  await checkPage(page);
  await page.locator('#field-revoked_on').fill('2999-01-01');
  await page.getByRole('button', { name: '撤回を記録する' }).click();
  await expect(page.locator('#field-revoked_on-error')).toContainText('未来の日付は入力できません');
  await checkPage(page);

  await page.goto(participantUrl);
  await page.getByRole('link', { name: 'ケースを終結する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ケースを終結');
  await checkPage(page);
  await page.getByRole('button', { name: '終結する' }).click();
  await expect(page.locator('#field-reason-error')).toContainText('入力してください');
  await checkPage(page);

  await page.goto(participantUrl);
  await page.getByRole('link', { name: '他の相談支援機関へ移管する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('他の相談支援機関へ移管');
  await checkPage(page);
  await page.getByRole('button', { name: '移管する' }).click();
  await expect(page.locator('#field-consented-error')).toContainText(
    '本人の同意を得てからチェックを入れてください',
  );
  await checkPage(page);
});
