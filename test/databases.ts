/**
 * Runs a suite once per database: SQLite always, PostgreSQL when TEST_POSTGRES_URL is set.
 * Each suite gets a fresh, migrated database of its own (a temp SQLite file, or a new
 * PostgreSQL database created from TEST_POSTGRES_URL and dropped afterwards).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { type Db, type Dialect, openDatabase } from '../src/platform/db/connection';
import { migrateToLatest } from '../src/platform/db/migrate';

export type TestDatabase = { url: string; drop(): Promise<void> };

export function databaseDialects(): Dialect[] {
  return process.env.TEST_POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** Creates an empty database and returns its URL. */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'hataraku-test-'));
    return { url: join(dir, 'test.db'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const adminUrl = process.env.TEST_POSTGRES_URL;
  if (!adminUrl) throw new Error('TEST_POSTGRES_URL is not set');
  const name = `hataraku_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/**
 * Declares `body` once per database. `current()` gives the open, migrated database of the
 * running suite.
 */
export function describeEachDatabase(title: string, body: (current: () => Db) => void): void {
  for (const dialect of databaseDialects()) {
    describe(`${title} [${dialect}]`, () => {
      let database: TestDatabase;
      let db: Db | undefined;
      beforeAll(async () => {
        database = await createTestDatabase(dialect);
        db = openDatabase(database.url);
        await migrateToLatest(db.db);
      });
      afterAll(async () => {
        await db?.close();
        await database?.drop();
      });
      body(() => {
        if (!db) throw new Error('database not ready');
        return db;
      });
    });
  }
}
