/**
 * GET /api/v1/opportunities/search: the はたらく場 search of the /search page as JSON, with the
 * same query parameters (repeat a name for several values) read by the same parser, the same
 * scoping ('opportunity.search': counsellors and council staff) and the same order and pages.
 * Registered by registerOpportunityApi before /opportunities/{id}, so "search" is never an id.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { actorOf, authorize } from '../../platform/auth/guard';
import type { Api } from '../../platform/http/api';
import { currentUser } from '../../platform/http/context';
import { problem } from '../../platform/http/problem';
import { problemResponse } from '../facilities/api';
import { supportCodes, taskCategories } from '../opportunities/opportunity';
import { effectiveSort, parseSearchQuery, searchWorkForms, sortOrders, toSearchQuery } from './filters';
import { searchFieldMessages, searchMessages } from './messages';
import { searchRegistry } from './service';

const security = [{ bearerAuth: [] }];
export const MAX_API_PAGE_SIZE = 200;

const many = (description: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .openapi({ description: `${description} Repeat the parameter for several values.` });

const SearchQuery = z.object({
  q: z.string().optional().openapi({
    description: 'Free text; width, katakana/hiragana and case do not matter. Every word must occur.',
    example: '清掃',
  }),
  municipality: many('区市町村 code (any of them), e.g. 131041.'),
  near: z
    .string()
    .optional()
    .openapi({ description: 'Municipality code whose office is the distance origin' }),
  lat: z.string().optional().openapi({ description: 'Origin latitude (WGS84), with lng' }),
  lng: z.string().optional().openapi({ description: 'Origin longitude (WGS84), with lat' }),
  within: z.string().optional().openapi({ description: 'At most this many km from the origin (0–100)' }),
  weekday: many('ISO weekday 1 (月) … 7 (日): a window on one of them must fit.'),
  from: z.string().optional().openapi({ description: 'HH:MM: the window starts at or before it' }),
  to: z.string().optional().openapi({ description: 'HH:MM: the window ends at or after it' }),
  work_form: many(`Work form (any of them): ${searchWorkForms.join(', ')}.`),
  task: many(`Task category (any of them): ${taskCategories.join(', ')}.`),
  support: many(`Support needed (all of them): ${supportCodes.join(', ')}.`),
  open: z.string().optional().openapi({ description: '1: open places only' }),
  visit: z.string().optional().openapi({ description: '1: a visit must be possible' }),
  trial: z.string().optional().openapi({ description: '1: a trial day must be possible' }),
  sort: z
    .string()
    .optional()
    .openapi({ description: `${sortOrders.join(' | ')}; default fit when anything narrows the search` }),
  page: z.string().optional().openapi({ description: '1, 2, …' }),
  pageSize: z.coerce.number().int().min(1).max(MAX_API_PAGE_SIZE).default(20),
});

const SearchWindow = z.object({
  weekday: z.number().int(),
  start: z.string(),
  end: z.string(),
  capacity: z.number().int(),
});

const SearchItem = z
  .object({
    id: z.string(),
    title: z.string(),
    facilityId: z.string(),
    facilityName: z.string(),
    municipalityCode: z.string(),
    municipalityName: z.string(),
    tasks: z.array(z.string()),
    workForms: z.array(z.string()),
    supports: z.array(z.string()),
    visitPossible: z.boolean(),
    trialPossible: z.boolean(),
    status: z.string(),
    stale: z.boolean().openapi({ description: '情報が古い可能性: not confirmed for 120 days' }),
    updatedAt: z.string(),
    lastConfirmedAt: z.string(),
    distanceKm: z.number().nullable().openapi({ description: 'From the origin, when the search has one' }),
    windows: z.array(SearchWindow),
  })
  .openapi('OpportunitySearchItem');

export function registerSearchApi(api: Api): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/opportunities/search',
      tags: ['Registry'],
      summary: 'Search はたらく場 with the filters of the search page (counsellors and council staff)',
      security,
      middleware: [authorize('opportunity.search', () => ({ kind: 'self' }))] as const,
      request: { query: SearchQuery },
      responses: {
        200: {
          description: 'One page of the search, in its order, with the total',
          content: {
            'application/json': {
              schema: z.object({
                items: z.array(SearchItem),
                total: z.number().int(),
                page: z.number().int(),
                pageSize: z.number().int(),
                sort: z.enum(sortOrders),
                query: z.string().openapi({ description: 'The canonical query string of this search' }),
              }),
            },
          },
        },
        400: problemResponse('A filter is not valid'),
        401: problemResponse('No valid credentials'),
        403: problemResponse('The caller may not search the registry'),
      },
    }),
    async (c) => {
      const { pageSize } = c.req.valid('query');
      const parsed = parseSearchQuery(new URL(c.req.url).searchParams);
      if (!parsed.ok) {
        const messages = searchFieldMessages(searchMessages.en, parsed.errors);
        const errors = Object.entries(messages).map(([field, detail]) => ({ pointer: `/${field}`, detail }));
        return problem(c, {
          type: 'https://hataraku.example/problems/validation',
          title: 'The search is not valid',
          status: 400,
          detail: errors.map((e) => `${e.pointer.slice(1)}: ${e.detail}`).join('; '),
          errors,
        });
      }
      const filters = parsed.filters;
      const outcome = await searchRegistry(c.get('services').database.db, actorOf(currentUser(c)), filters, {
        pageSize,
      });
      return c.json(
        {
          items: outcome.items.map((item) => ({ ...item, distanceKm: item.distanceKm ?? null })),
          total: outcome.total,
          page: outcome.page,
          pageSize: outcome.pageSize,
          sort: effectiveSort(filters),
          query: toSearchQuery(filters),
        },
        200,
      );
    },
  );
}
