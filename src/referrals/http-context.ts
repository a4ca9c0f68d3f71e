/**
 * What the referral pages and API routes read from the request: the route's `id`, the policy
 * subjects loaded from it (the participant a request is made for, or a referral the caller may
 * see), and the messages in the caller's locale.
 */
import type { Context } from 'hono';
import { getParticipantSubject } from '../participants/service';
import { actorOf } from '../platform/auth/guard';
import { dbOf } from '../platform/http/context';
import type { AppEnv, CurrentUser } from '../platform/http/env';
import { type ReferralMessages, referralMessages } from './messages';
import { referralSubject } from './service/access';

export function idParam(c: Context<AppEnv>): string {
  return c.req.param('id') ?? '';
}

export function loadParticipant(c: Context<AppEnv>, user: CurrentUser) {
  return getParticipantSubject(dbOf(c), actorOf(user), idParam(c));
}

export function loadReferral(c: Context<AppEnv>, user: CurrentUser) {
  return referralSubject(dbOf(c), actorOf(user), idParam(c));
}

export function messagesOf(c: Context<AppEnv>): ReferralMessages {
  return referralMessages[c.get('locale')];
}
