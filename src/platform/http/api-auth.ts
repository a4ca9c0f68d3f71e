/**
 * Who is calling the API: `Authorization: Bearer hk_…` (a personal API token, see
 * accounts/api-tokens) sets `c.get('user')` exactly as a session does for pages, so API routes
 * apply the same `authorize()` policy. No header leaves the caller anonymous (public routes still
 * answer; protected ones answer 401 through the guard); a header with a bad, expired or revoked
 * token, or one whose user was deactivated, is refused here with 401.
 */
import type { MiddlewareHandler } from 'hono';
import { authenticateApiToken } from '../../accounts/api-tokens/service';
import type { AppEnv } from './env';
import { problem } from './problem';

const bearer = /^Bearer[ \t]+(\S+)[ \t]*$/i;

export function apiAuthentication(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header === undefined) return next();
    const token = bearer.exec(header)?.[1];
    const user = token ? await authenticateApiToken(c.get('services').database.db, token) : null;
    if (!user) {
      c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      return problem(c, {
        type: 'https://hataraku.example/problems/invalid-token',
        title: 'Unauthorized',
        status: 401,
        detail: 'The API token is not valid: it is unknown, expired or revoked, or its user is deactivated.',
      });
    }
    c.set('user', user);
    return next();
  };
}
