/** Load generators (autocannon in-process, wrk as a child) reduced to the same few figures. */
import autocannon from 'autocannon';
import { runToEnd, whenInterrupted } from './processes';

export type Tool = 'autocannon' | 'wrk';

export type Figures = {
  tool: Tool;
  requestsPerSecond: number;
  /** Milliseconds. */
  p50: number;
  p99: number;
  /** Responses that were not 2xx (wrk: not 2xx or 3xx), plus connection errors and timeouts. */
  failures: number;
};

export type Load = { url: string; cookie: string; seconds: number; connections: number };

/** Nearest-rank percentile of values sorted ascending. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * autocannon's latency histogram has 1 ms resolution, too coarse below a few ms, so the
 * percentiles come from its per-response times instead (process.hrtime, 2xx responses only).
 * Requests/s is autocannon's own: the mean of its per-second counts.
 */
export async function runAutocannon(load: Load): Promise<Figures> {
  const instance = autocannon({
    url: load.url,
    connections: load.connections,
    duration: load.seconds,
    timeout: 10,
    headers: { cookie: load.cookie },
  });
  let times = new Float64Array(65_536);
  let count = 0;
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode < 200 || statusCode > 299) return;
    if (count === times.length) {
      const bigger = new Float64Array(times.length * 2);
      bigger.set(times);
      times = bigger;
    }
    times[count++] = responseTime;
  });
  const forget = whenInterrupted(() => instance.stop());
  try {
    const result = await instance;
    const sorted = times.subarray(0, count).sort();
    return {
      tool: 'autocannon',
      requestsPerSecond: result.requests.average,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      failures: result.non2xx + result.errors,
    };
  } finally {
    forget();
  }
}

const unitMs: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

function wrkMs(output: string, label: string): number {
  const match = new RegExp(`^\\s*${label}\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(output);
  const [, value, unit] = match ?? [];
  if (value === undefined || unit === undefined) return Number.NaN;
  return Number(value) * (unitMs[unit] ?? Number.NaN);
}

/** Reads `wrk --latency` output: Requests/sec, the 50% and 99% lines, errors and non-2xx/3xx. */
export function parseWrk(output: string): Figures {
  const requests = /^Requests\/sec:\s+([\d.]+)/m.exec(output)?.[1];
  if (requests === undefined) throw new Error(`could not read wrk's output:\n${output}`);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const socketErrors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  return {
    tool: 'wrk',
    requestsPerSecond: Number(requests),
    p50: wrkMs(output, '50%'),
    p99: wrkMs(output, '99%'),
    failures: non2xx + socketErrors,
  };
}

export async function runWrk(load: Load): Promise<Figures> {
  const args = [
    '-t1',
    `-c${load.connections}`,
    `-d${load.seconds}s`,
    '--timeout',
    '10s',
    '--latency',
    '-H',
    `Cookie: ${load.cookie}`,
    load.url,
  ];
  // wrk stops by itself after -d; the timeout only guards against a hang.
  return parseWrk(await runToEnd('wrk', args, {}, (load.seconds + 20) * 1000));
}

/**
 * nginx serving one file at `/`, as a ceiling for the same bytes: one worker, no access log,
 * everything it writes kept under `prefix`. keepalive_requests is raised so that, like Node,
 * it does not close a client's connection every 1000 requests.
 */
export function nginxConfig(prefix: string, port: number): string {
  return `# Written by bench/http.ts; removed with its temp dir.
worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  types { text/html html; }
  default_type application/octet-stream;
  charset utf-8;
  sendfile on;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:${port};
    root ${prefix}/www;
    index index.html;
  }
}
`;
}
