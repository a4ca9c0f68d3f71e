/**
 * A referral (受け入れ依頼) between two roles: the counsellor records consent, sends a request
 * from a match result; the facility coordinator opens it from the inbox, asks a question; the
 * counsellor answers; the coordinator declines with a reason; the council reads it and the
 * closing-reason list. axe runs on every page. (The journey to a placement is meetings'.)
 */
import type { Page } from '@playwright/test';
import { checkPage, expect, signIn, test } from './fixtures';

test('counsellor sends, the facility asks, the counsellor answers, the facility declines', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  // ── Counsellor: consent, then a request from the match results ──
  await signIn(page, 'counsellor', { next: '/participants' });
  await page.getByRole('link', { name: '架空 一郎' }).click();
  const participantUrl = new URL(page.url()).pathname;
  await expect(page.getByRole('heading', { level: 2, name: '受け入れ依頼' })).toBeVisible();
  await page.getByRole('link', { name: '受け入れ依頼を作成' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('受け入れ依頼を作成');
  await checkPage(page);

  await page.goto(`${participantUrl}/consents/new`);
  await checkPage(page);
  await page.locator('#field-recipient').selectOption({ label: '社会福祉法人 みどりの杜会(架空)(法人全体)' });
  await page.getByLabel('基本情報(氏名・フリガナ・生年月日・性別)').check();
  await page.getByLabel('アセスメントの概要').check();
  await page.getByRole('button', { name: '同意を記録する' }).click();
  await expect(page.getByRole('status')).toContainText('同意を記録しました。');
  await checkPage(page);

  await page.goto(`${participantUrl}/matches`);
  await checkPage(page);
  const result = page.getByRole('article').filter({ hasText: '施設内の清掃(午前)' }).first();
  await result.getByRole('link', { name: 'この仕事に受け入れ依頼' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('受け入れ依頼を作成');
  await expect(page.getByText('施設内の清掃(午前)').first()).toBeVisible();
  await checkPage(page);

  await page.getByLabel('依頼メッセージ').fill('午前中の清掃を希望しています。週2日から始めたいです。');
  await page.getByLabel('開始の希望日').fill('令和20年4月1日');
  await page.getByLabel('月曜日 開始').fill('9:00');
  await page.getByLabel('月曜日 終了').fill('11:00');
  await page.getByLabel('水曜日 開始').fill('9:00');
  await page.getByLabel('水曜日 終了').fill('11:00');
  await expect(page.getByLabel('基本情報(氏名・フリガナ・生年月日・性別)')).toBeChecked();
  await page.getByRole('button', { name: '依頼を送信する' }).click();
  await expect(page.getByRole('status')).toContainText('受け入れ依頼を送信しました。');
  await expect(page.getByText('送信済み(未読)').first()).toBeVisible();
  const referralUrl = new URL(page.url()).pathname;
  await checkPage(page);

  // A repeated send (browser back + submit again) makes no second request.
  await page.goBack();
  await page.getByRole('button', { name: '依頼を送信する' }).click();
  await expect(page).toHaveURL(new RegExp(`${referralUrl}\\?repeated=1`));
  await expect(page.getByRole('status')).toContainText('二重送信');

  await page.goto('/referrals');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('受け入れ依頼');
  await expect(page.getByRole('link', { name: '施設内の清掃(午前)' })).toHaveCount(1);
  await checkPage(page);

  // ── Facility coordinator: from the inbox to the request ──
  const facilityContext = await browser.newContext({ baseURL });
  const facility: Page = await facilityContext.newPage();
  await signIn(facility, 'facility_coordinator', { next: '/inbox' });
  await facility
    .getByRole('link', { name: /新しい受け入れ依頼/ })
    .first()
    .click();
  await expect(facility).toHaveURL(new RegExp(referralUrl));
  await expect(facility.getByText('事業所が確認済み').first()).toBeVisible();
  await expect(facility.getByRole('heading', { level: 2, name: '提供された情報' })).toBeVisible();
  await expect(facility.getByText('架空 一郎')).toBeVisible();
  await checkPage(facility);

  await facility.getByRole('button', { name: '質問する' }).click();
  await expect(facility.getByText('事業所から質問あり').first()).toBeVisible();
  await facility.getByLabel('メッセージ', { exact: false }).first().fill('通勤の方法を教えてください。');
  await facility.getByRole('button', { name: 'メッセージを送る' }).click();
  await expect(facility.getByRole('status')).toContainText('メッセージを送信しました。');
  await checkPage(facility);

  await facility.goto('/referrals');
  await expect(facility.getByText('あなたの回答待ち').first()).toBeVisible();
  await checkPage(facility);

  // ── Counsellor answers ──
  await page.goto(referralUrl);
  await expect(page.getByText('通勤の方法を教えてください。')).toBeVisible();
  await page.getByLabel('メッセージ', { exact: false }).first().fill('電車で20分ほどです。');
  await page.getByRole('button', { name: 'メッセージを送る' }).click();
  await page.getByRole('button', { name: '質問に回答する' }).click();
  await expect(page.getByRole('status')).toContainText('状態を更新しました。');
  await expect(page.getByText('事業所が確認済み').first()).toBeVisible();
  await checkPage(page);

  // ── Facility declines: a reason is needed ──
  await facility.goto(referralUrl);
  const decline = facility.getByRole('group', { name: 'お断りする' });
  await decline.getByRole('button', { name: 'お断りする' }).click();
  await expect(facility.getByRole('alert')).toContainText('理由を選んでください。');
  await checkPage(facility);
  await facility
    .getByRole('group', { name: 'お断りする' })
    .getByLabel('理由')
    .selectOption({ label: '曜日・時間が合わない' });
  await facility
    .getByRole('group', { name: 'お断りする' })
    .getByRole('button', { name: 'お断りする' })
    .click();
  await expect(facility.getByText('事業所がお断り').first()).toBeVisible();
  await expect(facility.getByText('終了したため')).toBeVisible();
  await expect(facility.getByText('架空 一郎')).toHaveCount(0);
  await checkPage(facility);
  await facilityContext.close();

  // ── Counsellor sees the outcome ──
  await page.goto(referralUrl);
  await expect(page.getByText('曜日・時間が合わない').first()).toBeVisible();
  await checkPage(page);

  // ── Council: state and timeline without personal data, the reason list ──
  const councilContext = await browser.newContext({ baseURL });
  const council: Page = await councilContext.newPage();
  await signIn(council, 'council_staff', { next: '/referrals' });
  await council.getByRole('link', { name: '施設内の清掃(午前)' }).first().click();
  await expect(council.getByText('事業所がお断り').first()).toBeVisible();
  await expect(council.getByText('架空 一郎')).toHaveCount(0);
  await checkPage(council);
  await council.goto('/referrals/reasons');
  await expect(council.getByRole('heading', { level: 1 })).toHaveText('受け入れ依頼の終了理由');
  await checkPage(council);
  await councilContext.close();
});
