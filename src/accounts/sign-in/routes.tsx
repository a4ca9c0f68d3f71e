/**
 * Signing in and out. Public routes (there is no signed-in user yet): the password form, the
 * second step for users with two-factor authentication, the first enrolment for users whose
 * organisation requires it, starting again, and sign-out. A pending session (stage other than
 * 'full') is read here from the cookie; every other page sees no user behind it.
 */

import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { safeNextPath } from '../../platform/auth/guard';
import type { SessionStage } from '../../platform/db/schema';
import type { AppEnv } from '../../platform/http/env';
import { readForm, validateForm } from '../../platform/http/form';
import { renderPage } from '../../platform/http/render';
import { normaliseEmail } from '../../platform/text/normalise';
import { resumePendingSession, resumeSession } from '../sessions';
import { twoFactorMessages } from '../two-factor/messages';
import { isTotpSecret, newTotpSecret, totpQrCode } from '../two-factor/totp';
import { EnrolmentForm, RecoveryCodeList } from '../two-factor/views';
import { loginNotice } from '../users/login-notices';
import { LoginForm } from '../views/login-page';
import { clearSessionCookie, requestMeta, sessionIdOf, sessionTokenOf, setSessionCookie } from './cookie';
import { signInMessages } from './messages';
import { signInWithPassword, signInWithSecondFactor, signInWithTwoFactorSetup, signOut } from './service';
import { RestartForm, SecondFactorForm } from './views';

const loginSchema = z.object({
  // Full-width input is accepted: normalised before the format check.
  email: z.string().transform(normaliseEmail).pipe(z.string().min(1).email()),
  password: z.string().min(1),
  next: z.string().optional(),
});

const codeSchema = z.object({ code: z.string().trim().min(1) });

const notices = { expired: 'expired', 'signed-out-everywhere': 'signedOutEverywhere' } as const;

/** Where a pending session continues, keeping the page the person wanted. */
function pendingPath(stage: SessionStage, next: string): string {
  const path = stage === 'two_factor_setup' ? '/login/two-factor/setup' : '/login/two-factor';
  return next === '/dashboard' ? path : `${path}?next=${encodeURIComponent(next)}`;
}

function loginPath(next: string, notice?: keyof typeof notices): string {
  const query = new URLSearchParams();
  if (next !== '/dashboard') query.set('next', next);
  if (notice) query.set('notice', notice);
  const text = query.toString();
  return text ? `/login?${text}` : '/login';
}

async function pendingOf(c: Context<AppEnv>) {
  const token = sessionTokenOf(c);
  if (!token) return null;
  const pending = await resumePendingSession(c.get('services').database.db, token);
  return pending ? { token, pending } : null;
}

function noStore(c: Context<AppEnv>): void {
  // Secrets and recovery codes must not stay in a browser or proxy cache.
  c.header('Cache-Control', 'no-store');
}

