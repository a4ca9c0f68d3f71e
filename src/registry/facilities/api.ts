/**
 * Facilities over the API: the caller's scoped list, one facility, registering and updating.
 * The same policy actions and services as the pages; validation errors come back as
 * problem+json with a pointer per field.
 */

import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getOrganisationSubject } from '../../accounts/organisations/service';
import { auditActor } from '../../platform/audit/audit';
import { actorOf, authorize, requireUser } from '../../platform/auth/guard';
import type { Api } from '../../platform/http/api';
import { currentUser } from '../../platform/http/context';
import type { AppEnv, CurrentUser } from '../../platform/http/env';
import { problem } from '../../platform/http/problem';
import { toSearchText } from '../../platform/text/normalise';
import { formatPostalCode } from '../../reference/postal-codes';
import type { FieldErrorCode, RawInput } from './fields';
import { facilityMessages } from './messages';
import {
  createFacility,
  type FacilityDetail,
  type FacilityField,
  facilityFormValues,
  getFacility,
  listFacilitiesFor,
  serviceTypes,
  updateFacility,
} from './service';

const serviceTypeEnum = z.enum(serviceTypes as [string, ...string[]]).openapi({
  description: 'elderly 高齢, disability 障害, children 児童, nursery 保育, relief 救護, other その他',
});

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional(),
  })
  .openapi('FieldProblem');

export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

