/**
 * The notification mails. They carry a generic subject, the notice's title (which names the
 * facility, the opportunity and the state, never a participant) and an absolute link into the
 * app; nothing else, so a mis-sent or forwarded mail discloses no personal data.
 */
import type { NotificationRow } from './store';

export const notificationSubject = '【はたらくサポートとうきょう】対応が必要なお知らせがあります';
export const summarySubject = '【はたらくサポートとうきょう】通知のまとめ(1日分)';

function absolute(baseUrl: string, link: string): string {
  return `${baseUrl.replace(/\/$/, '')}${link}`;
}

function footer(baseUrl: string): string {
  return [
    '',
    '--',
    'このメールは送信専用です。通知の受け取り方(すぐに/1日1回まとめて)は次の画面で変更できます。',
    'This is an automated message. Choose immediate mail or a daily summary here:',
    absolute(baseUrl, '/account/notifications'),
    '',
    'はたらくサポートとうきょう',
  ].join('\n');
}

/** The mail for one notice, sent at once to users on 'immediate'. */
export function immediateMail(
  baseUrl: string,
  title: { ja: string; en: string },
  link: string,
): { subject: string; text: string } {
  const url = absolute(baseUrl, link);
  const text = [
    '対応が必要なお知らせがあります。内容はログインしてご確認ください。',
    '',
    `■ ${title.ja}`,
    url,
    '',
    'A notice needs your attention. Please sign in to see it.',
    `■ ${title.en}`,
    url,
    footer(baseUrl),
  ].join('\n');
  return { subject: notificationSubject, text };
}

/** The daily summary: the titles and links of the day's notices, oldest first. */
export function summaryMail(baseUrl: string, items: NotificationRow[]): { subject: string; text: string } {
  const lines = items.flatMap((item) => [
    `■ ${item.titleJa}`,
    `  ${item.titleEn}`,
    `  ${absolute(baseUrl, item.link)}`,
  ]);
  const text = [
    `未読の通知が${items.length}件あります。内容はログインしてご確認ください。`,
    `You have ${items.length} unread notification(s). Please sign in to see them.`,
    '',
    ...lines,
    '',
    '通知の一覧 / Notifications:',
    absolute(baseUrl, '/inbox'),
    footer(baseUrl),
  ].join('\n');
  return { subject: summarySubject, text };
}
