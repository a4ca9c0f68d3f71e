/**
 * The policy subjects the API's authorize() middleware checks: the opportunity or the facility
 * named in the path, undefined when out of the caller's scope (a 404).
 */
import type { Context } from 'hono';
import { actorOf } from '../../../platform/auth/guard';
import type { AppEnv, CurrentUser } from '../../../platform/http/env';
import { getFacility } from '../../facilities/service';
import { getOpportunitySubject } from '../service';

export function loadOpportunity(c: Context<AppEnv>, user: CurrentUser) {
  return getOpportunitySubject(c.get('services').database.db, actorOf(user), c.req.param('id') ?? '');
}

export async function loadFacility(c: Context<AppEnv>, user: CurrentUser) {
  const facility = await getFacility(
    c.get('services').database.db,
    actorOf(user),
    c.req.param('facilityId') ?? '',
  );
  return facility
    ? ({ kind: 'facility', id: facility.id, corporationId: facility.corporationId } as const)
    : undefined;
}
