import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import { parseSearchQuery, type SearchFilters } from './filters';
import { searchRegistry } from './service';
import { buildSearchWorld, HACHIOJI, HIGASHIMURAYAMA, type SearchWorld, SHINJUKU, TAKAO } from './test-world';

/** Filters from a query string, as the page reads them. */
function filters(query: string): SearchFilters {
  const parsed = parseSearchQuery(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(`bad test query ${query}: ${JSON.stringify(parsed.errors)}`);
  return parsed.filters;
}

describeEachDatabase('registry search', (current) => {
  let w: SearchWorld;
  const db = () => current().db;
  const named = () => w.ids as Record<string, string>;

  /** The names (keys of w.ids) among everything found, in result order. */
  async function found(query: string, actor = w.world.counsellor): Promise<string[]> {
    const outcome = await searchRegistry(db(), actor, filters(query), { pageSize: 1000 });
    const byId = new Map(Object.entries(named()).map(([name, id]) => [id, name]));
    return outcome.items.map((item) => byId.get(item.id)).filter((n): n is string => n !== undefined);
  }

  beforeAll(async () => {
    w = await buildSearchWorld(db(), 'search');
  });

  const cases: [string, string, string[]][] = [
    ['nothing: every listed one, never a draft', '', ['cleaning', 'full', 'kitchen', 'linen']],
    ['one municipality', `municipality=${SHINJUKU}`, ['full', 'linen']],
    [
      'several municipalities',
      `municipality=${SHINJUKU}&municipality=${HACHIOJI}`,
      ['full', 'kitchen', 'linen'],
    ],
    ['a weekday', 'weekday=1', ['cleaning', 'kitchen']],
    ['a weekday and a window that fits', 'weekday=1&from=09:00&to=11:30', ['cleaning']],
    [
      'a window may start exactly at from and end exactly at to',
      'weekday=1&from=10:00&to=12:00',
      ['cleaning', 'kitchen'],
    ],
    ['a window ending after every window', 'weekday=1&from=10:00&to=14:30', []],
    ['the window on another weekday does not count', 'weekday=5&from=09:00&to=11:00', []],
    ['any of several weekdays', 'weekday=2&weekday=5', ['full', 'linen']],
    ['time without weekday: any day', 'from=13:30&to=15:00', ['full', 'linen']],
    ['work form: short term (A)', 'work_form=short_term', ['cleaning', 'full', 'kitchen']],
    ['work form: training, employed (B–D)', 'work_form=training_employed', ['linen']],
    ['work form: training, unpaid', 'work_form=training_unpaid', []],
    ['a task', 'task=cleaning', ['cleaning', 'kitchen']],
    ['any of several tasks', 'task=laundry&task=office_assist', ['full', 'linen']],
    ['one support', 'support=short_hours', ['cleaning', 'kitchen', 'linen']],
    ['all supports must be offered', 'support=short_hours&support=supervision', ['cleaning', 'kitchen']],
    ['all three supports', 'support=short_hours&support=supervision&support=wheelchair', ['kitchen']],
    ['open places only (not full, not 0 places)', 'open=1', ['cleaning', 'kitchen']],
    ['open places in the fitting window', 'open=1&weekday=2', []],
    ['visit possible', 'visit=1', ['cleaning', 'kitchen']],
    ['trial possible', 'trial=1', ['kitchen', 'linen']],
    ['visit and trial', 'visit=1&trial=1', ['kitchen']],
    ['free text, 2 characters (title, or the task label)', 'q=清掃', ['cleaning', 'kitchen']],
    ['free text, half-width katakana finds katakana', 'q=ｾｲｿｳ', ['linen']],
    ['free text, hiragana finds katakana', 'q=せいそう', ['linen']],
    ['free text, half-width katakana of another word', 'q=ﾘﾈﾝ', ['linen']],
    ['free text over the description', 'q=下ごしらえ', ['kitchen']],
    ['free text over the facility name', 'q=たかお農園', ['kitchen']],
    ['free text: every word must occur', 'q=厨房 食器', ['kitchen']],
    ['free text: a word that occurs nowhere', 'q=厨房 ペンキ', []],
    ['free text: LIKE wildcards are literal', 'q=%', []],
    ['distance from a municipality (its office)', `near=${HIGASHIMURAYAMA}&within=20`, ['cleaning']],
    [
      'distance: the exact check drops what the box lets in',
      `near=${HIGASHIMURAYAMA}&within=22.4`,
      ['cleaning', 'full', 'linen'],
    ],
    ['distance: the facility own position beats its office', `near=${HACHIOJI}&within=5`, []],
    ['distance: … and finds it from slightly further', `near=${HACHIOJI}&within=6`, ['kitchen']],
    ['distance from a point', `lat=${TAKAO.lat}&lng=${TAKAO.lng}&within=1`, ['kitchen']],
    [
      'filters combine',
      `task=cleaning&weekday=1&from=10:00&to=12:00&support=supervision&municipality=${HACHIOJI}`,
      ['kitchen'],
    ],
  ];

  it.each(cases)('%s', async (_name, query, expected) => {
    expect((await found(query)).sort()).toEqual(expected);
  });

  it('sorts by distance from the origin, nearest first', async () => {
    const order = await found(`near=${HIGASHIMURAYAMA}&sort=distance`);
    expect(order[0]).toBe('cleaning');
    expect(order.at(-1)).toBe('kitchen');
    const outcome = await searchRegistry(
      db(),
      w.world.counsellor,
      filters(`near=${HIGASHIMURAYAMA}&sort=distance`),
    );
    expect(outcome.items[0]?.distanceKm).toBeCloseTo(0, 5);
  });

  it('sorts by last update within a distance too (the in-memory path)', async () => {
    const outcome = await searchRegistry(
      db(),
      w.world.counsellor,
      filters(`near=${HIGASHIMURAYAMA}&within=22.4&sort=updated`),
      { pageSize: 1000 },
    );
    const updated = outcome.items.map((i) => i.updatedAt);
    expect(updated).toEqual([...updated].sort().reverse());
    expect(outcome.items.map((i) => i.id)).toContain(w.ids.linen);
    // The newest (ページ送り 25, 東村山市) comes before 清掃 (2 days old) though both are 0 km away.
    expect(outcome.items[0]?.id).toBe(w.paged[24]);
  });

  it('sorts by fit: more of the asked weekdays fitting comes first; stale ones lose', async () => {
    // 清掃 fits on 月 and 水 (2 days), the kitchen on 月 only and it is stale.
    expect(await found('weekday=1&weekday=3&task=cleaning')).toEqual(['cleaning', 'kitchen']);
    const outcome = await searchRegistry(db(), w.world.counsellor, filters('task=cleaning'));
    expect(outcome.sort).toBe('fit');
    expect(outcome.items.find((i) => i.id === w.ids.kitchen)?.stale).toBe(true);
    expect(outcome.items.find((i) => i.id === w.ids.cleaning)?.stale).toBe(false);
  });

  it('counts all matches and pages through them, most recently updated first by default', async () => {
    const first = await searchRegistry(db(), w.world.counsellor, filters('q=ページ送り'));
    expect(first.sort).toBe('fit');
    const byUpdate = await searchRegistry(db(), w.world.counsellor, filters('q=ページ送り&sort=updated'));
    expect(byUpdate.total).toBe(25);
    expect(byUpdate.items).toHaveLength(20);
    expect(byUpdate.items[0]?.id).toBe(w.paged[24]);
    expect(byUpdate.items[0]?.windows).toEqual([{ weekday: 4, start: '09:00', end: '12:00', capacity: 1 }]);
    const second = await searchRegistry(
      db(),
      w.world.counsellor,
      filters('q=ページ送り&sort=updated&page=2'),
    );
    expect(second.total).toBe(25);
    expect(second.items.map((i) => i.id)).toEqual(w.paged.slice(0, 5).reverse());
    // The in-memory path (sort by fit) pages the same way.
    const fitSecond = await searchRegistry(db(), w.world.counsellor, filters('q=ページ送り&page=2'));
    expect(fitSecond.total).toBe(25);
    expect(fitSecond.items).toHaveLength(5);
    const all = new Set([...first.items, ...fitSecond.items].map((i) => i.id));
    expect(all.size).toBe(25);
    const beyond = await searchRegistry(db(), w.world.counsellor, filters('q=ページ送り&page=9'));
    expect(beyond.total).toBe(25);
    expect(beyond.items).toEqual([]);
  });

  it('shows council staff the same listed opportunities, and nobody else any', async () => {
    expect((await found('', w.world.councilStaff)).sort()).toEqual(['cleaning', 'full', 'kitchen', 'linen']);
    expect(await found('', w.world.coordinatorA)).toEqual([]);
    expect(await found('', w.world.adminA)).toEqual([]);
  });

  it('leaves out opportunities of a deactivated facility', async () => {
    await db().updateTable('facility').set({ active: 0 }).where('id', '=', w.facilities.takao).execute();
    try {
      expect(await found('q=厨房')).toEqual([]);
    } finally {
      await db().updateTable('facility').set({ active: 1 }).where('id', '=', w.facilities.takao).execute();
    }
  });
});
