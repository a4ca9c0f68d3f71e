/**
 * Scheduled jobs (digests, reminders). Every app instance runs the same timers; on each tick
 * each one enqueues the job under a key made of the job name and the scheduled time, so however
 * many instances tick, the run exists once. Times are read in Tokyo time.
 */
import { Cron } from 'croner';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { nowIso } from '../db/time';
import { type Logger, silentLogger } from './logger';
import { enqueueJob } from './queue';

export type Schedule = {
  /** For logs, e.g. 'weekly opportunity digest'. */
  name: string;
  /** A 5-field (minute) or 6-field (second) cron pattern in `timezone`, e.g. '0 9 * * 1'. */
  cron: string;
  jobName: string;
  payload?: unknown;
  maxAttempts?: number;
};

export const scheduleTimezone = 'Asia/Tokyo';

/** The dedupe key of one scheduled run: `${jobName}@${scheduled time as ISO-8601 UTC}`. */
export function scheduledRunKey(schedule: Pick<Schedule, 'jobName'>, scheduledAt: Date): string {
  return `${schedule.jobName}@${nowIso(scheduledAt)}`;
}

/**
 * Enqueues the run of `schedule` due at `scheduledAt`, once: returns the job id, or null when
 * this run was already enqueued (by this or another instance).
 */
export async function enqueueScheduledRun(
  db: Kysely<Database>,
  schedule: Schedule,
  scheduledAt: Date,
): Promise<string | null> {
  return enqueueJob(db, {
    name: schedule.jobName,
    payload: schedule.payload ?? {},
    runAt: scheduledAt,
    maxAttempts: schedule.maxAttempts,
    dedupeKey: scheduledRunKey(schedule, scheduledAt),
  });
}

/**
 * The scheduled time a timer firing at `firedAt` belongs to: the latest match of the pattern at
 * or before `firedAt`. Instances fire some milliseconds apart (or late under load); deriving the
 * key from the pattern, not the firing time, makes them agree.
 */
export function scheduledTimeOf(cron: Cron, firedAt: Date): Date | undefined {
  // previousRuns looks strictly before its reference, in whole seconds: start one second past.
  const reference = new Date(Math.floor(firedAt.getTime() / 1000) * 1000 + 1000);
  return cron.previousRuns(1, reference)[0];
}

export type SchedulerOptions = {
  db: Kysely<Database>;
  schedules: Schedule[];
  logger?: Logger;
  timezone?: string;
};

/** Runs the timers of a list of schedules; each tick enqueues a job, the worker runs it. */
export class Scheduler {
  private readonly db: Kysely<Database>;
  private readonly schedules: Schedule[];
  private readonly logger: Logger;
  private readonly timezone: string;
  private timers: Cron[] = [];

  constructor(options: SchedulerOptions) {
    this.db = options.db;
    this.schedules = options.schedules;
    this.logger = options.logger ?? silentLogger;
    this.timezone = options.timezone ?? scheduleTimezone;
    const jobNames = new Set<string>();
    for (const schedule of this.schedules) {
      // The run key holds the job name and time only: two schedules of one job would share it.
      if (jobNames.has(schedule.jobName)) {
        throw new Error(`Two schedules enqueue job "${schedule.jobName}"; give each its own job name`);
      }
      jobNames.add(schedule.jobName);
      // Parsing here makes a bad pattern fail at start, not at the first tick.
      new Cron(schedule.cron, { timezone: this.timezone });
    }
  }

  start(): void {
    if (this.timers.length > 0) return;
    this.timers = this.schedules.map(
      (schedule) =>
        new Cron(schedule.cron, { timezone: this.timezone, unref: true }, async (cron) => {
          await this.tick(schedule, cron, new Date());
        }),
    );
  }

  stop(): void {
    for (const timer of this.timers) timer.stop();
    this.timers = [];
  }

  /** The next run of each schedule, e.g. for a status page. */
  nextRuns(from: Date = new Date()): { name: string; jobName: string; nextRun: Date | null }[] {
    return this.schedules.map((schedule) => ({
      name: schedule.name,
      jobName: schedule.jobName,
      nextRun: new Cron(schedule.cron, { timezone: this.timezone }).nextRun(from),
    }));
  }

  private async tick(schedule: Schedule, cron: Cron, firedAt: Date): Promise<void> {
    const scheduledAt = scheduledTimeOf(cron, firedAt);
    if (!scheduledAt) return;
    try {
      const jobId = await enqueueScheduledRun(this.db, schedule, scheduledAt);
      this.logger.info(
        { schedule: schedule.name, jobName: schedule.jobName, scheduledAt: nowIso(scheduledAt), jobId },
        jobId ? 'scheduled job enqueued' : 'scheduled job already enqueued by another instance',
      );
    } catch (error) {
      // A failed tick must not stop the timer; the next tick tries again.
      this.logger.error({ schedule: schedule.name, err: error }, 'could not enqueue scheduled job');
    }
  }
}
