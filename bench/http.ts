/**
 * HTTP benchmark of one app instance (`npm run bench -- [flags]`, see bench/README.md).
 * Builds a throw-away database (or uses the PostgreSQL URL given), seeds demo logins and
 * `seed --bench N` rows, starts the server on a free loopback port, signs in as council staff
 * and measures a page and an API route with autocannon; with --nginx it also measures nginx
 * serving the same page bytes, in alternating rounds, with autocannon and wrk.
 * Every load run is bounded by --duration; all traffic stays on 127.0.0.1.
 */

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { root, signIn, startServer, tsxNode } from './app-server';
import { type Figures, type Load, median, nginxConfig, runAutocannon, runWrk, type Tool } from './load';
import {
  cleanUp,
  freePort,
  installSignalHandlers,
  makeTempDir,
  memoryOf,
  runToEnd,
  type Started,
  start,
  stop,
  wasInterrupted,
} from './processes';

const usage = `usage: npm run bench -- [flags]
  --n N               rows of each kind for seed --bench (default 2000)
  --duration S        seconds per load run, 1–60 (default 5)
  --connections C     concurrent connections (default 20)
  --page PATH         signed-in page to measure (default /council/mail; /dashboard if it 404s)
  --api PATH          API route to measure (default /api/v1/municipalities)
  --database D        sqlite (a temp file, default) or a postgres:// URL of a throw-away database
  --rounds R          rounds, each running every target once; medians are printed (default 3)
  --warmup S          seconds of unrecorded load per target before the rounds (default 1)
  --nginx             also serve the page's bytes from nginx and compare (autocannon and wrk)`;

class UsageError extends Error {}

type Settings = {
  n: number;
  seconds: number;
  connections: number;
  page: string;
  api: string;
  database: string;
  rounds: number;
  warmup: number;
  nginx: boolean;
};

function readSettings(argv: string[]): Settings | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      n: { type: 'string', default: '2000' },
      duration: { type: 'string', default: '5' },
      connections: { type: 'string', default: '20' },
      page: { type: 'string', default: '/council/mail' },
      api: { type: 'string', default: '/api/v1/municipalities' },
      database: { type: 'string', default: 'sqlite' },
      rounds: { type: 'string', default: '3' },
      warmup: { type: 'string', default: '1' },
      nginx: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return undefined;
  const whole = (name: string, value: string, min: number, max: number) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
    return n;
  };
  const path = (name: string, value: string) => {
    if (!value.startsWith('/')) throw new UsageError(`--${name} must be a path starting with /`);
    return value;
  };
  if (values.database !== 'sqlite' && !/^postgres(ql)?:\/\//.test(values.database))
    throw new UsageError('--database must be sqlite or a postgres:// URL');
  return {
    n: whole('n', values.n, 1, 10_000_000),
    seconds: whole('duration', values.duration, 1, 60),
    connections: whole('connections', values.connections, 1, 1000),
    page: path('page', values.page),
    api: path('api', values.api),
    database: values.database,
    rounds: whole('rounds', values.rounds, 1, 20),
    warmup: whole('warmup', values.warmup, 0, 10),
    nginx: values.nginx,
  };
}

const say = (line = '') => process.stdout.write(`${line}\n`);
const loadAverage = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

async function get(url: string, cookie: string) {
  const response = await fetch(url, { headers: { cookie }, redirect: 'manual' });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    body: Buffer.from(await response.arrayBuffer()),
  };
}

type Target = { label: string; kind: 'page' | 'nginx' | 'api'; tool: Tool; load: Load };
type Row = { target: Target; runs: Figures[] };

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

function line(label: string, tool: Tool, figures: Pick<Figures, 'requestsPerSecond' | 'p50' | 'p99'>) {
  return `${label.padEnd(36)} ${tool.padEnd(10)} ${fixed(figures.requestsPerSecond, 0).padStart(8)} ${fixed(figures.p50, 2).padStart(8)} ${fixed(figures.p99, 2).padStart(8)}`;
}

