/**
 * Keeping はたらく場 current: once a day, each facility with published opportunities unconfirmed
 * for CONFIRM_EVERY_DAYS (or the 'opportunity.confirm_every_days' setting) gets one mail per
 * contact listing them, with links to confirm; an opportunity is not reminded about again within
 * REMIND_AGAIN_AFTER_DAYS. Mail rows and last_reminded_at are written in one transaction per
 * facility, so a retried job never sends twice.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import { readSetting } from '../../platform/db/settings';
import { nowIso } from '../../platform/db/time';
import { queueMail } from '../../platform/mail/outbox';
import { opportunityMessages } from './messages';
import { CONFIRM_EVERY_DAYS, daysAgo, REMIND_AGAIN_AFTER_DAYS } from './opportunity';
import { facilityContactEmails, listDueForReminder, markReminded, type ReminderDue } from './store';

export const CONFIRM_EVERY_DAYS_SETTING = 'opportunity.confirm_every_days';

/** The confirmation interval in days: the setting when it holds a whole number 7–365, else 60. */
export async function confirmEveryDays(db: Kysely<Database>): Promise<number> {
  const value = Number(await readSetting(db, CONFIRM_EVERY_DAYS_SETTING));
  return Number.isInteger(value) && value >= 7 && value <= 365 ? value : CONFIRM_EVERY_DAYS;
}

export async function sendFreshnessReminders(
  db: Kysely<Database>,
  options: { baseUrl: string; now?: Date },
): Promise<{ facilities: number; mails: number; opportunities: number }> {
  const now = options.now ?? new Date();
  const days = await confirmEveryDays(db);
  const due = await listDueForReminder(db, daysAgo(now, days), daysAgo(now, REMIND_AGAIN_AFTER_DAYS));
  const byFacility = new Map<string, ReminderDue[]>();
  for (const row of due) byFacility.set(row.facilityId, [...(byFacility.get(row.facilityId) ?? []), row]);
  const m = opportunityMessages.ja;
  let mails = 0;
  for (const items of byFacility.values()) {
    const first = items[0];
    if (!first) continue;
    await db.transaction().execute(async (trx) => {
      const emails = await facilityContactEmails(trx, first.facilityId, first.corporationId);
      const list = items
        .map((item) => `・${item.title}\n  ${options.baseUrl}/opportunities/${item.id}`)
        .join('\n');
      for (const to of emails) {
        await queueMail(trx, {
          to,
          subject: m.reminderSubject(first.facilityName),
          text: `${m.reminderBody(first.facilityName, list, days)}\n\n${options.baseUrl}/opportunities?needs_confirmation=1\n`,
        });
        mails += 1;
      }
      // Reminded even without a contact: the in-app banner still asks, and the job does not
      // look at the same rows every day.
      await markReminded(
        trx,
        items.map((item) => item.id),
        nowIso(now),
      );
    });
  }
  return { facilities: byFacility.size, mails, opportunities: due.length };
}
