/**
 * Recovery codes: ten one-time codes for when the authenticator app is out of reach. Shown once,
 * stored as SHA-256 (each code carries about 59 random bits, so a slow hash adds nothing).
 */
import { randomInt } from 'node:crypto';
import { hashToken } from '../../platform/auth/tokens';
import { normaliseCode } from './totp';

export const RECOVERY_CODE_COUNT = 10;
const LENGTH = 12;
/** Lower-case letters and digits without look-alikes (0/o, 1/l/i). */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A new code as shown to the user: `xxxx-xxxx-xxxx`. */
export function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
}

/** Whether a normalised input has the shape of a recovery code (before looking it up). */
export function looksLikeRecoveryCode(normalised: string): boolean {
  return normalised.length === LENGTH && [...normalised].every((ch) => ALPHABET.includes(ch));
}

/** The stored form of a code, whatever width, case or hyphens it was typed with. */
export function hashRecoveryCode(code: string): string {
  return hashToken(`recovery:${normaliseCode(code)}`);
}