export function signInRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/login', async (c) => {
    const t = c.get('t');
    const m = signInMessages[c.get('locale')];
    const next = safeNextPath(c.req.query('next'));
    if (c.get('user')) return c.redirect(next, 303);
    const found = await pendingOf(c);
    if (found) return c.redirect(pendingPath(found.pending.stage, next), 303);
    const key = c.req.query('notice');
    // Only known keys map to text (Object.hasOwn: not 'toString' and friends).
    const notice =
      key && Object.hasOwn(notices, key)
        ? m[notices[key as keyof typeof notices]]
        : loginNotice(key, c.get('locale'));
    return renderPage(
      c,
      { title: t.login.title },
      <LoginForm t={t} csrfToken={c.get('csrfToken')} values={{}} errors={{}} next={next} notice={notice} />,
    );
  });

  app.post('/login', async (c) => {
    const t = c.get('t');
    const m = signInMessages[c.get('locale')];
    const values = await readForm(c);
    const next = safeNextPath(values.next);
    const form = validateForm(loginSchema, values, t);
    const again = (status: 400 | 401 | 429, errors: Record<string, string>) =>
      renderPage(
        c,
        { title: t.login.title, status },
        <LoginForm t={t} csrfToken={c.get('csrfToken')} values={values} errors={errors} next={next} />,
      );
    if (!form.ok) return again(400, form.errors);
    const result = await signInWithPassword(
      c.get('services').database.db,
      { email: form.data.email, password: form.data.password, replacing: sessionIdOf(c) },
      requestMeta(c),
    );
    if (result.outcome === 'rate_limited') return again(429, { _form: m.rateLimited });
    if (result.outcome === 'failed') return again(401, { _form: m.failed });
    setSessionCookie(c, result.token, result.stage);
    return c.redirect(result.stage === 'full' ? next : pendingPath(result.stage, next), 303);
  });

  app.get('/login/two-factor', async (c) => {
    const next = safeNextPath(c.req.query('next'));
    const found = await pendingOf(c);
    if (!found) return c.redirect(loginPath(next), 303);
    if (found.pending.stage !== 'two_factor') return c.redirect(pendingPath(found.pending.stage, next), 303);
    const m = signInMessages[c.get('locale')];
    return renderPage(
      c,
      { title: m.twoFactor.title },
      <SecondFactorForm t={c.get('t')} m={m} csrfToken={c.get('csrfToken')} errors={{}} next={next} />,
    );
  });

  app.post('/login/two-factor', async (c) => {
    const t = c.get('t');
    const m = signInMessages[c.get('locale')];
    const values = await readForm(c);
    const next = safeNextPath(values.next);
    const token = sessionTokenOf(c);
    if (!token) return c.redirect(loginPath(next, 'expired'), 303);
    const again = (status: 400 | 401 | 429, errors: Record<string, string>) =>
      renderPage(
        c,
        { title: m.twoFactor.title, status },
        <SecondFactorForm t={t} m={m} csrfToken={c.get('csrfToken')} errors={errors} next={next} />,
      );
    const form = validateForm(codeSchema, values, t);
    if (!form.ok) return again(400, form.errors);
    const result = await signInWithSecondFactor(
      c.get('services').database.db,
      { pendingToken: token, code: form.data.code },
      requestMeta(c),
    );
    switch (result.outcome) {
      case 'expired':
        return c.redirect(loginPath(next, 'expired'), 303);
      case 'rate_limited':
        return again(429, { _form: m.rateLimited });
      case 'failed':
        return again(401, { code: m.twoFactor.failed });
      case 'signed_in':
        setSessionCookie(c, result.token, 'full');
        return c.redirect(next, 303);
    }
  });

  app.get('/login/two-factor/setup', async (c) => {
    const next = safeNextPath(c.req.query('next'));
    const found = await pendingOf(c);
    if (!found) return c.redirect(loginPath(next), 303);
    if (found.pending.stage !== 'two_factor_setup')
      return c.redirect(pendingPath(found.pending.stage, next), 303);
    return renderSetup(c, newTotpSecret(), found.pending.email, next, {}, 200);
  });

  app.post('/login/two-factor/setup', async (c) => {
    const t = c.get('t');
    const values = await readForm(c);
    const next = safeNextPath(values.next);
    const found = await pendingOf(c);
    if (found?.pending.stage !== 'two_factor_setup') return c.redirect(loginPath(next, 'expired'), 303);
    const secret = isTotpSecret(values.secret ?? '') ? (values.secret as string) : newTotpSecret();
    const mt = twoFactorMessages[c.get('locale')];
    const form = validateForm(codeSchema, values, t);
    if (!form.ok) return renderSetup(c, secret, found.pending.email, next, form.errors, 400);
    const db = c.get('services').database.db;
    const result = await signInWithTwoFactorSetup(
      db,
      { pendingToken: found.token, secret, code: form.data.code },
      requestMeta(c),
    );
    if (result.outcome === 'expired') return c.redirect(loginPath(next, 'expired'), 303);
    if (result.outcome === 'invalid_code')
      return renderSetup(c, secret, found.pending.email, next, { code: mt.enrol.invalidCode }, 400);
    setSessionCookie(c, result.token, 'full');
    // This response already belongs to the signed-in user: the header shows their name.
    c.set('user', await resumeSession(db, result.token));
    noStore(c);
    return renderPage(
      c,
      { title: mt.recovery.title },
      <div class="narrow">
        <h1>{mt.recovery.title}</h1>
        <RecoveryCodeList m={mt} codes={result.recoveryCodes} continueTo={next} />
      </div>,
    );
  });

  app.post('/login/restart', async (c) => {
    const sessionId = sessionIdOf(c);
    if (sessionId && !c.get('user')) await signOut(c.get('services').database.db, sessionId, requestMeta(c));
    if (!c.get('user')) clearSessionCookie(c);
    return c.redirect('/login', 303);
  });

  app.post('/logout', async (c) => {
    const sessionId = sessionIdOf(c);
    if (sessionId) await signOut(c.get('services').database.db, sessionId, requestMeta(c));
    clearSessionCookie(c);
    return c.redirect('/', 303);
  });

  return app;
}

async function renderSetup(
  c: Context<AppEnv>,
  secret: string,
  email: string,
  next: string,
  errors: Record<string, string>,
  status: 200 | 400,
): Promise<Response> {
  const m = signInMessages[c.get('locale')];
  const mt = twoFactorMessages[c.get('locale')];
  noStore(c);
  return renderPage(
    c,
    { title: m.setup.title, status },
    <div class="narrow">
      <h1>{m.setup.title}</h1>
      <p>{m.setup.intro}</p>
      <EnrolmentForm
        t={c.get('t')}
        m={mt}
        csrfToken={c.get('csrfToken')}
        action="/login/two-factor/setup"
        secret={secret}
        qrCode={await totpQrCode(secret, email)}
        errors={errors}
        hidden={{ next }}
      />
      <RestartForm m={m} csrfToken={c.get('csrfToken')} />
    </div>,
  );
}
