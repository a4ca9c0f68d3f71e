/** The middleware every request passes: request id and log line, language, CSRF, caller. */
import { randomUUID } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { resumeSession, SESSION_COOKIE } from '../../accounts/sessions';
import { newToken, sameToken } from '../auth/tokens';
import { LOCALE_COOKIE, messagesFor, pickLocale } from '../i18n';
import { renderErrorPage } from '../ui/error-page';
import type { AppEnv, Services } from './env';

export const CSRF_COOKIE = 'hataraku_csrf';

function clientIp(c: Context<AppEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket.
    return 'unknown';
  }
}

export function requestContext(services: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && /^[\w.-]{8,100}$/.test(incoming) ? incoming : randomUUID();
    const logger = services.logger.child({ requestId });
    const locale = pickLocale(getCookie(c, LOCALE_COOKIE));
    c.set('services', services);
    c.set('requestId', requestId);
    c.set('ip', clientIp(c, services.config.trustProxy));
    c.set('logger', logger);
    c.set('locale', locale);
    c.set('t', messagesFor(locale));
    c.set('user', null);
    c.set('csrfToken', '');
    c.set('demo', false);
    c.header('X-Request-Id', requestId);
    const started = performance.now();
    try {
      await next();
    } finally {
      logger.info(
        {
          method: c.req.method,
          path: c.req.path,
          status: c.res.status,
          ms: Math.round((performance.now() - started) * 10) / 10,
        },
        'request',
      );
    }
  };
}

/** Pages only: the API and static assets need neither a session lookup nor a CSRF cookie. */
export function pageContext(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const services = c.get('services');
    c.set('demo', await services.isDemo());
    const token = getCookie(c, SESSION_COOKIE);
    if (token) c.set('user', await resumeSession(services.database.db, token));
    let csrf = getCookie(c, CSRF_COOKIE);
    if (!csrf || csrf.length < 32) {
      csrf = newToken();
      setCookie(c, CSRF_COOKIE, csrf, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: services.config.secureCookies,
        path: '/',
      });
    }
    c.set('csrfToken', csrf);
    await next();
  };
}

/**
 * Every state-changing form carries the CSRF cookie's value in `_csrf` (double submit);
 * SameSite=Lax alone would still let a same-site page post.
 */
export function csrfProtection(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();
    const contentType = c.req.header('content-type') ?? '';
    let submitted = '';
    if (
      contentType.includes('application/x-www-form-urlencoded') ||
      contentType.includes('multipart/form-data')
    ) {
      const body = await c.req.parseBody();
      submitted = typeof body._csrf === 'string' ? body._csrf : '';
    }
    const expected = getCookie(c, CSRF_COOKIE) ?? '';
    if (!expected || !submitted || !sameToken(expected, submitted)) {
      c.get('logger').warn({ path: c.req.path }, 'csrf token missing or wrong');
      return renderErrorPage(c, 403, c.get('t').form.csrfInvalid);
    }
    return next();
  };
}
