/**
 * Signing in with a second factor: TOTP codes (never the same one twice), recovery codes, the
 * shared lockout, enrolment when the organisation requires it, and turning two-factor off.
 */
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import { resumeSession } from '../sessions';
import { disableTwoFactor, enableTwoFactor, regenerateRecoveryCodes } from '../two-factor/service';
import { newTotpSecret, totpCodeForStep, totpStepAt } from '../two-factor/totp';
import { signInWithPassword, signInWithSecondFactor, signInWithTwoFactorSetup } from './service';
import { auditOf, later, metaAt, minute, t0, userRow } from './service-fixtures';
import { createTestAccount } from './test-accounts';

describeEachDatabase('signing in (service, fixed clock)', (current) => {
  const db = () => current().db;

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
});
