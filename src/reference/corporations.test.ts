import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases';
import { newId, nowIso } from '../platform/db/time';
import { PARTICIPATING_CORPORATIONS, PARTICIPATION_AS_OF, syncReferenceCorporations } from './corporations';

describe('the list of participating corporations', () => {
  it('has the 31 corporations of the public list (as of 2025-01), each once', () => {
    expect(PARTICIPATING_CORPORATIONS).toHaveLength(31);
    expect(new Set(PARTICIPATING_CORPORATIONS).size).toBe(31);
    expect(PARTICIPATION_AS_OF).toBe('2025-01');
    for (const name of PARTICIPATING_CORPORATIONS) {
      expect(name).toMatch(/^社会福祉法人 \S+$/);
      expect(name.normalize('NFKC')).toBe(name);
    }
    expect(PARTICIPATING_CORPORATIONS[0]).toBe('社会福祉法人 積善会');
    expect(PARTICIPATING_CORPORATIONS).toContain('社会福祉法人 村山苑');
    expect(PARTICIPATING_CORPORATIONS).toContain('社会福祉法人 櫻灯会');
    expect(PARTICIPATING_CORPORATIONS.at(-1)).toBe('社会福祉法人 賛育会');
  });
});

describeEachDatabase('syncReferenceCorporations', (current) => {
  const referenceRows = () =>
    current()
      .db.selectFrom('organisation')
      .select([
        'name',
        'name_kana',
        'kind',
        'is_reference',
        'is_demo',
        'participation_as_of',
        'address',
        'municipality_code',
        'phone',
      ])
      .where('is_reference', '=', 1)
      .orderBy('name')
      .execute();

  it('loads the 31 corporations exactly once, however often it runs', async () => {
    const first = await syncReferenceCorporations(current().db);
    expect(first).toEqual({ inserted: 31, updated: 0, unlisted: 0 });
    const again = await syncReferenceCorporations(current().db);
    expect(again).toEqual({ inserted: 0, updated: 0, unlisted: 0 });

    const rows = await referenceRows();
    expect(rows).toHaveLength(31);
    expect(rows.map((r) => r.name).sort()).toEqual([...PARTICIPATING_CORPORATIONS].sort());
    for (const row of rows) {
      // Only what the public list says: a corporation by that name takes part, as of 2025-01.
      expect(row).toMatchObject({
        kind: 'corporation',
        is_demo: 0,
        participation_as_of: '2025-01',
        name_kana: '',
        address: null,
        municipality_code: null,
        phone: null,
      });
    }
    const facilities = await current().db.selectFrom('facility').select('id').execute();
    expect(facilities).toHaveLength(0);
  });

  it('adopts a corporation entered by hand under the same name, and unmarks one no longer listed', async () => {
    const db = current().db;
    const now = nowIso();
    const id = newId();
    await db
      .insertInto('organisation')
      .values({
        id,
        kind: 'corporation',
        name: '社会福祉法人 新参会(架空)',
        name_kana: 'しんざんかい',
        search_text: '',
        is_demo: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const names = [...PARTICIPATING_CORPORATIONS.slice(1), '社会福祉法人 新参会(架空)'];
    const result = await syncReferenceCorporations(db, names, '2026-04');
    expect(result).toEqual({ inserted: 0, updated: 31, unlisted: 1 });
    const adopted = await db
      .selectFrom('organisation')
      .select(['is_reference', 'participation_as_of', 'name_kana'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(adopted).toEqual({ is_reference: 1, participation_as_of: '2026-04', name_kana: 'しんざんかい' });
    const dropped = await db
      .selectFrom('organisation')
      .select(['is_reference', 'participation_as_of'])
      .where('name', '=', PARTICIPATING_CORPORATIONS[0])
      .execute();
    expect(dropped).toEqual([{ is_reference: 0, participation_as_of: null }]);

    // Back to the shipped list: still one row per corporation.
    await syncReferenceCorporations(db);
    const rows = await referenceRows();
    expect(rows).toHaveLength(31);
    const count = await db
      .selectFrom('organisation')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'corporation')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(32);
  });
});
