import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import { hashToken } from '../../platform/auth/tokens';
import type { Database } from '../../platform/db/schema';
import { resumeSession } from '../sessions';
import { disableTwoFactor, enableTwoFactor, regenerateRecoveryCodes } from '../two-factor/service';
import { newTotpSecret, totpCodeForStep, totpStepAt } from '../two-factor/totp';
import { consumeRateLimit, refundRateLimitHit } from './rate-limit';
import {
  type RequestMeta,
  signInWithPassword,
  signInWithSecondFactor,
  signInWithTwoFactorSetup,
  signOutEverywhere,
} from './service';
import { createTestAccount, freshAddress } from './test-accounts';

const t0 = new Date('2026-11-25T01:00:05Z');
const later = (ms: number) => new Date(t0.getTime() + ms);
const minute = 60_000;

/** Each call comes from a new address unless one is given: tests do not share rate limits. */
function metaAt(now: Date, ip = freshAddress()): RequestMeta {
  return { ip, userAgent: 'Mozilla/5.0 (test) Firefox/130.0', requestId: 'test-request', now };
}

async function auditOf(db: Kysely<Database>, subjectId: string) {
  const rows = await db
    .selectFrom('audit_event')
    .select(['action', 'detail', 'ip', 'user_id as userId'])
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ ...row, detail: JSON.parse(row.detail) as Record<string, unknown> }));
}