const Facility = z
  .object({
    id: z.string(),
    corporationId: z.string(),
    corporationName: z.string().openapi({ example: '社会福祉法人 みどりの杜会(架空)' }),
    name: z.string().openapi({ example: 'みどりの杜ケアセンター(架空)' }),
    nameKana: z.string().openapi({ example: 'ミドリノモリケアセンター' }),
    serviceType: serviceTypeEnum,
    postalCode: z.string().nullable().openapi({ example: '160-0023' }),
    municipalityCode: z.string().openapi({ example: '131041' }),
    municipalityName: z.string().openapi({ example: '新宿区' }),
    address: z.string().openapi({ example: '西新宿二丁目8番1号' }),
    nearestStation: z.string().nullable(),
    walkMinutes: z.number().int().nullable(),
    phone: z.string().nullable(),
    contactName: z.string().nullable().openapi({ description: '就労支援担当者' }),
    contactEmail: z.string().nullable(),
    isDemo: z.boolean(),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Facility');

const FacilitySummary = Facility.pick({
  id: true,
  corporationId: true,
  corporationName: true,
  name: true,
  nameKana: true,
  serviceType: true,
  municipalityCode: true,
  municipalityName: true,
  isDemo: true,
  active: true,
}).openapi('FacilitySummary');

const text = z.string().max(400).nullable().optional();

/** Fields as the API names them → the form's (and the service's) field names. */
const apiToField = {
  name: 'name',
  nameKana: 'name_kana',
  serviceType: 'service_type',
  postalCode: 'postal_code',
  municipalityCode: 'municipality_code',
  address: 'address',
  nearestStation: 'nearest_station',
  walkMinutes: 'walk_minutes',
  phone: 'phone',
  contactName: 'contact_name',
  contactEmail: 'contact_email',
} as const satisfies Record<string, FacilityField>;
type ApiField = keyof typeof apiToField;

const FacilityChanges = z
  .object({
    name: text,
    nameKana: text,
    serviceType: z.string().max(40).nullable().optional(),
    postalCode: text,
    municipalityCode: text,
    address: text,
    nearestStation: text,
    walkMinutes: z
      .union([z.number(), z.string().max(10)])
      .nullable()
      .optional(),
    phone: text,
    contactName: text,
    contactEmail: text,
  })
  .strict();

const NewFacility = FacilityChanges.extend({ corporationId: z.string().max(100) })
  .strict()
  .openapi('NewFacility');

function toApi(f: FacilityDetail) {
  return {
    ...f,
    postalCode: f.postalCode ? formatPostalCode(f.postalCode) : null,
    isDemo: f.isDemo === 1,
    active: f.active === 1,
  };
}

function toRaw(body: Partial<Record<ApiField, unknown>>, base: RawInput = {}): RawInput {
  const raw: RawInput = { ...base };
  for (const [apiName, field] of Object.entries(apiToField) as [ApiField, FacilityField][]) {
    if (body[apiName] !== undefined) raw[field] = body[apiName] as RawInput[string];
  }
  return raw;
}

/** The service's field errors as a 400 problem, pointing at the API's field names, in English. */
function invalid(c: Context<AppEnv>, errors: Partial<Record<FacilityField, FieldErrorCode>>) {
  const m = facilityMessages.en;
  const byField = Object.fromEntries(Object.entries(apiToField).map(([api, field]) => [field, api]));
  const list = Object.entries(errors).map(([field, code]) => ({
    pointer: `/${byField[field] ?? field}`,
    detail: code ? m.errors[code as FieldErrorCode] : '',
  }));
  return problem(c, {
    type: 'https://hataraku.example/problems/validation',
    title: 'Request validation failed',
    status: 400,
    detail: list.map((e) => `${e.pointer.slice(1)}: ${e.detail}`).join('; '),
    errors: list,
  });
}

/** The same shape as the API's request validation problems (platform/http/api.ts). */
function validationProblem(c: Context<AppEnv>, issues: readonly { path: PropertyKey[]; message: string }[]) {
  return problem(c, {
    type: 'https://hataraku.example/problems/validation',
    title: 'Request validation failed',
    status: 400,
    detail: issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '),
    errors: issues.map((i) => ({ pointer: `/${i.path.join('/')}`, detail: i.message })),
  });
}

const Id = z.object({ id: z.string().max(100) });
const security = [{ bearerAuth: [] }];

async function loadFacility(c: Context<AppEnv>, user: CurrentUser) {
  const facility = await getFacility(c.get('services').database.db, actorOf(user), c.req.param('id') ?? '');
  return facility
    ? ({ kind: 'facility', id: facility.id, corporationId: facility.corporationId } as const)
    : undefined;
}

export function registerFacilityApi(api: Api): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/facilities',
      tags: ['Registry'],
      summary:
        'Facilities the caller may see (council: all; corporation staff: their own; agencies: active ones)',
      security,
      middleware: [authorize('facility.list', () => ({ kind: 'self' }))] as const,
      request: {
        query: z.object({
          q: z.string().max(100).optional().openapi({ description: 'Part of the name or reading' }),
          serviceType: serviceTypeEnum.optional(),
          corporationId: z.string().max(100).optional(),
          municipalityCode: z.string().max(6).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
      responses: {
        200: {
          description: 'One page of facilities',
          content: {
            'application/json': {
              schema: z.object({
                items: z.array(FacilitySummary),
                total: z.number().int(),
                page: z.number().int(),
                pageSize: z.number().int(),
              }),
            },
          },
        },
        401: problemResponse('No valid credentials'),
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const { items, total } = await listFacilitiesFor(
        c.get('services').database.db,
        actorOf(currentUser(c)),
        {
          q: query.q ? toSearchText(query.q) : undefined,
          serviceType: serviceTypes.find((s) => s === query.serviceType),
          corporationId: query.corporationId,
          municipalityCode: query.municipalityCode,
          limit: query.pageSize,
          offset: (query.page - 1) * query.pageSize,
        },
      );
      return c.json(
        {
          items: items.map((f) => ({ ...f, isDemo: f.isDemo === 1, active: f.active === 1 })),
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
      path: '/facilities/{id}',
      tags: ['Registry'],
      summary: 'One facility',
      security,
      middleware: [authorize('facility.read', loadFacility)] as const,
      request: { params: Id },
      responses: {
        200: { description: 'The facility', content: { 'application/json': { schema: Facility } } },
        401: problemResponse('No valid credentials'),
        404: problemResponse('No such facility, or not one the caller may see'),
      },
    }),
    async (c) => {
      const facility = await getFacility(
        c.get('services').database.db,
        actorOf(currentUser(c)),
        c.req.valid('param').id,
      );
      if (!facility) return problem(c, { title: 'Not found', status: 404, detail: 'No such facility.' });
      return c.json(toApi(facility), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/facilities',
      tags: ['Registry'],
      summary: 'Register a facility in a corporation (council staff, or that corporation’s admin)',
      security,
      middleware: [
        requireUser(),
        // The policy's subject is the corporation the body names, so the body is checked first.
        async (c, next) => {
          const body = await c.req.json().catch(() => undefined);
          if (body === undefined) {
            return problem(c, {
              type: 'https://hataraku.example/problems/validation',
              title: 'Request validation failed',
              status: 400,
              detail: 'Malformed JSON in request body',
            });
          }
          const parsed = NewFacility.safeParse(body);
          if (!parsed.success) return validationProblem(c, parsed.error.issues);
          return next();
        },
        authorize('facility.create', async (c, user) => {
          // Hono keeps the parsed body, so reading it again here and in the validator is cheap.
          const body = (await c.req.json()) as { corporationId: string };
          return getOrganisationSubject(c.get('services').database.db, actorOf(user), body.corporationId);
        }),
      ] as const,
      request: {
        body: { required: true, content: { 'application/json': { schema: NewFacility } } },
      },
      responses: {
        201: { description: 'The new facility', content: { 'application/json': { schema: Facility } } },
        400: problemResponse('The body is not valid'),
        401: problemResponse('No valid credentials'),
        403: problemResponse('The caller may not register facilities in this corporation'),
        404: problemResponse('No such corporation, or not one the caller may see'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const db = c.get('services').database.db;
      const actor = actorOf(currentUser(c));
      const outcome = await createFacility(db, actor, body.corporationId, toRaw(body), auditActor(c));
      switch (outcome.status) {
        case 'ok': {
          const facility = await getFacility(db, actor, outcome.id);
          if (!facility) throw new Error('a facility just registered is not visible to its author');
          return c.json(toApi(facility), 201);
        }
        case 'invalid':
          return invalid(c, outcome.errors);
        case 'forbidden':
          return problem(c, { title: 'Forbidden', status: 403, detail: 'Your role does not allow this.' });
        case 'not_found':
          return problem(c, { title: 'Not found', status: 404, detail: 'No such corporation.' });
      }
    },
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/facilities/{id}',
      tags: ['Registry'],
      summary: 'Change some fields of a facility; a field sent as null is cleared',
      security,
      middleware: [authorize('facility.update', loadFacility)] as const,
      request: {
        params: Id,
        body: {
          required: true,
          content: { 'application/json': { schema: FacilityChanges.openapi('FacilityChanges') } },
        },
      },
      responses: {
        200: { description: 'The updated facility', content: { 'application/json': { schema: Facility } } },
        400: problemResponse('The body is not valid'),
        401: problemResponse('No valid credentials'),
        403: problemResponse('The caller may not change this facility'),
        404: problemResponse('No such facility, or not one the caller may see'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const db = c.get('services').database.db;
      const actor = actorOf(currentUser(c));
      const current = await facilityFormValues(db, actor, id);
      if (!current) return problem(c, { title: 'Not found', status: 404, detail: 'No such facility.' });
      const outcome = await updateFacility(db, actor, id, toRaw(c.req.valid('json'), current), auditActor(c));
      switch (outcome.status) {
        case 'ok': {
          const facility = await getFacility(db, actor, id);
          if (!facility) throw new Error('an updated facility is not visible to its author');
          return c.json(toApi(facility), 200);
        }
        case 'invalid':
          return invalid(c, outcome.errors);
        case 'forbidden':
          return problem(c, { title: 'Forbidden', status: 403, detail: 'Your role does not allow this.' });
        case 'not_found':
          return problem(c, { title: 'Not found', status: 404, detail: 'No such facility.' });
      }
    },
  );
}
