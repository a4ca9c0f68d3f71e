/**
 * From a referral to a placement across three roles, with the real SMTP sink: the counsellor
 * records consent and sends a request from the match results (the referral form); the facility
 * coordinator follows the e-mailed link, schedules a visit (the .ics invitation arrives over
 * SMTP) and then the three-party meeting, fills in the record; the counsellor records the
 * person's and the agency's agreement, the coordinator the facility's; the referral is agreed,
 * the placement exists and the opportunity's open places dropped by one. The counsellor's
 * calendar shows the appointments; the council reads the record. axe on every page visited.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { ParsedMail } from 'mailparser';
import { openDatabase } from '../../src/platform/db/connection';
import { startApp } from './app-process';
import { test as appTest, checkPage, demoUsers, expect, signIn } from './fixtures';

type DatabaseFixture = { databasePath: string };

/** The app on a database file this test can read (open places before and after). */
const test = appTest.extend<object, DatabaseFixture>({
  databasePath: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the fixtures argument to be destructured.
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'hataraku-decision-'));
      await use(join(dir, 'decision.db'));
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  app: [
    async ({ mail, databasePath }, use) => {
      const app = await startApp({ smtpUrl: mail.url, env: { DATABASE_URL: databasePath } });
      await use(app);
      await app.stop();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});

function addressedTo(mail: ParsedMail, email: string): boolean {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.some((address) => address.value.some((v) => v.address === email));
}

/** 'YYYY-MM-DD' in Tokyo, `days` from today. */
function tokyoDate(days: number): string {
  const now = new Date(Date.now() + 9 * 3600_000 + days * 86_400_000);
  return now.toISOString().slice(0, 10);
}

async function openPlaces(databasePath: string, title: string): Promise<number> {
  const database = openDatabase(databasePath);
  try {
    const rows = await database.db
      .selectFrom('opportunity_window')
      .innerJoin('opportunity', 'opportunity.id', 'opportunity_window.opportunity_id')
      .select('opportunity_window.open_places')
      .where('opportunity.title', '=', title)
      .execute();
    return rows.reduce((n, r) => n + Number(r.open_places), 0);
  } finally {
    await database.close();
  }
}

