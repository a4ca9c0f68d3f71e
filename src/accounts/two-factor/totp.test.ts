import { describe, expect, it } from 'vitest';
import {
  formatSecretForDisplay,
  isTotpSecret,
  matchTotpStep,
  newTotpSecret,
  normaliseCode,
  totpCodeForStep,
  totpKeyUri,
  totpQrCode,
  totpStepAt,
} from './totp';

// RFC 4226 appendix D: the ASCII secret "12345678901234567890", counter 1 → 287082.
const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP', () => {
  it('computes the RFC test values and 30-second steps', () => {
    expect(totpCodeForStep(rfcSecret, 1)).toBe('287082');
    expect(totpCodeForStep(rfcSecret, 9)).toBe('520489');
    expect(totpStepAt(new Date(59_000))).toBe(1);
    expect(totpStepAt(new Date(60_000))).toBe(2);
  });

  it('makes 32-character base32 secrets and shows them in groups of four', () => {
    const secret = newTotpSecret();
    expect(isTotpSecret(secret)).toBe(true);
    expect(newTotpSecret()).not.toBe(secret);
    expect(isTotpSecret('abcd')).toBe(false);
    expect(isTotpSecret(`${secret.slice(0, 31)}1`)).toBe(false);
    expect(formatSecretForDisplay(rfcSecret)).toBe('GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ');
  });

  it('accepts codes typed in full width, with spaces or a hyphen', () => {
    expect(normaliseCode('１２３　４５６')).toBe('123456');
    expect(normaliseCode(' 123-456 ')).toBe('123456');
    expect(normaliseCode('ＡＢＣＤ－ｅｆｇｈ')).toBe('abcdefgh');
  });

  it('accepts the current step and one either side, and nothing further', () => {
    const now = new Date('2026-11-25T01:00:10Z');
    const step = totpStepAt(now);
    for (const offset of [-1, 0, 1]) {
      expect(matchTotpStep(rfcSecret, totpCodeForStep(rfcSecret, step + offset), now, null)).toBe(
        step + offset,
      );
    }
    expect(matchTotpStep(rfcSecret, totpCodeForStep(rfcSecret, step - 2), now, null)).toBeNull();
    expect(matchTotpStep(rfcSecret, totpCodeForStep(rfcSecret, step + 2), now, null)).toBeNull();
    expect(matchTotpStep(rfcSecret, '12345', now, null)).toBeNull();
    expect(matchTotpStep(rfcSecret, 'abcdef', now, null)).toBeNull();
  });

  it('refuses a code of a step already used, or of an earlier one', () => {
    const now = new Date('2026-11-25T01:00:10Z');
    const step = totpStepAt(now);
    const code = totpCodeForStep(rfcSecret, step);
    expect(matchTotpStep(rfcSecret, code, now, step)).toBeNull();
    expect(matchTotpStep(rfcSecret, code, now, step + 1)).toBeNull();
    expect(matchTotpStep(rfcSecret, code, now, step - 1)).toBe(step);
    expect(matchTotpStep(rfcSecret, totpCodeForStep(rfcSecret, step + 1), now, step)).toBe(step + 1);
  });

  it('builds the otpauth URI and a QR code image for it', async () => {
    const uri = totpKeyUri(rfcSecret, 'staff@example.jp');
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${rfcSecret}`);
    expect(uri).toContain('period=30');
    expect(uri).toContain('digits=6');
    expect(uri).toContain(encodeURIComponent('staff@example.jp'));
    expect(await totpQrCode(rfcSecret, 'staff@example.jp')).toMatch(/^data:image\/png;base64,/);
  });
});
