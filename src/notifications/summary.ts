/**
 * The daily summary (1日1回まとめて): once a day, each user with notices that were neither
 * mailed at once nor summarised gets one mail listing their titles and links. Each user's
 * notices are claimed by one conditional UPDATE in the same transaction as the mail, so two
 * instances (or a retried job) running at once send each notice at most once.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema';
import { nowIso } from '../platform/db/time';
import { queueMail } from '../platform/mail/outbox';
import { summaryMail } from './mail';
import { claimPendingSummary, deleteReadBefore, usersWithPendingSummary } from './store';

export async function sendDailySummaries(
  db: Kysely<Database>,
  options: { baseUrl: string; now?: Date },
): Promise<{ users: number; mails: number; notifications: number }> {
  const at = nowIso(options.now ?? new Date());
  const userIds = await usersWithPendingSummary(db, at);
  let mails = 0;
  let notifications = 0;
  for (const userId of userIds) {
    await db.transaction().execute(async (trx) => {
      const claimed = await claimPendingSummary(trx, userId, at, at);
      // Notices already read in the inbox need no mail; they are marked summarised all the same.
      const unread = claimed.filter((row) => row.readAt === null);
      if (unread.length === 0) return;
      const user = await trx
        .selectFrom('app_user')
        .select('email')
        .where('id', '=', userId)
        .where('active', '=', 1)
        .executeTakeFirst();
      if (!user) return;
      const mail = summaryMail(options.baseUrl, unread);
      await queueMail(trx, { to: user.email, subject: mail.subject, text: mail.text });
      mails += 1;
      notifications += unread.length;
    });
  }
  return { users: userIds.length, mails, notifications };
}

/** How long read notices stay in the inbox. */
export const KEEP_READ_DAYS = 365;

/** Removes read notices older than KEEP_READ_DAYS; unread ones stay until read. */
export function purgeOldNotifications(db: Kysely<Database>, now: Date = new Date()): Promise<number> {
  return deleteReadBefore(db, nowIso(new Date(now.getTime() - KEEP_READ_DAYS * 24 * 60 * 60 * 1000)));
}
