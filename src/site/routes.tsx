/** The public landing page and the language switch. Council-edited content comes with the site issue. */
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { safeNextPath } from '../platform/auth/guard';
import type { AppEnv } from '../platform/http/env';
import { renderPage } from '../platform/http/render';
import { LOCALE_COOKIE, parseLocale } from '../platform/i18n';

export function siteRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/', (c) => {
    const t = c.get('t');
    return renderPage(
      c,
      { title: t.landing.title },
      <>
        <h1>{t.landing.title}</h1>
        <p class="lead">{t.landing.lead}</p>
        <section aria-labelledby="for-staff">
          <h2 id="for-staff">{t.landing.forStaff}</h2>
          <p>{t.landing.forStaffText}</p>
          <p>
            <a class="button" href={c.get('user') ? '/dashboard' : '/login'}>
              {c.get('user') ? t.nav.dashboard : t.signIn}
            </a>
          </p>
        </section>
      </>,
    );
  });

  app.post('/language', async (c) => {
    const body = await c.req.parseBody();
    const locale = parseLocale(typeof body.locale === 'string' ? body.locale : undefined) ?? 'ja';
    setCookie(c, LOCALE_COOKIE, locale, {
      sameSite: 'Lax',
      path: '/',
      maxAge: 60 * 60 * 24 * 365,
      secure: c.get('services').config.secureCookies,
    });
    return c.redirect(safeNextPath(typeof body.next === 'string' ? body.next : undefined, '/'), 303);
  });

  return app;
}
