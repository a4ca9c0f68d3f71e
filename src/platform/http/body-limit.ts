/**
 * hono's bodyLimit, for the requests that can carry a body. Asking a GET for its body makes
 * @hono/node-server build a whole fetch Request around the incoming message (about a tenth of
 * a small page's server time; decision 033), only to find there is none.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './env';

const withoutBody = new Set(['GET', 'HEAD', 'OPTIONS']);

export function requestBodyLimit(options: Parameters<typeof bodyLimit>[0]): MiddlewareHandler<AppEnv> {
  const limit = bodyLimit(options);
  return (c, next) => (withoutBody.has(c.req.method) ? next() : limit(c, next));
}
