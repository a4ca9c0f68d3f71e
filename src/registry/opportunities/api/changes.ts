/**
 * Changing はたらく場 over the API: registering one at a facility (as a draft, or published),
 * changing some fields (PATCH merges into the stored values) or its status on its own, and the
 * one-call confirmation. Each answers with the opportunity as it now is.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { auditActor } from '../../../platform/audit/audit';
import { actorOf, authorize } from '../../../platform/auth/guard';
import type { Actor } from '../../../platform/auth/policy';
import type { Database } from '../../../platform/db/schema';
import type { Api } from '../../../platform/http/api';
import { currentUser } from '../../../platform/http/context';
import { problemResponse } from '../../facilities/api';
import { inputOfValues, opportunityStatuses } from '../opportunity';
import {
  changeOpportunityStatus,
  confirmOpportunity,
  createOpportunity,
  getOpportunity,
  type OpportunityOutcome,
  updateOpportunity,
} from '../service';
import { toApi, toInput } from './mapping';
import { refusalProblem, statusAloneProblem } from './problems';
import { enumOf, fields, Id, Opportunity, security } from './schemas';
import { loadFacility, loadOpportunity } from './subjects';

/** The opportunity a change just saved, read back in the author's scope. */
async function visibleAfter(db: Kysely<Database>, actor: Actor, id: string, what: string) {
  const opportunity = await getOpportunity(db, actor, id);
  if (!opportunity) throw new Error(`${what} opportunity is not visible to its author`);
  return opportunity;
}

export function registerOpportunityChangeApi(api: Api): void {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/facilities/{facilityId}/opportunities',
      tags: ['Registry'],
      summary: 'Register a はたらく場 at a facility (as a draft, or published)',
      security,
      middleware: [authorize('opportunity.create', loadFacility)] as const,
      request: {
        params: z.object({ facilityId: z.string().openapi({ param: { name: 'facilityId', in: 'path' } }) }),
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z
                .object({ ...fields, status: z.enum(['draft', 'published']).optional() })
                .partial()
                .openapi('NewOpportunity'),
            },
          },
        },
      },
      responses: {
        201: { description: 'The new opportunity', content: { 'application/json': { schema: Opportunity } } },
        400: problemResponse('The body is not valid'),
        401: problemResponse('No valid credentials'),
        403: problemResponse('The caller may not register opportunities at this facility'),
        404: problemResponse('No such facility, or not one the caller may see'),
      },
    }),
    async (c) => {
      const db = c.get('services').database.db;
      const actor = actorOf(currentUser(c));
      const { status, ...body } = c.req.valid('json');
      const outcome = await createOpportunity(
        db,
        actor,
        c.req.valid('param').facilityId,
        toInput(body),
        auditActor(c),
        {
          status: status ?? 'draft',
        },
      );
      if (outcome.status === 'conflict') throw new Error(`unexpected outcome ${outcome.status}`);
      if (outcome.status !== 'ok') return refusalProblem(c, outcome);
      return c.json(toApi(await visibleAfter(db, actor, outcome.id, 'a new'), new Date()), 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/opportunities/{id}',
      tags: ['Registry'],
      summary: 'Change some fields of a はたらく場, or its status (on its own)',
      description:
        'Fields not sent keep their value; windows, when sent, replace all windows. `status` moves it along draft → published → paused | full → archived and is sent alone. `version` (optional) refuses the change with 409 when someone saved in between.',
      security,
      middleware: [authorize('opportunity.update', loadOpportunity)] as const,
      request: {
        params: Id,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z
                .object({ ...fields, status: enumOf(opportunityStatuses), version: z.number().int() })
                .partial()
                .openapi('OpportunityChanges'),
            },
          },
        },
      },
      responses: {
        200: {
          description: 'The updated opportunity',
          content: { 'application/json': { schema: Opportunity } },
        },
        400: problemResponse('The body is not valid'),
        401: problemResponse('No valid credentials'),
        403: problemResponse('The caller may not change it'),
        404: problemResponse('No such opportunity, or not one the caller may see'),
        409: problemResponse('Changed by someone else since `version`'),
      },
    }),
    async (c) => {
      const db = c.get('services').database.db;
      const actor = actorOf(currentUser(c));
      const { id } = c.req.valid('param');
      const { status, version, ...body } = c.req.valid('json');
      const current = await getOpportunity(db, actor, id);
      if (!current) return refusalProblem(c, { status: 'not_found' });
      let outcome: OpportunityOutcome;
      if (status !== undefined) {
        if (Object.keys(body).length > 0) return statusAloneProblem(c);
        if (version !== undefined && version !== current.version) {
          return refusalProblem(c, { status: 'conflict' });
        }
        outcome = await changeOpportunityStatus(db, actor, id, status, auditActor(c));
      } else {
        outcome = await updateOpportunity(
          db,
          actor,
          id,
          toInput(body, inputOfValues(current.values)),
          auditActor(c),
          {
            expectedVersion: version,
          },
        );
      }
      if (outcome.status !== 'ok') return refusalProblem(c, outcome);
      return c.json(toApi(await visibleAfter(db, actor, id, 'an updated'), new Date()), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/opportunities/{id}/confirm',
      tags: ['Registry'],
      summary: 'Confirm a はたらく場 as still up to date (sets lastConfirmedAt)',
      security,
      middleware: [authorize('opportunity.confirm', loadOpportunity)] as const,
      request: { params: Id },
      responses: {
        200: {
          description: 'The confirmed opportunity',
          content: { 'application/json': { schema: Opportunity } },
        },
        401: problemResponse('No valid credentials'),
        403: problemResponse('The caller may not confirm it'),
        404: problemResponse('No such opportunity, or not one the caller may see'),
      },
    }),
    async (c) => {
      const db = c.get('services').database.db;
      const actor = actorOf(currentUser(c));
      const { id } = c.req.valid('param');
      const outcome = await confirmOpportunity(db, actor, id, auditActor(c));
      if (outcome.status === 'invalid' || outcome.status === 'conflict') {
        throw new Error(`unexpected outcome ${outcome.status}`);
      }
      if (outcome.status !== 'ok') return refusalProblem(c, outcome);
      return c.json(toApi(await visibleAfter(db, actor, id, 'a confirmed'), new Date()), 200);
    },
  );
}
