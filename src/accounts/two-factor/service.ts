/**
 * Use cases of two-factor authentication on the user's own account: turn it on (prove the app
 * holds the secret with one code), turn it off (current password; refused while the organisation
 * requires it), and issue new recovery codes. Each writes its audit row in its transaction.
 */
import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../../platform/audit/audit';
import { verifyPassword } from '../../platform/auth/password';
import type { Database } from '../../platform/db/schema';
import { nowIso } from '../../platform/db/time';
import {
  consumeRateLimit,
  refundRateLimitHit,
  signInAddressKey,
  signInAttemptsPerAddress,
} from '../sign-in/rate-limit';
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes';
import {
  clearTotpSecret,
  deleteRecoveryCodes,
  findTwoFactorOfUser,
  replaceRecoveryCodes,
  saveTotpSecret,
} from './store';
import { isTotpSecret, matchTotpStep, normaliseCode } from './totp';

type Owner = { userId: string; organisationId: string };
type Meta = { ip: string; requestId: string | null; now?: Date };

function auditOf(owner: Owner, meta: Meta, action: string, detail: Record<string, unknown> = {}) {
  return {
    action,
    subjectType: 'user',
    subjectId: owner.userId,
    userId: owner.userId,
    organisationId: owner.organisationId,
    requestId: meta.requestId,
    ip: meta.ip,
    detail,
  };
}

/**
 * Inside a caller's transaction: stores the confirmed secret (the step of the confirming code
 * counts as used), replaces the recovery codes, audits, and returns the codes to show once.
 */
export async function enableTotpIn(
  trx: Transaction<Database>,
  owner: Owner,
  secret: string,
  acceptedStep: number,
  meta: Meta,
  now: Date,
): Promise<string[]> {
  const codes = newRecoveryCodes();
  await saveTotpSecret(trx, owner.userId, secret, nowIso(now), acceptedStep);
  await replaceRecoveryCodes(trx, owner.userId, codes.map(hashRecoveryCode), nowIso(now));
  await recordAudit(trx, auditOf(owner, meta, 'auth.two_factor_enabled', { recoveryCodes: codes.length }));
  return codes;
}

export type EnableResult =
  | { ok: true; recoveryCodes: string[] }
  | { ok: false; reason: 'invalid_code' | 'already_enabled' };

export async function enableTwoFactor(
  db: Kysely<Database>,
  owner: Owner,
  input: { secret: string; code: string },
  meta: Meta,
): Promise<EnableResult> {
  const now = meta.now ?? new Date();
  const state = await findTwoFactorOfUser(db, owner.userId);
  if (!state || state.totpEnabledAt) return { ok: false, reason: 'already_enabled' };
  if (!isTotpSecret(input.secret)) return { ok: false, reason: 'invalid_code' };
  const step = matchTotpStep(input.secret, normaliseCode(input.code), now, null);
  if (step === null) return { ok: false, reason: 'invalid_code' };
  const recoveryCodes = await db
    .transaction()
    .execute((trx) => enableTotpIn(trx, owner, input.secret, step, meta, now));
  return { ok: true, recoveryCodes };
}

/**
 * Checks the current password for a change to the account's security. Counts against the
 * address's sign-in limit (a stolen session must not become a password-guessing machine).
 */
async function checkPassword(
  db: Kysely<Database>,
  passwordHash: string,
  password: string,
  meta: Meta,
): Promise<'ok' | 'wrong_password' | 'rate_limited'> {
  const hit = await consumeRateLimit(
    db,
    signInAddressKey(meta.ip),
    signInAttemptsPerAddress,
    meta.now ?? new Date(),
  );
  if (!hit.allowed) return 'rate_limited';
  if (!(await verifyPassword(password, passwordHash))) return 'wrong_password';
  await refundRateLimitHit(db, hit);
  return 'ok';
}

export type DisableResult = 'disabled' | 'required' | 'not_enabled' | 'wrong_password' | 'rate_limited';

export async function disableTwoFactor(
  db: Kysely<Database>,
  owner: Owner,
  password: string,
  meta: Meta,
): Promise<DisableResult> {
  const state = await findTwoFactorOfUser(db, owner.userId);
  if (!state?.totpEnabledAt) return 'not_enabled';
  if (state.twoFactorRequired === 1) return 'required';
  const checked = await checkPassword(db, state.passwordHash, password, meta);
  if (checked !== 'ok') return checked;
  const now = nowIso(meta.now ?? new Date());
  await db.transaction().execute(async (trx) => {
    await clearTotpSecret(trx, owner.userId, now);
    await deleteRecoveryCodes(trx, owner.userId);
    await recordAudit(trx, auditOf(owner, meta, 'auth.two_factor_disabled'));
  });
  return 'disabled';
}

export type RegenerateResult =
  | { ok: true; recoveryCodes: string[] }
  | { ok: false; reason: 'not_enabled' | 'wrong_password' | 'rate_limited' };

/** New recovery codes; the old ones stop working. */
export async function regenerateRecoveryCodes(
  db: Kysely<Database>,
  owner: Owner,
  password: string,
  meta: Meta,
): Promise<RegenerateResult> {
  const state = await findTwoFactorOfUser(db, owner.userId);
  if (!state?.totpEnabledAt) return { ok: false, reason: 'not_enabled' };
  const checked = await checkPassword(db, state.passwordHash, password, meta);
  if (checked !== 'ok') return { ok: false, reason: checked };
  const codes = newRecoveryCodes();
  await db.transaction().execute(async (trx) => {
    await replaceRecoveryCodes(
      trx,
      owner.userId,
      codes.map(hashRecoveryCode),
      nowIso(meta.now ?? new Date()),
    );
    await recordAudit(trx, auditOf(owner, meta, 'auth.recovery_codes_regenerated', { count: codes.length }));
  });
  return { ok: true, recoveryCodes: codes };
}
