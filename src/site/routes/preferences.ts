/** The reader's choices, kept in cookies for a year: furigana on or off, and the language. */
import type { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { safeNextPath } from '../../platform/auth/guard';
import type { AppEnv } from '../../platform/http/env';
import { LOCALE_COOKIE, parseLocale } from '../../platform/i18n';
import { FURIGANA_COOKIE } from '../render';

export function addPreferenceRoutes(app: Hono<AppEnv>): void {
  app.get('/furigana', (c) => {
    const on = c.req.query('on') === '1';
    setCookie(c, FURIGANA_COOKIE, on ? '1' : '0', {
      sameSite: 'Lax',
      path: '/',
      maxAge: 60 * 60 * 24 * 365,
      secure: c.get('services').config.secureCookies,
    });
    return c.redirect(safeNextPath(c.req.query('next'), '/'), 303);
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
}
