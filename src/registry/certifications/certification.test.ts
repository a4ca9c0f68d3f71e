import { describe, expect, it } from 'vitest';
import { isValidCertification, tokyoToday, validateCertification } from './certification';

const valid = { number: '第123号', certified_on: '2024/04/01', authority: '東京都', status: 'certified' };

describe('就労訓練事業の認定', () => {
  it('accepts a certification and normalises the date', () => {
    expect(validateCertification(valid, '2026-01-01')).toEqual({
      ok: true,
      value: { number: '第123号', certified_on: '2024-04-01', authority: '東京都', status: 'certified' },
    });
  });

  it.each([
    [{ number: '' }, 'number', 'required'],
    [{ authority: '' }, 'authority', 'required'],
    [{ certified_on: '2024-02-30' }, 'certified_on', 'invalidDate'],
    [{ certified_on: '2027-01-01' }, 'certified_on', 'futureDate'],
    [{ status: 'valid' }, 'status', 'invalidChoice'],
  ])('refuses %o', (change, field, code) => {
    const result = validateCertification({ ...valid, ...change }, '2026-01-01');
    expect(result.ok ? {} : result.errors).toMatchObject({ [field]: code });
  });

  it('counts only a granted certification as valid', () => {
    expect(isValidCertification({ status: 'certified' })).toBe(true);
    expect(isValidCertification({ status: 'applying' })).toBe(false);
    expect(isValidCertification({ status: 'revoked' })).toBe(false);
    expect(isValidCertification(undefined)).toBe(false);
  });

  it('reads today in Tokyo', () => {
    expect(tokyoToday(new Date('2026-03-31T15:30:00Z'))).toBe('2026-04-01');
  });
});
