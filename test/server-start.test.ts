/** Starting the real server process with bad settings: one clear line and exit code 1. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function start(env: Record<string, string>) {
  const result = spawnSync('node_modules/.bin/tsx', ['src/server.ts'], {
    // Vitest sets BASE_URL=/ for Vite; the server must not inherit it.
    env: { ...process.env, BASE_URL: '', LOG_LEVEL: 'silent', PORT: '0', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr.trim(), stdout: result.stdout };
}

describe('server start with bad settings', () => {
  it('refuses a DATABASE_URL of an unknown kind', () => {
    const { status, stderr } = start({ DATABASE_URL: 'mysql://db.example/hataraku' });
    expect(status).toBe(1);
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toContain('DATABASE_URL must be a postgres:// URL or an SQLite file path');
  });

  it('names an unreachable PostgreSQL without a stack trace', () => {
    const { status, stderr } = start({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nothing' });
    expect(status).toBe(1);
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^hataraku: cannot reach the database at postgres:\/\/127\.0\.0\.1:1\/nothing/);
  });

  it('names a malformed setting', () => {
    const { status, stderr } = start({ PORT: 'eighty' });
    expect(status).toBe(1);
    expect(stderr).toBe('hataraku: Invalid setting PORT: Invalid input: expected number, received NaN');
  });
});
