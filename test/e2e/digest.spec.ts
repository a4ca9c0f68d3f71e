/**
 * はたらく場情報 by e-mail end to end: a visitor applies on the public form (a wrong address is
 * refused at the field), confirms by the link that really arrives over SMTP, council staff
 * approve, schedule an edition, preview it, and send it now; the subscriber's mail carries the
 * one-click unsubscribe link, which works without signing in. A counsellor subscribes from the
 * account page and reads the archive. axe on every page.
 */
import type { ParsedMail } from 'mailparser';
import { checkPage, expect, signIn, test } from './fixtures';

function addressedTo(mail: ParsedMail, email: string): boolean {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.some((address) => address.value.some((v) => v.address === email));
}

async function mailTo(messages: ParsedMail[], email: string, subject: string): Promise<ParsedMail> {
  let found: ParsedMail | undefined;
  await expect
    .poll(
      () => {
        found = [...messages]
          .reverse()
          .find((m) => addressedTo(m, email) && (m.subject ?? '').includes(subject));
        return found !== undefined;
      },
      { message: `a mail to ${email} about ${subject}`, timeout: 30_000 },
    )
    .toBe(true);
  return found as ParsedMail;
}

test('a visitor applies, confirms, is approved, receives an edition and unsubscribes in one click', async ({
  page,
  mail,
}) => {
  test.setTimeout(120_000);
  const email = `digest-${Date.now()}@agency.example`;

  await page.goto('/digest/apply');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('はたらく場情報の配信を申し込む');
  await checkPage(page);
  await page.getByLabel('お名前').fill('相談 花子');
  await page.getByLabel('所属(機関・法人名)').fill('みなみ市 自立相談支援センター(架空)');
  await page.getByLabel('メールアドレス').fill('wrong-address');
  await page.getByRole('button', { name: '申し込む' }).click();
  await expect(page.getByRole('alert')).toContainText('メールアドレスの形式が正しくありません');
  await expect(page.getByLabel('お名前')).toHaveValue('相談 花子');
  await checkPage(page);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByRole('button', { name: '申し込む' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('確認メールをお送りしました');
  await checkPage(page);

  const confirmation = await mailTo(mail.messages, email, '配信申し込みの確認');
  const link = /https?:\/\/[^\s]+(\/digest\/confirm\/[\w-]+)/.exec(confirmation.text ?? '')?.[1] ?? '';
  await page.goto(link);
  await checkPage(page);
  await page.getByRole('button', { name: '確認する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('申し込みを確認しました');
  await checkPage(page);

  await signIn(page, 'council_staff');
  await page.goto('/council/digest/subscribers?status=pending_approval');
  await checkPage(page);
  await page.getByRole('button', { name: `承認する: ${email}` }).click();
  await expect(page.getByRole('status')).toContainText('承認しました');
  await checkPage(page);

  await page.goto('/council/digest');
  await checkPage(page);
  await page.getByLabel('配信日時(空欄なら今すぐ)').fill('2099-01-10 09:00');
  await page.getByRole('button', { name: '予約する' }).click();
  await expect(page.getByRole('status')).toContainText('配信を予約しました');
  await expect(page.getByRole('main')).toContainText('予約');
  await checkPage(page);
  await page.getByRole('button', { name: 'プレビュー' }).click();
  await expect(page.getByRole('main')).toContainText('【はたらく場情報】');
  await checkPage(page);
  await page.goBack();
  await page.getByRole('button', { name: '今すぐ配信する' }).click();
  await expect(page.getByRole('status')).toContainText('配信を予約しました');

  const edition = await mailTo(mail.messages, email, '2099年1月号');
  expect(edition.attachments.map((a) => a.filename)).toEqual(
    expect.arrayContaining([expect.stringMatching(/\.xlsx$/), expect.stringMatching(/\.pdf$/)]),
  );
  const unsubscribeLine = edition.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '';
  const unsubscribePath =
    /<https?:\/\/[^/]+(\/digest\/unsubscribe\/[^>]+)>/.exec(unsubscribeLine.replace(/\r?\n\s+/g, ' '))?.[1] ??
    '';
  expect(unsubscribePath).not.toBe('');
  await page.reload();
  await expect(page.getByRole('main')).toContainText('送信済み');
  await checkPage(page);

  await page.context().clearCookies();
  await page.goto(unsubscribePath);
  await checkPage(page);
  await page.getByRole('button', { name: '配信を停止する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('配信を停止しました');
  await checkPage(page);
  await page.goto(`${unsubscribePath.slice(0, -2)}zz`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('配信停止のリンクが正しくありません');
  await checkPage(page);
});

test('a counsellor subscribes from the account page and reads the archive', async ({ page }) => {
  await signIn(page, 'counsellor');
  await page.goto('/digest/subscription');
  await checkPage(page);
  await page.getByRole('group', { name: '作業の種類' }).getByLabel('清掃').check();
  await page.getByRole('button', { name: '登録する' }).click();
  await expect(page.getByRole('status')).toContainText('配信の設定を保存しました');
  await expect(page.getByRole('group', { name: '作業の種類' }).getByLabel('清掃')).toBeChecked();
  await checkPage(page);
  await page.getByRole('link', { name: 'はたらく場情報のバックナンバー' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('はたらく場情報のバックナンバー');
  await checkPage(page);
});
