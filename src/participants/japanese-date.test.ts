import { describe, expect, it } from 'vitest';
import { formatJapaneseEraDate } from '../platform/i18n/format';
import { ageOn, parseJapaneseDate, todayInTokyo } from './japanese-date';

describe('parseJapaneseDate', () => {
  it.each([
    ['1996-04-01', '1996-04-01'],
    ['1996/4/1', '1996-04-01'],
    ['１９９６年４月１日', '1996-04-01'],
    ['平成8年4月1日', '1996-04-01'],
    ['平成８年４月１日', '1996-04-01'],
    ['H8.4.1', '1996-04-01'],
    ['h8/4/1', '1996-04-01'],
    ['平8.4.1', '1996-04-01'],
    ['平成元年1月8日', '1989-01-08'],
    ['昭和64年1月7日', '1989-01-07'],
    ['S55-3-2', '1980-03-02'],
    ['令和元年5月1日', '2019-05-01'],
    ['R2.1.5', '2020-01-05'],
    ['大正15年12月24日', '1926-12-24'],
    ['  ', ''],
  ])('reads %s as %s', (input, expected) => {
    expect(parseJapaneseDate(input)).toBe(expected);
  });

  it.each([
    '平成31年5月1日', // that day is 令和元年
    '昭和64年1月8日', // that day is 平成元年
    '平成1年1月7日',
    '平成0年4月1日',
    '2026-02-30',
    '2026-13-01',
    '慶応3年1月1日',
    'X8.4.1',
    'きのう',
    '19960401',
  ])('refuses %s', (input) => {
    expect(parseJapaneseDate(input)).toBeUndefined();
  });

  it('reads back what formatJapaneseEraDate writes', () => {
    for (const date of ['1950-06-15', '1989-01-08', '1996-04-01', '2019-05-01', '2024-02-29']) {
      expect(parseJapaneseDate(formatJapaneseEraDate(date))).toBe(date);
    }
  });
});

describe('ageOn', () => {
  it('counts full years, the birthday included', () => {
    expect(ageOn('1996-04-01', '2026-03-31')).toBe(29);
    expect(ageOn('1996-04-01', '2026-04-01')).toBe(30);
    expect(ageOn('2008-02-29', '2023-02-28')).toBe(14);
    expect(ageOn('2008-02-29', '2023-03-01')).toBe(15);
  });

  it('takes today in Tokyo', () => {
    expect(todayInTokyo(new Date('2026-03-31T15:30:00Z'))).toBe('2026-04-01');
    expect(todayInTokyo(new Date('2026-03-31T14:59:00Z'))).toBe('2026-03-31');
  });
});
