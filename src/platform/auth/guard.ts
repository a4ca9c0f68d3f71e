/** Route guards: a signed-in caller, and a caller with one of the given roles. */
import type { MiddlewareHandler } from 'hono';
import type { Role } from '../db/schema';
import type { AppEnv } from '../http/env';
import { renderErrorPage } from '../ui/error-page';

export function requireUser(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!c.get('user')) {
      const url = new URL(c.req.url);
      return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
    }
    return next();
  };
}

export function requireRole(...allowed: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (!user) {
      const url = new URL(c.req.url);
      return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
    }
    if (!allowed.includes(user.role)) return renderErrorPage(c, 403);
    return next();
  };
}

/** Only same-site paths are followed after sign-in, never another host. */
export function safeNextPath(next: string | undefined, fallback = '/dashboard'): string {
  return next && /^\/(?![/\\])/.test(next) ? next : fallback;
}
