import { describe, expect, it } from 'vitest';
import {
  isValidLocalGovernmentCode,
  localGovernmentCheckDigit,
  withCheckDigit,
} from './local-government-code';

describe('localGovernmentCheckDigit', () => {
  it('matches published codes', () => {
    expect(withCheckDigit('13101')).toBe('131016'); // 千代田区
    expect(withCheckDigit('13104')).toBe('131041'); // 新宿区
    expect(withCheckDigit('13421')).toBe('134210'); // 小笠原村
    expect(withCheckDigit('13000')).toBe('130001'); // 東京都
  });

  it('writes 11 − remainder as 1 when the remainder is 0 and as 0 when it is 1', () => {
    expect(localGovernmentCheckDigit('01101')).toBe(1); // 札幌市中央区 011011: weighted sum 22
    expect(localGovernmentCheckDigit('01107')).toBe(0); // 札幌市西区 011070: weighted sum 12
    expect(withCheckDigit('01213')).toBe('012131'); // 苫小牧市
    expect(withCheckDigit('01205')).toBe('012050'); // 室蘭市
  });

  it('rejects input that is not 5 digits', () => {
    expect(() => localGovernmentCheckDigit('1310')).toThrow();
    expect(() => localGovernmentCheckDigit('13101a')).toThrow();
  });
});

describe('isValidLocalGovernmentCode', () => {
  it('accepts codes with the right check digit only', () => {
    expect(isValidLocalGovernmentCode('131016')).toBe(true);
    expect(isValidLocalGovernmentCode('131017')).toBe(false);
    expect(isValidLocalGovernmentCode('13101')).toBe(false);
    expect(isValidLocalGovernmentCode('１３１０１６')).toBe(false);
  });
});
