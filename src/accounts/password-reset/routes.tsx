/**
 * パスワードの再設定 (public): /password/forgot asks for the address and always answers with the
 * same page; /password/reset/:token sets the new password.
 */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../platform/http/env';
import { readForm, validateForm } from '../../platform/http/form';
import { renderPage } from '../../platform/http/render';
import { normaliseEmail } from '../../platform/text/normalise';
import {
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  TextField,
} from '../../platform/ui/form';
import { LinkGonePage } from '../invitations/views/accept-page';
import { checkPassword, passwordHint, passwordProblemMessage } from '../password-policy';
import { passwordResetMessages } from './messages';
import {
  findPasswordResetForToken,
  ResetLinkGoneError,
  type ResetState,
  requestPasswordReset,
  resetPassword,
} from './service';

const forgotSchema = z.object({
  email: z.string().transform(normaliseEmail).pipe(z.string().min(1).max(254).email()),
});

function noStore(c: Context<AppEnv>): void {
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
}

function renderForgot(c: Context<AppEnv>, values: FormValues, errors: FieldErrors, status?: 400) {
  const t = c.get('t');
  const m = passwordResetMessages[c.get('locale')];
  return renderPage(
    c,
    {
      title: m.forgot.title,
      status,
      breadcrumbs: [{ label: t.signIn, href: '/login' }, { label: m.forgot.title }],
    },
    <div class="narrow">
      <h1>{m.forgot.title}</h1>
      <p>{m.forgot.intro}</p>
      <ErrorSummary t={t} errors={errors} labels={{ email: m.forgot.email }} />
      <form method="post" action="/password/forgot" novalidate>
        <CsrfField token={c.get('csrfToken')} />
        <TextField
          t={t}
          name="email"
          label={m.forgot.email}
          type="email"
          autocomplete="username"
          required
          values={values}
          errors={errors}
          width="full"
        />
        <button type="submit" class="button">
          {m.forgot.submit}
        </button>
      </form>
      <p>
        <a href="/login">{m.forgot.backToLogin}</a>
      </p>
    </div>,
  );
}

function renderGone(c: Context<AppEnv>, state: Exclude<ResetState, 'valid'>) {
  const m = passwordResetMessages[c.get('locale')];
  return renderPage(
    c,
    { title: m.gone.title, status: 410 },
    <LinkGonePage
      title={m.gone.title}
      reason={m.gone[state]}
      link={{ href: '/password/forgot', label: m.gone.again }}
    />,
  );
}

function renderReset(c: Context<AppEnv>, email: string, errors: FieldErrors, status?: 400) {
  const t = c.get('t');
  const locale = c.get('locale');
  const m = passwordResetMessages[locale];
  const labels = { password: m.reset.password, passwordConfirmation: m.reset.passwordConfirmation };
  return renderPage(
    c,
    { title: m.reset.title, status },
    <div class="narrow">
      <h1>{m.reset.title}</h1>
      <p>{m.reset.intro(email)}</p>
      <ErrorSummary t={t} errors={errors} labels={labels} />
      <form method="post" action={c.req.path} novalidate>
        <CsrfField token={c.get('csrfToken')} />
        <TextField
          t={t}
          name="password"
          label={m.reset.password}
          hint={passwordHint(locale)}
          type="password"
          autocomplete="new-password"
          required
          values={{}}
          errors={errors}
          width="full"
        />
        <TextField
          t={t}
          name="passwordConfirmation"
          label={m.reset.passwordConfirmation}
          hint={m.reset.passwordConfirmationHint}
          type="password"
          autocomplete="new-password"
          required
          values={{}}
          errors={errors}
          width="full"
        />
        <p class="hint">{m.reset.note}</p>
        <button type="submit" class="button">
          {m.reset.submit}
        </button>
      </form>
    </div>,
  );
}

export function passwordResetRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/password/forgot', (c) => renderForgot(c, {}, {}));

  app.post('/password/forgot', async (c) => {
    const values = await readForm(c);
    const form = validateForm(forgotSchema, values, c.get('t'));
    if (!form.ok) return renderForgot(c, values, form.errors, 400);
    await requestPasswordReset(
      c.get('services').database.db,
      form.data.email,
      { baseUrl: c.get('services').config.baseUrl },
      { requestId: c.get('requestId'), ip: c.get('ip') },
    );
    // The same answer whether or not the address has an account.
    return c.redirect('/password/forgot/sent', 303);
  });

  app.get('/password/forgot/sent', (c) => {
    const m = passwordResetMessages[c.get('locale')];
    return renderPage(
      c,
      { title: m.sent.title },
      <div class="narrow">
        <h1>{m.sent.title}</h1>
        <p>{m.sent.body}</p>
        <p>{m.sent.help}</p>
        <p>
          <a href="/password/forgot">{m.sent.again}</a>
        </p>
      </div>,
    );
  });

  app.get('/password/reset/:token', async (c) => {
    noStore(c);
    const reset = await findPasswordResetForToken(c.get('services').database.db, c.req.param('token'));
    if (reset.state !== 'valid') return renderGone(c, reset.state);
    return renderReset(c, reset.email, {});
  });

  app.post('/password/reset/:token', async (c) => {
    noStore(c);
    const locale = c.get('locale');
    const db = c.get('services').database.db;
    const token = c.req.param('token');
    const reset = await findPasswordResetForToken(db, token);
    if (reset.state !== 'valid') return renderGone(c, reset.state);
    const values = await readForm(c);
    const password = values.password ?? '';
    const problem = checkPassword(password, {
      email: reset.email,
      confirmation: values.passwordConfirmation ?? '',
    });
    if (problem) {
      const field = problem === 'mismatch' ? 'passwordConfirmation' : 'password';
      return renderReset(c, reset.email, { [field]: passwordProblemMessage(problem, locale) }, 400);
    }
    try {
      await resetPassword(db, token, password, { requestId: c.get('requestId'), ip: c.get('ip') });
    } catch (error) {
      if (error instanceof ResetLinkGoneError) return renderGone(c, error.state);
      throw error;
    }
    return c.redirect('/login?notice=password-changed', 303);
  });

  return app;
}
