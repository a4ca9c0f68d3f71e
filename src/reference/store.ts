/** Keeps the municipality table equal to the shipped list, so SQL can join and filter on it. */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema';
import { listMunicipalities } from './municipalities';

/** Upserts all 62 rows; cheap enough to run at every start, so a data fix ships with a release. */
export async function syncMunicipalities(db: Kysely<Database>): Promise<number> {
  const rows = listMunicipalities().map((m) => ({
    code: m.code,
    name: m.name,
    kana: m.kana,
    name_en: m.nameEn,
    kind: m.kind,
    lat: m.lat,
    lng: m.lng,
  }));
  await db.transaction().execute(async (trx) => {
    for (const row of rows) {
      await trx
        .insertInto('municipality')
        .values(row)
        .onConflict((oc) =>
          oc.column('code').doUpdateSet({
            name: row.name,
            kana: row.kana,
            name_en: row.name_en,
            kind: row.kind,
            lat: row.lat,
            lng: row.lng,
          }),
        )
        .execute();
    }
  });
  return rows.length;
}

export async function listMunicipalityRows(db: Kysely<Database>) {
  return db
    .selectFrom('municipality')
    .select(['code', 'name', 'kana', 'name_en', 'kind', 'lat', 'lng'])
    .orderBy('code')
    .execute();
}
