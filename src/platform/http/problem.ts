/** RFC 9457 problem details for every API error. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type Problem = {
  type?: string;
  title: string;
  status: ContentfulStatusCode;
  detail?: string;
  instance?: string;
  /** Field-level problems, e.g. from request validation. */
  errors?: { pointer: string; detail: string }[];
};

export function problem(c: Context, body: Problem): Response {
  return c.body(JSON.stringify({ type: body.type ?? 'about:blank', ...body }), body.status, {
    'Content-Type': 'application/problem+json; charset=utf-8',
  });
}
