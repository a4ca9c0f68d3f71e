/**
 * Use cases of signing in and out: password, second factor (TOTP or a recovery code), first
 * enrolment when the organisation requires it, sign-out and sign-out everywhere. Each state change
 * and its audit row share one transaction. Every failure looks the same to the person signing in
 * (same result, same scrypt work); only the audit trail records why.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit/audit';
import { decoyPasswordHash, verifyPassword } from '../../platform/auth/password';
import type { Database, SessionStage } from '../../platform/db/schema';
import { nowIso } from '../../platform/db/time';
import { normaliseEmail } from '../../platform/text/normalise';
import { endSession, type PendingSession, resumePendingSession, startSession } from '../sessions';
import { deleteSession } from '../store';
import { hashRecoveryCode, looksLikeRecoveryCode } from '../two-factor/recovery-codes';
import { enableTotpIn } from '../two-factor/service';
import { claimTotpStep, countUnusedRecoveryCodes, useRecoveryCode } from '../two-factor/store';
import { isTotpSecret, looksLikeTotpCode, matchTotpStep, normaliseCode } from '../two-factor/totp';
import {
  consumeRateLimit,
  refundRateLimitHit,
  signInAddressKey,
  signInAttemptsPerAddress,
} from './rate-limit';
import {
  type FailureReason,
  isLocked,
  LOCKOUT_AFTER_FAILURES,
  LOCKOUT_MS,
  stageAfterPassword,
} from './rules';
import {
  deleteUserSessions,
  findSessionOwner,
  findSignInAccount,
  incrementFailedSignIns,
  lockUser,
  recordSignInSuccess,
} from './store';

type Db = Kysely<Database>;

/** Where a request comes from, for the session record, rate limits and the audit trail. */
export type RequestMeta = {
  ip: string;
  userAgent: string | null;
  requestId: string | null;
  /** Tests pass a fixed clock; requests use the real one. */
  now?: Date;
};

export type SignInMethod = 'password' | 'totp' | 'recovery_code' | 'totp_setup';

export type PasswordResult =
  | { outcome: 'rate_limited' }
  | { outcome: 'failed' }
  | { outcome: 'session'; token: string; stage: SessionStage };

/**
 * The password step. A session is started on success: 'full' when no second factor is owed,
 * otherwise a short pending one. `replacing` is the session the browser had before (ended, so
 * every sign-in gets a new token).
 */
