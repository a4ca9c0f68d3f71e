import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listMunicipalities } from '../../reference/municipalities';
import { supportCodes, taskCategories, weekdays } from '../opportunities/opportunity';
import {
  effectiveSort,
  parseSearchQuery,
  type SearchErrors,
  type SearchFilters,
  searchWorkForms,
  sortOrders,
  toSearchQuery,
} from './filters';

const parse = (query: string) => parseSearchQuery(new URLSearchParams(query));

function ok(query: string): SearchFilters {
  const parsed = parse(query);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.filters;
}

describe('search filters from the URL', () => {
  it('reads an empty query as no filters, sorted by last update', () => {
    const filters = ok('');
    expect(filters).toEqual({
      q: '',
      municipalities: [],
      weekdays: [],
      workForms: [],
      tasks: [],
      supports: [],
      openOnly: false,
      visitPossible: false,
      trialPossible: false,
      page: 1,
    });
    expect(effectiveSort(filters)).toBe('updated');
    expect(effectiveSort(ok('task=cleaning'))).toBe('fit');
    expect(effectiveSort(ok('task=cleaning&sort=updated'))).toBe('updated');
  });

  it('normalises what people type: full-width digits, 5-digit codes, H:MM, duplicates, order', () => {
    const filters = ok(
      'q=　ｾｲｿｳ　&municipality=13104&municipality=132136&municipality=131041&near=１３２１３６&within=２.５' +
        '&weekday=3&weekday=1&weekday=3&from=９：００&to=11:30&task=laundry&task=cleaning&open=1&visit=on&page=2',
    );
    expect(filters).toMatchObject({
      q: 'セイソウ',
      municipalities: ['131041', '132136'],
      near: '132136',
      withinKm: 2.5,
      weekdays: [1, 3],
      from: '09:00',
      to: '11:30',
      tasks: ['cleaning', 'laundry'],
      openOnly: true,
      visitPossible: true,
      trialPossible: false,
      page: 2,
    });
  });

  it('treats a page that is not a positive whole number as page 1', () => {
    expect(ok('page=0').page).toBe(1);
    expect(ok('page=abc').page).toBe(1);
  });

  const errors: [string, string, SearchErrors][] = [
    ['unknown municipality', 'municipality=999999', { municipality: 'unknownMunicipality' }],
    ['unknown origin municipality', 'near=東京&within=3', { near: 'unknownMunicipality' }],
    ['N not a number', 'near=132136&within=abc', { within: 'notANumber' }],
    ['N zero', 'near=132136&within=0', { within: 'outOfRange' }],
    ['N too far', 'near=132136&within=101', { within: 'outOfRange' }],
    ['N without an origin', 'within=5', { near: 'originRequired' }],
    ['sort by distance without an origin', 'sort=distance', { sort: 'originRequired' }],
    ['unknown sort', 'sort=random', { sort: 'unknownChoice' }],
    ['latitude without longitude (the missing one is marked)', 'lat=35.7', { lng: 'pointIncomplete' }],
    ['longitude without latitude', 'lng=139.4', { lat: 'pointIncomplete' }],
    ['a point outside Japan', 'lat=0&lng=139.4', { lat: 'outOfRange' }],
    ['two origins', 'near=132136&lat=35.7&lng=139.4', { near: 'originTwice' }],
    ['malformed time', 'weekday=1&from=9時&to=25:00', { from: 'invalidTime', to: 'invalidTime' }],
    ['end before start', 'from=12:00&to=09:00', { to: 'toBeforeFrom' }],
    ['unknown weekday', 'weekday=8', { weekday: 'unknownWeekday' }],
    ['unknown task', 'task=painting', { task: 'unknownChoice' }],
    ['unknown support', 'support=teleport', { support: 'unknownChoice' }],
    ['unknown work form', 'work_form=a_unpaid', { work_form: 'unknownChoice' }],
    ['a flag that is not one', 'open=maybe', { open: 'invalidFlag' }],
    ['free text too long', `q=${'あ'.repeat(101)}`, { q: 'tooLong' }],
  ];

  it.each(errors)('refuses %s', (_name, query, expected) => {
    const parsed = parse(query);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors).toEqual(expected);
  });

  it('keeps the values as typed to show them again', () => {
    const parsed = parse('municipality=999999&municipality=132136&within=abc&q=清掃');
    expect(parsed.raw.lists.municipality).toEqual(['999999', '132136']);
    expect(parsed.raw.single.within).toBe('abc');
    expect(parsed.raw.single.q).toBe('清掃');
  });

  it('writes a canonical URL that reads back to the same filters (round trip)', () => {
    const codes = listMunicipalities().map((m) => m.code);
    const time = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom('00', '15', '30', '45'))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${m}`);
    const query = fc
      .record({
        q: fc.constantFrom('', '清掃', 'せいそう 午前', 'a&b=c?', '100%'),
        municipality: fc.subarray(codes, { maxLength: 4 }),
        origin: fc.oneof(
          fc.constant(undefined),
          fc.constantFrom(...codes).map((near) => ({ near })),
          fc.record({ lat: fc.constantFrom('35.7', '35.6321'), lng: fc.constantFrom('139.27', '139.5') }),
        ),
        within: fc.constantFrom(undefined, '1', '2.5', '100'),
        weekday: fc.subarray([...weekdays].map(String)),
        times: fc.option(fc.tuple(time, time)),
        work_form: fc.subarray([...searchWorkForms]),
        task: fc.subarray([...taskCategories]),
        support: fc.subarray([...supportCodes]),
        open: fc.boolean(),
        visit: fc.boolean(),
        trial: fc.boolean(),
        sort: fc.constantFrom(undefined, ...sortOrders),
        page: fc.integer({ min: 1, max: 50 }),
      })
      .map((r) => {
        const p = new URLSearchParams();
        if (r.q) p.set('q', r.q);
        for (const m of r.municipality) p.append('municipality', m);
        if (r.origin && 'near' in r.origin) p.set('near', r.origin.near);
        if (r.origin && 'lat' in r.origin) {
          p.set('lat', r.origin.lat);
          p.set('lng', r.origin.lng);
        }
        if (r.origin && r.within) p.set('within', r.within);
        for (const d of r.weekday) p.append('weekday', d);
        if (r.times && r.times[0] < r.times[1]) {
          p.set('from', r.times[0]);
          p.set('to', r.times[1]);
        }
        for (const x of r.work_form) p.append('work_form', x);
        for (const x of r.task) p.append('task', x);
        for (const x of r.support) p.append('support', x);
        if (r.open) p.set('open', '1');
        if (r.visit) p.set('visit', '1');
        if (r.trial) p.set('trial', '1');
        if (r.sort && (r.sort !== 'distance' || r.origin)) p.set('sort', r.sort);
        p.set('page', String(r.page));
        return p.toString();
      });
    fc.assert(
      fc.property(query, (q) => {
        const filters = ok(q);
        const again = ok(toSearchQuery(filters));
        expect(again).toEqual(filters);
        expect(toSearchQuery(again)).toBe(toSearchQuery(filters));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves defaults out of the URL and sets the page only after the first', () => {
    expect(toSearchQuery(ok(''))).toBe('');
    expect(toSearchQuery(ok('task=cleaning'), 1)).toBe('task=cleaning');
    expect(toSearchQuery(ok('task=cleaning'), 3)).toBe('task=cleaning&page=3');
  });
});
