import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import { compiledOnce } from './compiled-once';

describeEachDatabase('a query compiled once', (current) => {
  const settingsBetween = compiledOnce<{ from: string; to: string }>()((db, value) =>
    db
      .selectFrom('setting')
      .select(['key', 'value'])
      .where('key', '>=', value('from'))
      .where('key', '<', value('to'))
      .where('value', '!=', 'hidden')
      .orderBy('key'),
  );

  it('runs with each call’s values, in and out of a transaction, as the same query built anew', async () => {
    const { db } = current();
    await db
      .insertInto('setting')
      .values([
        { key: 'a.one', value: '1', updated_at: '2026-12-07T00:00:00Z' },
        { key: 'a.two', value: 'hidden', updated_at: '2026-12-07T00:00:00Z' },
        { key: 'b.one', value: '3', updated_at: '2026-12-07T00:00:00Z' },
      ])
      .execute();
    const anew = (from: string, to: string) =>
      db
        .selectFrom('setting')
        .select(['key', 'value'])
        .where('key', '>=', from)
        .where('key', '<', to)
        .where('value', '!=', 'hidden')
        .orderBy('key')
        .execute();
    expect(await settingsBetween(db, { from: 'a.', to: 'b.' })).toEqual([{ key: 'a.one', value: '1' }]);
    expect(await settingsBetween(db, { from: 'b.', to: 'c.' })).toEqual(await anew('b.', 'c.'));
    expect(await settingsBetween(db, { from: 'a.', to: 'c.' })).toEqual(await anew('a.', 'c.'));
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('setting').set({ value: '4' }).where('key', '=', 'b.one').execute();
      // Inside the transaction it sees the transaction's own write.
      expect(await settingsBetween(tx, { from: 'b.', to: 'c.' })).toEqual([{ key: 'b.one', value: '4' }]);
    });
    expect(await settingsBetween(db, { from: 'z.', to: 'zz' })).toEqual([]);
  });
});
