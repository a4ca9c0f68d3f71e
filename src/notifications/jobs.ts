/**
 * The notifications' scheduled job, for src/server.ts to add to its handlers and schedules:
 * `notificationSchedules` (daily 08:00 Asia/Tokyo: the daily summary mail, then read notices
 * older than a year are deleted) and
 * `notificationJobHandlers({ db, baseUrl })`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema';
import type { Schedule } from '../platform/jobs/schedule';
import type { JobHandler } from '../platform/jobs/worker';
import { purgeOldNotifications, sendDailySummaries } from './summary';

export const dailySummaryJobName = 'notifications.daily-summary';

export const notificationSchedules: Schedule[] = [
  { name: '通知のまとめメール(1日1回)', cron: '0 8 * * *', jobName: dailySummaryJobName },
];

export function notificationJobHandlers(deps: {
  db: Kysely<Database>;
  baseUrl: string;
}): Record<string, JobHandler> {
  return {
    [dailySummaryJobName]: async (_payload, ctx) => {
      const sent = await sendDailySummaries(deps.db, { baseUrl: deps.baseUrl });
      ctx.logger.info(sent, 'queued daily notification summaries');
      const purged = await purgeOldNotifications(deps.db);
      ctx.logger.info({ purged }, 'deleted read notifications older than a year');
    },
  };
}
