/**
 * はたらく場情報: one edition to N subscribers through the job runner, over real SMTP to a local
 * sink that counts and discards. Prints the total time (schedule → edition sent, freezing
 * included), messages a second, the sender's peak RSS (sampled every 50 ms, and the kernel's
 * maxRSS), and how many attachment sets were rendered. Runs 2,000 and 10,000 by default, each in
 * a fresh process and database, so the peaks compare. See bench/README.md.
 *
 *   npx tsx bench/digest-send.ts                      # 2,000 and 10,000 subscribers, SQLite
 *   npx tsx bench/digest-send.ts --subscribers 5000   # one size
 *   npx tsx bench/digest-send.ts --database postgres://postgres@127.0.0.1:55432/postgres
 */

import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SMTPServer } from 'smtp-server';
import { root, tsxNode } from './app-server';
import { cleanUp, makeTempDir, start } from './processes';

const { values } = parseArgs({
  options: {
    child: { type: 'boolean', default: false },
    subscribers: { type: 'string' },
    database: { type: 'string', default: 'sqlite' },
    smtp: { type: 'string' },
    opportunities: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '8' },
  },
});

type Result = {
  subscribers: number;
  opportunities: number;
  totalMs: number;
  freezeMs: number;
  sent: number;
  perSecond: number;
  peakRssMb: number;
  maxRssMb: number;
  startRssMb: number;
  attachmentRenders: number;
  renderMs: number;
  /** CPU time (user + system) the sender process used during the send. */
  cpuMs: number;
  accepted?: number;
  /** Mean size of a message as the sink received it, in KB. */
  messageKb?: number;
};

async function runChild(): Promise<void> {
  const { openDatabase } = await import('../src/platform/db/connection');
  const { migrateToLatest } = await import('../src/platform/db/migrate');
  const { loadConfig } = await import('../src/platform/config/config');
  const { JobWorker } = await import('../src/platform/jobs/worker');
  const { seededRandom } = await import('../src/seed/bench');
  const { opportunitiesBenchGenerator } = await import('../src/registry/opportunities/seed');
  const { listMunicipalities } = await import('../src/reference/municipalities');
  const { digestJobs } = await import('../src/digest/jobs');
  const { scheduleEdition } = await import('../src/digest/service');
  const { newId, nowIso } = await import('../src/platform/db/time');
  const { preferenceColumns, cleanPreferences } = await import('../src/digest/preferences');

  const n = Number(values.subscribers);
  const database = openDatabase(values.database ?? '', { poolSize: 4 });
  await migrateToLatest(database.db);
  const random = seededRandom(8);
  await opportunitiesBenchGenerator.run(database.db, Number(values.opportunities), random);
  const opportunities = Number(
    (
      await database.db
        .selectFrom('opportunity')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'published')
        .executeTakeFirstOrThrow()
    ).n,
  );

  // 25 preference sets: 24 groups of three municipalities, and "everything" for 1 in 100.
  const codes = listMunicipalities().map((m) => m.code);
  const sets = Array.from({ length: 24 }, (_, i) =>
    cleanPreferences({
      municipalities: [
        codes[(i * 3) % codes.length],
        codes[(i * 3 + 1) % codes.length],
        codes[(i * 3 + 2) % codes.length],
      ].filter((c): c is string => !!c),
    }),
  );
  const at = nowIso();
  for (let start = 0; start < n; start += 500) {
    const rows = Array.from({ length: Math.min(500, n - start) }, (_, k) => {
      const i = start + k;
      const preferences =
        i % 100 === 0 ? cleanPreferences({}) : (sets[i % sets.length] ?? cleanPreferences({}));
      return {
        id: newId(),
        email: `bench${i}@agency.example`,
        name: `配信 ${i}`,
        organisation_name: 'ベンチ相談支援センター(架空)',
        user_id: null,
        organisation_id: null,
        status: 'active' as const,
        ...preferenceColumns(preferences),
        weekly: 0,
        skip_empty: 0,
        confirm_token_hash: null,
        confirm_expires_at: null,
        confirmed_at: at,
        approved_at: at,
        approved_by: null,
        unsubscribed_at: null,
        permanent_failures: 0,
        paused_at: null,
        created_at: at,
        updated_at: at,
      };
    });
    await database.db.insertInto('digest_subscriber').values(rows).execute();
  }

  const config = loadConfig({
    SMTP_URL: values.smtp,
    BASE_URL: 'https://hataraku.example',
    DIGEST_SEND_RATE: '0',
    DIGEST_TOKEN_SECRET: 'bench-digest-secret-0123456789abcdefgh',
  });
  const jobs = digestJobs({
    database,
    config,
    sender: { concurrency: Number(values.concurrency), batchSize: 100, timeBudgetMs: 60_000 },
  });
  const worker = new JobWorker({ db: database, handlers: jobs.handlers, pollIntervalMs: 20 });

  global.gc?.();
  const startRss = process.memoryUsage().rss;
  let peak = startRss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const editionId = await scheduleEdition(
    database.db,
    { kind: 'edition' },
    { userId: null, organisationId: null },
  );
  worker.start();
  let freezeMs = 0;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const row = await database.db
      .selectFrom('digest_edition')
      .select(['status', 'frozen_at'])
      .where('id', '=', editionId)
      .executeTakeFirstOrThrow();
    if (!freezeMs && row.frozen_at) freezeMs = performance.now() - started;
    if (process.env.BENCH_VERBOSE && Math.random() < 0.05) {
      const done = await database.db
        .selectFrom('digest_delivery')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('status')
        .execute();
      process.stderr.write(
        `${Math.round(performance.now() - started)} ms ${row.status} ${JSON.stringify(done)}\n`,
      );
    }
    if (row.status === 'sent') break;
  }
  const totalMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  clearInterval(sampler);
  const stats = jobs.stats() ?? { attachmentRenders: 0, renderMs: 0 };
  await worker.stop();
  jobs.close();
  const sent = Number(
    (
      await database.db
        .selectFrom('digest_delivery')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('edition_id', '=', editionId)
        .where('status', '=', 'sent')
        .executeTakeFirstOrThrow()
    ).n,
  );
  await database.close();
  const result: Result = {
    subscribers: n,
    opportunities,
    totalMs: Math.round(totalMs),
    freezeMs: Math.round(freezeMs),
    sent,
    perSecond: Math.round((sent / totalMs) * 1000),
    peakRssMb: Math.round(peak / 1048576),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    startRssMb: Math.round(startRss / 1048576),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    ...stats,
  };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  process.exit(0);
}

