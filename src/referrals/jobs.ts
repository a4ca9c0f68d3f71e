/**
 * The referral reminder and expiry job (daily, Asia/Tokyo): a referral waiting for the facility
 * (sent, or viewed without a facility step) for `reminderBusinessDays` business days reminds the
 * facility's staff once per waiting period; one still waiting (sent, viewed or with open
 * questions) after `expiryBusinessDays` business days expires and the counsellor is told.
 * Business days exclude weekends, national holidays and 12/29–1/3 (platform/calendar).
 */
import type { Kysely } from 'kysely';
import { facilityStaffIds, notify } from '../notifications/notify';
import { recordAudit } from '../platform/audit/audit';
import { businessDaysBetween, tokyoDateOf } from '../platform/calendar/business-days';
import type { Database } from '../platform/db/schema';
import { nowIso } from '../platform/db/time';
import type { Schedule } from '../platform/jobs/schedule';
import type { JobHandler } from '../platform/jobs/worker';
import { referralMessages } from './messages';
import { applyReferralEvent } from './service/transitions';
import { awaitingFacility, expirable } from './state-machine';
import { findReferralUnscoped, markReminded } from './store/referrals';
import { listWaitingReferrals } from './store/work-lists';

export const referralDeadlinesJobName = 'referrals.deadlines';

export const referralSchedules: Schedule[] = [
  { name: '受け入れ依頼のリマインドと期限切れ', cron: '0 8 * * *', jobName: referralDeadlinesJobName },
];

export type ReferralPeriods = { reminderBusinessDays: number; expiryBusinessDays: number };

/** Reminds and expires what is due on `today` ('YYYY-MM-DD', Tokyo). Each referral in its own transaction. */
export async function runReferralDeadlines(
  db: Kysely<Database>,
  periods: ReferralPeriods,
  today: string,
): Promise<{ reminded: number; expired: number }> {
  let reminded = 0;
  let expired = 0;
  for (const waiting of await listWaitingReferrals(db, expirable)) {
    const waited = businessDaysBetween(tokyoDateOf(waiting.lastTransitionAt), today);
    if (waited >= periods.expiryBusinessDays) {
      const done = await db.transaction().execute((trx) =>
        applyReferralEvent(trx, {
          referralId: waiting.id,
          event: 'expire',
          actor: { userId: '', organisationId: '', party: 'system', requestId: null, ip: null },
        }),
      );
      if (done.ok) expired += 1;
      continue;
    }
    if (
      waited >= periods.reminderBusinessDays &&
      waiting.remindedAt === null &&
      awaitingFacility.includes(waiting.state)
    ) {
      const sent = await db.transaction().execute(async (trx) => {
        const referral = await findReferralUnscoped(trx, waiting.id);
        if (!referral || !(await markReminded(trx, referral.id, nowIso()))) return false;
        await recordAudit(trx, {
          action: 'referral.remind',
          subjectType: 'referral',
          subjectId: referral.id,
          detail: { state: referral.state, businessDays: waited },
        });
        const userIds = await facilityStaffIds(trx, referral.facilityId);
        if (userIds.length > 0) {
          await notify(trx, {
            userIds,
            kind: 'referral.reminder',
            title: {
              ja: referralMessages.ja.notify.reminder(referral.facilityName, referral.opportunityTitle),
              en: referralMessages.en.notify.reminder(referral.facilityName, referral.opportunityTitle),
            },
            link: `/referrals/${referral.id}`,
          });
        }
        return true;
      });
      if (sent) reminded += 1;
    }
  }
  return { reminded, expired };
}

export function referralJobHandlers(deps: {
  db: Kysely<Database>;
  periods: ReferralPeriods;
}): Record<string, JobHandler> {
  return {
    [referralDeadlinesJobName]: async (_payload, ctx) => {
      const result = await runReferralDeadlines(deps.db, deps.periods, tokyoDateOf(new Date()));
      ctx.logger.info(result, 'referral reminders and expiries');
    },
  };
}
