/**
 * /account/tokens: any signed-in user makes, lists and revokes their own API tokens. A new token
 * is shown once: the POST stores it in a short-lived cookie scoped to this page, and the GET it
 * redirects to shows it and deletes the cookie (post/redirect/get without keeping the token).
 */
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { auditActor } from '../../platform/audit/audit';
import { authorize } from '../../platform/auth/guard';
import type { AppEnv, CurrentUser } from '../../platform/http/env';
import { readForm, validateForm } from '../../platform/http/form';
import { renderPage } from '../../platform/http/render';
import { formatDateTime } from '../../platform/i18n/format';
import {
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  RadioField,
  TextField,
} from '../../platform/ui/form';
import { apiTokenMessages } from './messages';
import { API_TOKEN_LIFETIMES, type ApiTokenLifetime, createApiToken, revokeApiToken } from './service';
import { listApiTokens } from './store';

const PAGE = '/account/tokens';
const NEW_TOKEN_COOKIE = 'hataraku_new_token';

const createSchema = z.object({
  name: z.string().trim().min(1).max(100),
  lifetime: z
    .string()
    .refine((v) => API_TOKEN_LIFETIMES.some((d) => String(d) === v))
    .transform((v) => Number(v) as ApiTokenLifetime),
});

const self = () => ({ kind: 'self' }) as const;

async function renderTokensPage(
  c: Context<AppEnv>,
  options: {
    values?: FormValues;
    errors?: FieldErrors;
    newToken?: string;
    notice?: string;
    status?: 400;
  } = {},
): Promise<Response> {
  const t = c.get('t');
  const locale = c.get('locale');
  const m = apiTokenMessages[locale];
  const user = c.get('user') as CurrentUser;
  const tokens = await listApiTokens(c.get('services').database.db, user.id);
  const now = new Date().toISOString();
  const errors = options.errors ?? {};
  const values = options.values ?? { lifetime: '90' };
  c.header('Cache-Control', 'no-store');
  return renderPage(
    c,
    {
      title: m.title,
      status: options.status,
      breadcrumbs: [{ label: t.home, href: '/dashboard' }, { label: m.title }],
    },
    <>
      <h1>{m.title}</h1>
      {options.notice ? (
        <div class="notice" role="status">
          <p>{options.notice}</p>
        </div>
      ) : null}
      {options.newToken ? (
        <section class="notice" aria-labelledby="new-token-title">
          <h2 id="new-token-title">{m.created.title}</h2>
          <p>
            <strong>{m.created.warning}</strong>
          </p>
          <div class="field">
            <label for="new-token">{m.created.label}</label>
            <input
              id="new-token"
              class="input input-full"
              type="text"
              readonly
              value={options.newToken}
              autocomplete="off"
              spellcheck={false}
            />
          </div>
          <p class="hint">{m.created.usage}</p>
        </section>
      ) : null}
      <p>{m.intro}</p>

      <h2>{m.list.title}</h2>
      {tokens.length === 0 ? (
        <p>{m.list.empty}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{m.list.title}</caption>
            <thead>
              <tr>
                <th scope="col">{m.list.name}</th>
                <th scope="col">{m.list.prefix}</th>
                <th scope="col">{m.list.createdAt}</th>
                <th scope="col">{m.list.expiresAt}</th>
                <th scope="col">{m.list.lastUsedAt}</th>
                <th scope="col">{m.list.actions}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr>
                  <th scope="row">{token.name}</th>
                  <td>
                    <code>{token.token_prefix}…</code>
                  </td>
                  <td>{formatDateTime(token.created_at, locale)}</td>
                  <td>
                    {formatDateTime(token.expires_at, locale)}
                    {token.expires_at <= now ? (
                      <span class="status status-expired">({m.list.expired})</span>
                    ) : null}
                  </td>
                  <td>
                    {token.last_used_at ? formatDateTime(token.last_used_at, locale) : m.list.neverUsed}
                  </td>
                  <td>
                    <form method="post" action={`${PAGE}/${token.id}/revoke`} class="inline-form">
                      <CsrfField token={c.get('csrfToken')} />
                      <button
                        type="submit"
                        class="button button-secondary button-small"
                        aria-label={m.list.revokeLabel(token.name)}
                      >
                        {m.list.revoke}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>{m.create.title}</h2>
      <ErrorSummary t={t} errors={errors} labels={{ name: m.create.name, lifetime: m.create.lifetime }} />
      <form method="post" action={PAGE} novalidate class="narrow">
        <CsrfField token={c.get('csrfToken')} />
        <TextField
          t={t}
          name="name"
          label={m.create.name}
          hint={m.create.nameHint}
          required
          autocomplete="off"
          values={values}
          errors={errors}
          width="full"
        />
        <RadioField
          t={t}
          name="lifetime"
          legend={m.create.lifetime}
          required
          options={API_TOKEN_LIFETIMES.map((d) => ({ value: String(d), label: m.create.lifetimes[d] }))}
          values={values}
          errors={errors}
        />
        <button type="submit" class="button">
          {m.create.submit}
        </button>
      </form>
    </>,
  );
}

export function apiTokenRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get(PAGE, authorize('account.manage', self), async (c) => {
    const newToken = getCookie(c, NEW_TOKEN_COOKIE);
    if (newToken) deleteCookie(c, NEW_TOKEN_COOKIE, { path: PAGE });
    const notice =
      c.req.query('notice') === 'revoked' ? apiTokenMessages[c.get('locale')].notices.revoked : undefined;
    return renderTokensPage(c, { newToken: newToken?.startsWith('hk_') ? newToken : undefined, notice });
  });

  app.post(PAGE, authorize('account.manage', self), async (c) => {
    const m = apiTokenMessages[c.get('locale')];
    const values = await readForm(c);
    const form = validateForm(createSchema, values, c.get('t'));
    if (!form.ok) {
      const errors = { ...form.errors };
      if (errors.lifetime) errors.lifetime = m.create.lifetimeRequired;
      return renderTokensPage(c, { values, errors, status: 400 });
    }
    const created = await createApiToken(
      c.get('services').database.db,
      c.get('user') as CurrentUser,
      { name: form.data.name, lifetimeDays: form.data.lifetime },
      auditActor(c),
    );
    setCookie(c, NEW_TOKEN_COOKIE, created.token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: c.get('services').config.secureCookies,
      path: PAGE,
      maxAge: 120,
    });
    return c.redirect(PAGE, 303);
  });

  app.post(`${PAGE}/:id/revoke`, authorize('account.manage', self), async (c) => {
    await revokeApiToken(
      c.get('services').database.db,
      c.get('user') as CurrentUser,
      c.req.param('id'),
      auditActor(c),
    );
    return c.redirect(`${PAGE}?notice=revoked`, 303);
  });

  return app;
}
