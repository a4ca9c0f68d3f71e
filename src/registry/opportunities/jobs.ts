/**
 * The registry's scheduled jobs, for src/server.ts to add to its handlers and schedules:
 * `registrySchedules` (daily 09:00 Asia/Tokyo freshness reminders) and
 * `registryJobHandlers({ db, baseUrl })`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import type { Schedule } from '../../platform/jobs/schedule';
import type { JobHandler } from '../../platform/jobs/worker';
import { sendFreshnessReminders } from './freshness';

export const freshnessReminderJobName = 'registry.opportunity-freshness';

export const registrySchedules: Schedule[] = [
  { name: 'はたらく場の内容確認リマインダー', cron: '0 9 * * *', jobName: freshnessReminderJobName },
];

export function registryJobHandlers(deps: {
  db: Kysely<Database>;
  baseUrl: string;
}): Record<string, JobHandler> {
  return {
    [freshnessReminderJobName]: async (_payload, ctx) => {
      const sent = await sendFreshnessReminders(deps.db, { baseUrl: deps.baseUrl });
      ctx.logger.info(sent, 'queued opportunity confirmation reminders');
    },
  };
}
