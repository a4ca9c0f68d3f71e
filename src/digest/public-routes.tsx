/**
 * The digest's public pages: applying for the digest (no account), the confirmation link
 * (double opt-in), and the one-click unsubscribe link. The unsubscribe routes are mounted
 * outside the CSRF middleware (app.ts): RFC 8058 has mail clients POST to the link without a
 * session or form token; the signed token in the URL is the credential (docs/decisions/024).
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { auditActor } from '../platform/audit/audit';
import type { AppEnv } from '../platform/http/env';
import { pageContext as pageMiddleware } from '../platform/http/middleware';
import { renderPage } from '../platform/http/render';
import { normaliseEmail, normaliseInput } from '../platform/text/normalise';
import { CsrfField, ErrorSummary, type FieldErrors, TextField } from '../platform/ui/form';
import { messagesOf, secretOf } from './request';
import {
  applyForDigest,
  checkConfirmation,
  checkUnsubscribeLink,
  confirmSubscription,
  unsubscribe,
} from './service';
import { PreferenceFields, type SettingsValues, settingsFromBody, stringField } from './views';

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function simplePage(c: Context<AppEnv>, title: string, body: string, status: 200 | 400 | 404 | 410 = 200) {
  return renderPage(
    c,
    { title, status },
    <>
      <h1>{title}</h1>
      <p>{body}</p>
    </>,
  );
}

export function digestPublicRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  async function renderApply(
    c: Context<AppEnv>,
    form: { name: string; organisation: string; email: string; settings: SettingsValues },
    errors: FieldErrors = {},
  ) {
    const m = messagesOf(c);
    const t = c.get('t');
    const values = { name: form.name, organisation: form.organisation, email: form.email };
    return renderPage(
      c,
      { title: m.applyTitle, status: Object.keys(errors).length > 0 ? 400 : 200 },
      <>
        <h1>{m.applyTitle}</h1>
        <ErrorSummary
          t={t}
          errors={errors}
          labels={{ name: m.labels.name, organisation: m.labels.organisation, email: m.labels.email }}
        />
        <p>{m.applyIntro}</p>
        <p class="hint">
          {m.applySignedInHint} <a href="/digest/subscription">{m.subscriptionTitle}</a>
        </p>
        <form method="post" action="/digest/apply" novalidate>
          <CsrfField token={c.get('csrfToken')} />
          <TextField
            t={t}
            name="name"
            label={m.labels.name}
            values={values}
            errors={errors}
            required
            autocomplete="name"
          />
          <TextField
            t={t}
            name="organisation"
            label={m.labels.organisation}
            values={values}
            errors={errors}
            required
            autocomplete="organization"
          />
          <TextField
            t={t}
            name="email"
            type="email"
            label={m.labels.email}
            values={values}
            errors={errors}
            required
            autocomplete="email"
            inputmode="email"
          />
          <PreferenceFields t={t} m={m} locale={c.get('locale')} values={form.settings} errors={errors} />
          <button type="submit" class="button">
            {m.applySubmit}
          </button>
        </form>
      </>,
    );
  }

  app.get('/digest/apply', (c) =>
    renderApply(c, {
      name: '',
      organisation: '',
      email: '',
      settings: { municipalities: [], workForms: [], tasks: [], weekly: false, skipEmpty: false },
    }),
  );

  app.post('/digest/apply', async (c) => {
    const m = messagesOf(c);
    const body = await c.req.parseBody({ all: true });
    const form = {
      name: normaliseInput(stringField(body, 'name')),
      organisation: normaliseInput(stringField(body, 'organisation')),
      email: normaliseInput(stringField(body, 'email')),
      settings: settingsFromBody(body),
    };
    const errors: FieldErrors = {};
    if (form.name === '') errors.name = m.errors.required;
    else if (form.name.length > 100) errors.name = m.errors.required;
    if (form.organisation === '' || form.organisation.length > 200) errors.organisation = m.errors.required;
    if (form.email === '') errors.email = m.errors.required;
    else if (!emailPattern.test(form.email) || form.email.length > 254) errors.email = m.errors.emailInvalid;
    if (Object.keys(errors).length > 0) return renderApply(c, form, errors);
    const { config } = c.get('services');
    const result = await applyForDigest(
      c.get('services').database.db,
      {
        name: form.name,
        organisation: form.organisation,
        email: normaliseEmail(form.email),
        preferences: form.settings,
        weekly: form.settings.weekly,
        skipEmpty: form.settings.skipEmpty,
      },
      { baseUrl: config.baseUrl, locale: c.get('locale'), audit: auditActor(c) },
    );
    if (!result.ok) return renderApply(c, form, { email: m.errors.emailTaken });
    return c.redirect('/digest/apply/sent', 303);
  });

  app.get('/digest/apply/sent', (c) => {
    const m = messagesOf(c);
    return simplePage(c, m.applySentTitle, m.applySentBody);
  });

  app.get('/digest/confirm/:token', async (c) => {
    const m = messagesOf(c);
    const check = await checkConfirmation(c.get('services').database.db, c.req.param('token'));
    if (check.state === 'expired') return simplePage(c, m.confirmExpiredTitle, m.confirmExpiredBody, 410);
    if (check.state === 'invalid') return simplePage(c, m.confirmExpiredTitle, m.confirmExpiredBody, 404);
    return renderPage(
      c,
      { title: m.confirmTitle },
      <>
        <h1>{m.confirmTitle}</h1>
        <p>{m.confirmBody(check.email)}</p>
        <form method="post" action={`/digest/confirm/${encodeURIComponent(c.req.param('token'))}`}>
          <CsrfField token={c.get('csrfToken')} />
          <button type="submit" class="button">
            {m.confirmSubmit}
          </button>
        </form>
      </>,
    );
  });

  app.post('/digest/confirm/:token', async (c) => {
    const m = messagesOf(c);
    const state = await confirmSubscription(c.get('services').database.db, c.req.param('token'), {
      audit: auditActor(c),
    });
    if (state === 'valid') return simplePage(c, m.confirmedTitle, m.confirmedBody);
    return simplePage(c, m.confirmExpiredTitle, m.confirmExpiredBody, state === 'expired' ? 410 : 404);
  });

  return app;
}

/**
 * GET shows a button (link scanners must not unsubscribe anyone); POST unsubscribes, from that
 * button or from a mail client's one-click (body "List-Unsubscribe=One-Click"), without CSRF.
 */
