/**
 * はたらく場 over the API (/api/v1): the caller's scoped list (with `changed_since`), one
 * opportunity, registering one at a facility, changing it (PATCH merges into the stored values),
 * and the one-call confirmation. Same policy actions and services as the pages; validation
 * errors are a 400 problem with a JSON pointer per field (a time window's at its row).
 */

import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { auditActor } from '../../platform/audit/audit';
import { actorOf, authorize } from '../../platform/auth/guard';
import type { Api } from '../../platform/http/api';
import { currentUser } from '../../platform/http/context';
import type { AppEnv, CurrentUser } from '../../platform/http/env';
import { problem } from '../../platform/http/problem';
import { problemResponse } from '../facilities/api';
import { getFacility } from '../facilities/service';
import { registerSearchApi } from '../search/api';
import { opportunityMessages } from './messages';
import {
  classifyChange,
  closedStatuses,
  hoursOfMinutes,
  inputOfValues,
  isStale,
  mealOptions,
  type OpportunityErrors,
  type OpportunityInput,
  openPlaces,
  opportunityStatuses,
  payTypes,
  physicalLoads,
  supportCodes,
  taskCategories,
  uniformOptions,
  workFormOffers,
  workSettings,
} from './opportunity';
import {
  changeOpportunityStatus,
  confirmOpportunity,
  createOpportunity,
  getOpportunity,
  getOpportunitySubject,
  listOpportunitiesFor,
  type OpportunityDetail,
  type OpportunityOutcome,
  updateOpportunity,
} from './service';

const security = [{ bearerAuth: [] }];
const enumOf = <T extends string>(values: readonly T[]) => z.enum(values as unknown as [T, ...T[]]);

const Window = z
  .object({
    weekday: z
      .number()
      .int()
      .openapi({ description: 'ISO weekday: 1 月 (Monday) … 7 日 (Sunday)', example: 1 }),
    start: z.string().openapi({ example: '08:30', description: 'HH:MM, Tokyo time' }),
    end: z.string().openapi({ example: '12:00' }),
    capacity: z.number().int().openapi({ description: 'Headcount 0–99', example: 2 }),
  })
  .openapi('OpportunityWindow');

/** The editable fields, as the API names them (all optional here; the domain says what is required). */
const fields = {
  title: z.string().openapi({ example: '施設内の清掃(午前)' }),
  description: z.string(),
  tasks: z.array(z.string()).openapi({ description: `Task category codes: ${taskCategories.join(', ')}` }),
  setting: z.string().openapi({ description: workSettings.join(' | ') }),
  physicalLoad: z.string().openapi({ description: physicalLoads.join(' | ') }),
  workForms: z.array(z.string()).openapi({
    description: `Work forms offered: ${workFormOffers.join(', ')} (A 短期就労型, B–D 就労訓練; B–D need the facility's valid 認定)`,
  }),
  windows: z.array(Window),
  minHoursPerDay: z.number().nullable().openapi({ description: 'In quarter hours, e.g. 1.5' }),
  maxHoursPerDay: z.number().nullable(),
  minDaysPerWeek: z.number().int().nullable(),
  maxDaysPerWeek: z.number().int().nullable(),
  worksOnHolidays: z.boolean(),
  yearEndClosed: z.boolean(),
  holidayNote: z.string().nullable(),
  earliestStartDate: z.string().nullable().openapi({ example: '2026-04-01' }),
  payType: z.string().openapi({ description: payTypes.join(' | ') }),
  payYen: z.number().int().nullable(),
  transportAllowance: z.boolean(),
  transportCapYen: z.number().int().nullable().openapi({ description: 'Per day' }),
  meals: z.string().openapi({ description: mealOptions.join(' | ') }),
  uniform: z.string().openapi({ description: uniformOptions.join(' | ') }),
  whatToBring: z.string().nullable(),
  healthCheckRequired: z.boolean(),
  documentsRequired: z.string().nullable(),
  supports: z.array(z.string()).openapi({ description: `Support offered: ${supportCodes.join(', ')}` }),
  supportsUnavailable: z.array(z.string()).openapi({ description: 'Support explicitly not available' }),
  supportNote: z.string().nullable(),
  visitPossible: z.boolean(),
  trialPossible: z.boolean(),
  interviewRequired: z.boolean(),
};

type Body = Partial<{ [K in keyof typeof fields]: z.infer<(typeof fields)[K]> }>;

