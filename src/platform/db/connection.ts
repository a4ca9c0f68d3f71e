/** Opens the database named by DATABASE_URL: an SQLite file by default, PostgreSQL for postgres:// URLs. */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

export type Dialect = 'sqlite' | 'postgres';

export type Db = {
  db: Kysely<Database>;
  dialect: Dialect;
  /** A short description safe to log (no password). */
  label: string;
  close(): Promise<void>;
};

export class DatabaseUrlError extends Error {}

export function dialectOf(url: string): Dialect {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

/** Accepts `./file.db`, `file:./file.db`, `sqlite:./file.db` or `:memory:`. */
export function sqlitePathOf(url: string): string {
  const path = url.replace(/^(sqlite|file):(\/\/)?/, '');
  if (path === '') throw new DatabaseUrlError(`DATABASE_URL names no SQLite file: "${url}"`);
  return path;
}

// PostgreSQL returns int8 (count(*)) as text by default; our counts fit in a JS number.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

export function openDatabase(url: string, options: { poolSize?: number } = {}): Db {
  if (dialectOf(url) === 'postgres') {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new DatabaseUrlError('DATABASE_URL is not a valid postgres:// URL');
    }
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    // An idle client losing its server must not crash the process; the next query reports it.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      label: `postgres://${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`,
      close: () => db.destroy(),
    };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !/^(sqlite|file):/.test(url)) {
    throw new DatabaseUrlError(`DATABASE_URL must be a postgres:// URL or an SQLite file path, not "${url}"`);
  }
  const path = sqlitePathOf(url);
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  let handle: SQLite.Database;
  try {
    handle = new SQLite(path);
  } catch (error) {
    throw new DatabaseUrlError(`Cannot open SQLite file "${path}": ${(error as Error).message}`);
  }
  handle.pragma('journal_mode = WAL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  handle.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: handle }) });
  return { db, dialect: 'sqlite', label: `sqlite:${path}`, close: () => db.destroy() };
}

/** Throws when the database cannot answer a trivial query. */
export async function ping(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
