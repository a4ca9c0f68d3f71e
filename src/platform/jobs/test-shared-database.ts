/**
 * Test helper: a suite per database in which two separate handles (two SQLite connections, or
 * two PostgreSQL pools) reach the same migrated database, standing in for two app instances.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { createTestDatabase, databaseDialects, type TestDatabase } from '../../../test/databases';
import { type Db, openDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrate';

export function describeEachSharedDatabase(title: string, body: (handles: () => [Db, Db]) => void): void {
  for (const dialect of databaseDialects()) {
    describe(`${title} [${dialect}]`, () => {
      let database: TestDatabase | undefined;
      let handles: [Db, Db] | undefined;
      beforeAll(async () => {
        database = await createTestDatabase(dialect);
        const first = openDatabase(database.url);
        await migrateToLatest(first.db);
        handles = [first, openDatabase(database.url)];
      });
      afterAll(async () => {
        await Promise.all(handles?.map((handle) => handle.close()) ?? []);
        await database?.drop();
      });
      body(() => {
        if (!handles) throw new Error('database not ready');
        return handles;
      });
    });
  }
}
