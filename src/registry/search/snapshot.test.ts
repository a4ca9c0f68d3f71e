/**
 * The fast paths of the registry search (docs/decisions/030–031) against the plain ones, on both
 * databases: the in-memory snapshot gives exactly what the SQL gives for the same filters and
 * actor (order, totals, distances, windows), the SQL's bigram text index and position box lose
 * no row against a plain scan, and a write by any path is seen by the next search.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import type { Actor } from '../../platform/auth/policy';
import { toSearchText } from '../../platform/text/normalise';
import { syncMunicipalities } from '../../reference/store';
import { seedBench } from '../../seed/bench';
import { parseSearchQuery, type SearchFilters } from './filters';
import { searchRegistry } from './service';
import { registrySnapshot } from './snapshot';
import { buildSearchWorld, HIGASHIMURAYAMA, type SearchWorld, SHINJUKU } from './test-world';
import { bigramsOf, ftsQueryOf } from './text-index';

function filters(query: string): SearchFilters {
  const parsed = parseSearchQuery(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(`bad test query ${query}: ${JSON.stringify(parsed.errors)}`);
  return parsed.filters;
}

const queries = [
  '',
  'sort=updated',
  `municipality=${SHINJUKU}`,
  'municipality=131041&municipality=131091&municipality=131130&weekday=1&weekday=3&from=10:00&to=12:00&task=cleaning&task=light_work&open=1',
  `near=${HIGASHIMURAYAMA}&within=10&weekday=2&from=09:00&to=11:00&sort=distance`,
  `near=${HIGASHIMURAYAMA}&within=25`,
  `near=${HIGASHIMURAYAMA}&sort=distance`,
  'lat=35.632&lng=139.27&within=8&sort=fit',
  `q=${encodeURIComponent('清掃')}&support=short_hours&support=supervision`,
  `q=${encodeURIComponent('清掃')}`,
  `q=${encodeURIComponent('セイソウ')}`,
  `q=${encodeURIComponent('清')}`,
  `q=${encodeURIComponent('ベンチ 事業所')}&sort=updated`,
  `q=${encodeURIComponent('(架空)')}`,
  `q=${encodeURIComponent('ＢＥＮＣＨ')}`,
  `q=${encodeURIComponent('ページ送り確認')}&page=2`,
  'weekday=1&weekday=5&from=13:00',
  'open=1&weekday=2',
  'work_form=training_employed&visit=1',
  'work_form=short_term&trial=1&sort=updated',
  'task=laundry&task=office_assist&support=wheelchair',
  'to=16:00&sort=fit',
  // Later pages of broad searches, in each order (the page is chosen from every match).
  'page=3',
  'sort=fit&page=2',
  'open=1&page=4',
  `open=1&near=${HIGASHIMURAYAMA}&within=25&sort=updated`,
  `near=${HIGASHIMURAYAMA}&sort=distance&page=3`,
  `near=${HIGASHIMURAYAMA}&within=25&sort=fit&page=2`,
  'task=cleaning&task=laundry&task=light_work&sort=fit&page=2',
  'weekday=3&sort=updated&page=2',
  'page=999',
];

describeEachDatabase('registry search: fast paths', (current) => {
  let w: SearchWorld;
  const db = () => current().db;
  let actors: Actor[];

  beforeAll(async () => {
    await syncMunicipalities(db());
    w = await buildSearchWorld(db(), 'snapshot');
    await seedBench(db(), 150, 11);
    actors = [w.world.counsellor, w.world.councilStaff, w.world.adminA];
  }, 60_000);

  it('the snapshot gives exactly what the SQL gives, for every filter and actor', async () => {
    const now = new Date();
    let nonEmpty = 0;
    for (const query of queries) {
      for (const actor of actors) {
        for (const pageSize of [1000, 20]) {
          const f = filters(query);
          const fromSql = await searchRegistry(db(), actor, f, { now, pageSize, snapshot: false });
          const fromMemory = await searchRegistry(db(), actor, f, { now, pageSize });
          expect(fromMemory, `${query} as ${actor.role}, page size ${pageSize}`).toEqual(fromSql);
          if (fromSql.total > 0) nonEmpty += 1;
        }
      }
    }
    expect(nonEmpty).toBeGreaterThan(queries.length);
  });

  it('the bigram index and the position box lose no row against a plain scan', async () => {
    const rows = await db()
      .selectFrom('opportunity as o')
      .innerJoin('facility as f', 'f.id', 'o.facility_id')
      .select(['o.id', 'o.search_text'])
      .where('o.status', 'in', ['published', 'full', 'paused'])
      .where('f.active', '=', 1)
      .execute();
    for (const text of ['清掃', 'せいそう', 'べんち事業所', '架空', 'a', '(架空)', 'ページ送り確認 1']) {
      const terms = [...new Set(toSearchText(text).split(' ').filter(Boolean))];
      const expected = rows
        .filter((r) => terms.every((t) => r.search_text.includes(t)))
        .map((r) => r.id)
        .sort();
      const outcome = await searchRegistry(db(), w.world.council, filters(`q=${encodeURIComponent(text)}`), {
        pageSize: 10_000,
        snapshot: false,
      });
      expect(outcome.items.map((i) => i.id).sort(), text).toEqual(expected);
    }
  });

  it('a write by any path is seen by the next search', async () => {
    const find = async (query: string) =>
      (await searchRegistry(db(), w.world.council, filters(query), { pageSize: 1000 })).items.map(
        (i) => i.id,
      );
    const id = w.ids.cleaning;
    expect(await find(`q=${encodeURIComponent('すいせんのはたけ')}`)).toEqual([]);
    await db()
      .updateTable('opportunity')
      .set({ title: '水仙の畑', search_text: toSearchText('水仙の畑 すいせんのはたけ') })
      .where('id', '=', id)
      .execute();
    expect(await find(`q=${encodeURIComponent('すいせんのはたけ')}`)).toEqual([id]);
    expect(await find(`q=${encodeURIComponent('すいせん')}`)).toEqual([id]);

    await db()
      .insertInto('opportunity_window')
      .values({
        id: crypto.randomUUID(),
        opportunity_id: id,
        weekday: 7,
        start_time: '05:00',
        end_time: '23:30',
        capacity: 3,
        open_places: 3,
        position: 99,
      })
      .execute();
    expect(await find('weekday=7&from=05:00&to=23:30')).toEqual([id]);
    await db()
      .deleteFrom('opportunity_window')
      .where('opportunity_id', '=', id)
      .where('weekday', '=', 7)
      .execute();
    expect(await find('weekday=7&from=05:00&to=23:30')).toEqual([]);

    await db().updateTable('opportunity').set({ status: 'archived' }).where('id', '=', id).execute();
    expect(await find(`q=${encodeURIComponent('すいせん')}`)).toEqual([]);
    await db().updateTable('opportunity').set({ status: 'published' }).where('id', '=', id).execute();
    expect(await find(`q=${encodeURIComponent('すいせん')}`)).toEqual([id]);

    const facilityId = (
      await db()
        .selectFrom('opportunity')
        .select('facility_id')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).facility_id;
    await db().updateTable('facility').set({ active: 0 }).where('id', '=', facilityId).execute();
    expect(await find(`q=${encodeURIComponent('すいせん')}`)).toEqual([]);
    await db().updateTable('facility').set({ active: 1 }).where('id', '=', facilityId).execute();
    expect(await find(`q=${encodeURIComponent('すいせん')}`)).toEqual([id]);

    // Inside a transaction the search reads its own writes through SQL.
    await db()
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable('opportunity').set({ visit_possible: 0 }).where('id', '=', id).execute();
        const inside = await searchRegistry(
          trx,
          w.world.council,
          filters(`q=${encodeURIComponent('すいせん')}&visit=1`),
        );
        expect(inside.total).toBe(0);
        await trx.updateTable('opportunity').set({ visit_possible: 1 }).where('id', '=', id).execute();
      });
    expect((await registrySnapshot(db())).entries.find((e) => e.id === id)?.visitPossible).toBe(1);
    const logged = await sql<{ n: number }>`select count(*) as n from registry_change`.execute(db());
    expect(Number(logged.rows[0]?.n)).toBeGreaterThan(0);
  });
});

describe('bigram pieces', () => {
  it('cuts a term into overlapping 2-character pieces, by code point', () => {
    expect(bigramsOf('清掃')).toEqual(['清掃']);
    expect(bigramsOf('清')).toEqual([]);
    expect(bigramsOf('ああああ')).toEqual(['ああ']);
    expect(bigramsOf('𠮷野家')).toEqual(['𠮷野', '野家']);
  });
  it('asks FTS5 only for pieces of letters and digits, quoted', () => {
    expect(ftsQueryOf(['清掃'])).toBe('"清掃"');
    expect(ftsQueryOf(['(架空)'])).toBe('"架空"');
    expect(ftsQueryOf(['a"b'])).toBeUndefined();
    expect(ftsQueryOf(['清'])).toBeUndefined();
    expect(ftsQueryOf(['ab', 'b1'])).toBe('"ab" "b1"');
  });
});
