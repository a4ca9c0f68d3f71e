/**
 * はたらく場の決定 pages in the browser, axe on every page: the counsellor sees the placement on the
 * participant's page and opens it; the facility coordinator sees it among the facility's current
 * placements without the person's name; council staff find it among those waiting for a 支援決定
 * and confirm it; the counsellor ends it (a bad date first). The placement is prepared in the
 * database before the app starts (the referral journey creates one through the UI).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPlacementIn } from '../../src/placements/service';
import { openDatabase } from '../../src/platform/db/connection';
import { migrateToLatest } from '../../src/platform/db/migrate';
import { syncMunicipalities } from '../../src/reference/store';
import { createOpportunity } from '../../src/registry/opportunities/service';
import { opportunityInput } from '../../src/registry/opportunities/test-support';
import { seedDemo } from '../../src/seed/demo';
import { startApp } from './app-process';
import { test as base, checkPage, demoUsers, expect, signIn } from './fixtures';

const noAudit = { userId: null, organisationId: null, requestId: 'e2e', ip: null };
const opportunityTitle = '配置確認用 洗濯物たたみ(架空)';

/** A demo database with one placement waiting for a 支援決定 at the coordinator's facility. */
async function preparedDatabase(): Promise<{ url: string; facilityId: string; participantName: string }> {
  const url = join(mkdtempSync(join(tmpdir(), 'hataraku-e2e-placements-')), 'e2e.db');
  const database = openDatabase(url);
  const db = database.db;
  await migrateToLatest(db);
  await syncMunicipalities(db);
  await seedDemo(db);
  const user = async (email: string) =>
    db
      .selectFrom('app_user')
      .select(['id', 'role', 'organisation_id'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
  const council = await user(demoUsers.council_admin.email);
  const coordinator = await user(demoUsers.facility_coordinator.email);
  const counsellor = await user(demoUsers.counsellor.email);
  const { facility_id: facilityId } = await db
    .selectFrom('facility_assignment')
    .select('facility_id')
    .where('user_id', '=', coordinator.id)
    .executeTakeFirstOrThrow();
  const participant = await db
    .selectFrom('participant')
    .select(['id', 'name'])
    .where('agency_id', '=', counsellor.organisation_id)
    .orderBy('name')
    .executeTakeFirstOrThrow();
  const created = await createOpportunity(
    db,
    { userId: council.id, role: 'council_admin', organisationId: council.organisation_id, facilityIds: [] },
    facilityId,
    opportunityInput({ title: opportunityTitle }),
    noAudit,
    { status: 'published', isDemo: true },
  );
  if (created.status !== 'ok') throw new Error(JSON.stringify(created));
  const placement = await db.transaction().execute((trx) =>
    createPlacementIn(trx, {
      participantId: participant.id,
      opportunityId: created.id,
      workForm: 'b_unpaid',
      startDate: '2026-12-07',
      schedule: [
        { weekday: 1, start: '09:00', end: '11:00' },
        { weekday: 3, start: '09:00', end: '11:00' },
      ],
      status: 'awaiting_support_decision',
      counsellorUserId: counsellor.id,
      facilityContactName: '受入 担当美咲',
      actor: noAudit,
    }),
  );
  if (!placement.ok) throw new Error(JSON.stringify(placement));
  await database.close();
  return { url, facilityId, participantName: participant.name };
}

const test = base.extend<object, { prepared: Awaited<ReturnType<typeof preparedDatabase>> }>({
  prepared: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the fixtures argument to be destructured.
    async ({}, use) => {
      await use(await preparedDatabase());
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  app: [
    async ({ mail, prepared }, use) => {
      const app = await startApp({ smtpUrl: mail.url, env: { DATABASE_URL: prepared.url } });
      await use(app);
      await app.stop();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});

test.describe
  .serial('はたらく場の決定', () => {
    test('the counsellor sees it on the participant page and opens it', async ({ page, prepared }) => {
      await signIn(page, 'counsellor', { next: '/participants' });
      await page.getByRole('link', { name: prepared.participantName }).click();
      const section = page.locator('section', {
        has: page.getByRole('heading', { level: 2, name: 'はたらく場の決定' }),
      });
      await expect(section.getByRole('cell', { name: opportunityTitle })).toBeVisible();
      await expect(section.getByText('月 09:00〜11:00、水 09:00〜11:00')).toBeVisible();
      await checkPage(page);
      await section.getByRole('row', { name: opportunityTitle }).getByRole('link').click();
      await expect(page.getByRole('heading', { level: 1 })).toContainText('はたらく場の決定');
      await expect(page.getByText(prepared.participantName)).toBeVisible();
      await expect(page.getByText('支援決定待ち')).toBeVisible();
      await checkPage(page);
    });

    test('the facility coordinator sees it on the facility page, without the name', async ({
      page,
      prepared,
    }) => {
      await signIn(page, 'facility_coordinator', { next: `/facilities/${prepared.facilityId}` });
      await expect(
        page.getByRole('heading', { level: 2, name: 'この事業所で就労・訓練中の方' }),
      ).toBeVisible();
      await expect(page.getByText(prepared.participantName)).toHaveCount(0);
      await checkPage(page);
      await page
        .locator('#facility-placements-section + p + .table-wrap')
        .getByRole('row', { name: opportunityTitle })
        .getByRole('link')
        .click();
      await expect(page.getByText('受け入れ依頼で共有された情報をご覧ください')).toBeVisible();
      await checkPage(page);
    });

    test('council staff confirm the 支援決定 from the list of those waiting', async ({ page, prepared }) => {
      await signIn(page, 'council_staff', { next: '/placements' });
      await page.getByRole('link', { name: '支援決定待ち' }).click();
      await expect(page).toHaveURL(/status=awaiting_support_decision/);
      await checkPage(page);
      await page.getByRole('row', { name: opportunityTitle }).getByRole('link').click();
      await expect(page.getByText(prepared.participantName)).toHaveCount(0);
      await checkPage(page);
      await page.getByRole('button', { name: '支援決定を確認' }).click();
      await expect(page.getByRole('status')).toContainText('支援決定を確認しました');
      await expect(page.getByText('就労・訓練中', { exact: true })).toBeVisible();
      await checkPage(page);
    });

    test('the counsellor ends it, after a clear message for a date before the start', async ({
      page,
      prepared,
    }) => {
      await signIn(page, 'counsellor', { next: '/placements' });
      await page.getByRole('row', { name: opportunityTitle }).getByRole('link').click();
      await page.getByLabel('終了日').fill('2026-11-30');
      await page.getByRole('button', { name: '終了する' }).click();
      await expect(page.getByRole('alert')).toContainText('終了日は開始日以降の日付にしてください。');
      await expect(page.getByLabel('終了日')).toHaveValue('2026-11-30');
      await checkPage(page);
      await page.getByLabel('終了日').fill('2027-03-31');
      await page.getByRole('button', { name: '終了する' }).click();
      await expect(page.getByRole('status')).toContainText('はたらく場の決定を終了しました');
      await expect(page.getByText(prepared.participantName)).toBeVisible();
      await checkPage(page);
    });
  });
