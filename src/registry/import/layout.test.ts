import { describe, expect, it } from 'vitest';
import {
  columnHeaders,
  columnKeys,
  columnOfField,
  mapHeaders,
  parseImportDate,
  parseMark,
  parsePay,
  parseRow,
  parseTransport,
  parseWindowEntry,
  parseWorkForm,
  splitList,
} from './layout';
import { exampleRow } from './template';

describe('the sheet’s cell formats', () => {
  it.each([
    ['月水金 8:30-12:00 2名', { weekdays: [1, 3, 5], start: '8:30', end: '12:00', capacity: '2' }],
    ['月・水・金 8:30〜12:00 2人', { weekdays: [1, 3, 5], start: '8:30', end: '12:00', capacity: '2' }],
    ['火曜日　１３：００～１５：３０　１名', { weekdays: [2], start: '13:00', end: '15:30', capacity: '1' }],
    ['平日 9:00-11:00 3名', { weekdays: [1, 2, 3, 4, 5], start: '9:00', end: '11:00', capacity: '3' }],
    ['土日 10:00-12:00 1名', { weekdays: [6, 7], start: '10:00', end: '12:00', capacity: '1' }],
    ['毎日 6:00-7:00 0名', { weekdays: [1, 2, 3, 4, 5, 6, 7], start: '6:00', end: '7:00', capacity: '0' }],
  ])('reads the window %s', (entry, expected) => {
    expect(parseWindowEntry(entry)).toEqual(expected);
  });

  it.each(['月水金 8:30-12:00', '8:30-12:00 2名', '月曜と水曜 8:30-12:00 2名', '月 8時半-12時 2名', ''])(
    'refuses the window %s',
    (entry) => {
      expect(parseWindowEntry(entry)).toBeUndefined();
    },
  );

  it.each([
    ['2026-04-01', '2026-04-01'],
    ['2026/4/1', '2026-04-01'],
    ['２０２６年４月１日', '2026-04-01'],
    ['令和8年4月1日', '2026-04-01'],
    ['令和元年5月1日', '2019-05-01'],
    ['R8.4.1', '2026-04-01'],
    ['平成31年4月30日', '2019-04-30'],
    ['', ''],
    ['令和元年4月30日', undefined],
    ['平成31年5月1日', undefined],
    ['2026-02-30', undefined],
    ['来年の春', undefined],
  ])('reads the date %s', (cell, expected) => {
    expect(parseImportDate(cell)).toBe(expected);
  });

  it.each([
    ['○', 1],
    ['〇', 1],
    ['はい', 1],
    ['×', 0],
    ['いいえ', 0],
    ['', 0],
    ['△', undefined],
  ])('reads the mark %s', (cell, expected) => {
    expect(parseMark(cell)).toBe(expected);
  });

  it('reads pay, transport and work forms', () => {
    expect(parsePay('時給1,100円')).toEqual({ type: 'hourly', yen: '1100' });
    expect(parsePay('日給 5000円')).toEqual({ type: 'daily', yen: '5000' });
    expect(parsePay('なし')).toEqual({ type: 'none', yen: '' });
    expect(parsePay('月給20万円')).toBeUndefined();
    expect(parseTransport('あり(上限500円)')).toEqual({ allowance: 1, cap: '500' });
    expect(parseTransport('あり')).toEqual({ allowance: 1, cap: '' });
    expect(parseTransport('×')).toEqual({ allowance: 0, cap: '' });
    expect(parseTransport('実費')).toBeUndefined();
    expect(parseWorkForm('A 非雇用型')).toBe('a_unpaid');
    expect(parseWorkForm('Ｂ雇用型')).toBe('b_employed');
    expect(parseWorkForm('D 就労訓練(非雇用型)')).toBe('d_unpaid');
    expect(parseWorkForm('E 雇用型')).toBeUndefined();
    expect(splitList('清掃、洗濯,軽作業；配膳')).toEqual(['清掃', '洗濯', '軽作業', '配膳']);
  });
});

describe('headers and rows', () => {
  it('finds columns in any order and names the missing and the extra ones', () => {
    const header = [
      'メモ',
      ...[...columnKeys]
        .reverse()
        .filter((k) => k !== 'status')
        .map((k) => columnHeaders[k]),
    ];
    const named = mapHeaders(header);
    expect(named.missing).toEqual(['status']);
    expect(named.ignored).toEqual(['メモ']);
    expect(named.index.facility).toBe(header.length - 1);
  });

  it('turns the example row into the domain’s input', () => {
    const example = exampleRow('どこかの事業所(架空)');
    const parsed = parseRow(2, (key) => example[key]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.status).toBe('draft');
    expect(parsed.input).toMatchObject({
      tasks: ['laundry', 'light_work'],
      setting: 'indoor',
      physical_load: 'light',
      work_forms: ['a_unpaid'],
      earliest_start_date: '2026-04-01',
      transport_allowance: 1,
      transport_cap_yen: '500',
      uniform: 'lent',
      supports: { short_hours: 'yes', supervision: 'yes', rest_breaks: 'yes', wheelchair: 'no' },
      visit_possible: 1,
      interview_required: 0,
    });
    expect(parsed.windowEntries).toEqual([
      '月水金 13:00-15:00 2名',
      '月水金 13:00-15:00 2名',
      '月水金 13:00-15:00 2名',
      '土 10:00-12:00 1名',
    ]);
  });

  it('maps the domain’s error keys onto columns', () => {
    expect(columnOfField('windows.3.end')).toBe('windows');
    expect(columnOfField('pay_yen')).toBe('pay');
    expect(columnOfField('transport_cap_yen')).toBe('transport');
    expect(columnOfField('min_daily_minutes')).toBe('min_daily_hours');
    expect(columnOfField('supports.wheelchair')).toBe('supports');
  });
});
