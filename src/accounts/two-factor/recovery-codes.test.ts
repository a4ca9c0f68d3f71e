import { describe, expect, it } from 'vitest';
import {
  hashRecoveryCode,
  looksLikeRecoveryCode,
  newRecoveryCode,
  newRecoveryCodes,
  RECOVERY_CODE_COUNT,
} from './recovery-codes';
import { normaliseCode } from './totp';

describe('recovery codes', () => {
  it('makes ten distinct codes without look-alike characters', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) {
      expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
      expect(code).not.toMatch(/[01ilo]/);
      expect(looksLikeRecoveryCode(normaliseCode(code))).toBe(true);
    }
  });

  it('hashes a code the same however it is typed', () => {
    const code = newRecoveryCode();
    const wide = code
      .toUpperCase()
      .replace(/[A-Z0-9]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
    expect(hashRecoveryCode(wide)).toBe(hashRecoveryCode(code));
    expect(hashRecoveryCode(code.replaceAll('-', ' '))).toBe(hashRecoveryCode(code));
    expect(hashRecoveryCode(code)).not.toBe(hashRecoveryCode(newRecoveryCode()));
    expect(hashRecoveryCode(code)).not.toContain(code.replaceAll('-', ''));
  });

  it('tells a recovery code from a six-digit code', () => {
    expect(looksLikeRecoveryCode('123456')).toBe(false);
    expect(looksLikeRecoveryCode('abcdefghjkmn')).toBe(true);
    expect(looksLikeRecoveryCode('abcdefghjkm0')).toBe(false);
  });
});
