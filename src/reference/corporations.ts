/**
 * The social welfare corporations that take part in はたらくサポートとうきょう, as the program's
 * public site lists them (「※ 令和7年1月現在」: 31 corporations). Only their names are known from
 * that source, so only names are loaded: no reading, address, facility or person is made up.
 * Kept true by syncReferenceCorporations at every start (see docs/decisions/007).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema';
import { newId, nowIso } from '../platform/db/time';
import { toSearchText } from '../platform/text/normalise';

/** The month the public list was read, stored on every row of it. */
export const PARTICIPATION_AS_OF = '2025-01';

// One name per line, in the order of the public list.
// biome-ignore format: reference list
export const PARTICIPATING_CORPORATIONS = [
  '社会福祉法人 積善会',
  '社会福祉法人 愛寿会',
  '社会福祉法人 はるび',
  '社会福祉法人 ウエルガーデン',
  '社会福祉法人 恵比寿会',
  '社会福祉法人 武蔵野会',
  '社会福祉法人 村山苑',
  '社会福祉法人 東京援護協会',
  '社会福祉法人 地の星',
  '社会福祉法人 大三島育徳会',
  '社会福祉法人 慈生会',
  '社会福祉法人 多摩済生医療団',
  '社会福祉法人 アゼリヤ会',
  '社会福祉法人 みその福祉会',
  '社会福祉法人 永寿会',
  '社会福祉法人 一誠会',
  '社会福祉法人 東京栄和会',
  '社会福祉法人 芳洋会',
  '社会福祉法人 武蔵野療園',
  '社会福祉法人 東京清音会',
  '社会福祉法人 大田幸陽会',
  '社会福祉法人 徳心会',
  '社会福祉法人 三祉会',
  '社会福祉法人 にじの会',
  '社会福祉法人 櫻灯会',
  '社会福祉法人 白十字会',
  '社会福祉法人 多摩養育園',
  '社会福祉法人 長渕福祉会',
  '社会福祉法人 マザアス',
  '社会福祉法人 フレスコ会',
  '社会福祉法人 賛育会',
] as const;

export type ReferenceSync = { inserted: number; updated: number; unlisted: number };

/**
 * Makes the organisation table agree with the list, idempotently: a listed corporation is found
 * by its exact name (a row someone entered by hand is adopted, not duplicated) and marked as a
 * reference row as of PARTICIPATION_AS_OF; a reference row no longer listed keeps its row (it may
 * have facilities) but loses the mark, so no page claims it still takes part. Only the kind,
 * the reference mark and the month are written: details staff entered stay as they are.
 */
export async function syncReferenceCorporations(
  db: Kysely<Database>,
  names: readonly string[] = PARTICIPATING_CORPORATIONS,
  asOf: string = PARTICIPATION_AS_OF,
): Promise<ReferenceSync> {
  return db.transaction().execute(async (trx) => {
    const result: ReferenceSync = { inserted: 0, updated: 0, unlisted: 0 };
    const existing = await trx
      .selectFrom('organisation')
      .select(['id', 'name', 'is_reference', 'participation_as_of'])
      .where('kind', '=', 'corporation')
      .execute();
    const byName = new Map(existing.map((row) => [row.name, row]));
    const now = nowIso();
    for (const name of names) {
      const row = byName.get(name);
      if (!row) {
        const inserted = await trx
          .insertInto('organisation')
          .values({
            id: newId(),
            kind: 'corporation',
            name,
            name_kana: '',
            search_text: toSearchText(name),
            is_demo: 0,
            is_reference: 1,
            participation_as_of: asOf,
            created_at: now,
            updated_at: now,
          })
          // Another instance starting at the same moment may have inserted it (unique kind+name).
          .onConflict((oc) => oc.columns(['kind', 'name']).doNothing())
          .executeTakeFirst();
        result.inserted += Number(inserted.numInsertedOrUpdatedRows ?? 0);
      } else if (row.is_reference !== 1 || row.participation_as_of !== asOf) {
        await trx
          .updateTable('organisation')
          .set({ is_reference: 1, participation_as_of: asOf, updated_at: now })
          .where('id', '=', row.id)
          .execute();
        result.updated += 1;
      }
    }
    const listed = new Set(names);
    for (const row of existing) {
      if (row.is_reference === 1 && !listed.has(row.name)) {
        await trx
          .updateTable('organisation')
          .set({ is_reference: 0, participation_as_of: null, updated_at: now })
          .where('id', '=', row.id)
          .execute();
        result.unlisted += 1;
      }
    }
    return result;
  });
}
