/**
 * Route guards. Every page and API route other than the public ones carries `authorize(action,
 * subject)`; the middleware is tagged with its action so the authorization-matrix test can find
 * routes that declare no rule.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, CurrentUser } from '../http/env';
import { problem } from '../http/problem';
import { renderErrorPage } from '../ui/error-page';
import { type Action, type Actor, can, type SubjectFor } from './policy';

export const ruleTag = Symbol('hataraku.rule');
export type TaggedMiddleware = MiddlewareHandler<AppEnv> & { [ruleTag]?: string };

export function actorOf(user: CurrentUser): Actor {
  return {
    userId: user.id,
    role: user.role,
    organisationId: user.organisationId,
    facilityIds: user.facilityIds,
  };
}

function isApi(c: Context<AppEnv>): boolean {
  return c.req.path.startsWith('/api/');
}

function signInRedirect(c: Context<AppEnv>): Response | Promise<Response> {
  if (isApi(c))
    return problem(c, { title: 'Unauthorized', status: 401, detail: 'Sign in or send an API token.' });
  const url = new URL(c.req.url);
  return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
}

export function forbidden(c: Context<AppEnv>): Response | Promise<Response> {
  if (isApi(c))
    return problem(c, { title: 'Forbidden', status: 403, detail: 'Your role does not allow this.' });
  return renderErrorPage(c, 403);
}

export function notFound(c: Context<AppEnv>): Response | Promise<Response> {
  if (isApi(c))
    return problem(c, { title: 'Not found', status: 404, detail: `No resource at ${c.req.path}` });
  return renderErrorPage(c, 404);
}

/** Any signed-in user; for pages about the caller themself. */
export function requireUser(): TaggedMiddleware {
  const middleware: TaggedMiddleware = async (c, next) => {
    if (!c.get('user')) return signInRedirect(c);
    return next();
  };
  middleware[ruleTag] = 'signed-in';
  return middleware;
}

/**
 * Allows the request when the policy lets the caller do `action` to the subject that `load`
 * finds; a subject that does not exist (or that the store's scoping hides) is a 404.
 */
export function authorize<A extends Action>(
  action: A,
  load: (
    c: Context<AppEnv>,
    user: CurrentUser,
  ) => SubjectFor<A> | undefined | Promise<SubjectFor<A> | undefined>,
): TaggedMiddleware {
  const middleware: TaggedMiddleware = async (c, next) => {
    const user = c.get('user');
    if (!user) return signInRedirect(c);
    const subject = await load(c, user);
    if (!subject) return notFound(c);
    if (!can(actorOf(user), action, subject)) return forbidden(c);
    return next();
  };
  middleware[ruleTag] = action;
  return middleware;
}

/** Shorthand for council-wide actions whose subject is the whole program. */
export function authorizeCouncil(
  action: 'organisation.list' | 'organisation.create' | 'audit.read' | 'mail.read',
): TaggedMiddleware {
  return authorize(action, () => ({ kind: 'council' }));
}

/** Only same-site paths are followed after sign-in, never another host. */
export function safeNextPath(next: string | undefined, fallback = '/dashboard'): string {
  return next && /^\/(?![/\\])/.test(next) ? next : fallback;
}
