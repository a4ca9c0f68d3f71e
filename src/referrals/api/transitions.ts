/**
 * A referral's transitions over the API: one event of the state machine, as the caller's party.
 * Agreeing is recorded with the three-party decision record (decisions/api.ts), not here.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { auditActor } from '../../platform/audit/audit';
import { actorOf, authorize } from '../../platform/auth/guard';
import type { Api } from '../../platform/http/api';
import { currentUser, dbOf } from '../../platform/http/context';
import { problemResponse } from '../../registry/facilities/api';
import { loadReferral } from '../http-context';
import { findReferralForActor } from '../service/access';
import { transitionReferral } from '../service/transitions';
import { referralEvents } from '../state-machine';
import { notFoundProblem, refusalProblem } from './problems';
import { Id, Referral, security, tags, toApi } from './schemas';

/** Registers the transition route on the API. */
export function registerTransitionApi(api: Api): void {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/referrals/{id}/transitions',
      tags,
      summary: 'Move a referral by one event of the state machine, as the caller’s party',
      description:
        "Declining, not agreeing and withdrawing need a reasonCode from the council's list. Agreeing is recorded with the three-party decision record, not here.",
      security,
      middleware: [authorize('referral.transition', loadReferral)] as const,
      request: {
        params: Id,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z
                .object({
                  event: z.enum(referralEvents as [string, ...string[]]),
                  reasonCode: z.string().optional(),
                  note: z.string().max(1000).optional(),
                })
                .openapi('ReferralTransition'),
            },
          },
        },
      },
      responses: {
        200: {
          description: 'The referral after the transition',
          content: { 'application/json': { schema: Referral } },
        },
        400: problemResponse('A reason is required'),
        401: problemResponse('No valid credentials'),
        404: problemResponse('No such referral, or not one the caller may see'),
        409: problemResponse('The transition is not allowed in this state, or not for the caller’s party'),
      },
    }),
    async (c) => {
      const db = dbOf(c);
      const actor = actorOf(currentUser(c));
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const event = referralEvents.find((e) => e === body.event);
      if (!event || event === 'agree' || event === 'send' || event === 'expire') {
        return refusalProblem(c, { status: 'not_allowed' });
      }
      const result = await transitionReferral(
        db,
        actor,
        id,
        event,
        { reasonCode: body.reasonCode, note: body.note },
        auditActor(c),
      );
      if (result.ok) {
        const referral = await findReferralForActor(db, actor, id);
        if (!referral) return notFoundProblem(c);
        return c.json(toApi(referral), 200);
      }
      return refusalProblem(c, { status: result.reason });
    },
  );
}