/** API name → domain field (the domain's error keys use the latter). */
const domainField: Record<keyof typeof fields, string> = {
  title: 'title',
  description: 'description',
  tasks: 'tasks',
  setting: 'setting',
  physicalLoad: 'physical_load',
  workForms: 'work_forms',
  windows: 'windows',
  minHoursPerDay: 'min_daily_minutes',
  maxHoursPerDay: 'max_daily_minutes',
  minDaysPerWeek: 'min_days_per_week',
  maxDaysPerWeek: 'max_days_per_week',
  worksOnHolidays: 'works_on_holidays',
  yearEndClosed: 'year_end_closed',
  holidayNote: 'holiday_note',
  earliestStartDate: 'earliest_start_date',
  payType: 'pay_type',
  payYen: 'pay_yen',
  transportAllowance: 'transport_allowance',
  transportCapYen: 'transport_cap_yen',
  meals: 'meals',
  uniform: 'uniform',
  whatToBring: 'what_to_bring',
  healthCheckRequired: 'health_check_required',
  documentsRequired: 'documents_required',
  supports: 'supports',
  supportsUnavailable: 'supports_unavailable',
  supportNote: 'support_note',
  visitPossible: 'visit_possible',
  trialPossible: 'trial_possible',
  interviewRequired: 'interview_required',
};
const apiField = Object.fromEntries(Object.entries(domainField).map(([api, domain]) => [domain, api]));

/** Merges an API body into the domain's input (`base`: the stored values for a PATCH). */
function toInput(body: Body, base: OpportunityInput = {}): OpportunityInput {
  const input: OpportunityInput = { ...base };
  const target = input as Record<string, unknown>;
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined || key === 'supports' || key === 'supportsUnavailable') continue;
    target[domainField[key as keyof typeof fields]] = value;
  }
  if (body.supports !== undefined || body.supportsUnavailable !== undefined) {
    const current = base.supports ?? {};
    const offered = body.supports ?? Object.keys(current).filter((k) => current[k] === 'yes');
    const unavailable = body.supportsUnavailable ?? Object.keys(current).filter((k) => current[k] === 'no');
    const supports: Record<string, string> = {};
    for (const code of unavailable) supports[code] = 'no';
    for (const code of offered) supports[code] = 'yes';
    input.supports = supports;
  }
  return input;
}

