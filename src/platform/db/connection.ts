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
  // Statistics for the planner where they are missing or stale (SQLite's advice for each new
  // connection; 0x10000 also looks at tables never analysed). Quick: it samples at most ~1,000
  // rows of an index.
  handle.pragma('optimize = 0x10002');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(handle) }) });
  return { db, dialect: 'sqlite', label: `sqlite:${path}`, close: () => db.destroy() };
}

/** Distinct SQL texts kept prepared; Kysely writes a few hundred, one per query shape. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely's SQLite driver prepares every query anew, which costs more than running a small
 * indexed one (decision 033). The handle it gets keeps each SQL text's prepared statement and
 * hands it out again, unless it is still iterating (a streamed query); the oldest is dropped
 * when the cache is full. SQLite re-prepares a statement by itself after a schema change.
 */
function withStatementCache(handle: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      cache.clear();
      handle.close();
    },
    prepare: (sqlText: string) => {
      // Transactions take the write lock when they begin, waiting up to busy_timeout for another
      // process's: a deferred one that read first would fail at once with SQLITE_BUSY when it
      // came to write after another process had (decision 034).
      const text = sqlText === 'begin' ? 'begin immediate' : sqlText;
      const cached = cache.get(text);
      if (cached && !cached.busy) return cached;
      const statement = handle.prepare(text);
      if (!cached) {
        if (cache.size >= STATEMENT_CACHE_SIZE) {
          const oldest = cache.keys().next().value;
          if (oldest !== undefined) cache.delete(oldest);
        }
        cache.set(text, statement);
      }
      return statement;
    },
  };
}

/** Throws when the database cannot answer a trivial query. */
export async function ping(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
