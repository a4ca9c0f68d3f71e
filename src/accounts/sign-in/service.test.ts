/**
 * Signing in with a password: rate limits per address, lockout after wrong passwords, refusals
 * and their audit, the session it starts, and signing out everywhere.
 */
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import { hashToken } from '../../platform/auth/tokens';
import { resumeSession } from '../sessions';
import { signInWithPassword, signOutEverywhere } from './service';
import { auditOf, later, metaAt, minute, t0, userRow } from './service-fixtures';
import { createTestAccount, freshAddress } from './test-accounts';

describeEachDatabase('signing in (service, fixed clock)', (current) => {
  const db = () => current().db;

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
