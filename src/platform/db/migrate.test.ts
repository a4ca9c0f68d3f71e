import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import { migrateToLatest } from './migrate';

describeEachDatabase('migrations', (current) => {
  it('creates every table and is idempotent', async () => {
    const { db } = current();
    expect(await migrateToLatest(db)).toEqual([]);
    const tables = (await db.introspection.getTables()).map((t) => t.name).sort();
    expect(tables).toEqual(
      expect.arrayContaining([
        'app_user',
        'audit_event',
        'job',
        'mail_message',
        'municipality',
        'organisation',
      ]),
    );
    const row = await sql<{ n: number }>`select count(*) as n from job`.execute(db);
    expect(Number(row.rows[0]?.n)).toBe(0);
  });
});
