/**
 * 通知 end to end: a notice for the demo facility coordinator goes out over real SMTP with a
 * generic subject and a link; the coordinator sees 「未読 1件」 in the header, opens the inbox,
 * follows the notice (now read), and switches to the daily summary. axe on every page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import { notificationSubject } from '../../src/notifications/mail';
import { configureNotifications, notify } from '../../src/notifications/notify';
import { openDatabase } from '../../src/platform/db/connection';
import { startApp } from './app-process';
import { test as appTest, checkPage, demoUsers, expect, signIn } from './fixtures';

type DatabaseFixture = { databasePath: string };

/** The app on a database file this test can write its notice into. */
const test = appTest.extend<object, DatabaseFixture>({
  databasePath: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the fixtures argument to be destructured.
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'hataraku-inbox-'));
      await use(join(dir, 'inbox.db'));
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

test('a coordinator is told by mail and in the inbox, opens the notice and chooses a daily summary', async ({
  page,
  mail,
  app,
  databasePath,
}) => {
  test.setTimeout(60_000);
  const coordinator = demoUsers.facility_coordinator;
  const title = 'デモ事業所 清掃 の受け入れ依頼が届きました(テスト)';

  const database = openDatabase(databasePath);
  try {
    const user = await database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', coordinator.email)
      .executeTakeFirstOrThrow();
    configureNotifications({ baseUrl: app.baseURL });
    await database.db.transaction().execute((trx) =>
      notify(trx, {
        userIds: [user.id],
        kind: 'test',
        title: { ja: title, en: 'Test notice' },
        link: '/opportunities',
      }),
    );
  } finally {
    await database.close();
  }

  // The mail: generic subject, the title and the link, nothing else about anyone.
  let sent: ParsedMail | undefined;
  await expect
    .poll(
      () => {
        sent = mail.messages.find(
          (m) => addressedTo(m, coordinator.email) && m.subject === notificationSubject,
        );
        return Boolean(sent);
      },
      { message: 'the notification mail', timeout: 15_000 },
    )
    .toBe(true);
  expect(sent?.text).toContain(title);
  expect(sent?.text).toContain(`${app.baseURL}/opportunities`);
  expect(sent?.text).not.toContain(coordinator.name);

  await signIn(page, 'facility_coordinator');
  const badge = page.getByRole('link', { name: '通知 未読 1件' });
  await expect(badge).toBeVisible();
  await badge.click();
  await expect(page).toHaveURL('/inbox');
  await expect(page.getByRole('heading', { level: 1, name: '通知' })).toBeVisible();
  await expect(
    page.getByRole('row', { name: new RegExp(`未読.*${title.replace(/[()]/g, '.')}`) }),
  ).toBeVisible();
  await checkPage(page);

  await page.getByRole('link', { name: title }).click();
  await expect(page).toHaveURL('/opportunities');
  await expect(page.getByRole('link', { name: '通知', exact: true })).toBeVisible();
  await checkPage(page);

  await page.goto('/inbox');
  await expect(
    page.getByRole('row', { name: new RegExp(`既読.*${title.replace(/[()]/g, '.')}`) }),
  ).toBeVisible();
  await checkPage(page);

  await page.getByRole('link', { name: 'メールの受け取り方を変更する' }).click();
  await expect(page).toHaveURL('/account/notifications');
  await checkPage(page);
  await page.getByLabel('1日1回まとめて受け取る(毎朝8時)').check();
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('status')).toHaveText('通知の受け取り方を保存しました。');
  await expect(page.getByLabel('1日1回まとめて受け取る(毎朝8時)')).toBeChecked();
  await checkPage(page);
});
