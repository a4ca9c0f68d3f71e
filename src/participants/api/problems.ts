/**
 * The problem responses (RFC 9457) of the participant API: the domain's errors as a 400 with a
 * pointer per field (English messages), and a 404.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env';
import { problem } from '../../platform/http/problem';
import { participantMessages } from '../messages';

export function invalidProblem(
  c: Context<AppEnv>,
  errors: Record<string, string | undefined>,
  names: Record<string, string>,
) {
  const m = participantMessages.en;
  const list = Object.entries(errors).map(([key, code]) => {
    const [field, ...rest] = key.split('.');
    const pointer = `/${[names[field ?? ''] ?? field, ...rest].join('/')}`;
    return { pointer, detail: m.errors[code as keyof typeof m.errors] ?? String(code) };
  });
  return problem(c, {
    type: 'https://hataraku.example/problems/validation',
    title: 'The request is not valid',
    status: 400,
    detail: list.map((e) => `${e.pointer.slice(1)}: ${e.detail}`).join('; '),
    errors: list,
  });
}

export function notFoundProblem(c: Context<AppEnv>) {
  return problem(c, { title: 'Not found', status: 404, detail: `No resource at ${c.req.path}` });
}
