/**
 * The problem responses (RFC 9457) of the はたらく場 API: a service's refused outcome mapped to
 * one response each (400 with a pointer per field, 403, 404, 409), so every route answers the
 * same refusal the same way.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../../../platform/http/env';
import { problem } from '../../../platform/http/problem';
import { opportunityMessages } from '../messages';
import type { OpportunityErrors } from '../opportunity';
import type { OpportunityOutcome } from '../service';
import { apiField } from './mapping';

/** The domain's errors as a 400 problem with a pointer per field (English messages). */
export function invalidProblem(c: Context<AppEnv>, errors: OpportunityErrors) {
  const m = opportunityMessages.en;
  const list = Object.entries(errors).map(([key, code]) => {
    const [field, ...rest] = key.split('.');
    const name = field === 'supports' ? 'supports' : (apiField[field ?? ''] ?? field);
    const pointer = `/${[name, ...(field === 'supports' ? [] : rest)].join('/')}`;
    return { pointer, detail: m.errors[code] };
  });
  return problem(c, {
    type: 'https://hataraku.example/problems/validation',
    title: 'The opportunity is not valid',
    status: 400,
    detail: list.map((e) => `${e.pointer.slice(1)}: ${e.detail}`).join('; '),
    errors: list,
  });
}

/** A service's outcome other than ok. */
export type Refusal = Exclude<OpportunityOutcome, { status: 'ok' }>;

type StatusOf<S extends Refusal['status']> = S extends 'invalid'
  ? 400
  : S extends 'forbidden'
    ? 403
    : S extends 'not_found'
      ? 404
      : 409;

/** One typed response per status, so a route's handler only returns the statuses it declares. */
type ProblemResponse<S> = S extends ContentfulStatusCode ? ReturnType<typeof problem<S>> : never;

/** The response to a refusal: 400 (the domain's errors), 403, 404 or 409 (saved in between). */
export function refusalProblem<R extends Refusal>(
  c: Context<AppEnv>,
  refusal: R,
): ProblemResponse<StatusOf<R['status']>> {
  return responseTo(c, refusal) as ProblemResponse<StatusOf<R['status']>>;
}

function responseTo(c: Context<AppEnv>, refusal: Refusal) {
  switch (refusal.status) {
    case 'invalid':
      return invalidProblem(c, refusal.errors);
    case 'forbidden':
      return problem(c, { title: 'Forbidden', status: 403, detail: 'Your role does not allow this.' });
    case 'not_found':
      return problem(c, { title: 'Not found', status: 404, detail: 'No such opportunity.' });
    case 'conflict':
      return problem(c, {
        title: 'Conflict',
        status: 409,
        detail: 'The opportunity changed since the version given; fetch it again.',
      });
  }
}

/** A PATCH that moves the status must send nothing else. */
export function statusAloneProblem(c: Context<AppEnv>) {
  return problem(c, {
    type: 'https://hataraku.example/problems/validation',
    title: 'Change the status on its own',
    status: 400,
    detail: 'Send `status` without other fields.',
    errors: [{ pointer: '/status', detail: 'Send status without other fields' }],
  });
}
