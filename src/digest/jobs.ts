/**
 * The digest's jobs and schedules, for src/server.ts: `digestSchedules(config)` (editions on the
 * 10th of odd months 09:00, the weekly 今週の新着 on Mondays 09:00, and a resume check every
 * 5 minutes, all Asia/Tokyo and configurable) and `digestJobHandlers(deps)`.
 *
 * 'digest.send' freezes a scheduled edition (once, whichever instance comes first), then sends
 * what is due for up to a minute and enqueues its own continuation; 'digest.resume' restarts the
 * sending of editions whose sender died (a job left 'running' is only released after the job
 * lock timeout; delivery leases are shorter).
 */
import { z } from 'zod';
import type { Config } from '../platform/config/config';
import type { Db } from '../platform/db/connection';
import { nowIso } from '../platform/db/time';
import { PermanentJobError } from '../platform/jobs/errors';
import { enqueueJob } from '../platform/jobs/queue';
import type { Schedule } from '../platform/jobs/schedule';
import type { JobHandler } from '../platform/jobs/worker';
import { createDigestSender, type DigestSenderOptions } from './sender';
import { digestSendJobName, freezeEdition, getEdition, scheduleEdition } from './service';
import { hasEditionBetween, listSendingEditionIds } from './store';
import { digestSecret } from './tokens';

export { digestSendJobName };
export const digestEditionJobName = 'digest.edition';
export const digestWeeklyJobName = 'digest.weekly';
export const digestResumeJobName = 'digest.resume';

export function digestSchedules(config: Pick<Config, 'digest'>): Schedule[] {
  return [
    { name: 'はたらく場情報の定期配信', cron: config.digest.cron, jobName: digestEditionJobName },
    { name: '今週の新着メール', cron: config.digest.weeklyCron, jobName: digestWeeklyJobName },
    { name: 'はたらく場情報の送信再開の確認', cron: '*/5 * * * *', jobName: digestResumeJobName },
  ];
}

const payloadSchema = z.object({ editionId: z.string().min(1) });

export type DigestJobDeps = {
  database: Pick<Db, 'db' | 'dialect'>;
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'baseUrl' | 'digest'>;
  /** Overrides for tests and the benchmark (lease, batch, concurrency, time budget…). */
  sender?: Partial<DigestSenderOptions>;
};

export function digestJobHandlers(deps: DigestJobDeps): Record<string, JobHandler> {
  return digestJobs(deps).handlers;
}

/** The handlers and a `close()` that ends the sender's pooled SMTP connections. */
export function digestJobs(deps: DigestJobDeps): {
  handlers: Record<string, JobHandler>;
  close(): void;
  stats(): { attachmentRenders: number; renderMs: number } | undefined;
} {
  const db = deps.database.db;
  let sender: ReturnType<typeof createDigestSender> | undefined;
  async function senderOf() {
    if (!sender) {
      sender = createDigestSender({
        db,
        dialect: deps.database.dialect,
        smtpUrl: deps.config.smtpUrl,
        from: deps.config.mailFrom,
        baseUrl: deps.config.baseUrl,
        sendRate: deps.config.digest.sendRate,
        secret: await digestSecret(db, deps.config.digest.tokenSecret),
        ...deps.sender,
      });
    }
    return sender;
  }

  const handlers: Record<string, JobHandler> = {
    [digestSendJobName]: async (payload, ctx) => {
      const parsed = payloadSchema.safeParse(payload);
      if (!parsed.success) throw new PermanentJobError('digest.send payload must be { editionId }');
      const { editionId } = parsed.data;
      const edition = await getEdition(db, editionId);
      if (!edition) throw new PermanentJobError(`digest_edition ${editionId} does not exist`);
      if (edition.status === 'scheduled') {
        const frozen = await freezeEdition(db, editionId, { baseUrl: deps.config.baseUrl });
        ctx.logger.info({ editionId, frozen }, 'digest edition frozen');
      }
      const run = await (await senderOf()).sendEdition(editionId, ctx.logger);
      ctx.logger.info({ editionId, ...run }, 'digest send run');
      if (run.continueAt) {
        await enqueueJob(db, {
          name: digestSendJobName,
          payload: { editionId },
          runAt: new Date(run.continueAt),
          dedupeKey: `${digestSendJobName}:${editionId}:${run.continueAt}`,
        });
      }
    },
    [digestEditionJobName]: async (_payload, ctx) => {
      // Council staff may have sent or scheduled this month's edition by hand: not a second one.
      const now = Date.now();
      const window = {
        from: nowIso(new Date(now - 10 * 86_400_000)),
        to: nowIso(new Date(now + 10 * 86_400_000)),
      };
      if (await hasEditionBetween(db, 'edition', window)) {
        ctx.logger.info(window, 'an edition is already scheduled or sent near this date; none created');
        return;
      }
      const id = await scheduleEdition(db, { kind: 'edition' }, { userId: null, organisationId: null });
      ctx.logger.info({ editionId: id }, 'scheduled digest edition created');
    },
    [digestWeeklyJobName]: async (_payload, ctx) => {
      const id = await scheduleEdition(db, { kind: 'weekly' }, { userId: null, organisationId: null });
      ctx.logger.info({ editionId: id }, 'weekly digest created');
    },
    [digestResumeJobName]: async () => {
      const slot = nowIso(new Date(Math.floor(Date.now() / 300_000) * 300_000));
      for (const editionId of await listSendingEditionIds(db)) {
        await enqueueJob(db, {
          name: digestSendJobName,
          payload: { editionId },
          dedupeKey: `${digestSendJobName}:${editionId}:resume:${slot}`,
        });
      }
    },
  };
  return { handlers, close: () => sender?.close(), stats: () => sender?.stats() };
}