export async function signInWithPassword(
  db: Db,
  input: { email: string; password: string; replacing?: string | null },
  meta: RequestMeta,
): Promise<PasswordResult> {
  const now = meta.now ?? new Date();
  const email = normaliseEmail(input.email);
  const hit = await consumeRateLimit(db, signInAddressKey(meta.ip), signInAttemptsPerAddress, now);
  if (!hit.allowed) {
    if (hit.firstRefusal) await auditRateLimited(db, email, meta);
    return { outcome: 'rate_limited' };
  }

  const account = await findSignInAccount(db, email);
  // The scrypt work is done whatever happens next, so timing does not tell the cases apart.
  const passwordOk = await verifyPassword(input.password, account?.passwordHash ?? decoyPasswordHash);
  const reason: FailureReason | null = !account
    ? 'unknown_email'
    : account.active !== 1 || account.organisationActive !== 1
      ? 'inactive'
      : isLocked(account.lockedUntil, now)
        ? 'locked'
        : passwordOk
          ? null
          : 'wrong_password';
  if (reason || !account) {
    await recordFailure(db, {
      email,
      userId: account?.id ?? null,
      organisationId: account?.organisationId ?? null,
      reason: reason ?? 'unknown_email',
      meta,
      now,
    });
    return { outcome: 'failed' };
  }

  const stage = stageAfterPassword(account);
  const token = await db.transaction().execute(async (trx) => {
    if (input.replacing) await endSession(trx, input.replacing);
    const token = await startSession(trx, account.id, now, {
      stage,
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    if (stage === 'full') {
      await recordSignInSuccess(trx, account.id, nowIso(now));
      await recordAudit(trx, signInAudit(account.id, account.organisationId, 'password', meta));
    }
    return token;
  });
  // A right password is not a guess: it gives its place in the address's window back.
  await refundRateLimitHit(db, hit);
  return { outcome: 'session', token, stage };
}

export type SecondFactorResult =
  | { outcome: 'rate_limited' }
  | { outcome: 'expired' }
  | { outcome: 'failed' }
  | { outcome: 'signed_in'; token: string; method: 'totp' | 'recovery_code' };

/**
 * The second step for a user with TOTP: a 6-digit code (not one already used) or an unused
 * recovery code. Wrong codes count towards the address's rate limit and the account's lockout.
 */
export async function signInWithSecondFactor(
  db: Db,
  input: { pendingToken: string; code: string },
  meta: RequestMeta,
): Promise<SecondFactorResult> {
  const now = meta.now ?? new Date();
  const pending = await resumePendingSession(db, input.pendingToken, now);
  if (pending?.stage !== 'two_factor') return { outcome: 'expired' };
  const hit = await consumeRateLimit(db, signInAddressKey(meta.ip), signInAttemptsPerAddress, now);
  if (!hit.allowed) {
    if (hit.firstRefusal) await auditRateLimited(db, pending.email, meta);
    return { outcome: 'rate_limited' };
  }

  const code = normaliseCode(input.code);
  type Outcome = { reason: FailureReason } | { token: string; method: 'totp' | 'recovery_code' };
  const outcome = await db.transaction().execute(async (trx): Promise<Outcome> => {
    const refused = refusal(pending, now);
    if (refused) return { reason: refused };
    let method: 'totp' | 'recovery_code';
    if (looksLikeTotpCode(code) && pending.totpSecret) {
      const step = matchTotpStep(pending.totpSecret, code, now, pending.totpLastStep);
      if (step === null || !(await claimTotpStep(trx, pending.userId, step))) {
        const replayed = matchTotpStep(pending.totpSecret, code, now, null) !== null;
        return { reason: replayed ? 'replayed_code' : 'wrong_code' };
      }
      method = 'totp';
    } else if (looksLikeRecoveryCode(code)) {
      if (!(await useRecoveryCode(trx, pending.userId, hashRecoveryCode(code), nowIso(now))))
        return { reason: 'wrong_recovery_code' };
      method = 'recovery_code';
      await recordAudit(trx, {
        action: 'auth.recovery_code_used',
        subjectType: 'user',
        subjectId: pending.userId,
        userId: pending.userId,
        organisationId: pending.organisationId,
        requestId: meta.requestId,
        ip: meta.ip,
        detail: { remaining: await countUnusedRecoveryCodes(trx, pending.userId) },
      });
    } else {
      return { reason: 'wrong_code' };
    }
    const token = await finishSignIn(trx, pending, method, meta, now);
    return { token, method };
  });

  if ('reason' in outcome) {
    await recordFailure(db, {
      email: pending.email,
      userId: pending.userId,
      organisationId: pending.organisationId,
      reason: outcome.reason,
      meta,
      now,
    });
    return { outcome: 'failed' };
  }
  await refundRateLimitHit(db, hit);
  return { outcome: 'signed_in', token: outcome.token, method: outcome.method };
}

export type SetupResult =
  | { outcome: 'expired' }
  | { outcome: 'invalid_code' }
  | { outcome: 'signed_in'; token: string; recoveryCodes: string[] };

/**
 * Enrolment during sign-in, for a user whose organisation requires two-factor authentication and
 * who has none yet: the first code proves the app holds `secret`; then the session is full and the
 * recovery codes are returned, to be shown once.
 */
export async function signInWithTwoFactorSetup(
  db: Db,
  input: { pendingToken: string; secret: string; code: string },
  meta: RequestMeta,
): Promise<SetupResult> {
  const now = meta.now ?? new Date();
  const pending = await resumePendingSession(db, input.pendingToken, now);
  if (pending?.stage !== 'two_factor_setup' || refusal(pending, now)) return { outcome: 'expired' };
  if (!isTotpSecret(input.secret)) return { outcome: 'invalid_code' };
  const step = matchTotpStep(input.secret, normaliseCode(input.code), now, null);
  if (step === null) return { outcome: 'invalid_code' };
  return db.transaction().execute(async (trx) => {
    const recoveryCodes = await enableTotpIn(
      trx,
      { userId: pending.userId, organisationId: pending.organisationId },
      input.secret,
      step,
      meta,
      now,
    );
    const token = await finishSignIn(trx, pending, 'totp_setup', meta, now);
    return { outcome: 'signed_in', token, recoveryCodes } as const;
  });
}

/** Why a pending session may not finish now: the account was deactivated or locked meanwhile. */
function refusal(pending: PendingSession, now: Date): FailureReason | null {
  if (pending.active !== 1) return 'inactive';
  if (isLocked(pending.lockedUntil, now)) return 'locked';
  return null;
}

/** Replaces the pending session with a full one (a new token) and records the sign-in. */
async function finishSignIn(
  trx: Parameters<typeof recordAudit>[0],
  pending: PendingSession,
  method: SignInMethod,
  meta: RequestMeta,
  now: Date,
): Promise<string> {
  await deleteSession(trx, pending.sessionId);
  const token = await startSession(trx, pending.userId, now, {
    stage: 'full',
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
  await recordSignInSuccess(trx, pending.userId, nowIso(now));
  await recordAudit(trx, signInAudit(pending.userId, pending.organisationId, method, meta));
  return token;
}

function signInAudit(userId: string, organisationId: string, method: SignInMethod, meta: RequestMeta) {
  return {
    action: 'auth.sign_in',
    subjectType: 'user',
    subjectId: userId,
    userId,
    organisationId,
    requestId: meta.requestId,
    ip: meta.ip,
    detail: { method, userAgent: meta.userAgent?.slice(0, 300) ?? null },
  };
}

/**
 * A failed attempt: counts towards the account's lockout when the account exists and could be
 * guessed at (not when it is already locked or deactivated), and is audited with the e-mail
 * tried. The fifth consecutive failure locks the account for LOCKOUT_MS.
 */
async function recordFailure(
  db: Db,
  failure: {
    email: string;
    userId: string | null;
    organisationId: string | null;
    reason: FailureReason;
    meta: RequestMeta;
    now: Date;
  },
): Promise<void> {
  const { meta, now } = failure;
  const counts = failure.userId !== null && failure.reason !== 'inactive' && failure.reason !== 'locked';
  await db.transaction().execute(async (trx) => {
    const base = {
      subjectType: 'user',
      subjectId: failure.userId,
      userId: null,
      organisationId: failure.organisationId,
      requestId: meta.requestId,
      ip: meta.ip,
    };
    await recordAudit(trx, {
      ...base,
      action: 'auth.sign_in_failed',
      detail: { email: failure.email, reason: failure.reason },
    });
    if (!counts || failure.userId === null) return;
    const failures = await incrementFailedSignIns(trx, failure.userId);
    if (failures < LOCKOUT_AFTER_FAILURES) return;
    const until = nowIso(new Date(now.getTime() + LOCKOUT_MS));
    await lockUser(trx, failure.userId, until);
    await recordAudit(trx, {
      ...base,
      action: 'auth.locked',
      detail: { email: failure.email, until, failures },
    });
  });
}

async function auditRateLimited(db: Db, email: string, meta: RequestMeta): Promise<void> {
  await recordAudit(db, {
    action: 'auth.rate_limited',
    subjectType: 'address',
    subjectId: meta.ip,
    requestId: meta.requestId,
    ip: meta.ip,
    detail: { email, limit: signInAttemptsPerAddress.limit, windowMs: signInAttemptsPerAddress.windowMs },
  });
}

/** Ends one session (signed in or still pending) and records who signed out. */
export async function signOut(db: Db, sessionId: string, meta: RequestMeta): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const owner = await findSessionOwner(trx, sessionId);
    if (!owner) return;
    await deleteSession(trx, sessionId);
    await recordAudit(trx, {
      action: 'auth.sign_out',
      subjectType: 'user',
      subjectId: owner.userId,
      userId: owner.userId,
      organisationId: owner.organisationId,
      requestId: meta.requestId,
      ip: meta.ip,
      detail: owner.stage === 'full' ? {} : { stage: owner.stage },
    });
  });
}

/** Ends every session of the user, on every device, the current one included. */
export async function signOutEverywhere(
  db: Db,
  user: { userId: string; organisationId: string },
  meta: RequestMeta,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ended = await deleteUserSessions(trx, user.userId);
    await recordAudit(trx, {
      action: 'auth.sign_out_everywhere',
      subjectType: 'user',
      subjectId: user.userId,
      userId: user.userId,
      organisationId: user.organisationId,
      requestId: meta.requestId,
      ip: meta.ip,
      detail: { sessions: ended },
    });
    return ended;
  });
}
