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

describeEachDatabase('the audit trail', (current) => {
  it('refuses updates and deletes at the database level', async () => {
    const { db } = current();
    await db
      .insertInto('audit_event')
      .values({
        id: 'a1',
        at: '2026-11-25T00:00:00.000Z',
        action: 'test',
        subject_type: 'test',
        detail: '{}',
      })
      .execute();
    await expect(db.updateTable('audit_event').set({ action: 'changed' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(db.deleteFrom('audit_event').execute()).rejects.toThrow(/append-only/);
    const rows = await db.selectFrom('audit_event').select('action').execute();
    expect(rows).toEqual([{ action: 'test' }]);
  });
});