async function userRow(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('app_user')
    .select(['failed_sign_ins', 'locked_until', 'last_sign_in_at', 'totp_enabled_at', 'totp_last_step'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

describeEachDatabase('signing in (service, fixed clock)', (current) => {
  const db = () => current().db;

  it('counts hits in a fixed window per key, atomically, and starts a new window when it ends', async () => {
    const rule = { limit: 3, windowMs: minute };
    const hits = [];
    for (let i = 0; i < 5; i++) hits.push(await consumeRateLimit(db(), 'test:window', rule, t0));
    expect(hits.map((h) => [h.count, h.allowed, h.firstRefusal])).toEqual([
      [1, true, false],
      [2, true, false],
      [3, true, false],
      [4, false, true],
      [5, false, false],
    ]);
    expect((await consumeRateLimit(db(), 'test:window', rule, later(minute - 1))).allowed).toBe(false);
    const fresh = await consumeRateLimit(db(), 'test:window', rule, later(minute));
    expect([fresh.count, fresh.allowed, fresh.windowStart]).toEqual([1, true, later(minute).toISOString()]);
    await refundRateLimitHit(db(), fresh);
    expect((await consumeRateLimit(db(), 'test:window', rule, later(minute))).count).toBe(1);
    // Another key has a window of its own.
    expect((await consumeRateLimit(db(), 'test:other', rule, t0)).count).toBe(1);

    // Parallel hits each get their own count: the upsert is one atomic statement.
    const parallel = await Promise.all(
      Array.from({ length: 25 }, () => consumeRateLimit(db(), 'test:parallel', rule, t0)),
    );
    expect(parallel.map((h) => h.count).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
  });

  it('refuses the 21st attempt from one address in 10 minutes, but not right passwords', async () => {
    const account = await createTestAccount(db());
    const ip = freshAddress();
    // Right passwords give their place back: 5 of them, then 20 guesses still fit in the window.
    for (let i = 0; i < 5; i++) {
      const result = await signInWithPassword(
        db(),
        { email: account.email, password: account.password },
        metaAt(t0, ip),
      );
      expect(result.outcome).toBe('session');
    }
    for (let i = 0; i < 20; i++) {
      const result = await signInWithPassword(
        db(),
        { email: `nobody-${i}@example.jp`, password: 'guess' },
        metaAt(later(1000), ip),
      );
      expect(result.outcome).toBe('failed');
    }
    const refused = await signInWithPassword(
      db(),
      { email: account.email, password: account.password },
      metaAt(later(2000), ip),
    );
    expect(refused).toEqual({ outcome: 'rate_limited' });
    await signInWithPassword(db(), { email: 'x@example.jp', password: 'guess' }, metaAt(later(3000), ip));
    const limited = await db()
      .selectFrom('audit_event')
      .select(['action', 'ip'])
      .where('action', '=', 'auth.rate_limited')
      .where('ip', '=', ip)
      .execute();
    expect(limited).toHaveLength(1);
    // Another address is not affected, and the window ends 10 minutes after it began.
    expect(
      (
        await signInWithPassword(
          db(),
          { email: account.email, password: account.password },
          metaAt(later(3000)),
        )
      ).outcome,
    ).toBe('session');
    expect(
      (
        await signInWithPassword(
          db(),
          { email: account.email, password: account.password },
          metaAt(later(10 * minute), ip),
        )
      ).outcome,
    ).toBe('session');
  });

  it('locks an account for 15 minutes after 5 wrong passwords in a row, and audits it', async () => {
    const account = await createTestAccount(db());
    const wrong = { email: account.email.toUpperCase(), password: 'wrong-password' };
    for (let i = 0; i < 4; i++)
      expect((await signInWithPassword(db(), wrong, metaAt(t0))).outcome).toBe('failed');
    expect((await userRow(db(), account.userId)).failed_sign_ins).toBe(4);
    expect((await signInWithPassword(db(), wrong, metaAt(later(1000)))).outcome).toBe('failed');
    const locked = await userRow(db(), account.userId);
    expect(locked.locked_until).toBe(later(1000 + 15 * minute).toISOString());
    expect(locked.failed_sign_ins).toBe(0);

    const right = { email: account.email, password: account.password };
    expect((await signInWithPassword(db(), right, metaAt(later(14 * minute)))).outcome).toBe('failed');
    const after = await signInWithPassword(db(), right, metaAt(later(15 * minute + 1001)));
    expect(after).toMatchObject({ outcome: 'session', stage: 'full' });
    const unlocked = await userRow(db(), account.userId);
    expect(unlocked).toMatchObject({ failed_sign_ins: 0, locked_until: null });
    expect(unlocked.last_sign_in_at).toBe(later(15 * minute + 1001).toISOString());

    const audit = await auditOf(db(), account.userId);
    expect(audit.map((a) => [a.action, a.detail.reason ?? null])).toEqual([
      ['auth.sign_in_failed', 'wrong_password'],
      ['auth.sign_in_failed', 'wrong_password'],
      ['auth.sign_in_failed', 'wrong_password'],
      ['auth.sign_in_failed', 'wrong_password'],
      ['auth.sign_in_failed', 'wrong_password'],
      ['auth.locked', null],
      ['auth.sign_in_failed', 'locked'],
      ['auth.sign_in', null],
    ]);
    expect(audit[0]?.detail.email).toBe(account.email);
    expect(audit[0]?.ip).toMatch(/^2001:db8::/);
    expect(audit[0]?.userId).toBeNull();
    expect(audit.at(-1)?.userId).toBe(account.userId);
    expect(JSON.stringify(audit)).not.toContain('wrong-password');
  });

  it('counts only consecutive failures: a right password starts the count again', async () => {
    const account = await createTestAccount(db());
    const wrong = { email: account.email, password: 'nope' };
    for (let i = 0; i < 4; i++) await signInWithPassword(db(), wrong, metaAt(t0));
    await signInWithPassword(db(), { email: account.email, password: account.password }, metaAt(t0));
    for (let i = 0; i < 4; i++) await signInWithPassword(db(), wrong, metaAt(t0));
    expect(await userRow(db(), account.userId)).toMatchObject({ failed_sign_ins: 4, locked_until: null });
  });

  it('refuses a deactivated user without counting, and audits unknown addresses', async () => {
    const account = await createTestAccount(db());
    await db().updateTable('app_user').set({ active: 0 }).where('id', '=', account.userId).execute();
    const result = await signInWithPassword(
      db(),
      { email: account.email, password: account.password },
      metaAt(t0),
    );
    expect(result).toEqual({ outcome: 'failed' });
    expect((await userRow(db(), account.userId)).failed_sign_ins).toBe(0);
    expect((await auditOf(db(), account.userId)).map((a) => a.detail.reason)).toEqual(['inactive']);

    await signInWithPassword(
      db(),
      { email: 'ＮＯＢＯＤＹ@Example.jp', password: 'x' },
      metaAt(t0, '192.0.2.99'),
    );
    const unknown = await db()
      .selectFrom('audit_event')
      .select(['detail', 'subject_id'])
      .where('action', '=', 'auth.sign_in_failed')
      .where('ip', '=', '192.0.2.99')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(unknown.detail)).toEqual({ email: 'nobody@example.jp', reason: 'unknown_email' });
    expect(unknown.subject_id).toBeNull();
  });

  it('starts a new session with address and browser, and ends the one it replaces', async () => {
    const account = await createTestAccount(db());
    const first = await signInWithPassword(
      db(),
      { email: account.email, password: account.password },
      metaAt(t0),
    );
    if (first.outcome !== 'session') throw new Error('expected a session');
    const second = await signInWithPassword(
      db(),
      { email: account.email, password: account.password, replacing: hashToken(first.token) },
      metaAt(t0, '203.0.113.5'),
    );
    if (second.outcome !== 'session') throw new Error('expected a session');
    expect(second.token).not.toBe(first.token);
    const sessions = await db()
      .selectFrom('user_session')
      .select(['id', 'ip', 'user_agent', 'stage'])
      .where('user_id', '=', account.userId)
      .execute();
    expect(sessions).toEqual([
      {
        id: hashToken(second.token),
        ip: '203.0.113.5',
        user_agent: 'Mozilla/5.0 (test) Firefox/130.0',
        stage: 'full',
      },
    ]);
  });

  it('asks users with TOTP for a code, and never accepts the same code twice', async () => {
    const account = await createTestAccount(db());
    const owner = { userId: account.userId, organisationId: account.organisationId };
    const secret = newTotpSecret();
    const step = totpStepAt(t0);
    const enabled = await enableTwoFactor(
      db(),
      owner,
      { secret, code: totpCodeForStep(secret, step) },
      metaAt(t0),
    );
    expect(enabled.ok).toBe(true);
    expect((await userRow(db(), account.userId)).totp_last_step).toBe(step);

    const password = await signInWithPassword(
      db(),
      { email: account.email, password: account.password },
      metaAt(t0),
    );
    if (password.outcome !== 'session') throw new Error('expected a session');
    expect(password.stage).toBe('two_factor');
    // A pending session is nobody's signed-in session.
    expect(await resumeSession(db(), password.token, t0)).toBeNull();

    // The code that turned two-factor on is spent.
    const replay = await signInWithSecondFactor(
      db(),
      { pendingToken: password.token, code: totpCodeForStep(secret, step) },
      metaAt(t0),
    );
    expect(replay).toEqual({ outcome: 'failed' });

    const nextCode = totpCodeForStep(secret, step + 1);
    const typedWide = nextCode.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const ok = await signInWithSecondFactor(
      db(),
      { pendingToken: password.token, code: `${typedWide.slice(0, 3)}　${typedWide.slice(3)}` },
      metaAt(later(30_000)),
    );
    if (ok.outcome !== 'signed_in') throw new Error(`expected signed_in, got ${ok.outcome}`);
    expect(ok.method).toBe('totp');
    expect(ok.token).not.toBe(password.token);
    expect(await resumeSession(db(), ok.token, later(30_000))).toMatchObject({ id: account.userId });
    // The pending session is gone.
    expect(
      (
        await signInWithSecondFactor(
          db(),
          { pendingToken: password.token, code: nextCode },
          metaAt(later(30_000)),
        )
      ).outcome,
    ).toBe('expired');

    // Signing in again in the same 30 seconds with the same code: refused as a replay.
    const again = await signInWithPassword(
      db(),
      { email: account.email, password: account.password },
      metaAt(later(31_000)),
    );
    if (again.outcome !== 'session') throw new Error('expected a session');
    expect(
      (
        await signInWithSecondFactor(
          db(),
          { pendingToken: again.token, code: nextCode },
          metaAt(later(31_000)),
        )
      ).outcome,
    ).toBe('failed');

    const reasons = (await auditOf(db(), account.userId)).map((a) => [
      a.action,
      a.detail.reason ?? a.detail.method ?? null,
    ]);
    expect(reasons).toEqual([
      ['auth.two_factor_enabled', null],
      ['auth.sign_in_failed', 'replayed_code'],
      ['auth.sign_in', 'totp'],
      ['auth.sign_in_failed', 'replayed_code'],
    ]);
  });

  it('accepts each recovery code once', async () => {
    const account = await createTestAccount(db());
    const owner = { userId: account.userId, organisationId: account.organisationId };
    const secret = newTotpSecret();
    const enabled = await enableTwoFactor(
      db(),
      owner,
      { secret, code: totpCodeForStep(secret, totpStepAt(t0)) },
      metaAt(t0),
    );
    if (!enabled.ok) throw new Error('not enabled');
    expect(enabled.recoveryCodes).toHaveLength(10);
    const stored = await db()
      .selectFrom('recovery_code')
      .select('code_hash')
      .where('user_id', '=', account.userId)
      .execute();
    expect(stored).toHaveLength(10);
    expect(JSON.stringify(stored)).not.toContain(enabled.recoveryCodes[0]?.slice(0, 4));

    const [first = '', second = ''] = enabled.recoveryCodes;
    const pending = async () => {
      const result = await signInWithPassword(
        db(),
        { email: account.email, password: account.password },
        metaAt(t0),
      );
      if (result.outcome !== 'session') throw new Error('expected a session');
      return result.token;
    };
    const used = await signInWithSecondFactor(
      db(),
      { pendingToken: await pending(), code: first.toUpperCase() },
      metaAt(t0),
    );
    expect(used).toMatchObject({ outcome: 'signed_in', method: 'recovery_code' });
    const token = await pending();
    expect(
      (await signInWithSecondFactor(db(), { pendingToken: token, code: first }, metaAt(t0))).outcome,
    ).toBe('failed');
    expect(
      (await signInWithSecondFactor(db(), { pendingToken: token, code: second }, metaAt(t0))).outcome,
    ).toBe('signed_in');
    const audit = await auditOf(db(), account.userId);
    expect(
      audit.filter((a) => a.action === 'auth.recovery_code_used').map((a) => a.detail.remaining),
    ).toEqual([9, 8]);
    expect(audit.filter((a) => a.action === 'auth.sign_in_failed').map((a) => a.detail.reason)).toEqual([
      'wrong_recovery_code',
    ]);

    // New codes replace the old ones, with the password.
    expect(await regenerateRecoveryCodes(db(), owner, 'wrong', metaAt(t0))).toEqual({
      ok: false,
      reason: 'wrong_password',
    });
    const fresh = await regenerateRecoveryCodes(db(), owner, account.password, metaAt(t0));
    if (!fresh.ok) throw new Error('not regenerated');
    const token2 = await pending();
    expect(
      (
        await signInWithSecondFactor(
          db(),
          { pendingToken: token2, code: enabled.recoveryCodes[2] ?? '' },
          metaAt(t0),
        )
      ).outcome,
    ).toBe('failed');
    expect(
      (
        await signInWithSecondFactor(
          db(),
          { pendingToken: token2, code: fresh.recoveryCodes[0] ?? '' },
          metaAt(t0),
        )
      ).outcome,
    ).toBe('signed_in');
  });

  it('counts wrong codes towards the same lockout', async () => {
    const account = await createTestAccount(db());
    const secret = newTotpSecret();
    await enableTwoFactor(
      db(),
      { userId: account.userId, organisationId: account.organisationId },
      { secret, code: totpCodeForStep(secret, totpStepAt(t0) - 1) },
      metaAt(t0),
    );
    const password = await signInWithPassword(
      db(),
      { email: account.email, password: account.password },
      metaAt(t0),
    );
    if (password.outcome !== 'session') throw new Error('expected a session');
    const right = totpCodeForStep(secret, totpStepAt(t0));
    const wrongCode = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const result = await signInWithSecondFactor(
        db(),
        { pendingToken: password.token, code: wrongCode },
        metaAt(t0),
      );
      expect(result.outcome).toBe('failed');
    }
    expect((await userRow(db(), account.userId)).locked_until).toBe(later(15 * minute).toISOString());
    // Locked: even the right code is refused, in the same words.
    expect(
      (await signInWithSecondFactor(db(), { pendingToken: password.token, code: right }, metaAt(t0))).outcome,
    ).toBe('failed');
    const actions = (await auditOf(db(), account.userId)).map((a) => a.action);
    expect(actions.filter((a) => a === 'auth.locked')).toHaveLength(1);
  });

  it('makes users of an organisation that requires it enrol before anything else', async () => {
    const account = await createTestAccount(db(), { twoFactorRequired: true });
    const password = await signInWithPassword(
      db(),
      { email: account.email, password: account.password },
      metaAt(t0),
    );
    if (password.outcome !== 'session') throw new Error('expected a session');
    expect(password.stage).toBe('two_factor_setup');
    expect(await resumeSession(db(), password.token, t0)).toBeNull();
    // Not a second-factor session: codes are not taken there.
    expect(
      (await signInWithSecondFactor(db(), { pendingToken: password.token, code: '123456' }, metaAt(t0)))
        .outcome,
    ).toBe('expired');

    const secret = newTotpSecret();
    const step = totpStepAt(t0);
    const wrong = await signInWithTwoFactorSetup(
      db(),
      { pendingToken: password.token, secret, code: totpCodeForStep(secret, step - 3) },
      metaAt(t0),
    );
    expect(wrong).toEqual({ outcome: 'invalid_code' });
    const done = await signInWithTwoFactorSetup(
      db(),
      { pendingToken: password.token, secret, code: totpCodeForStep(secret, step) },
      metaAt(t0),
    );
    if (done.outcome !== 'signed_in') throw new Error('expected signed_in');
    expect(done.recoveryCodes).toHaveLength(10);
    expect(await resumeSession(db(), done.token, t0)).toMatchObject({ id: account.userId });
    expect((await userRow(db(), account.userId)).totp_enabled_at).toBe(t0.toISOString());

    // From now on the password leads to the code step, and two-factor cannot be turned off.
    const next = await signInWithPassword(
      db(),
      { email: account.email, password: account.password },
      metaAt(later(minute)),
    );
    expect(next).toMatchObject({ outcome: 'session', stage: 'two_factor' });
    const owner = { userId: account.userId, organisationId: account.organisationId };
    expect(await disableTwoFactor(db(), owner, account.password, metaAt(t0))).toBe('required');

    const actions = (await auditOf(db(), account.userId)).map((a) => [a.action, a.detail.method ?? null]);
    expect(actions).toEqual([
      ['auth.two_factor_enabled', null],
      ['auth.sign_in', 'totp_setup'],
    ]);
  });

  it('turns two-factor off with the password when the organisation does not require it', async () => {
    const account = await createTestAccount(db());
    const owner = { userId: account.userId, organisationId: account.organisationId };
    expect(await disableTwoFactor(db(), owner, account.password, metaAt(t0))).toBe('not_enabled');
    const secret = newTotpSecret();
    await enableTwoFactor(db(), owner, { secret, code: totpCodeForStep(secret, totpStepAt(t0)) }, metaAt(t0));
    expect(await disableTwoFactor(db(), owner, 'not-it', metaAt(t0))).toBe('wrong_password');
    expect(await disableTwoFactor(db(), owner, account.password, metaAt(t0))).toBe('disabled');
    expect(await userRow(db(), account.userId)).toMatchObject({
      totp_enabled_at: null,
      totp_last_step: null,
    });
    const codes = await db()
      .selectFrom('recovery_code')
      .select('id')
      .where('user_id', '=', account.userId)
      .execute();
    expect(codes).toHaveLength(0);
    expect(
      await signInWithPassword(db(), { email: account.email, password: account.password }, metaAt(t0)),
    ).toMatchObject({ stage: 'full' });
    expect((await auditOf(db(), account.userId)).map((a) => a.action)).toContain('auth.two_factor_disabled');
  });

  it('signs out everywhere: every session of the user ends, other users keep theirs', async () => {
    const account = await createTestAccount(db());
    const other = await createTestAccount(db());
    const signIn = async (a: typeof account) => {
      const result = await signInWithPassword(db(), { email: a.email, password: a.password }, metaAt(t0));
      if (result.outcome !== 'session') throw new Error('expected a session');
      return result.token;
    };
    const [a, b, c] = [await signIn(account), await signIn(account), await signIn(other)];
    const ended = await signOutEverywhere(
      db(),
      { userId: account.userId, organisationId: account.organisationId },
      metaAt(t0),
    );
    expect(ended).toBe(2);
    expect(await resumeSession(db(), a, t0)).toBeNull();
    expect(await resumeSession(db(), b, t0)).toBeNull();
    expect(await resumeSession(db(), c, t0)).toMatchObject({ id: other.userId });
    const audit = await auditOf(db(), account.userId);
    expect(audit.at(-1)).toMatchObject({ action: 'auth.sign_out_everywhere', detail: { sessions: 2 } });
  });
});
