/**
 * Starts one app instance: config → database → migrations → demo data → HTTP → job worker.
 * With WEB_PROCESSES=N > 1 (decision 034) this process prepares the database, then forks N
 * processes that share the port; the first of them also runs the jobs.
 */
import cluster from 'node:cluster';
import { serve } from '@hono/node-server';
import { sql } from 'kysely';
import { SESSION_IDLE_MS } from './accounts/sessions';
import { createApp } from './app';
import { digestJobHandlers, digestSchedules } from './digest/jobs';
import { notificationJobHandlers, notificationSchedules } from './notifications/jobs';
import { participantJobHandlers, participantSchedules } from './participants/rights/jobs';
import { type Config, ConfigError, loadConfig } from './platform/config/config';
import { DatabaseUrlError, type Db, openDatabase, ping } from './platform/db/connection';
import { migrateToLatest } from './platform/db/migrate';
import { demoFlag } from './platform/db/settings';
import type { Services } from './platform/http/env';
import type { Readiness } from './platform/http/health';
import { maintenanceSchedules, purgeExpired, purgeJobName } from './platform/jobs/maintenance';
import { Scheduler } from './platform/jobs/schedule';
import { type JobHandler, JobWorker } from './platform/jobs/worker';
import { createLogger } from './platform/log/logger';
import { createMailDelivery } from './platform/mail/deliver';
import { mailDeliverJobName } from './platform/mail/outbox';
import { syncReferenceCorporations } from './reference/corporations';
import { syncMunicipalities } from './reference/store';
import { referralJobHandlers, referralSchedules } from './referrals/jobs';
import { registryJobHandlers, registrySchedules } from './registry/opportunities/jobs';
import { formatDemoLogins, isDemoLoaded, seedDemo } from './seed/demo';

/** One clear line and exit 1: a wrong setting is the operator's to fix, not a crash to debug. */
function fail(message: string): never {
  process.stderr.write(`hataraku: ${message}\n`);
  process.exit(1);
}

async function openAndMigrate(config: Config): Promise<Db> {
  const database = await openChecked(config);
  await migrateToLatest(database.db);
  await syncMunicipalities(database.db);
  await syncReferenceCorporations(database.db);
  return database;
}

/** The database, answering; a wrong URL or an unreachable server ends the start with one line. */
async function openChecked(config: Config): Promise<Db> {
  let database: Db;
  try {
    database = openDatabase(config.databaseUrl);
  } catch (error) {
    if (error instanceof DatabaseUrlError) fail(error.message);
    throw error;
  }
  try {
    await ping(database.db);
  } catch (error) {
    await database.close().catch(() => {});
    fail(`cannot reach the database at ${database.label}: ${(error as Error).message}`);
  }
  return database;
}

async function hasAnyUser(database: Db): Promise<boolean> {
  const row = await sql<{ n: number }>`select count(*) as n from app_user`.execute(database.db);
  return Number(row.rows[0]?.n ?? 0) > 0;
}

/** Migrations, reference data and demo data: once per start, before anything serves. */
async function prepareDatabase(config: Config): Promise<Db> {
  const database = await openAndMigrate(config);
  if (config.demoData && (!(await hasAnyUser(database)) || (await isDemoLoaded(database.db)))) {
    const logins = await seedDemo(database.db);
    process.stdout.write(`\n${formatDemoLogins(logins)}\n\n`);
  }
  return database;
}

/** Which forked web process this is (0 = the one that also runs jobs); undefined when not forked. */
const webProcessIndex = cluster.isWorker ? Number(process.env.HATARAKU_WEB_PROCESS ?? 0) : undefined;

/**
 * The parent of WEB_PROCESSES web processes: prepares the database, forks them, and stops them
 * on SIGTERM / SIGINT. A web process that dies is started again (after a second, so a crash at
 * start does not spin).
 */
async function runParent(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  const database = await prepareDatabase(config);
  await database.close();
  let stopping = false;
  const fork = (index: number) => {
    const child = cluster.fork({ HATARAKU_WEB_PROCESS: String(index) });
    child.on('exit', (code, signal) => {
      if (stopping) return;
      logger.error({ index, code, signal }, 'web process stopped; starting it again');
      setTimeout(() => fork(index), 1000).unref();
    });
  };
  for (let index = 0; index < config.webProcesses; index++) fork(index);
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const children = Object.values(cluster.workers ?? {});
    let left = children.length;
    if (left === 0) process.exit(0);
    for (const child of children) {
      child?.on('exit', () => {
        left -= 1;
        if (left === 0) process.exit(0);
      });
      child?.process.kill(signal);
    }
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  if (config.webProcesses > 1 && cluster.isPrimary) return runParent(config);
  const logger = createLogger(config.logLevel);
  // A forked web process finds the database prepared by its parent.
  const database = webProcessIndex === undefined ? await prepareDatabase(config) : await openChecked(config);
  const readiness: Readiness = { migrated: true, shuttingDown: false };
  // Jobs and schedules run in one process of a host: the only one, or the first forked.
  const runsJobs = config.jobWorker && (webProcessIndex ?? 0) === 0;

  const services: Services = { config, database, logger, isDemo: demoFlag(database.db) };
  const app = createApp(services, readiness);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info(
      { port: info.port, database: database.label, webProcess: webProcessIndex, pid: process.pid },
      'listening',
    );
    if ((webProcessIndex ?? 0) === 0) {
      const processes = webProcessIndex === undefined ? '' : `, ${config.webProcesses} web processes`;
      process.stdout.write(
        `Hataraku is running at ${config.baseUrl} (database: ${database.label}${processes})\n`,
      );
    }
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    fail(error.code === 'EADDRINUSE' ? `port ${config.port} is already in use (set PORT)` : error.message);
  });

  // Every area's job handlers and schedules are listed here; an instance with JOB_WORKER=off
  // serves pages only and neither runs nor schedules jobs.
  const handlers: Record<string, JobHandler> = {
    [mailDeliverJobName]: createMailDelivery({
      db: database.db,
      smtpUrl: config.smtpUrl,
      from: config.mailFrom,
    }),
    [purgeJobName]: async (_payload, ctx) => {
      const purged = await purgeExpired(database.db, SESSION_IDLE_MS);
      ctx.logger.info(purged, 'purged expired sessions and old jobs');
    },
    ...registryJobHandlers({ db: database.db, baseUrl: config.baseUrl }),
    ...participantJobHandlers({ db: database.db }),
    ...digestJobHandlers({ database, config }),
    ...referralJobHandlers({ db: database.db, periods: config.referralPeriods }),
    ...notificationJobHandlers({ db: database.db, baseUrl: config.baseUrl }),
  };
  const worker = runsJobs ? new JobWorker({ db: database, handlers, logger }) : undefined;
  const scheduler = runsJobs
    ? new Scheduler({
        db: database.db,
        schedules: [
          ...maintenanceSchedules,
          ...registrySchedules,
          ...participantSchedules,
          ...digestSchedules(config),
          ...referralSchedules,
          ...notificationSchedules,
        ],
        logger,
      })
    : undefined;
  worker?.start();
  scheduler?.start();
  if (!config.smtpUrl && (webProcessIndex ?? 0) === 0)
    logger.warn('SMTP_URL is not set: outgoing mail is kept in the database (送信メール)');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    readiness.shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    const forced = setTimeout(() => {
      logger.warn('graceful shutdown timed out');
      process.exit(1);
    }, 15_000);
    forced.unref();
    // Finish in-flight requests, stop taking new ones, then release the database.
    scheduler?.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await worker?.stop();
    await database.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  fail(error instanceof Error ? error.message : String(error));
});
