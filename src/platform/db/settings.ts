/** Small key/value facts about this installation, e.g. whether demo data was loaded. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';
import { nowIso } from './time';

type Executor = Kysely<Database> | Transaction<Database>;

export async function readSetting(db: Executor, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function writeSetting(db: Executor, key: string, value: string): Promise<void> {
  await db
    .insertInto('setting')
    .values({ key, value, updated_at: nowIso() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: nowIso() }))
    .execute();
}

export const DEMO_SETTING = 'demo_data_loaded_at';

/** Demo status changes only when someone seeds; re-reading it on every page would be waste. */
export function demoFlag(db: Kysely<Database>, recheckMs = 30_000): () => Promise<boolean> {
  let known = false;
  let checkedAt = 0;
  return async () => {
    if (known) return true;
    if (Date.now() - checkedAt < recheckMs) return false;
    checkedAt = Date.now();
    known = (await readSetting(db, DEMO_SETTING)) !== undefined;
    return known;
  };
}
