/**
 * The fixtures every journey uses. Per worker: a real SMTP sink (src/platform/mail/test-smtp-sink)
 * and the app as a child process on a fresh SQLite database with the demo data (`app`, `mail`).
 * Per test: `baseURL` pointing at that app, and
 * the helpers `signIn`, `checkA11y` (axe, WCAG 2.1 A/AA, zero violations) and `checkPage`
 * (the demo banner + axe), which every journey calls on every page it visits.
 */
import { createHash } from 'node:crypto';
import { AxeBuilder } from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import type { Role } from '../../src/platform/db/schema';
import { type SmtpSink, startSmtpSink } from '../../src/platform/mail/test-smtp-sink';
import { DEMO_PASSWORD } from '../../src/seed/demo';
import { type AppProcess, startApp } from './app-process';

export { expect };

/** The demo logins (src/seed/demo.ts) with the role names the UI shows in Japanese and English. */
export const demoUsers: Record<Role, { email: string; name: string; roleJa: string; roleEn: string }> = {
  council_admin: {
    email: 'council-admin@demo.hataraku.example',
    name: '事務局 管理花子',
    roleJa: '協議会事務局(管理者)',
    roleEn: 'Council administrator',
  },
  council_staff: {
    email: 'council-staff@demo.hataraku.example',
    name: '事務局 職員太郎',
    roleJa: '協議会事務局',
    roleEn: 'Council staff',
  },
  corporation_admin: {
    email: 'corp-admin@demo.hataraku.example',
    name: '法人 本部一郎',
    roleJa: '法人管理者',
    roleEn: 'Corporation administrator',
  },
  facility_coordinator: {
    email: 'coordinator@demo.hataraku.example',
    name: '受入 担当美咲',
    roleJa: '受入担当(事業所)',
    roleEn: 'Facility coordinator',
  },
  counsellor: {
    email: 'counsellor@demo.hataraku.example',
    name: '相談 支援健太',
    roleJa: '相談支援員',
    roleEn: 'Counsellor',
  },
};

export const roles = Object.keys(demoUsers) as Role[];

export { DEMO_PASSWORD };

type WorkerFixtures = { mail: SmtpSink; app: AppProcess };

export const test = base.extend<object, WorkerFixtures>({
  mail: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the fixtures argument to be destructured.
    async ({}, use) => {
      const sink = await startSmtpSink();
      await use(sink);
      await sink.close();
    },
    { scope: 'worker', timeout: 10_000 },
  ],
  app: [
    async ({ mail }, use) => {
      const app = await startApp({ smtpUrl: mail.url });
      await use(app);
      await app.stop();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  baseURL: async ({ app }, use) => {
    await use(app.baseURL);
  },
});

/**
 * Markup that already passed axe in this worker (same CSS, same window), with per-session values
 * (CSRF tokens) blanked: the login page looks the same for every role, and analysing it again
 * proves nothing new, so only markup not seen before is analysed.
 */
const passedMarkup = new Set<string>();

async function markupKey(page: Page): Promise<string> {
  const html = await page.evaluate(() => {
    const copy = document.documentElement.cloneNode(true) as HTMLElement;
    for (const input of copy.querySelectorAll('input[name="_csrf"]')) input.removeAttribute('value');
    // Focus changes colours (and so contrast), and the window size changes the layout.
    const focused = document.activeElement?.outerHTML.slice(0, 300) ?? '';
    return `${window.innerWidth}x${window.innerHeight}\n${focused}\n${copy.outerHTML}`;
  });
  return createHash('sha256').update(html).digest('hex');
}

/** Runs axe with the WCAG 2.0/2.1 A and AA rules and fails with a readable list of what it found. */
export async function checkA11y(page: Page): Promise<void> {
  const key = await markupKey(page);
  if (passedMarkup.has(key)) return;
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const report = results.violations
    .map((violation) => {
      const nodes = violation.nodes
        .map((node) => {
          const summary = (node.failureSummary ?? '').replace(/\n\s*/g, ' ').trim();
          return `    - ${node.target.join(' ')}\n      ${node.html.slice(0, 200)}\n      ${summary}`;
        })
        .join('\n');
      return `  [${violation.impact ?? 'n/a'}] ${violation.id}: ${violation.help}\n    ${violation.helpUrl}\n${nodes}`;
    })
    .join('\n');
  if (results.violations.length > 0) {
    await test.info().attach(`axe-${page.url().replace(/\W+/g, '-')}.json`, {
      body: JSON.stringify(results.violations, null, 2),
      contentType: 'application/json',
    });
  }
  expect(
    results.violations.map((violation) => `${violation.id} × ${violation.nodes.length}`),
    `axe found ${results.violations.length} violation(s) on ${page.url()}:\n${report}\n`,
  ).toEqual([]);
  passedMarkup.add(key);
}

/** What every page must have: the demo banner (the app always runs on demo data here) and no axe violations. */
export async function checkPage(page: Page): Promise<void> {
  await expect(page.locator('.demo-banner')).toBeVisible();
  await expect(page.locator('.demo-banner')).toContainText('DEMO');
  await checkA11y(page);
}

/** Signs in through the login form as the demo user of `role`; checks the login page and the page it lands on. */
export async function signIn(page: Page, role: Role, options: { next?: string } = {}): Promise<void> {
  await page.goto(options.next ? `/login?next=${encodeURIComponent(options.next)}` : '/login');
  await checkPage(page);
  await page.getByLabel(/メールアドレス|E-mail address/).fill(demoUsers[role].email);
  await page.getByLabel(/パスワード|Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /^(ログインする|Sign in)$/ }).click();
  await expect(page).toHaveURL(options.next ?? '/dashboard');
  await checkPage(page);
}
