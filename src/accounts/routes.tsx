/** Sign-in, sign-out and the signed-in home page. */
import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { requireUser, safeNextPath } from '../platform/auth/guard';
import type { AppEnv } from '../platform/http/env';
import { readForm, validateForm } from '../platform/http/form';
import { renderPage } from '../platform/http/render';
import { normaliseEmail } from '../platform/text/normalise';
import { signIn } from './service';
import { endSession, SESSION_ABSOLUTE_MS, SESSION_COOKIE, startSession } from './sessions';
import { LoginForm } from './views/login-page';

const loginSchema = z.object({
  // Full-width input is accepted: normalised before the format check.
  email: z.string().transform(normaliseEmail).pipe(z.string().min(1).email()),
  password: z.string().min(1),
  next: z.string().optional(),
});

export function accountRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/login', async (c) => {
    const t = c.get('t');
    const next = safeNextPath(c.req.query('next'));
    if (c.get('user')) return c.redirect(next, 303);
    return renderPage(
      c,
      { title: t.login.title },
      <LoginForm t={t} csrfToken={c.get('csrfToken')} values={{}} errors={{}} next={next} />,
    );
  });

  app.post('/login', async (c) => {
    const t = c.get('t');
    const values = await readForm(c);
    const next = safeNextPath(values.next);
    const form = validateForm(loginSchema, values, t);
    let userId: string | null = null;
    if (form.ok) userId = await signIn(c.get('services').database.db, form.data.email, form.data.password);
    if (!userId) {
      const errors = form.ok ? { _form: t.login.failed } : form.errors;
      return renderPage(
        c,
        { title: t.login.title, status: form.ok ? 401 : 400 },
        <LoginForm t={t} csrfToken={c.get('csrfToken')} values={values} errors={errors} next={next} />,
      );
    }
    const token = await startSession(c.get('services').database.db, userId);
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: c.get('services').config.secureCookies,
      path: '/',
      maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
    });
    return c.redirect(next, 303);
  });

  app.post('/logout', async (c) => {
    const user = c.get('user');
    if (user?.sessionId) await endSession(c.get('services').database.db, user.sessionId);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/', 303);
  });

  app.get('/dashboard', requireUser(), async (c) => {
    const t = c.get('t');
    const user = c.get('user');
    if (!user) return c.redirect('/login', 303);
    return renderPage(
      c,
      { title: t.dashboard.title, breadcrumbs: [{ label: t.home, href: '/' }, { label: t.dashboard.title }] },
      <>
        <h1>{t.dashboard.welcome(user.name)}</h1>
        <dl class="summary-list">
          <div>
            <dt>{t.dashboard.organisation}</dt>
            <dd>{user.organisationName}</dd>
          </div>
          <div>
            <dt>{t.dashboard.role}</dt>
            <dd>{t.roles[user.role]}</dd>
          </div>
        </dl>
      </>,
    );
  });

  return app;
}
