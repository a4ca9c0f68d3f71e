/**
 * The participants' scheduled jobs, for src/server.ts to add to its handlers and schedules:
 * `participantSchedules` (daily 03:30 Asia/Tokyo: anonymise cases closed longer ago than the
 * retention period) and `participantJobHandlers({ db })`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import type { Schedule } from '../../platform/jobs/schedule';
import type { JobHandler } from '../../platform/jobs/worker';
import { anonymiseExpiredParticipants } from './service';

export const retentionJobName = 'participants.retention';

export const participantSchedules: Schedule[] = [
  { name: '終結した就労希望者の匿名化(保存期間の経過後)', cron: '30 3 * * *', jobName: retentionJobName },
];

export function participantJobHandlers(deps: { db: Kysely<Database> }): Record<string, JobHandler> {
  return {
    [retentionJobName]: async (_payload, ctx) => {
      const result = await anonymiseExpiredParticipants(deps.db);
      ctx.logger.info(result, 'anonymised participants closed before the retention cutoff');
    },
  };
}
