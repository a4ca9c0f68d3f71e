/**
 * Time-based one-time codes (RFC 6238: SHA-1, 6 digits, 30 s) with @oslojs/otp, and the rules
 * around them: codes as people type them, one step of clock drift either way, and no code
 * accepted twice (a code is only good for a step later than the last one accepted).
 */
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { createTOTPKeyURI, generateHOTP, verifyHOTP } from '@oslojs/otp';
import { toDataURL } from 'qrcode';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of the current one, for a phone clock a little off. */
const DRIFT_STEPS = 1;
const SECRET_BYTES = 20;
/** What authenticator apps show as the account's issuer. */
export const TOTP_ISSUER = 'はたらくサポートとうきょう';

/** A new random secret, base32 (A–Z, 2–7) without padding: 32 characters. */
export function newTotpSecret(): string {
  return encodeBase32UpperCaseNoPadding(crypto.getRandomValues(new Uint8Array(SECRET_BYTES)));
}

/** A secret as posted back by the enrolment form: accepted only in the form newTotpSecret makes. */
export function isTotpSecret(value: string): boolean {
  return /^[A-Z2-7]{32}$/.test(value);
}

function keyOf(secret: string): Uint8Array {
  return decodeBase32IgnorePadding(secret);
}

/** The secret in groups of four for typing into an app by hand: `ABCD EFGH …`. */
export function formatSecretForDisplay(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

export function totpKeyUri(secret: string, accountName: string): string {
  return createTOTPKeyURI(TOTP_ISSUER, accountName, keyOf(secret), TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

/** The key URI as a QR code image (PNG data: URL) for authenticator apps to scan. */
export function totpQrCode(secret: string, accountName: string): Promise<string> {
  return toDataURL(totpKeyUri(secret, accountName), { errorCorrectionLevel: 'M', margin: 2, width: 200 });
}

export function totpStepAt(now: Date): number {
  return Math.floor(now.getTime() / (TOTP_PERIOD_SECONDS * 1000));
}

/** The code for a step; tests and the browser journey compute codes with it. */
export function totpCodeForStep(secret: string, step: number): string {
  return generateHOTP(keyOf(secret), BigInt(step), TOTP_DIGITS);
}

/**
 * A typed code made comparable: full-width digits and spaces, hyphens and spaces between groups
 * are accepted (NFKC, then everything but letters and digits dropped).
 */
export function normaliseCode(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[^0-9A-Za-z]/g, '')
    .toLowerCase();
}

export function looksLikeTotpCode(normalised: string): boolean {
  return /^\d{6}$/.test(normalised);
}

/**
 * The step `code` is valid for, looking at the current step and one either side, latest first;
 * null when it matches none or only steps at or before `lastStep` (already used: a replay).
 */
export function matchTotpStep(
  secret: string,
  code: string,
  now: Date,
  lastStep: number | null,
): number | null {
  if (!looksLikeTotpCode(code)) return null;
  const key = keyOf(secret);
  const current = totpStepAt(now);
  for (let step = current + DRIFT_STEPS; step >= current - DRIFT_STEPS; step--) {
    if (lastStep !== null && step <= lastStep) break;
    if (verifyHOTP(key, BigInt(step), TOTP_DIGITS, code)) return step;
  }
  return null;
}
