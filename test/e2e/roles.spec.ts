/**
 * One sign-in per role: the header names the user and role, the menu fits the role (council
 * staff see the sent-mail list, nobody else does), and every menu entry opens a working page.
 */
import type { Role } from '../../src/platform/db/schema';
import { checkPage, demoUsers, expect, roles, signIn, test } from './fixtures';

// Each role walks its whole menu with axe on every page: ten pages or more for council staff.
test.describe.configure({ timeout: 120_000 });

/** Menu entries a role must see, and ones it must not. Areas add entries as they arrive. */
const menus: Record<Role, { has: string[]; hasNot: string[] }> = {
  council_admin: { has: ['ホーム', '送信メール', '受け入れ依頼', 'はたらく場の決定'], hasNot: [] },
  council_staff: { has: ['ホーム', '送信メール', '受け入れ依頼', 'はたらく場の決定'], hasNot: [] },
  corporation_admin: { has: ['ホーム', '受け入れ依頼', '予定表'], hasNot: ['送信メール'] },
  facility_coordinator: {
    has: ['ホーム', '受け入れ依頼', 'はたらく場の決定', '予定表'],
    hasNot: ['送信メール'],
  },
  counsellor: { has: ['ホーム', '受け入れ依頼', 'はたらく場の決定', '予定表'], hasNot: ['送信メール'] },
};

for (const role of roles) {
  test(`${role} signs in and sees the menu of that role`, async ({ page }) => {
    const user = demoUsers[role];
    await signIn(page, role);

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${user.name}さん、こんにちは`);
    await expect(page.getByRole('banner')).toContainText(`${user.name}(${user.roleJa})`);

    const menu = page.getByRole('navigation', { name: 'メインメニュー' });
    const labels = (await menu.getByRole('link').allInnerTexts()).map((label) => label.trim());
    for (const label of menus[role].has) expect(labels, `${role} menu`).toContain(label);
    for (const label of menus[role].hasNot) expect(labels, `${role} menu`).not.toContain(label);
    await expect(menu.getByRole('link', { name: 'ホーム' })).toHaveAttribute('aria-current', 'page');

    // Every entry in the menu leads to a page this role may open.
    const hrefs = await menu
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    for (const href of hrefs) {
      const response = await page.goto(href);
      expect(response?.status(), `${role}: ${href}`).toBeLessThan(400);
      await expect(menu.locator('a[aria-current="page"]')).toHaveAttribute('href', href);
      await checkPage(page);
    }
  });
}
