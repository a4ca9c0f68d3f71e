/**
 * The facility's view over the API of what the participant consented to share through a
 * referral (audited by the service); nothing once consent ended or the referral closed.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { auditActor } from '../../platform/audit/audit';
import { actorOf, authorize } from '../../platform/auth/guard';
import type { Api } from '../../platform/http/api';
import { currentUser, dbOf } from '../../platform/http/context';
import { problemResponse } from '../../registry/facilities/api';
import { loadReferral } from '../http-context';
import { findReferralForActor } from '../service/access';
import { readSharedData } from '../service/shared-data';
import { forbiddenProblem, notFoundProblem } from './problems';
import { DataGroup, Id, security, tags } from './schemas';

/** Registers the shared-data route on the API. */
export function registerSharedDataApi(api: Api): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/referrals/{id}/shared-data',
      tags,
      summary: "The facility's view of what the participant consented to share (audited)",
      security,
      middleware: [authorize('referral.shared_data', loadReferral)] as const,
      request: { params: Id },
      responses: {
        200: {
          description:
            "status 'shown' with the groups and fields, or 'closed' / 'consent_ended' when nothing may be shown",
          content: {
            'application/json': {
              schema: z.object({
                status: z.enum(['shown', 'closed', 'consent_ended']),
                groups: z.array(DataGroup).optional(),
                person: z.record(z.string(), z.unknown()).optional(),
                assessment: z.record(z.string(), z.unknown()).nullable().optional(),
              }),
            },
          },
        },
        401: problemResponse('No valid credentials'),
        403: problemResponse('Only the facility the referral was sent to'),
        404: problemResponse('No such referral, or not one the caller may see'),
      },
    }),
    async (c) => {
      const db = dbOf(c);
      const actor = actorOf(currentUser(c));
      const referral = await findReferralForActor(db, actor, c.req.valid('param').id);
      if (!referral) return notFoundProblem(c);
      const shared = await readSharedData(db, actor, referral, auditActor(c));
      if (!shared) return forbiddenProblem(c);
      if (shared.status !== 'shown') return c.json({ status: shared.status }, 200);
      return c.json(
        {
          status: shared.status,
          groups: shared.groups,
          person: shared.person,
          assessment: shared.assessment ?? null,
        },
        200,
      );
    },
  );
}
