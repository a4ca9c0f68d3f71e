/**
 * The job worker: claims due jobs one at a time, runs their handler, and records the outcome
 * (done, retried after a back-off, or failed). Every app instance may run one; the claim in
 * store.ts makes sure each job attempt goes to exactly one of them.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '../db/connection';
import { nowIso } from '../db/time';
import { type BackoffOptions, defaultBackoff, retryDelayMs } from './backoff';
import { PermanentJobError } from './errors';
import { type Logger, silentLogger } from './logger';
import {
  type ClaimedJob,
  claimNextJob,
  type JobLease,
  markJobDone,
  markJobFailed,
  releaseStaleJobs,
  requeueJob,
} from './store';

export type JobContext = {
  jobId: string;
  jobName: string;
  /** 1 for the first attempt. */
  attempt: number;
  maxAttempts: number;
  /** True when a failure now fails the job for good, e.g. to mark what it was about as failed too. */
  isLastAttempt: boolean;
  workerId: string;
  logger: Logger;
};

/** Receives the parsed JSON payload; validate it, since rows outlive the code that wrote them. */
export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<void>;

export type JobWorkerOptions = {
  db: Pick<Db, 'db' | 'dialect'>;
  handlers: Record<string, JobHandler>;
  /** Recorded in job.locked_by; defaults to host, process id and a random suffix. */
  workerId?: string;
  /** How long an idle worker waits before looking for due jobs again. */
  pollIntervalMs?: number;
  /** A job 'running' for longer than this is taken to belong to a dead instance. */
  lockTimeoutMs?: number;
  backoff?: Partial<BackoffOptions>;
  logger?: Logger;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
};

const maxErrorLength = 4000;

function describeError(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return message.length > maxErrorLength ? `${message.slice(0, maxErrorLength)}…` : message;
}

export class JobWorker {
  readonly workerId: string;
  private readonly db: Pick<Db, 'db' | 'dialect'>;
  private readonly handlers: Record<string, JobHandler>;
  private readonly pollIntervalMs: number;
  private readonly lockTimeoutMs: number;
  private readonly backoff: BackoffOptions;
  private readonly logger: Logger;
  private readonly now: () => Date;
  private readonly running = new Set<Promise<void>>();
  private loop: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;

  constructor(options: JobWorkerOptions) {
    this.db = options.db;
    this.handlers = options.handlers;
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.lockTimeoutMs = options.lockTimeoutMs ?? 15 * 60_000;
    this.backoff = { ...defaultBackoff, ...options.backoff };
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? (() => new Date());
  }

  /** Starts polling in the background; a second call does nothing. */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.poll();
  }

  /** Stops claiming jobs and resolves once the jobs this worker is running have finished. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    await Promise.all([...this.running]);
  }

  /**
   * Claims one due job and runs it to its outcome. Returns false when no job was due (or the
   * worker is stopping). Safe to call concurrently: each call claims a different job.
   */
  async runOnce(): Promise<boolean> {
    if (this.stopping) return false;
    const attempt = this.claimAndRun();
    // Tracked from before the claim, so stop() also waits for a claim still in flight.
    const settled = attempt.then(
      () => {},
      () => {},
    );
    this.running.add(settled);
    try {
      return await attempt;
    } finally {
      this.running.delete(settled);
    }
  }

  /** Puts back jobs whose worker died mid-run; the polling loop calls it every minute or so. */
  async releaseStaleJobs(): Promise<{ requeued: number; failed: number }> {
    const now = this.now();
    const released = await releaseStaleJobs(this.db.db, {
      lockedBefore: nowIso(new Date(now.getTime() - this.lockTimeoutMs)),
      now: nowIso(now),
    });
    if (released.requeued > 0 || released.failed > 0) {
      this.logger.warn({ workerId: this.workerId, ...released }, 'released jobs with expired locks');
    }
    return released;
  }

  private async claimAndRun(): Promise<boolean> {
    const job = await claimNextJob(this.db.db, this.db.dialect, {
      workerId: this.workerId,
      now: nowIso(this.now()),
    });
    if (!job) return false;
    await this.run(job);
    return true;
  }

  private async run(job: ClaimedJob): Promise<void> {
    const lease: JobLease = { id: job.id, workerId: this.workerId, attempts: job.attempts };
    const details = { jobId: job.id, jobName: job.name, attempt: job.attempts, workerId: this.workerId };
    // Object.hasOwn, so a job named e.g. "toString" does not find Object.prototype's method.
    const handler = Object.hasOwn(this.handlers, job.name) ? this.handlers[job.name] : undefined;
    if (!handler) {
      await this.fail(
        lease,
        details,
        new PermanentJobError(`No handler is registered for job "${job.name}"`),
      );
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(job.payload);
    } catch {
      await this.fail(lease, details, new PermanentJobError('The job payload is not valid JSON'));
      return;
    }
    const started = Date.now();
    try {
      await handler(payload, {
        jobId: job.id,
        jobName: job.name,
        attempt: job.attempts,
        maxAttempts: job.max_attempts,
        isLastAttempt: job.attempts >= job.max_attempts,
        workerId: this.workerId,
        logger: this.logger,
      });
    } catch (error) {
      if (error instanceof PermanentJobError || job.attempts >= job.max_attempts) {
        await this.fail(lease, details, error);
      } else {
        await this.retry(lease, details, error);
      }
      return;
    }
    const owned = await markJobDone(this.db.db, lease, nowIso(this.now()));
    if (owned) this.logger.info({ ...details, durationMs: Date.now() - started }, 'job done');
    else this.logger.warn(details, 'job finished after its lock expired; another worker owns it now');
  }

  private async retry(lease: JobLease, details: Record<string, unknown>, error: unknown): Promise<void> {
    const delayMs = retryDelayMs(lease.attempts, this.backoff);
    const runAt = nowIso(new Date(this.now().getTime() + delayMs));
    const owned = await requeueJob(this.db.db, lease, { runAt, error: describeError(error) });
    if (owned) this.logger.warn({ ...details, err: error, retryAt: runAt }, 'job failed; will retry');
    else this.logger.warn({ ...details, err: error }, 'job failed after its lock expired');
  }

  private async fail(lease: JobLease, details: Record<string, unknown>, error: unknown): Promise<void> {
    const owned = await markJobFailed(this.db.db, lease, {
      now: nowIso(this.now()),
      error: describeError(error),
    });
    if (owned) this.logger.error({ ...details, err: error }, 'job failed for good');
    else this.logger.warn({ ...details, err: error }, 'job failed after its lock expired');
  }

  private async poll(): Promise<void> {
    let nextRelease = 0;
    while (!this.stopping) {
      let ran = false;
      try {
        if (Date.now() >= nextRelease) {
          nextRelease = Date.now() + Math.min(60_000, this.lockTimeoutMs);
          await this.releaseStaleJobs();
        }
        ran = await this.runOnce();
      } catch (error) {
        // A database hiccup must not end the loop; the next poll tries again.
        this.logger.error({ workerId: this.workerId, err: error }, 'job worker poll failed');
      }
      if (!ran && !this.stopping) await this.sleep(this.pollIntervalMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
