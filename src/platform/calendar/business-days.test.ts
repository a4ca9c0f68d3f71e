import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  businessDaysBetween,
  isBusinessDay,
  isNationalHoliday,
  isYearEndBreak,
  tokyoDateOf,
} from './business-days';

describe('business days', () => {
  it('excludes weekends', () => {
    expect(isBusinessDay('2026-11-27')).toBe(true); // Friday
    expect(isBusinessDay('2026-11-28')).toBe(false); // Saturday
    expect(isBusinessDay('2026-11-29')).toBe(false); // Sunday
  });

  it('excludes national holidays and a substitute holiday', () => {
    expect(isNationalHoliday('2026-11-23')).toBe(true); // 勤労感謝の日 (Monday)
    expect(isBusinessDay('2026-11-23')).toBe(false);
    // 2025-11-24: 振替休日 for 勤労感謝の日 on Sunday 23rd
    expect(isNationalHoliday('2025-11-24')).toBe(true);
    expect(isBusinessDay('2025-11-24')).toBe(false);
    // 2026-09-22: 国民の休日 between 敬老の日 and 秋分の日
    expect(isBusinessDay('2026-09-22')).toBe(false);
  });

  it('counts through Golden Week 2025 (5/3–5/6 incl. the substitute holiday)', () => {
    expect(addBusinessDays('2025-05-02', 1)).toBe('2025-05-07');
    expect(addBusinessDays('2025-05-01', 3)).toBe('2025-05-08');
    expect(businessDaysBetween('2025-05-02', '2025-05-07')).toBe(1);
    expect(businessDaysBetween('2025-04-28', '2025-05-09')).toBe(6); // 4/30, 5/1, 5/2, 5/7, 5/8, 5/9
  });

  it('treats 12/29–1/3 as closed (year-end break)', () => {
    expect(isYearEndBreak('2026-12-29')).toBe(true);
    expect(isYearEndBreak('2027-01-03')).toBe(true);
    expect(isYearEndBreak('2027-01-04')).toBe(false);
    expect(isBusinessDay('2026-12-28')).toBe(true); // Monday
    expect(isBusinessDay('2026-12-29')).toBe(false); // Tuesday
    expect(addBusinessDays('2026-12-28', 1)).toBe('2027-01-04');
  });

  it('adds zero days as the same date and counts nothing backwards', () => {
    expect(addBusinessDays('2026-11-28', 0)).toBe('2026-11-28');
    expect(businessDaysBetween('2026-11-27', '2026-11-27')).toBe(0);
    expect(businessDaysBetween('2026-11-30', '2026-11-27')).toBe(0);
    expect(() => addBusinessDays('2026-11-28', -1)).toThrow(RangeError);
    expect(() => isBusinessDay('2026/11/28')).toThrow(RangeError);
  });

  it('agrees with addBusinessDays for every start in a year', () => {
    let date = '2026-01-01';
    for (let i = 0; i < 365; i += 1) {
      for (const n of [1, 3, 10]) expect(businessDaysBetween(date, addBusinessDays(date, n))).toBe(n);
      date = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    }
  });

  it('reads the Tokyo date of an instant', () => {
    expect(tokyoDateOf('2026-11-27T15:30:00.000Z')).toBe('2026-11-28');
    expect(tokyoDateOf('2026-11-27T14:59:59.000Z')).toBe('2026-11-27');
  });
});
