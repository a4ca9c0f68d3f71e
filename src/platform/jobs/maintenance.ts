/**
 * Housekeeping that every installation needs: ended sessions, old sign-in rate-limit windows and
 * long-finished jobs are deleted once a night, so the tables do not grow without bound.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { nowIso } from '../db/time';
import type { Schedule } from './schedule';

export const purgeJobName = 'maintenance.purge';
const keepFinishedJobsDays = 30;

export const maintenanceSchedules: Schedule[] = [
  { name: 'nightly purge', cron: '0 3 * * *', jobName: purgeJobName },
];

export async function purgeExpired(
  db: Kysely<Database>,
  idleSessionMs: number,
  now = new Date(),
): Promise<{ sessions: number; jobs: number; rateLimits: number }> {
  const sessions = await db
    .deleteFrom('user_session')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', nowIso(now)),
        eb('last_seen_at', '<=', nowIso(new Date(now.getTime() - idleSessionMs))),
      ]),
    )
    .executeTakeFirst();
  const jobs = await db
    .deleteFrom('job')
    .where('status', 'in', ['done', 'failed'])
    .where('finished_at', '<', nowIso(new Date(now.getTime() - keepFinishedJobsDays * 86_400_000)))
    .executeTakeFirst();
  // Sign-in windows last minutes; a day-old window counts nothing.
  const rateLimits = await db
    .deleteFrom('rate_limit')
    .where('window_start', '<', nowIso(new Date(now.getTime() - 86_400_000)))
    .executeTakeFirst();
  return {
    sessions: Number(sessions.numDeletedRows),
    jobs: Number(jobs.numDeletedRows),
    rateLimits: Number(rateLimits.numDeletedRows),
  };
}