const Opportunity = z
  .object({
    id: z.string(),
    facilityId: z.string(),
    facilityName: z.string(),
    corporationId: z.string(),
    corporationName: z.string(),
    municipalityCode: z.string(),
    municipalityName: z.string(),
    status: enumOf(opportunityStatuses),
    version: z.number().int(),
    stale: z.boolean().openapi({ description: '情報が古い可能性: not confirmed for 120 days' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    publishedAt: z.string().nullable(),
    lastConfirmedAt: z.string(),
    ...fields,
    windows: z.array(Window.extend({ openPlaces: z.number().int() })),
    contact: z.object({
      name: z.string().nullable(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
    }),
  })
  .openapi('Opportunity');

const OpportunitySummary = z
  .object({
    id: z.string(),
    facilityId: z.string(),
    facilityName: z.string(),
    municipalityCode: z.string(),
    municipalityName: z.string(),
    title: z.string(),
    tasks: z.array(z.string()),
    workForms: z.array(z.string()),
    windows: z.array(Window),
    status: enumOf(opportunityStatuses),
    stale: z.boolean(),
    updatedAt: z.string(),
    publishedAt: z.string().nullable(),
    lastConfirmedAt: z.string(),
    change: z.enum(['new', 'changed', 'closed']).nullable().openapi({
      description: 'With changed_since: how it changed since then (null: neither new, changed nor closed)',
    }),
  })
  .openapi('OpportunitySummary');

function toApi(o: OpportunityDetail, now: Date) {
  const v = o.values;
  return {
    id: o.id,
    facilityId: o.facilityId,
    facilityName: o.facilityName,
    corporationId: o.corporationId,
    corporationName: o.corporationName,
    municipalityCode: o.municipalityCode,
    municipalityName: o.municipalityName,
    status: o.status,
    version: o.version,
    stale: isStale(o, now),
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    publishedAt: o.publishedAt,
    lastConfirmedAt: o.lastConfirmedAt,
    title: v.title,
    description: v.description,
    tasks: v.tasks,
    setting: v.setting,
    physicalLoad: v.physical_load,
    workForms: v.work_forms,
    windows: v.windows.map((w, i) => ({
      ...w,
      openPlaces: openPlaces({ ...w, openPlaces: o.windowOpenPlaces?.[i] }),
    })),
    minHoursPerDay: v.min_daily_minutes === null ? null : Number(hoursOfMinutes(v.min_daily_minutes)),
    maxHoursPerDay: v.max_daily_minutes === null ? null : Number(hoursOfMinutes(v.max_daily_minutes)),
    minDaysPerWeek: v.min_days_per_week,
    maxDaysPerWeek: v.max_days_per_week,
    worksOnHolidays: v.works_on_holidays === 1,
    yearEndClosed: v.year_end_closed === 1,
    holidayNote: v.holiday_note,
    earliestStartDate: v.earliest_start_date,
    payType: v.pay_type,
    payYen: v.pay_yen,
    transportAllowance: v.transport_allowance === 1,
    transportCapYen: v.transport_cap_yen,
    meals: v.meals,
    uniform: v.uniform,
    whatToBring: v.what_to_bring,
    healthCheckRequired: v.health_check_required === 1,
    documentsRequired: v.documents_required,
    supports: v.supports,
    supportsUnavailable: v.supports_unavailable,
    supportNote: v.support_note,
    visitPossible: v.visit_possible === 1,
    trialPossible: v.trial_possible === 1,
    interviewRequired: v.interview_required === 1,
    contact: { name: o.contactName, email: o.contactEmail, phone: o.phone },
  };
}

/** The domain's errors as a 400 problem with a pointer per field (English messages). */
function invalid(c: Context<AppEnv>, errors: OpportunityErrors) {
  const m = opportunityMessages.en;
  const list = Object.entries(errors).map(([key, code]) => {
    const [field, ...rest] = key.split('.');
    const name = field === 'supports' ? 'supports' : (apiField[field ?? ''] ?? field);
    const pointer = `/${[name, ...(field === 'supports' ? [] : rest)].join('/')}`;
    return { pointer, detail: m.errors[code] };
  });
  return problem(c, {
    type: 'https://hataraku.example/problems/validation',
    title: 'The opportunity is not valid',
    status: 400,
    detail: list.map((e) => `${e.pointer.slice(1)}: ${e.detail}`).join('; '),
    errors: list,
  });
}

function loadOpportunity(c: Context<AppEnv>, user: CurrentUser) {
  return getOpportunitySubject(c.get('services').database.db, actorOf(user), c.req.param('id') ?? '');
}

async function loadFacility(c: Context<AppEnv>, user: CurrentUser) {
  const facility = await getFacility(
    c.get('services').database.db,
    actorOf(user),
    c.req.param('facilityId') ?? '',
  );
  return facility
    ? ({ kind: 'facility', id: facility.id, corporationId: facility.corporationId } as const)
    : undefined;
}

const Id = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });

/** 403 or 404 for an outcome that is neither ok nor invalid nor a conflict. */
function refused(c: Context<AppEnv>, status: 'forbidden' | 'not_found') {
  return status === 'forbidden'
    ? problem(c, { title: 'Forbidden', status: 403, detail: 'Your role does not allow this.' })
    : problem(c, { title: 'Not found', status: 404, detail: 'No such opportunity.' });
}

function conflict(c: Context<AppEnv>) {
  return problem(c, {
    title: 'Conflict',
    status: 409,
    detail: 'The opportunity changed since the version given; fetch it again.',
  });
}

export function registerOpportunityApi(api: Api): void {
  // Before /opportunities/{id}: the registry search (registry/search/api.ts).
  registerSearchApi(api);
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
          items: items.map((o) => ({
            id: o.id,
            facilityId: o.facilityId,
            facilityName: o.facilityName,
            municipalityCode: o.municipalityCode,
            municipalityName: o.municipalityName,
            title: o.title,
            tasks: o.tasks,
            workForms: o.workForms,
            windows: o.windows,
            status: o.status,
            stale: isStale(o, now),
            updatedAt: o.updatedAt,
            publishedAt: o.publishedAt,
            lastConfirmedAt: o.lastConfirmedAt,
            change: since ? (classifyChange(o, since) ?? null) : null,
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
      if (!o) return problem(c, { title: 'Not found', status: 404, detail: 'No such opportunity.' });
      return c.json(toApi(o, new Date()), 200);
    },
  );

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
      if (outcome.status === 'invalid') return invalid(c, outcome.errors);
      if (outcome.status === 'forbidden' || outcome.status === 'not_found') return refused(c, outcome.status);
      if (outcome.status !== 'ok') throw new Error(`unexpected outcome ${outcome.status}`);
      const created = await getOpportunity(db, actor, outcome.id);
      if (!created) throw new Error('a new opportunity is not visible to its author');
      return c.json(toApi(created, new Date()), 201);
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
      if (!current) return refused(c, 'not_found');
      let outcome: OpportunityOutcome;
      if (status !== undefined) {
        if (Object.keys(body).length > 0) {
          return problem(c, {
            type: 'https://hataraku.example/problems/validation',
            title: 'Change the status on its own',
            status: 400,
            detail: 'Send `status` without other fields.',
            errors: [{ pointer: '/status', detail: 'Send status without other fields' }],
          });
        }
        if (version !== undefined && version !== current.version) return conflict(c);
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
      if (outcome.status === 'invalid') return invalid(c, outcome.errors);
      if (outcome.status === 'conflict') return conflict(c);
      if (outcome.status !== 'ok') return refused(c, outcome.status);
      const updated = await getOpportunity(db, actor, id);
      if (!updated) throw new Error('an updated opportunity is not visible to its author');
      return c.json(toApi(updated, new Date()), 200);
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
      if (outcome.status === 'forbidden' || outcome.status === 'not_found') return refused(c, outcome.status);
      if (outcome.status !== 'ok') throw new Error(`unexpected outcome ${outcome.status}`);
      const confirmed = await getOpportunity(db, actor, id);
      if (!confirmed) throw new Error('a confirmed opportunity is not visible to its author');
      return c.json(toApi(confirmed, new Date()), 200);
    },
  );
}
