/** The rules of signing in, without I/O: lockout, and which stage a new session starts in. */
import type { SessionStage } from '../../platform/db/schema';

/** Consecutive failures (wrong passwords or codes) that lock an account… */
export const LOCKOUT_AFTER_FAILURES = 5;
/** …and for how long. */
export const LOCKOUT_MS = 15 * 60 * 1000;

export function isLocked(lockedUntil: string | null, now: Date): boolean {
  return lockedUntil !== null && Date.parse(lockedUntil) > now.getTime();
}

/**
 * After the password: a user with TOTP gives a code; a user without it whose organisation
 * requires it enrols first; everyone else is signed in.
 */
export function stageAfterPassword(user: {
  totpEnabledAt: string | null;
  twoFactorRequired: number;
}): SessionStage {
  if (user.totpEnabledAt) return 'two_factor';
  if (user.twoFactorRequired === 1) return 'two_factor_setup';
  return 'full';
}

/** Why an attempt failed, for the audit trail only: the person is told the same thing every time. */
export type FailureReason =
  | 'unknown_email'
  | 'inactive'
  | 'locked'
  | 'wrong_password'
  | 'wrong_code'
  | 'replayed_code'
  | 'wrong_recovery_code';
