/**
 * WEB_PROCESSES=2 (decision 034): the parent prepares the database once (demo logins printed
 * once), two web processes share the port and both answer, and SIGTERM stops them all.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when there are none
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('several web processes on one host', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hataraku-web-processes-'));
  let server: ChildProcess | undefined;
  afterAll(() => {
    server?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('prepares once, serves from both, and stops them all on SIGTERM', async () => {
    const port = await freePort();
    server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: {
        ...process.env,
        BASE_URL: '',
        LOG_LEVEL: 'info',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: join(dir, 'hataraku.db'),
        WEB_PROCESSES: '2',
        SMTP_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    server.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    server.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    const deadline = Date.now() + 90_000;
    while ((out.match(/"msg":"listening"/g) ?? []).length < 2) {
      if (Date.now() > deadline) throw new Error(`not listening within 90 s:\n${out}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const pages = await Promise.all(
      Array.from({ length: 8 }, async () => (await fetch(`http://127.0.0.1:${port}/login`)).status),
    );
    expect(pages.every((status) => status === 200)).toBe(true);
    // Demo data and the "running at" line come once, not once per process.
    expect(out.match(/Hataraku is running at/g)).toHaveLength(1);
    expect(out.match(/counsellor@demo\.hataraku\.example/g)).toHaveLength(1);
    // Both web processes said they listen, one with index 0 (which runs the jobs) and one with 1.
    const indexes = [...out.matchAll(/"webProcess":(\d)/g)].map((m) => m[1]).sort();
    expect(indexes).toEqual(['0', '1']);
    // The web processes are the parent's children that said they listen. The parent may have other
    // children (on a machine without tsx's cache, the esbuild service tsx starts), so counting
    // children alone is not the check.
    const pid = server.pid ?? 0;
    const webPids = [...out.matchAll(/"webProcess":\d,"pid":(\d+),"msg":"listening"/g)].map((m) =>
      Number(m[1]),
    );
    expect(new Set(webPids).size).toBe(2);
    expect(webPids).not.toContain(pid);
    expect(childrenOf(pid)).toEqual(expect.arrayContaining(webPids));

    const exited = new Promise<number | null>((resolve) => server?.on('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(webPids.filter(isAlive)).toEqual([]);
  }, 120_000);
});