async function countingSink() {
  let accepted = 0;
  let bytes = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    disableReverseLookup: true,
    size: 50 * 1024 * 1024,
    onData(stream, _session, callback) {
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      stream.on('end', () => {
        accepted += 1;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted: () => accepted,
    bytes: () => bytes,
    reset: () => {
      accepted = 0;
      bytes = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function runParent(): Promise<void> {
  const sizes = values.subscribers ? [Number(values.subscribers)] : [2000, 10000];
  const sink = await countingSink();
  const results: Result[] = [];
  try {
    for (const n of sizes) {
      sink.reset();
      let database = values.database ?? 'sqlite';
      let dropDatabase: (() => Promise<void>) | undefined;
      if (database === 'sqlite') database = join(makeTempDir('hataraku-digest-bench-'), 'bench.db');
      else if (database.startsWith('postgres')) {
        // A fresh database per run on the given server.
        const pg = (await import('pg')).default;
        const name = `hataraku_digest_bench_${process.pid}_${n}`;
        const admin = new pg.Client({ connectionString: database });
        await admin.connect();
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.query(`create database ${name}`);
        await admin.end();
        const url = new URL(database);
        url.pathname = `/${name}`;
        const server = database;
        dropDatabase = async () => {
          const client = new pg.Client({ connectionString: server });
          await client.connect();
          await client.query(`drop database if exists ${name} with (force)`);
          await client.end();
        };
        database = url.toString();
      }
      process.stdout.write(`${n} subscribers… `);
      const child = start(
        process.execPath,
        [
          '--expose-gc',
          ...(process.env.BENCH_CPU_PROF
            ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
            : []),
          ...tsxNode('bench/digest-send.ts', [
            '--child',
            '--subscribers',
            String(n),
            '--database',
            database,
            '--smtp',
            sink.url,
            '--opportunities',
            values.opportunities ?? '100',
            '--concurrency',
            values.concurrency ?? '8',
          ]),
        ],
        { cwd: root, env: { ...process.env, LOG_LEVEL: 'warn' } },
      );
      const code = await child.exited;
      await dropDatabase?.();
      const line = child
        .tail()
        .split('\n')
        .find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) throw new Error(`the bench child failed (exit ${code}):\n${child.tail()}`);
      const result: Result = {
        ...(JSON.parse(line.slice(7)) as Result),
        accepted: sink.accepted(),
        messageKb: Math.round(sink.bytes() / Math.max(1, sink.accepted()) / 1024),
      };
      results.push(result);
      process.stdout.write(`${(result.totalMs / 1000).toFixed(1)} s\n`);
    }
  } finally {
    await sink.close();
    await cleanUp();
  }
  process.stdout.write(
    '\nsubscribers  opportunities  total s  freeze s  sent  accepted  msg/s  start RSS MB  peak RSS MB (sampled)  maxRSS MB  attachment sets  render s  KB/msg  sender CPU s\n',
  );
  for (const r of results) {
    process.stdout.write(
      `${String(r.subscribers).padStart(11)}  ${String(r.opportunities).padStart(13)}  ${(r.totalMs / 1000).toFixed(1).padStart(7)}  ${(r.freezeMs / 1000).toFixed(1).padStart(8)}  ${String(r.sent).padStart(4)}  ${String(r.accepted).padStart(8)}  ${String(r.perSecond).padStart(5)}  ${String(r.startRssMb).padStart(12)}  ${String(r.peakRssMb).padStart(21)}  ${String(r.maxRssMb).padStart(9)}  ${String(r.attachmentRenders).padStart(15)}  ${(r.renderMs / 1000).toFixed(1).padStart(8)}  ${String(r.messageKb ?? '').padStart(6)}  ${(r.cpuMs / 1000).toFixed(1).padStart(12)}\n`,
    );
  }
  if (results.length === 2) {
    const [a, b] = results as [Result, Result];
    process.stdout.write(
      `\n${b.subscribers / a.subscribers}× the recipients: ${(b.totalMs / a.totalMs).toFixed(2)}× the time, ${(b.peakRssMb / a.peakRssMb).toFixed(2)}× the peak RSS\n`,
    );
  }
}

if (values.child) await runChild();
else await runParent();
