/** RFC 9457 problem details for every API error. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type Problem<S extends ContentfulStatusCode = ContentfulStatusCode> = {
  type?: string;
  title: string;
  status: S;
  detail?: string;
  instance?: string;
  /** Field-level problems, e.g. from request validation. */
  errors?: { pointer: string; detail: string }[];
};

/**
 * Sent through c.json (with the problem+json type) so OpenAPI routes can return it as one of
 * their declared responses.
 */
export function problem<S extends ContentfulStatusCode>(c: Context, body: Problem<S>) {
  return c.json({ type: body.type ?? 'about:blank', ...body }, body.status, {
    'Content-Type': 'application/problem+json; charset=utf-8',
  });
}
