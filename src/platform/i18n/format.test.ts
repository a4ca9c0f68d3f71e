import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatJapaneseEraDate } from './format';

describe('Japanese date formats', () => {
  it('shows a UTC timestamp in Tokyo time', () => {
    expect(formatDateTime('2026-11-25T15:30:00.000Z', 'ja')).toBe('2026年11月26日 00:30');
    expect(formatDateTime('2026-11-25T15:30:00.000Z', 'en')).toBe('26 Nov 2026, 00:30');
  });
  it('shows a calendar date with its weekday', () => {
    expect(formatDate('2026-11-25', 'ja')).toBe('2026年11月25日(水)');
  });
  it('writes 和暦 with 元年 for the first year of an era', () => {
    expect(formatJapaneseEraDate('2026-11-25')).toBe('令和8年11月25日');
    expect(formatJapaneseEraDate('2019-05-01')).toBe('令和元年5月1日');
    expect(formatJapaneseEraDate('2019-04-30')).toBe('平成31年4月30日');
  });
});
