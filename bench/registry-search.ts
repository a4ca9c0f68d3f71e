/**
 * Benchmark of the はたらく場 search (issue 4, item 10): `npx tsx bench/registry-search.ts`.
 * Seeds a throw-away database with `seed --demo` and `seed --bench N` (N facilities, 3N
 * opportunities), starts the server, signs in as council staff and measures typical filtered
 * searches through HTTP with autocannon (p50/p99 at 10 connections), and the same searches'
 * bare time in this process: the store query alone (SQL + row mapping), the whole use case as
 * the page runs it (the in-memory registry snapshot, docs/decisions/031) and the use case on the
 * SQL path, many iterations, medians; and the HTTP p50 at one connection.
 * Targets: HTTP p99 ≤ 50 ms, HTTP p50 ≤ 3 × the bare store time. Prints figures, asserts nothing.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { Actor } from '../src/platform/auth/policy';
import { openDatabase } from '../src/platform/db/connection';
import { effectiveSort, parseSearchQuery } from '../src/registry/search/filters';
import { criteriaOf, searchRegistry } from '../src/registry/search/service';
import { findSearchRows, findSearchRowsWithFit } from '../src/registry/search/store';
import { councilStaff, root, signIn, startServer, tsxNode } from './app-server';
import { type Figures, median, percentile, runAutocannon } from './load';
import { cleanUp, installSignalHandlers, makeTempDir, runToEnd, stop, wasInterrupted } from './processes';

const usage = `usage: npx tsx bench/registry-search.ts [flags]
  --n N               facilities for seed --bench (3 opportunities each; default 10000)
  --duration S        seconds per autocannon run (default 10)
  --connections C     concurrent connections (default 10)
  --rounds R          rounds over the searches; medians are printed (default 3)
  --iterations I      in-process calls per search for the bare figures (default 300)
  --postgres URL      use this throw-away PostgreSQL database instead of a temp SQLite file
  --processes P       web processes serving (WEB_PROCESSES, decision 034; default 1)`;

/** The searches measured: what a counsellor typically combines (canonical URLs: no redirect). */
const searches: { label: string; query: string; iterations?: number }[] = [
  {
    label: 'typical: 3 区市町村 + 月水 10–12 + 2 tasks + open',
    query:
      'municipality=131041&municipality=131091&municipality=131130&weekday=1&weekday=3&from=10:00&to=12:00' +
      '&task=cleaning&task=light_work&open=1',
  },
  {
    label: 'distance: 10 km of 東村山市 + 火 9–11, by distance',
    query: 'near=132136&within=10&weekday=2&from=09:00&to=11:00&sort=distance',
  },
  {
    label: 'text: 「清掃」 + 見守り + 短時間, by fit',
    query: `q=${encodeURIComponent('清掃')}&support=short_hours&support=supervision`,
  },
  // Broad searches (decision 035): the page as first opened, and one condition that keeps most.
  // Their bare SQL reads every listed row, so fewer in-process iterations are enough.
  { label: 'broad: no conditions (the whole list)', query: '', iterations: 30 },
  { label: 'broad: open places only, by fit', query: 'open=1', iterations: 30 },
];

type Settings = {
  n: number;
  seconds: number;
  connections: number;
  rounds: number;
  iterations: number;
  postgres?: string;
  processes: number;
};

function readSettings(argv: string[]): Settings | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      n: { type: 'string', default: '10000' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '3' },
      iterations: { type: 'string', default: '300' },
      postgres: { type: 'string' },
      processes: { type: 'string', default: '1' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return undefined;
  const whole = (name: string, value: string, min: number, max: number) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
    return n;
  };
  if (values.postgres !== undefined && !/^postgres(ql)?:\/\//.test(values.postgres))
    throw new Error('--postgres must be a postgres:// URL');
  return {
    n: whole('n', values.n, 1, 1_000_000),
    seconds: whole('duration', values.duration, 1, 60),
    connections: whole('connections', values.connections, 1, 1000),
    rounds: whole('rounds', values.rounds, 1, 20),
    iterations: whole('iterations', values.iterations, 1, 100_000),
    postgres: values.postgres,
    processes: whole('processes', values.processes, 1, 32),
  };
}

