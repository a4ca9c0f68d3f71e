/**
 * Test helper run as a child process (tsx) by the kill-and-restart test: one app instance's job
 * worker with the digest's handlers, over DATABASE_URL and SMTP_URL, until EDITION_ID is sent.
 * The test SIGKILLs it mid-send and starts it again.
 */
import { loadConfig } from '../platform/config/config';
import { openDatabase } from '../platform/db/connection';
import { JobWorker } from '../platform/jobs/worker';
import { digestJobs } from './jobs';

const url = process.env.DATABASE_URL ?? '';
const editionId = process.env.EDITION_ID ?? '';
const database = openDatabase(url);
const config = loadConfig({ ...process.env, DIGEST_SEND_RATE: process.env.DIGEST_SEND_RATE ?? '40' });
const jobs = digestJobs({
  database,
  config,
  sender: {
    leaseMs: 1500,
    concurrency: 2,
    batchSize: 4,
    // The repeat bound the test checks (≤ 2): sent rows recorded in batches of one here.
    unrecordedMax: 2,
    timeBudgetMs: 2000,
    backoff: { baseMs: 100, maxMs: 100 },
  },
});
const worker = new JobWorker({
  db: database,
  handlers: jobs.handlers,
  lockTimeoutMs: 1500,
  pollIntervalMs: 50,
});
worker.start();
process.stdout.write('ready\n');

const timer = setInterval(async () => {
  const row = await database.db
    .selectFrom('digest_edition')
    .select('status')
    .where('id', '=', editionId)
    .executeTakeFirst();
  if (row?.status === 'sent') {
    clearInterval(timer);
    await worker.stop();
    jobs.close();
    await database.close();
    process.exit(0);
  }
}, 100);