export function digestUnsubscribeRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const path = '/digest/unsubscribe/:token';
  app.use(
    '/digest/unsubscribe/*',
    bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.text('Request too large', 413) }),
  );
  app.use('/digest/unsubscribe/*', pageMiddleware());

  app.get(path, async (c) => {
    const m = messagesOf(c);
    const link = await checkUnsubscribeLink(
      c.get('services').database.db,
      await secretOf(c),
      c.req.param('token'),
    );
    if (link.state === 'invalid')
      return simplePage(c, m.unsubscribeInvalidTitle, m.unsubscribeInvalidBody, 400);
    if (link.unsubscribed) return simplePage(c, m.unsubscribedTitle, m.unsubscribedBody);
    return renderPage(
      c,
      { title: m.unsubscribeTitle },
      <>
        <h1>{m.unsubscribeTitle}</h1>
        <p>{m.unsubscribeBody(link.email)}</p>
        <form method="post" action={`/digest/unsubscribe/${encodeURIComponent(c.req.param('token'))}`}>
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <button type="submit" class="button">
            {m.unsubscribeSubmit}
          </button>
        </form>
      </>,
    );
  });

  app.post(path, async (c) => {
    const m = messagesOf(c);
    const db = c.get('services').database.db;
    const link = await checkUnsubscribeLink(db, await secretOf(c), c.req.param('token'));
    if (link.state === 'invalid')
      return simplePage(c, m.unsubscribeInvalidTitle, m.unsubscribeInvalidBody, 400);
    await unsubscribe(db, link.subscriberId, { audit: auditActor(c), via: 'link' });
    return simplePage(c, m.unsubscribedTitle, m.unsubscribedBody);
  });

  return app;
}
