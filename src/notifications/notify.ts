/**
 * notify(): how every area tells users that something needs their action (issue 7, item 8).
 * Each active recipient gets an inbox row (通知); those on 'immediate' also get a mail with a
 * generic subject, the title and a link; those on 'daily' get it in the next daily summary
 * (summary.ts). Runs in the caller's transaction, so the notice exists exactly when the change
 * it reports was committed. Titles must never contain a participant's name or details.
 */
import { loadConfig } from '../platform/config/config';
import { newId, nowIso } from '../platform/db/time';
import { queueMail } from '../platform/mail/outbox';
import { immediateMail } from './mail';
import { activeRecipients, type Executor, insertNotification } from './store';

export type { Executor } from './store';
export { councilStaffIds, facilityStaffIds, organisationStaffIds } from './store';

export type NotifyInput = {
  userIds: string[];
  /** What it is about, e.g. 'referral.sent'. */
  kind: string;
  title: { ja: string; en: string };
  /** An in-app path, e.g. `/referrals/${id}`. */
  link: string;
};

let configuredBaseUrl: string | undefined;

/** Sets the absolute base of links in mails (createApp calls it with BASE_URL). */
export function configureNotifications(options: { baseUrl: string }): void {
  configuredBaseUrl = options.baseUrl.replace(/\/$/, '');
}

export function notificationBaseUrl(): string {
  if (configuredBaseUrl === undefined) {
    // Outside the app (a CLI task, a test): the environment's BASE_URL, else localhost.
    try {
      configuredBaseUrl = loadConfig().baseUrl;
    } catch {
      configuredBaseUrl = 'http://localhost:3000';
    }
  }
  return configuredBaseUrl;
}

/** An in-app path: starts with one '/', not '//' or '/\' (which browsers read as another host). */
export function isInAppPath(link: string): boolean {
  return /^\/(?![/\\])/.test(link) && !/[\s\p{Cc}]/u.test(link);
}

const maxTitleLength = 200;

/** One line of at most 200 characters: a title never breaks the mail's layout or a caller's use case. */
function oneLine(title: string): string {
  const line = title.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').trim();
  return line.length > maxTitleLength ? `${line.slice(0, maxTitleLength - 1)}…` : line;
}

export async function notify(trx: Executor, input: NotifyInput): Promise<void> {
  if (!isInAppPath(input.link))
    throw new RangeError(`notify: link must be an in-app path, not ${input.link}`);
  const titleJa = oneLine(input.title.ja);
  const titleEn = oneLine(input.title.en);
  if (!titleJa || !titleEn) throw new RangeError('notify: a title in both languages is required');
  const recipients = await activeRecipients(trx, [...new Set(input.userIds)]);
  const now = nowIso();
  for (const recipient of recipients) {
    const immediate = recipient.delivery === 'immediate';
    await insertNotification(trx, {
      id: newId(),
      userId: recipient.id,
      kind: input.kind,
      titleJa,
      titleEn,
      link: input.link,
      createdAt: now,
      emailedAt: immediate ? now : null,
    });
    if (immediate) {
      const mail = immediateMail(notificationBaseUrl(), { ja: titleJa, en: titleEn }, input.link);
      await queueMail(trx, { to: recipient.email, subject: mail.subject, text: mail.text });
    }
  }
}
