/**
 * Runs the real app as a child process (`tsx src/server.ts`), exactly as `npm start` does, on a
 * fresh temp SQLite file and a free loopback port, and stops it with SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

export type AppProcess = {
  baseURL: string;
  /** Everything the app printed so far (stdout and stderr), for failure messages. */
  output(): string;
  stop(): Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

export async function startApp(options: {
  smtpUrl: string;
  env?: Record<string, string>;
}): Promise<AppProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'hataraku-e2e-'));
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(join(root, 'node_modules/.bin/tsx'), ['src/server.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      BASE_URL: baseURL,
      DATABASE_URL: join(dir, 'e2e.db'),
      SMTP_URL: options.smtpUrl,
      LOG_LEVEL: 'warn',
      DEMO_DATA: 'auto',
      COOKIE_SECURE: 'off',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 30_000;
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });
  for (;;) {
    if (exitCode !== undefined) {
      await stop();
      throw new Error(`the app exited (code ${exitCode}) before it was ready:\n${output}`);
    }
    try {
      const response = await fetch(`${baseURL}/readyz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the app was not ready within 30 s at ${baseURL}/readyz:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { baseURL, output: () => output, stop };
}