test('counsellor sends, the facility schedules a visit and the meeting, all three agree, the placement exists', async ({
  page,
  browser,
  baseURL,
  mail,
  databasePath,
}) => {
  test.setTimeout(300_000);
  const title = '施設内の清掃(午前)';

  // ── Counsellor: consent, then the request from the match results (the referral form) ──
  await signIn(page, 'counsellor', { next: '/participants' });
  await page.getByRole('link', { name: '架空 一郎' }).click();
  const participantUrl = new URL(page.url()).pathname;
  await page.goto(`${participantUrl}/consents/new`);
  await page.locator('#field-recipient').selectOption({ label: '社会福祉法人 みどりの杜会(架空)(法人全体)' });
  await page.getByLabel('基本情報(氏名・フリガナ・生年月日・性別)').check();
  await page.getByRole('button', { name: '同意を記録する' }).click();
  await expect(page.getByRole('status')).toContainText('同意を記録しました。');
  await checkPage(page);

  await page.goto(`${participantUrl}/matches`);
  await page
    .getByRole('article')
    .filter({ hasText: title })
    .first()
    .getByRole('link', { name: 'この仕事に受け入れ依頼' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('受け入れ依頼を作成');
  await checkPage(page);
  await page.getByLabel('依頼メッセージ').fill('午前中の清掃を希望しています。');
  await page.getByLabel('開始の希望日').fill('令和20年4月1日');
  await page.getByLabel('月曜日 開始').fill('9:00');
  await page.getByLabel('月曜日 終了').fill('11:00');
  await page.getByRole('button', { name: '依頼を送信する' }).click();
  await expect(page.getByRole('status')).toContainText('受け入れ依頼を送信しました。');
  const referralPath = new URL(page.url()).pathname;
  await checkPage(page);
  const placesBefore = await openPlaces(databasePath, title);

  // ── Facility coordinator follows the link in the e-mail ──
  const coordinator = demoUsers.facility_coordinator;
  let notice: ParsedMail | undefined;
  await expect
    .poll(
      () => {
        notice = mail.messages.find(
          (m) => addressedTo(m, coordinator.email) && (m.text ?? '').includes(referralPath),
        );
        return Boolean(notice);
      },
      { message: 'the mail telling the facility of the request', timeout: 30_000 },
    )
    .toBe(true);
  expect(notice?.text).not.toContain('架空 一郎');
  const link = new URL(/https?:\/\/\S+/.exec(notice?.text ?? '')?.[0] ?? '');
  expect(link.pathname).toBe(referralPath);

  const facilityContext = await browser.newContext({ baseURL });
  const facility: Page = await facilityContext.newPage();
  await signIn(facility, 'facility_coordinator', { next: link.pathname });
  await expect(
    facility.getByRole('heading', { level: 2, name: '日程(見学・面接・体験・三者協議)' }),
  ).toBeVisible();

  // A visit: a past date is refused with the values kept, then it is scheduled.
  await facility.getByRole('link', { name: '日程の一覧・登録' }).click();
  await checkPage(facility);
  await facility.getByRole('link', { name: '日程を登録' }).click();
  await expect(facility.getByRole('heading', { level: 1 })).toHaveText('日程を登録');
  await checkPage(facility);
  await facility.getByRole('radio', { name: '見学' }).check();
  await facility.getByLabel('日付').fill(tokyoDate(-1));
  await facility.getByLabel('開始時刻').fill('10:00');
  await facility.getByLabel('終了時刻').fill('11:00');
  await facility.locator('#field-place').fill('みどりの杜 ケアセンター 1階 相談室');
  await facility.getByRole('button', { name: '日程を登録する' }).click();
  await expect(facility.getByRole('alert')).toContainText('過去の日付は登録できません');
  await expect(facility.locator('#field-place')).toHaveValue('みどりの杜 ケアセンター 1階 相談室');
  await checkPage(facility);
  await facility.getByLabel('日付').fill(tokyoDate(3));
  await facility.getByRole('button', { name: '日程を登録する' }).click();
  await expect(facility.getByRole('status')).toContainText('日程を登録し、招待メールを送りました。');
  await checkPage(facility);

  // The counsellor's invitation arrives over SMTP with an .ics (METHOD:REQUEST, Asia/Tokyo).
  const counsellor = demoUsers.counsellor;
  let invitation: ParsedMail | undefined;
  await expect
    .poll(
      () => {
        invitation = mail.messages.find(
          (m) =>
            addressedTo(m, counsellor.email) &&
            (m.subject ?? '').includes('見学の日程のご案内') &&
            (m.text ?? '').includes(referralPath),
        );
        return Boolean(invitation);
      },
      { message: 'the visit invitation', timeout: 30_000 },
    )
    .toBe(true);
  expect(invitation?.text).toContain('1階 相談室');
  expect(invitation?.text).not.toContain('架空 一郎');
  const ics =
    invitation?.attachments.find((a) => a.filename === 'invite.ics')?.content.toString('utf8') ?? '';
  expect(ics).toContain('METHOD:REQUEST');
  expect(ics).toContain(`DTSTART;TZID=Asia/Tokyo:${tokyoDate(3).replaceAll('-', '')}T100000`);

  // The three-party meeting, today.
  await facility.getByRole('link', { name: '日程を登録' }).click();
  await facility.getByRole('radio', { name: '三者協議' }).check();
  await facility.getByLabel('日付').fill(tokyoDate(0));
  await facility.getByLabel('開始時刻').fill('23:00');
  await facility.getByLabel('終了時刻').fill('23:30');
  await facility.locator('#field-place').fill('2階 会議室');
  await facility.getByLabel('ご本人が参加する').check();
  await facility.getByRole('button', { name: '日程を登録する' }).click();
  await expect(facility.getByRole('status')).toContainText('招待メールを送りました');
  await checkPage(facility);

  // The record: a start before the meeting is refused, then the draft is saved.
  await facility.goto(`${referralPath}/meeting-record`);
  await expect(facility.getByRole('heading', { level: 1 })).toHaveText('三者協議の記録');
  await checkPage(facility);
  await facility.getByLabel('協議の日').fill(tokyoDate(0));
  await facility.getByLabel('相談支援機関の参加者').fill('相談 支援健太');
  await facility.getByLabel('事業所の参加者').fill('受入 担当美咲');
  await facility.getByLabel('就労形態').selectOption({ label: 'B 就労訓練(非雇用型)' });
  await facility.getByLabel('開始日').fill(tokyoDate(-1));
  await facility.getByLabel('月曜日 開始', { exact: true }).fill('9:00');
  await facility.getByLabel('月曜日 終了', { exact: true }).fill('11:00');
  await facility.getByLabel('清掃', { exact: true }).check();
  await facility.getByLabel('工賃・賃金').fill('なし(非雇用型)');
  await facility.getByRole('button', { name: '下書きを保存する' }).click();
  await expect(facility.getByRole('alert')).toContainText('開始日は協議の日より前にできません');
  await expect(facility.getByLabel('事業所の参加者')).toHaveValue('受入 担当美咲');
  await checkPage(facility);
  await facility.getByLabel('開始日').fill(tokyoDate(14));
  await facility.getByRole('button', { name: '下書きを保存する' }).click();
  await expect(facility.getByRole('status')).toContainText('記録を保存しました。');
  await expect(facility.getByText('支援決定を受けています。')).toBeVisible();
  await checkPage(facility);

  // ── Counsellor records the person's and the agency's agreement ──
  await page.goto(`${referralPath}/meeting-record`);
  await checkPage(page);
  for (const party of ['ご本人', '相談支援機関']) {
    await page.getByRole('radio', { name: party, exact: true }).check();
    await page.getByRole('button', { name: '合意を記録する' }).click();
    await expect(page.getByRole('status')).toContainText('合意を記録しました。');
    await checkPage(page);
  }
  const pdf = await page.request.get(`${referralPath}/meeting-record.pdf`);
  expect(pdf.headers()['content-type']).toBe('application/pdf');

  // ── The facility's agreement completes it: placement, agreed referral ──
  await facility.goto(`${referralPath}/meeting-record`);
  await facility.getByRole('radio', { name: '事業所', exact: true }).check();
  await facility.getByRole('button', { name: '合意を記録する' }).click();
  await expect(facility.getByRole('status')).toContainText(
    '三者の合意がそろい、はたらく場の決定を登録しました。',
  );
  await expect(facility.getByText('合意・決定済み')).toBeVisible();
  await checkPage(facility);
  await facility.getByRole('link', { name: '登録されたはたらく場の決定を見る' }).click();
  await expect(facility.getByRole('heading', { level: 1 })).toBeVisible();
  expect(new URL(facility.url()).pathname).toMatch(/^\/placements\/[0-9a-f-]{36}$/);
  await checkPage(facility);
  await facilityContext.close();

  await page.goto(referralPath);
  await expect(page.getByText('合意(はたらく場の決定)').first()).toBeVisible();
  await checkPage(page);
  expect(await openPlaces(databasePath, title)).toBe(placesBefore - 1);

  // The counsellor's calendar lists the visit, with the weekday in Japanese and 和暦.
  await page.goto('/calendar');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('予定表');
  await expect(page.getByText('みどりの杜 ケアセンター 1階 相談室')).toBeVisible();
  await checkPage(page);

  // ── Council: reads the record, cannot change it ──
  const councilContext = await browser.newContext({ baseURL });
  const council: Page = await councilContext.newPage();
  await signIn(council, 'council_staff', { next: `${referralPath}/meeting-record` });
  await expect(council.getByText('合意・決定済み')).toBeVisible();
  await expect(council.getByRole('button', { name: '合意を記録する' })).toHaveCount(0);
  await checkPage(council);
  await councilContext.close();
});
