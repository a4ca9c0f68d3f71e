/**
 * A referral's thread over the API: reading it, and posting a message (counsellor or facility)
 * or a mediation note (council staff).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { auditActor } from '../../platform/audit/audit';
import { actorOf, authorize } from '../../platform/auth/guard';
import type { Api } from '../../platform/http/api';
import { currentUser, dbOf } from '../../platform/http/context';
import { problemResponse } from '../../registry/facilities/api';
import { loadReferral } from '../http-context';
import { referralMessages } from '../messages';
import { findReferralForActor } from '../service/access';
import { postReferralMessage, threadOf } from '../service/thread';
import { invalidProblem, notFoundProblem, refusalProblem } from './problems';
import { Id, security, tags } from './schemas';

const Message = z
  .object({
    id: z.string(),
    kind: z.enum(['message', 'mediation_note']),
    party: z.string(),
    by: z.string().nullable(),
    organisation: z.string().nullable(),
    body: z.string(),
    createdAt: z.string(),
  })
  .openapi('ReferralMessage');

/** Registers the thread's routes on the API. */
export function registerMessageApi(api: Api): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/referrals/{id}/messages',
      tags,
      summary: 'The thread: messages between the parties and council mediation notes',
      security,
      middleware: [authorize('referral.read', loadReferral)] as const,
      request: { params: Id },
      responses: {
        200: {
          description: 'Oldest first',
          content: { 'application/json': { schema: z.object({ items: z.array(Message) }) } },
        },
        401: problemResponse('No valid credentials'),
        404: problemResponse('No such referral, or not one the caller may see'),
      },
    }),
    async (c) => {
      const db = dbOf(c);
      const referral = await findReferralForActor(db, actorOf(currentUser(c)), c.req.valid('param').id);
      if (!referral) return notFoundProblem(c);
      const items = (await threadOf(db, referral)).map((x) => ({
        id: x.id,
        kind: x.kind,
        party: x.party,
        by: x.userName,
        organisation: x.organisationName,
        body: x.body,
        createdAt: x.createdAt,
      }));
      return c.json({ items }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/referrals/{id}/messages',
      tags,
      summary: 'Post a message (counsellor or facility) or a mediation note (council staff)',
      security,
      middleware: [authorize('referral.read', loadReferral)] as const,
      request: {
        params: Id,
        body: {
          required: true,
          content: {
            'application/json': { schema: z.object({ body: z.string() }).openapi('NewReferralMessage') },
          },
        },
      },
      responses: {
        201: {
          description: 'Posted',
          content: { 'application/json': { schema: z.object({ id: z.string() }) } },
        },
        400: problemResponse('Empty or too long'),
        401: problemResponse('No valid credentials'),
        403: problemResponse('The caller may not post here'),
        404: problemResponse('No such referral, or not one the caller may see'),
      },
    }),
    async (c) => {
      const outcome = await postReferralMessage(
        dbOf(c),
        actorOf(currentUser(c)),
        c.req.valid('param').id,
        c.req.valid('json').body,
        auditActor(c),
      );
      switch (outcome.status) {
        case 'ok':
          return c.json({ id: outcome.id }, 201);
        case 'invalid':
          return invalidProblem(c, { body: referralMessages.en.errors[outcome.errors.body] });
        default:
          return refusalProblem(c, outcome);
      }
    },
  );
}
