/**
 * Placements (はたらく場の決定) over the API (/api/v1): the scoped list and one placement. Read
 * only: a placement is created by the three-party decision (src/referrals/decisions). The same
 * policy actions and scoped services as the pages; the person's name only for the case's agency.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { actorOf, authorize } from '../platform/auth/guard';
import type { Api } from '../platform/http/api';
import { currentUser, dbOf } from '../platform/http/context';
import type { AppEnv, CurrentUser } from '../platform/http/env';
import { problem } from '../platform/http/problem';
import { problemResponse } from '../registry/facilities/api';
import { workFormOffers } from '../registry/opportunities/opportunity';
import {
  getPlacement,
  getPlacementSubject,
  listPlacementsFor,
  type PlacementView,
  placementStatuses,
} from './service';
import { holdingStatuses } from './store';

const security = [{ bearerAuth: [] }];
const tags = ['Placements'];

const ScheduleEntry = z
  .object({
    weekday: z.number().int().openapi({ description: 'ISO weekday: 1 月 … 7 日' }),
    start: z.string().openapi({ example: '11:00' }),
    end: z.string().openapi({ example: '13:00' }),
  })
  .openapi('PlacementScheduleEntry');

const Placement = z
  .object({
    id: z.string(),
    participantId: z.string(),
    participantName: z
      .string()
      .nullable()
      .openapi({ description: 'Only for the counsellors of the agency that keeps the case; else null' }),
    opportunityId: z.string(),
    opportunityTitle: z.string(),
    facilityId: z.string(),
    facilityName: z.string(),
    corporationId: z.string(),
    agencyId: z.string(),
    agencyName: z.string(),
    referralId: z.string().nullable(),
    workForm: z.enum(workFormOffers),
    startDate: z.string().openapi({ example: '2026-12-01' }),
    endDate: z.string().nullable(),
    schedule: z.array(ScheduleEntry).openapi({ description: "The person's own weekly days and times" }),
    status: z.enum(['active', 'awaiting_support_decision', 'ended']).openapi({
      description:
        "active and awaiting_support_decision (B–D before the municipality's 支援決定) hold places",
    }),
    counsellorName: z.string(),
    facilityContactName: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    endedAt: z.string().nullable(),
  })
  .openapi('Placement');

function toApi(p: PlacementView) {
  return {
    id: p.id,
    participantId: p.participantId,
    participantName: p.participantName,
    opportunityId: p.opportunityId,
    opportunityTitle: p.opportunityTitle,
    facilityId: p.facilityId,
    facilityName: p.facilityName,
    corporationId: p.corporationId,
    agencyId: p.agencyId,
    agencyName: p.agencyName,
    referralId: p.referralId,
    workForm: p.workForm,
    startDate: p.startDate,
    endDate: p.endDate,
    schedule: p.schedule,
    status: p.status,
    counsellorName: p.counsellorName,
    facilityContactName: p.facilityContactName,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    endedAt: p.endedAt,
  };
}

function loadPlacement(c: Context<AppEnv>, user: CurrentUser) {
  return getPlacementSubject(dbOf(c), actorOf(user), c.req.param('id') ?? '');
}

const Id = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });

export function registerPlacementApi(api: Api): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/placements',
      tags,
      summary:
        "Placements the caller may see: the agency's, the facility's or corporation's, or (council) all; newest start first",
      security,
      middleware: [authorize('placement.list', () => ({ kind: 'self' }) as const)] as const,
      request: {
        query: z.object({
          status: z
            .enum(placementStatuses as ['active', 'awaiting_support_decision', 'ended'])
            .optional()
            .openapi({ description: 'Default: those holding places (active, awaiting_support_decision)' }),
          participantId: z.string().optional(),
          facilityId: z.string().optional(),
          opportunityId: z.string().optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
      responses: {
        200: {
          description: 'One page of placements',
          content: {
            'application/json': {
              schema: z.object({
                items: z.array(Placement),
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
      const { items, total } = await listPlacementsFor(dbOf(c), actorOf(currentUser(c)), {
        statuses: query.status ? [query.status] : holdingStatuses,
        participantId: query.participantId,
        facilityId: query.facilityId,
        opportunityId: query.opportunityId,
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      return c.json({ items: items.map(toApi), total, page: query.page, pageSize: query.pageSize }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/placements/{id}',
      tags,
      summary: "One placement (the case's agency, the facility's staff, the council)",
      security,
      middleware: [authorize('placement.read', loadPlacement)] as const,
      request: { params: Id },
      responses: {
        200: { description: 'The placement', content: { 'application/json': { schema: Placement } } },
        401: problemResponse('No valid credentials'),
        404: problemResponse('No such placement, or not one the caller may see'),
      },
    }),
    async (c) => {
      const p = await getPlacement(dbOf(c), actorOf(currentUser(c)), c.req.valid('param').id);
      if (!p) return problem(c, { title: 'Not found', status: 404, detail: `No resource at ${c.req.path}` });
      return c.json(toApi(p), 200);
    },
  );
}
