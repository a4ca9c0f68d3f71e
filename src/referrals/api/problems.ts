/**
 * The problem responses (RFC 9457) of the referral API: a refused service outcome (not found,
 * forbidden, one of the conflicts) or field errors mapped to one response each, so every
 * resource answers the same refusal the same way.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../../platform/http/env';
import { problem } from '../../platform/http/problem';
import { referralMessages } from '../messages';

export const notFoundProblem = (c: Context<AppEnv>) =>
  problem(c, { title: 'Not found', status: 404, detail: `No resource at ${c.req.path}` });

export const forbiddenProblem = (c: Context<AppEnv>) =>
  problem(c, { title: 'Forbidden', status: 403, detail: 'Your role does not allow this.' });

const conflict = (c: Context<AppEnv>, type: string, detail: string) =>
  problem(c, {
    type: `https://hataraku.example/problems/${type}`,
    title: 'Not possible now',
    status: 409,
    detail,
  });

/** 400 with one entry per field; `fields` maps a body field (a dotted path) to its message. */
export function invalidProblem(c: Context<AppEnv>, fields: Record<string, string>) {
  const errors = Object.entries(fields).map(([field, detail]) => ({
    pointer: `/${field.replace(/\./g, '/')}`,
    detail,
  }));
  return problem(c, {
    type: 'https://hataraku.example/problems/validation',
    title: 'The request is not valid',
    status: 400,
    detail: errors.map((e) => `${e.pointer.slice(1)}: ${e.detail}`).join('; '),
    errors,
  });
}

/** A service's refusal, whichever use case gave it. */
export type Refusal =
  | {
      status:
        | 'not_found'
        | 'forbidden'
        | 'opportunity_unavailable'
        | 'case_not_active'
        | 'not_allowed'
        | 'wrong_party'
        | 'reason_required';
    }
  | { status: 'already_open'; id: string }
  | { status: 'consent_refused'; reasons: string[] };

type StatusOf<S extends Refusal['status']> = S extends 'not_found'
  ? 404
  : S extends 'forbidden'
    ? 403
    : S extends 'reason_required'
      ? 400
      : 409;

/** One typed response per status, so a route's handler only returns the statuses it declares. */
type ProblemResponse<S> = S extends ContentfulStatusCode ? ReturnType<typeof problem<S>> : never;

/**
 * The response to a refusal: 404, 403, 400 (a reason is required) or 409 (one of the
 * conflicts); `consentHint` follows the consent refusal's detail.
 */
export function refusalProblem<R extends Refusal>(
  c: Context<AppEnv>,
  refusal: R,
  consentHint = '',
): ProblemResponse<StatusOf<R['status']>> {
  return responseTo(c, refusal, consentHint) as ProblemResponse<StatusOf<R['status']>>;
}

function responseTo(c: Context<AppEnv>, refusal: Refusal, consentHint: string) {
  const m = referralMessages.en;
  switch (refusal.status) {
    case 'not_found':
      return notFoundProblem(c);
    case 'forbidden':
      return forbiddenProblem(c);
    case 'reason_required':
      return invalidProblem(c, { reasonCode: m.reasonRequired });
    case 'consent_refused':
      return conflict(
        c,
        'consent-required',
        `${m.consentRefused} (${refusal.reasons.join(', ')})${consentHint}`,
      );
    case 'opportunity_unavailable':
      return conflict(c, 'opportunity-not-accepting', m.opportunityUnavailable);
    case 'case_not_active':
      return conflict(c, 'case-not-active', m.caseNotActive);
    case 'already_open':
      return conflict(c, 'referral-already-open', `${m.alreadyOpen} /api/v1/referrals/${refusal.id}`);
    case 'not_allowed':
      return conflict(c, 'transition-not-allowed', m.notAllowed);
    case 'wrong_party':
      return conflict(c, 'transition-wrong-party', m.wrongParty);
  }
}