async function main(): Promise<void> {
  let settings: Settings | undefined;
  try {
    settings = readSettings(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`bench: ${(error as Error).message}\n${usage}\n`);
      process.exit(2);
    }
    throw error;
  }
  if (!settings) {
    say(usage);
    return;
  }
  const hasWrk = settings.nginx && spawnSync('wrk', ['--version']).error === undefined;
  if (settings.nginx && spawnSync('nginx', ['-v']).error !== undefined)
    throw new Error('--nginx needs nginx on PATH (Debian: apt-get install -y nginx-light)');

  installSignalHandlers();
  const work = makeTempDir('hataraku-bench-');
  const databaseUrl = settings.database === 'sqlite' ? join(work, 'bench.db') : settings.database;
  const databaseLabel =
    settings.database === 'sqlite' ? 'SQLite (temp file)' : `PostgreSQL ${new URL(settings.database).host}`;

  const cpu = cpus();
  say(`Hataraku HTTP benchmark · ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  say(
    `node ${process.version} · ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}) · ${databaseLabel}`,
  );
  say(`load average before: ${loadAverage()} (anything else running skews the figures)`);

  const cliEnv = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' };
  const cli = (args: string[]) =>
    runToEnd(process.execPath, tsxNode('src/cli.ts', args), { cwd: root, env: cliEnv }, 300_000);
  await cli(['migrate']);
  await cli(['seed', '--demo']);
  const seeded = (await cli(['seed', '--bench', String(settings.n)])).trim().split('\n').join(', ');
  say(`seeded: demo logins; --bench ${settings.n}: ${seeded}`);

  const { server, base } = await startServer(databaseUrl);
  say(`server: pid ${server.child.pid} at ${base}, LOG_LEVEL=warn JOB_WORKER=off`);
  const cookie = await signIn(base);

  let page = settings.page;
  let probe = await get(base + page, cookie);
  if (probe.status === 404 && page !== '/dashboard') {
    say(`NOTE: ${page} answered 404 (not built yet?); measuring /dashboard instead.`);
    page = '/dashboard';
    probe = await get(base + page, cookie);
  }
  if (probe.status !== 200) throw new Error(`GET ${page} as council staff answered ${probe.status}, not 200`);
  const api = await get(base + settings.api, cookie);
  if (api.status !== 200) throw new Error(`GET ${settings.api} answered ${api.status}, not 200`);
  say(
    `page: GET ${page} → 200, ${probe.body.length} bytes; api: GET ${settings.api} → 200, ${api.body.length} bytes`,
  );

  const load = (url: string): Load => ({
    url,
    cookie,
    seconds: settings.seconds,
    connections: settings.connections,
  });
  const appPage = load(base + page);
  const targets: Target[] = [{ label: `app GET ${page}`, kind: 'page', tool: 'autocannon', load: appPage }];

  let nginxServer: Started | undefined;
  if (settings.nginx) {
    const prefix = makeTempDir('hataraku-bench-nginx-');
    // Started as root, nginx's worker runs as nobody, which must be able to read the page.
    chmodSync(prefix, 0o755);
    mkdirSync(join(prefix, 'www'), { mode: 0o755 });
    writeFileSync(join(prefix, 'www', 'index.html'), probe.body);
    const port = await freePort();
    writeFileSync(join(prefix, 'nginx.conf'), nginxConfig(prefix, port));
    const nginxArgs = ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'error.log')];
    nginxServer = start('nginx', nginxArgs, { cwd: prefix });
    const nginxUrl = `http://127.0.0.1:${port}/`;
    let served: Awaited<ReturnType<typeof get>> | undefined;
    for (let attempt = 0; attempt < 50 && !served; attempt++) {
      if (nginxServer.child.exitCode !== null || nginxServer.child.signalCode !== null)
        throw new Error(`nginx stopped:\n${nginxServer.tail().trim()}`);
      served = await get(nginxUrl, cookie).catch(() => undefined);
      if (!served) await new Promise((r) => setTimeout(r, 100));
    }
    if (served?.status !== 200 || !served.body.equals(probe.body))
      throw new Error(
        `nginx did not serve the saved page unchanged (status ${served?.status ?? 'none'}):\n` +
          readFileSync(join(prefix, 'error.log'), 'utf8').trim(),
      );
    say(
      `nginx: pid ${nginxServer.child.pid} at ${nginxUrl}, same ${served.body.length} bytes as ${served.type} (app: ${probe.type})`,
    );
    const nginxPage = load(nginxUrl);
    targets.push({ label: 'nginx, same bytes', kind: 'nginx', tool: 'autocannon', load: nginxPage });
    if (hasWrk) {
      targets.push({ label: `app GET ${page}`, kind: 'page', tool: 'wrk', load: appPage });
      targets.push({ label: 'nginx, same bytes', kind: 'nginx', tool: 'wrk', load: nginxPage });
    } else {
      say('NOTE: wrk is not installed (apt-get install -y wrk); nginx figures are autocannon-bound.');
    }
  }
  targets.push({
    label: `app GET ${settings.api}`,
    kind: 'api',
    tool: 'autocannon',
    load: load(base + settings.api),
  });

  say(
    `load: ${settings.connections} connections, ${settings.seconds} s a run, ${settings.rounds} rounds, ` +
      `${settings.warmup} s autocannon warm-up per URL; loader and server share the machine`,
  );
  if (settings.warmup > 0) {
    const urls = new Map(targets.map((t) => [t.load.url, t.load]));
    for (const warm of urls.values()) await runAutocannon({ ...warm, seconds: settings.warmup });
  }

  const header = `${'target'.padEnd(36)} ${'tool'.padEnd(10)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`;
  say();
  say(`   ${header}`);
  const rows: Row[] = targets.map((target) => ({ target, runs: [] }));
  for (let round = 1; round <= settings.rounds; round++) {
    for (const row of rows) {
      const figures = await (row.target.tool === 'wrk' ? runWrk : runAutocannon)(row.target.load);
      row.runs.push(figures);
      const failed = figures.failures ? `  !! ${figures.failures} non-2xx/errors` : '';
      say(`${String(round).padStart(2)} ${line(row.target.label, figures.tool, figures)}${failed}`);
    }
  }

  const memory = memoryOf(server.child.pid);
  const loadAfter = loadAverage();
  say();
  say(`Medians over ${settings.rounds} round(s)`);
  say(`   ${header}`);
  const medians = rows.map((row) => ({
    ...row.target,
    requestsPerSecond: median(row.runs.map((f) => f.requestsPerSecond)),
    p50: median(row.runs.map((f) => f.p50)),
    p99: median(row.runs.map((f) => f.p99)),
  }));
  for (const m of medians) say(`   ${line(m.label, m.tool, m)}`);
  if (settings.nginx) {
    for (const tool of ['autocannon', 'wrk'] as const) {
      const app = medians.find((m) => m.tool === tool && m.kind === 'page');
      const ceiling = medians.find((m) => m.tool === tool && m.kind === 'nginx');
      if (app && ceiling)
        say(
          `app/nginx req/s (${tool}): ${fixed(app.requestsPerSecond / ceiling.requestsPerSecond, 3)}` +
            (tool === 'autocannon' ? '  (nginx is capped by autocannon itself)' : ''),
        );
    }
  }
  say(
    memory
      ? `server RSS after the runs: ${memory.rssMiB.toFixed(1)} MiB (peak ${memory.peakMiB.toFixed(1)} MiB), /proc/${server.child.pid}/status`
      : 'server RSS: not available (no /proc)',
  );
  say(`load average after: ${loadAfter}`);

  if (nginxServer) await stop(nginxServer);
  await stop(server);
}

main()
  .catch((error: unknown) => {
    if (!wasInterrupted())
      process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
