/**
 * Child processes and temp dirs that a benchmark must not leave behind: everything started or
 * created here is stopped or removed by `cleanUp()`, on success, on error and on Ctrl-C.
 */
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();
const onInterrupt = new Set<() => void>();

export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/** Called on Ctrl-C before the cleanup, e.g. to stop a load run that is under way. */
export function whenInterrupted(stop: () => void): () => void {
  onInterrupt.add(stop);
  return () => onInterrupt.delete(stop);
}

export type Started = {
  child: ChildProcess;
  /** The last few kilobytes of stdout and stderr, for error messages. */
  tail(): string;
  exited: Promise<number | null>;
};

export function start(command: string, args: string[], options: SpawnOptions): Started {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    child.once('error', (error) => {
      tail += `\n${error.message}`;
      children.delete(child);
      resolve(null);
    });
    child.once('exit', (code) => {
      children.delete(child);
      resolve(code);
    });
  });
  return { child, tail: () => tail, exited };
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null && child.pid !== undefined;
}

/** Runs a command to its end within `timeoutMs`; rejects with its output if it fails. */
export async function runToEnd(
  command: string,
  args: string[],
  options: SpawnOptions,
  timeoutMs: number,
): Promise<string> {
  const started = start(command, args, options);
  const timer = setTimeout(() => started.child.kill('SIGKILL'), timeoutMs);
  const code = await started.exited;
  clearTimeout(timer);
  if (code !== 0) {
    throw new Error(`${[command, ...args].join(' ')} failed (exit ${code}):\n${started.tail().trim()}`);
  }
  return started.tail();
}

/** SIGTERM (or the given signal), then SIGKILL if the process is still there after `graceMs`. */
export async function stop(started: Started, signal: NodeJS.Signals = 'SIGTERM', graceMs = 5000) {
  if (!isRunning(started.child)) return;
  started.child.kill(signal);
  const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), graceMs).unref());
  if ((await Promise.race([started.exited, timer])) === 'late') {
    started.child.kill('SIGKILL');
    await started.exited;
  }
}

export async function cleanUp(): Promise<void> {
  await Promise.all(
    [...children].map(async (child) => {
      if (!isRunning(child)) return;
      child.kill('SIGTERM');
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const late = new Promise<void>((resolve) => setTimeout(resolve, 5000).unref());
      await Promise.race([exited, late]);
      if (isRunning(child)) child.kill('SIGKILL');
    }),
  );
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

/** Last resort when the process exits without having cleaned up: synchronous, so no waiting. */
function cleanUpNow(): void {
  for (const child of children) if (isRunning(child)) child.kill('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
}

let interrupted = false;
export const wasInterrupted = () => interrupted;

export function installSignalHandlers(): void {
  process.on('exit', cleanUpNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      process.stderr.write(`\n${signal}: stopping the load, the server and nginx, removing temp files…\n`);
      for (const stopLoad of onInterrupt) stopLoad();
      void cleanUp().finally(() => process.exit(130));
    });
  }
}

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** Resident memory of a process from /proc (Linux), in MiB: now and the peak. */
export function memoryOf(pid: number | undefined): { rssMiB: number; peakMiB: number } | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (name: string) =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}
