/**
 * Reading はたらく場 over the API: the caller's scoped list (with `changed_since`, each item
 * then says whether it is new, changed or closed since) and one opportunity with its facility
 * contact.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { actorOf, authorize } from '../../../platform/auth/guard';
import type { Api } from '../../../platform/http/api';
import { currentUser } from '../../../platform/http/context';
import { problemResponse } from '../../facilities/api';
import { closedStatuses, opportunityStatuses } from '../opportunity';
import { getOpportunity, listOpportunitiesFor } from '../service';
import { toApi, toApiSummary } from './mapping';
import { refusalProblem } from './problems';
import { enumOf, Id, Opportunity, OpportunitySummary, security } from './schemas';
import { loadOpportunity } from './subjects';

export function registerOpportunityReadApi(api: Api): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/opportunities',
      tags: ['Registry'],
      summary:
        'はたらく場 the caller may see (council: all; corporation staff: their own; counsellors: published)',
      security,
      middleware: [authorize('opportunity.list', () => ({ kind: 'self' }))] as const,
      request: {
        query: z.object({
          status: enumOf(opportunityStatuses).optional(),
          facilityId: z.string().optional(),
          changed_since: z.iso.datetime({ offset: true }).optional().openapi({
            description:
              'Only opportunities changed (content or status) after this time; each item then says whether it is new, changed or closed since.',
            example: '2026-01-01T00:00:00Z',
          }),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
      responses: {
        200: {
          description: 'One page of opportunities, most recently changed first',
          content: {
            'application/json': {
              schema: z.object({
                items: z.array(OpportunitySummary),
                total: z.number().int(),
                page: z.number().int(),
                pageSize: z.number().int(),
              }),
            },
          },
        },
        400: problemResponse('A query parameter is not valid'),
        401: problemResponse('No valid credentials'),
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const user = currentUser(c);
      const since = query.changed_since ? new Date(query.changed_since).toISOString() : undefined;
      const statuses = query.status
        ? [query.status]
        : since
          ? (['published', ...closedStatuses] as const)
          : user.role === 'counsellor'
            ? (['published'] as const)
            : undefined;
      const now = new Date();
      const { items, total } = await listOpportunitiesFor(c.get('services').database.db, actorOf(user), {
        statuses: statuses ? [...statuses] : undefined,
        facilityId: query.facilityId,
        changedSince: since,
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      return c.json(
        {
          items: items.map((o) => toApiSummary(o, now, since)),
          total,
          page: query.page,
          pageSize: query.pageSize,
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/opportunities/{id}',
      tags: ['Registry'],
      summary: 'One はたらく場, with the facility contact (agencies see it)',
      security,
      middleware: [authorize('opportunity.read', loadOpportunity)] as const,
      request: { params: Id },
      responses: {
        200: { description: 'The opportunity', content: { 'application/json': { schema: Opportunity } } },
        401: problemResponse('No valid credentials'),
        403: problemResponse('The caller may not read it'),
        404: problemResponse('No such opportunity, or not one the caller may see'),
      },
    }),
    async (c) => {
      const o = await getOpportunity(
        c.get('services').database.db,
        actorOf(currentUser(c)),
        c.req.valid('param').id,
      );
      if (!o) return refusalProblem(c, { status: 'not_found' });
      return c.json(toApi(o, new Date()), 200);
    },
  );
}
