/** Organisations over the API: the council's list, and one organisation the caller may see. */

import { createRoute, z } from '@hono/zod-openapi';
import { actorOf, authorize, authorizeCouncil } from '../../platform/auth/guard';
import type { Api } from '../../platform/http/api';
import { currentUser } from '../../platform/http/context';
import { problem } from '../../platform/http/problem';
import { toSearchText } from '../../platform/text/normalise';
import { formatPostalCode } from '../../reference/postal-codes';
import { problemResponse } from '../../registry/facilities/api';
import {
  agencyTypes,
  getOrganisation,
  getOrganisationSubject,
  listOrganisationsFor,
  organisationKinds,
} from './service';

const kindEnum = z.enum(organisationKinds as [string, ...string[]]).openapi({
  description: 'council 協議会事務局, corporation 社会福祉法人, agency 相談支援機関',
});

const OrganisationSummary = z
  .object({
    id: z.string(),
    kind: kindEnum,
    name: z.string().openapi({ example: '社会福祉法人 村山苑' }),
    nameKana: z.string(),
    agencyType: z
      .enum(agencyTypes as [string, ...string[]])
      .nullable()
      .openapi({ description: 'For agencies: the type of consultation agency' }),
    municipalityName: z.string().nullable(),
    isReference: z
      .boolean()
      .openapi({ description: 'Listed as a participating corporation on the public site' }),
    isDemo: z.boolean(),
    active: z.boolean(),
    facilityCount: z.number().int(),
  })
  .openapi('OrganisationSummary');

const Organisation = OrganisationSummary.omit({ facilityCount: true })
  .extend({
    municipalityCode: z.string().nullable(),
    postalCode: z.string().nullable(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    website: z.string().nullable(),
    participationAsOf: z
      .string()
      .nullable()
      .openapi({ example: '2025-01', description: 'The month of the public list it appears in' }),
    twoFactorRequired: z.boolean(),
    userCount: z.number().int(),
  })
  .openapi('Organisation');

const security = [{ bearerAuth: [] }];

export function registerOrganisationApi(api: Api): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/organisations',
      tags: ['Accounts'],
      summary: 'The council, corporations and agencies (council staff)',
      security,
      middleware: [authorizeCouncil('organisation.list')] as const,
      request: {
        query: z.object({
          kind: kindEnum.optional(),
          q: z.string().max(100).optional().openapi({ description: 'Part of the name or reading' }),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
      responses: {
        200: {
          description: 'One page of organisations',
          content: {
            'application/json': {
              schema: z.object({
                items: z.array(OrganisationSummary),
                total: z.number().int(),
                page: z.number().int(),
                pageSize: z.number().int(),
              }),
            },
          },
        },
        401: problemResponse('No valid credentials'),
        403: problemResponse('Only council staff list organisations'),
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const { items, total } = await listOrganisationsFor(
        c.get('services').database.db,
        actorOf(currentUser(c)),
        {
          kind: organisationKinds.find((k) => k === query.kind),
          q: query.q ? toSearchText(query.q) : undefined,
          limit: query.pageSize,
          offset: (query.page - 1) * query.pageSize,
        },
      );
      return c.json(
        {
          items: items.map((o) => ({
            ...o,
            isReference: o.isReference === 1,
            isDemo: o.isDemo === 1,
            active: o.active === 1,
          })),
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
      path: '/organisations/{id}',
      tags: ['Accounts'],
      summary: 'One organisation (council staff: any; others: their own)',
      security,
      middleware: [
        authorize('organisation.read', (c, user) =>
          getOrganisationSubject(c.get('services').database.db, actorOf(user), c.req.param('id') ?? ''),
        ),
      ] as const,
      request: { params: z.object({ id: z.string().max(100) }) },
      responses: {
        200: { description: 'The organisation', content: { 'application/json': { schema: Organisation } } },
        401: problemResponse('No valid credentials'),
        404: problemResponse('No such organisation, or not one the caller may see'),
      },
    }),
    async (c) => {
      const o = await getOrganisation(
        c.get('services').database.db,
        actorOf(currentUser(c)),
        c.req.valid('param').id,
      );
      if (!o) return problem(c, { title: 'Not found', status: 404, detail: 'No such organisation.' });
      return c.json(
        {
          id: o.id,
          kind: o.kind,
          name: o.name,
          nameKana: o.nameKana,
          agencyType: o.agencyType,
          municipalityCode: o.municipalityCode,
          municipalityName: o.municipalityName,
          postalCode: o.postalCode ? formatPostalCode(o.postalCode) : null,
          address: o.address,
          phone: o.phone,
          website: o.website,
          participationAsOf: o.participationAsOf,
          isReference: o.isReference === 1,
          isDemo: o.isDemo === 1,
          active: o.active === 1,
          twoFactorRequired: o.twoFactorRequired === 1,
          userCount: o.userCount,
        },
        200,
      );
    },
  );
}