const say = (line = '') => process.stdout.write(`${line}\n`);
const fixed = (v: number, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a');

/**
 * CPU time (user + system) the process and its children (the web processes of WEB_PROCESSES)
 * have used, in ms, from /proc (Linux; NaN elsewhere).
 */
function cpuMs(pid: number | undefined): number {
  const own = (id: number | string) => {
    const fields = readFileSync(`/proc/${id}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command; 100 ticks a second.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  };
  try {
    let total = own(pid ?? 0);
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    for (const child of children ? children.split(' ') : []) total += own(child);
    return total;
  } catch {
    return Number.NaN;
  }
}

/** Median and p99 of `iterations` sequential calls, in ms, after a few unrecorded ones. */
async function timeCalls(iterations: number, call: () => Promise<unknown>) {
  for (let i = 0; i < Math.min(20, iterations); i++) await call();
  const times = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const started = process.hrtime.bigint();
    await call();
    times[i] = Number(process.hrtime.bigint() - started) / 1e6;
  }
  times.sort();
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function main(): Promise<void> {
  let settings: Settings | undefined;
  try {
    settings = readSettings(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n${usage}\n`);
    process.exit(2);
  }
  if (!settings) {
    say(usage);
    return;
  }
  installSignalHandlers();
  const work = makeTempDir('hataraku-bench-search-');
  const databaseUrl = settings.postgres ?? join(work, 'bench.db');
  const label = settings.postgres ? `PostgreSQL ${new URL(settings.postgres).host}` : 'SQLite (temp file)';
  say(`Hataraku registry search benchmark · ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  say(`node ${process.version} · ${label} · --bench ${settings.n}`);

  const cliEnv = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' };
  const cli = (args: string[]) =>
    runToEnd(process.execPath, tsxNode('src/cli.ts', args), { cwd: root, env: cliEnv }, 900_000);
  await cli(['migrate']);
  await cli(['seed', '--demo']);
  const seeded = (await cli(['seed', '--bench', String(settings.n)])).trim().split('\n').join(', ');
  say(`seeded: demo logins; --bench ${settings.n}: ${seeded}`);

  const database = openDatabase(databaseUrl, { poolSize: 2 });
  const db = database.db;
  const staff = await db
    .selectFrom('app_user')
    .select(['id', 'role', 'organisation_id'])
    .where('email', '=', councilStaff)
    .executeTakeFirstOrThrow();
  const actor: Actor = {
    userId: staff.id,
    role: staff.role,
    organisationId: staff.organisation_id,
    facilityIds: [],
  };
  const listed = await db
    .selectFrom('opportunity')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('status', 'in', ['published', 'full', 'paused'])
    .executeTakeFirstOrThrow();
  say(`listed opportunities (published, full, paused): ${Number(listed.n)}`);
  if (database.dialect === 'postgres') {
    // A live PostgreSQL has statistics from autovacuum; a database seeded a moment ago may not yet.
    await sql`analyze`.execute(db);
    say('PostgreSQL: ANALYZE run after seeding (as autovacuum would soon do)');
  }

  const { server, base } = await startServer(databaseUrl, { WEB_PROCESSES: String(settings.processes) });
  const cookie = await signIn(base);
  say(
    `server: pid ${server.child.pid} at ${base}, ${settings.processes} web process(es); load: ${settings.connections} connections, ${settings.seconds} s a run`,
  );

  const prepared = searches.map((s) => {
    const parsed = parseSearchQuery(new URLSearchParams(s.query));
    if (!parsed.ok) throw new Error(`bad bench query ${s.query}: ${JSON.stringify(parsed.errors)}`);
    return {
      ...s,
      iterations: Math.min(settings.iterations, s.iterations ?? settings.iterations),
      filters: parsed.filters,
      url: s.query ? `${base}/search?${s.query}` : `${base}/search`,
    };
  });
  for (const s of prepared) {
    const response = await fetch(s.url, { headers: { cookie }, redirect: 'manual' });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`GET /search?${s.query} answered ${response.status}`);
    const count = /(\d+)件見つかりました/.exec(body)?.[1] ?? '?';
    say(`  ${s.label}: ${count} matches, page of ${body.length} bytes`);
  }

  type Row = {
    http: Figures[];
    single: Figures[];
    store: number[];
    service: number[];
    serviceP99: number[];
    sqlService: number[];
    cpu: number[];
  };
  const rows: Row[] = prepared.map(() => ({
    http: [],
    single: [],
    store: [],
    service: [],
    serviceP99: [],
    sqlService: [],
    cpu: [],
  }));
  for (const s of prepared)
    await runAutocannon({ url: s.url, cookie, seconds: 2, connections: settings.connections });
  say();
  say(
    `${'round'.padEnd(6)}${'search'.padEnd(50)}${'req/s'.padStart(8)}${'p50'.padStart(8)}${'p99'.padStart(8)}${'1-conn'.padStart(8)}${'SQL'.padStart(8)}${'service'.padStart(9)}${'svc-SQL'.padStart(9)}${'cpu/req'.padStart(9)}`,
  );
  for (let round = 1; round <= settings.rounds; round++) {
    for (const [i, s] of prepared.entries()) {
      const row = rows[i] as Row;
      const cpuBefore = cpuMs(server.child.pid);
      const http = await runAutocannon({
        url: s.url,
        cookie,
        seconds: settings.seconds,
        connections: settings.connections,
      });
      const cpuPerRequest =
        (cpuMs(server.child.pid) - cpuBefore) / (http.requestsPerSecond * settings.seconds);
      const criteria = criteriaOf(s.filters);
      const sort = effectiveSort(s.filters);
      const storeTime = await timeCalls(s.iterations, () =>
        sort === 'fit' ? findSearchRowsWithFit(db, actor, criteria) : findSearchRows(db, actor, criteria),
      );
      const serviceTime = await timeCalls(s.iterations, () => searchRegistry(db, actor, s.filters));
      const sqlServiceTime = await timeCalls(s.iterations, () =>
        searchRegistry(db, actor, s.filters, { snapshot: false }),
      );
      const single = await runAutocannon({
        url: s.url,
        cookie,
        seconds: Math.max(2, Math.round(settings.seconds / 2)),
        connections: 1,
      });
      row.http.push(http);
      row.single.push(single);
      row.cpu.push(cpuPerRequest);
      row.sqlService.push(sqlServiceTime.p50);
      row.store.push(storeTime.p50);
      row.service.push(serviceTime.p50);
      row.serviceP99.push(serviceTime.p99);
      const failed = http.failures ? `  !! ${http.failures} non-2xx/errors` : '';
      say(
        `${String(round).padEnd(6)}${s.label.padEnd(50)}${fixed(http.requestsPerSecond, 0).padStart(8)}${fixed(http.p50).padStart(8)}${fixed(http.p99).padStart(8)}${fixed(single.p50).padStart(8)}${fixed(storeTime.p50).padStart(8)}${fixed(serviceTime.p50).padStart(9)}${fixed(sqlServiceTime.p50).padStart(9)}${fixed(cpuPerRequest).padStart(9)}${failed}`,
      );
    }
  }

  say();
  say(
    `Medians over ${settings.rounds} round(s), ms (${label}, ${Number(listed.n)} listed of ${settings.n * 3} opportunities)`,
  );
  say(
    '| search | req/s | HTTP p50 | HTTP p99 | 1-conn p50 | bare SQL p50 | service p50 | service (SQL path) p50 | ms/request | server CPU ms/request | p50 ÷ SQL | p99 ≤ 50 | p50 ≤ 3× SQL |',
  );
  say('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: | :---: |');
  for (const [i, s] of prepared.entries()) {
    const row = rows[i] as Row;
    const p50 = median(row.http.map((f) => f.p50));
    const p99 = median(row.http.map((f) => f.p99));
    const store = median(row.store);
    const service = median(row.service);
    const sqlService = median(row.sqlService);
    const single = median(row.single.map((f) => f.p50));
    const rps = median(row.http.map((f) => f.requestsPerSecond));
    say(
      `| ${s.label} | ${fixed(rps, 0)} | ${fixed(p50)} | ${fixed(p99)} | ${fixed(single)} | ${fixed(store)} | ${fixed(service)} | ${fixed(sqlService)} | ${fixed(1000 / rps)} | ${fixed(median(row.cpu))} | ${fixed(p50 / store, 1)} | ${p99 <= 50 ? 'yes' : 'NO'} | ${p50 <= 3 * store ? 'yes' : 'NO'} |`,
    );
  }
  say();
  say(
    'bare SQL = the same search as one SQL query (store.ts, rows mapped); service = the use case as the' +
      ' page runs it (in-memory registry snapshot, kept current from registry_change); service (SQL path)' +
      ' = the use case without the snapshot, as inside a transaction. 1-conn = HTTP p50 with one connection.',
  );
  say(
    "server CPU ms/request = the server process's user+system CPU during the 10-connection run ÷ its requests" +
      ' (from /proc; the figure other load on the machine disturbs least).',
  );
  say(
    'ms/request = 1000 ÷ req/s: the server time one request costs. Under a closed loop of C connections' +
      ' a request waits for the others, so HTTP p50 ≈ C × ms/request on a single-process server.',
  );
  say(`resident memory (VmRSS) at the end: ${residentMemory(server.child.pid)}`);
  await database.close();
  await stop(server);
}

/** The server's resident memory and its web processes', e.g. "parent 120 MB; 412 MB, 405 MB". */
function residentMemory(pid: number | undefined): string {
  const rss = (id: number | string) => {
    const line = readFileSync(`/proc/${id}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return `${Math.round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024)} MB`;
  };
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    if (!children) return rss(pid ?? 0);
    return `parent ${rss(pid ?? 0)}; web processes ${children.split(' ').map(rss).join(', ')}`;
  } catch {
    return 'n/a';
  }
}

main()
  .catch((error: unknown) => {
    if (!wasInterrupted())
      process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
