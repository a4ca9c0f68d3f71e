/**
 * The policy subjects the API's authorize() middleware checks: the caller itself (listing,
 * registering), or the participant named in the path, undefined when out of the caller's scope
 * (a 404).
 */
import type { Context } from 'hono';
import { actorOf } from '../../platform/auth/guard';
import { dbOf } from '../../platform/http/context';
import type { AppEnv, CurrentUser } from '../../platform/http/env';
import { getParticipantSubject } from '../service';

export const self = () => ({ kind: 'self' }) as const;

export function loadParticipant(c: Context<AppEnv>, user: CurrentUser) {
  return getParticipantSubject(dbOf(c), actorOf(user), c.req.param('id') ?? '');
}
