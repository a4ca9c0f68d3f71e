/**
 * Participants over the API (/api/v1): the agency's list, one participant, registering (with
 * the duplicate check: 409 with the agency's possible duplicates unless `confirmDistinct`),
 * changing fields (PATCH merges into the stored values), and assessment versions. The same
 * policy actions and services as the pages; every read writes its audit row.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { auditActor } from '../platform/audit/audit';
import { actorOf, authorize } from '../platform/auth/guard';
import type { Api } from '../platform/http/api';
import { currentUser, dbOf } from '../platform/http/context';
import type { AppEnv, CurrentUser } from '../platform/http/env';
import { problem } from '../platform/http/problem';
import { formatJapaneseEraDate } from '../platform/i18n/format';
import { toSearchText } from '../platform/text/normalise';
import { problemResponse } from '../registry/facilities/api';
import { hoursOfMinutes, supportCodes, taskCategories } from '../registry/opportunities/opportunity';
import { type AssessmentInput, kmOfMetres, latestOf, travelModes } from './assessment';
import { ageOn, todayInTokyo } from './japanese-date';
import { participantMessages } from './messages';
import { formValuesOf, type RawInput } from './participant';
import {
  type AssessmentRow,
  createParticipant,
  getParticipantSubject,
  listAssessmentsOf,
  listParticipantsFor,
  type ParticipantRow,
  readParticipant,
  recordAssessment,
  updateParticipant,
} from './service';

const security = [{ bearerAuth: [] }];
const tags = ['Participants'];

/** The editable fields as the API names them → the domain's field names. */
const domainField = {
  name: 'name',
  nameKana: 'name_kana',
  birthDate: 'birth_date',
  gender: 'gender',
  phone: 'phone',
  email: 'email',
  postalCode: 'postal_code',
  municipalityCode: 'municipality_code',
  address: 'address',
  nearestStation: 'nearest_station',
  emergencyName: 'emergency_name',
  emergencyRelation: 'emergency_relation',
  emergencyPhone: 'emergency_phone',
  caseNumber: 'case_number',
  preferredLanguage: 'preferred_language',
  easyJapanese: 'easy_japanese',
  supportDecisionOn: 'support_decision_on',
  supportDecisionMunicipalityCode: 'support_decision_municipality_code',
} as const;
const apiField: Record<string, string> = Object.fromEntries(
  Object.entries(domainField).map(([api, domain]) => [domain, api]),
);

const text = () => z.string().nullable();
const fields = {
  name: z.string().openapi({ example: '山田 太郎(架空)' }),
  nameKana: z
    .string()
    .openapi({ example: 'ヤマダ タロウ', description: 'Katakana; hiragana and half-width accepted' }),
  birthDate: z.string().openapi({
    example: '1996-04-01',
    description: 'YYYY-MM-DD, or 和暦 such as 平成8年4月1日; the person must be 15 or older',
  }),
  gender: text().openapi({ description: 'Free text, optional' }),
  phone: text(),
  email: text(),
  postalCode: text().openapi({ example: '160-0023' }),
  municipalityCode: text().openapi({
    description: "One of Tokyo's 62 municipality codes; null outside Tokyo",
  }),
  address: text(),
  nearestStation: text(),
  emergencyName: text(),
  emergencyRelation: text(),
  emergencyPhone: text(),
  caseNumber: text().openapi({ description: "The agency's own case number" }),
  preferredLanguage: text(),
  easyJapanese: z.boolean().openapi({ description: 'Wants easy Japanese / furigana' }),
  supportDecisionOn: text().openapi({ description: "The municipality's 支援決定 (needed for forms B–D)" }),
  supportDecisionMunicipalityCode: text(),
};
type Body = Partial<{ [K in keyof typeof fields]: z.infer<(typeof fields)[K]> }>;

const Participant = z
  .object({
    id: z.string(),
    agencyId: z.string(),
    agencyName: z.string(),
    ...fields,
    birthDateJapaneseEra: z.string().openapi({ example: '平成8年4月1日' }),
    age: z.number().int(),
    status: z.enum(['active', 'closed', 'anonymised']),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Participant');

const ParticipantSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    nameKana: z.string(),
    birthDate: z.string(),
    caseNumber: z.string().nullable(),
    municipalityCode: z.string().nullable(),
    status: z.enum(['active', 'closed', 'anonymised']),
    updatedAt: z.string(),
  })
  .openapi('ParticipantSummary');

const Window = z
  .object({
    weekday: z.number().int().openapi({ description: 'ISO weekday: 1 月 … 7 日' }),
    start: z.string().openapi({ example: '09:00' }),
    end: z.string().openapi({ example: '12:00' }),
  })
  .openapi('AvailabilityWindow');

const assessmentFields = {
  assessedOn: z
    .string()
    .openapi({ example: '2026-11-25', description: 'YYYY-MM-DD or 和暦; not in the future' }),
  tasks: z.array(z.string()).openapi({ description: `Task category codes: ${taskCategories.join(', ')}` }),
  windows: z.array(Window),
  minHoursPerDay: z.number().nullable().openapi({ description: 'In quarter hours, e.g. 1.5' }),
  maxHoursPerDay: z.number().nullable(),
  minDaysPerWeek: z.number().int().nullable(),
  maxDaysPerWeek: z.number().int().nullable(),
  travelMaxMinutes: z.number().int().nullable(),
  travelMaxKm: z.number().nullable(),
  travelModes: z.array(z.string()).openapi({ description: travelModes.join(' | ') }),
  strengths: z.string().nullable(),
  difficulties: z.string().nullable(),
  supports: z.array(z.string()).openapi({ description: `Support needed: ${supportCodes.join(', ')}` }),
  healthNote: z.string().nullable(),
  goalShort: z.string().nullable(),
  goalLong: z.string().nullable(),
  notes: z.string().nullable(),
};

const Assessment = z
  .object({
    id: z.string(),
    version: z.number().int(),
    counts: z
      .boolean()
      .openapi({ description: 'The latest assessment (by assessedOn, then version): the one that counts' }),
    recordedAt: z.string(),
    recordedBy: z.string().nullable(),
    ...assessmentFields,
  })
  .openapi('Assessment');

function toApi(p: ParticipantRow, today: string) {
  const api: Record<string, unknown> = {
    id: p.id,
    agencyId: p.agencyId,
    agencyName: p.agencyName,
    birthDateJapaneseEra: formatJapaneseEraDate(p.birth_date),
    age: ageOn(p.birth_date, today),
    status: p.status,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
  for (const [name, domain] of Object.entries(domainField)) api[name] = p[domain];
  api.easyJapanese = p.easy_japanese === 1;
  return api as z.infer<typeof Participant>;
}

function assessmentToApi(a: AssessmentRow, latestId: string | undefined): z.infer<typeof Assessment> {
  const v = a.values;
  const hours = (minutes: number | null) => (minutes === null ? null : Number(hoursOfMinutes(minutes)));
  return {
    id: a.id,
    version: a.version,
    counts: a.id === latestId,
    recordedAt: a.recordedAt,
    recordedBy: a.recordedByName,
    assessedOn: v.assessed_on,
    tasks: v.tasks,
    windows: v.windows,
    minHoursPerDay: hours(v.min_daily_minutes),
    maxHoursPerDay: hours(v.max_daily_minutes),
    minDaysPerWeek: v.min_days_per_week,
    maxDaysPerWeek: v.max_days_per_week,
    travelMaxMinutes: v.travel_max_minutes,
    travelMaxKm: v.travel_max_metres === null ? null : Number(kmOfMetres(v.travel_max_metres)),
    travelModes: v.travel_modes,
    strengths: v.strengths,
    difficulties: v.difficulties,
    supports: v.supports,
    healthNote: v.health_note,
    goalShort: v.goal_short,
    goalLong: v.goal_long,
    notes: v.notes,
  };
}

/** Merges an API body into the domain's input (`base`: the stored values, for a PATCH). */
function toInput(body: Body, base: RawInput = {}): RawInput {
  const input: RawInput = { ...base };
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue;
    input[domainField[key as keyof typeof domainField]] = value;
  }
  return input;
}

function invalid(
  c: Context<AppEnv>,
  errors: Record<string, string | undefined>,
  names: Record<string, string>,
) {
  const m = participantMessages.en;
  const list = Object.entries(errors).map(([key, code]) => {
    const [field, ...rest] = key.split('.');
    const pointer = `/${[names[field ?? ''] ?? field, ...rest].join('/')}`;
    return { pointer, detail: m.errors[code as keyof typeof m.errors] ?? String(code) };
  });
  return problem(c, {
    type: 'https://hataraku.example/problems/validation',
    title: 'The request is not valid',
    status: 400,
    detail: list.map((e) => `${e.pointer.slice(1)}: ${e.detail}`).join('; '),
    errors: list,
  });
}

const assessmentApiField: Record<string, string> = {
  assessed_on: 'assessedOn',
  tasks: 'tasks',
  windows: 'windows',
  min_daily_minutes: 'minHoursPerDay',
  max_daily_minutes: 'maxHoursPerDay',
  min_days_per_week: 'minDaysPerWeek',
  max_days_per_week: 'maxDaysPerWeek',
  travel_max_minutes: 'travelMaxMinutes',
  travel_max_km: 'travelMaxKm',
  travel_modes: 'travelModes',
  strengths: 'strengths',
  difficulties: 'difficulties',
  supports: 'supports',
  health_note: 'healthNote',
  goal_short: 'goalShort',
  goal_long: 'goalLong',
  notes: 'notes',
};

function notFoundProblem(c: Context<AppEnv>) {
  return problem(c, { title: 'Not found', status: 404, detail: `No resource at ${c.req.path}` });
}

function loadParticipant(c: Context<AppEnv>, user: CurrentUser) {
  return getParticipantSubject(dbOf(c), actorOf(user), c.req.param('id') ?? '');
}

const Id = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
const self = () => ({ kind: 'self' }) as const;

export function registerParticipantApi(api: Api): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/participants',
      tags,
      summary: "The caller agency's participants (counsellors only); the read is audited",
      security,
      middleware: [authorize('participant.list', self)] as const,
      request: {
        query: z.object({
          q: z
            .string()
            .max(100)
            .optional()
            .openapi({ description: 'Part of the name or reading (kana folded)' }),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
      responses: {
        200: {
          description: 'One page of participants, by reading',
          content: {
            'application/json': {
              schema: z.object({
                items: z.array(ParticipantSummary),
                total: z.number().int(),
                page: z.number().int(),
                pageSize: z.number().int(),
              }),
            },
          },
        },
        400: problemResponse('A query parameter is not valid'),
        401: problemResponse('No valid credentials'),
        403: problemResponse('Only counsellors list participants'),
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const { items, total } = await listParticipantsFor(
        dbOf(c),
        actorOf(currentUser(c)),
        {
          q: query.q ? toSearchText(query.q).replace(/\s+/g, '') : undefined,
          limit: query.pageSize,
          offset: (query.page - 1) * query.pageSize,
        },
        auditActor(c),
        'api',
      );
      return c.json({ items, total, page: query.page, pageSize: query.pageSize }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/participants',
      tags,
      summary: "Register a participant in the caller's agency",
      description:
        'A participant with the same reading and date of birth in the agency is a 409 listing them, unless `confirmDistinct` is true. `possibleDuplicateElsewhere` says only that another agency may support the person; the council office resolves it.',
      security,
      middleware: [authorize('participant.create', self)] as const,
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z
                .object({ ...fields, confirmDistinct: z.boolean() })
                .partial()
                .openapi('NewParticipant'),
            },
          },
        },
      },
      responses: {
        201: {
          description: 'The new participant',
          content: {
            'application/json': {
              schema: Participant.extend({ possibleDuplicateElsewhere: z.boolean() }),
            },
          },
        },
        400: problemResponse('The body is not valid'),
        401: problemResponse('No valid credentials'),
        403: problemResponse('Only counsellors register participants'),
        409: {
          description: 'Possible duplicates in the agency; send confirmDistinct: true to register anyway',
          content: {
            'application/problem+json': {
              schema: z.object({
                type: z.string(),
                title: z.string(),
                status: z.number().int(),
                detail: z.string(),
                duplicates: z.array(
                  z.object({ id: z.string(), name: z.string(), caseNumber: z.string().nullable() }),
                ),
                possibleDuplicateElsewhere: z.boolean(),
              }),
            },
          },
        },
      },
    }),
    async (c) => {
      const db = dbOf(c);
      const actor = actorOf(currentUser(c));
      const { confirmDistinct, ...body } = c.req.valid('json');
      const outcome = await createParticipant(db, actor, toInput(body), auditActor(c), {
        confirmDistinct: confirmDistinct === true,
      });
      switch (outcome.status) {
        case 'invalid':
          return invalid(c, outcome.errors, apiField);
        case 'forbidden':
          return problem(c, { title: 'Forbidden', status: 403, detail: 'Your role does not allow this.' });
        case 'duplicate':
          return c.json(
            {
              type: 'https://hataraku.example/problems/possible-duplicate',
              title: 'Possible duplicate',
              status: 409,
              detail: 'A participant with the same reading and date of birth is registered in your agency.',
              duplicates: outcome.matches,
              possibleDuplicateElsewhere: outcome.elsewhere,
            },
            409,
            { 'Content-Type': 'application/problem+json; charset=utf-8' },
          );
        case 'ok': {
          const created = await readParticipant(db, actor, outcome.id, auditActor(c), 'api');
          if (!created) throw new Error('a new participant is not visible to its agency');
          return c.json(
            { ...toApi(created, todayInTokyo()), possibleDuplicateElsewhere: outcome.elsewhere },
            201,
          );
        }
      }
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/participants/{id}',
      tags,
      summary: 'One participant (its agency only); the read is audited',
      security,
      middleware: [authorize('participant.read', loadParticipant)] as const,
      request: { params: Id },
      responses: {
        200: { description: 'The participant', content: { 'application/json': { schema: Participant } } },
        401: problemResponse('No valid credentials'),
        404: problemResponse('No such participant, or not one the caller may see'),
      },
    }),
    async (c) => {
      const p = await readParticipant(
        dbOf(c),
        actorOf(currentUser(c)),
        c.req.valid('param').id,
        auditActor(c),
        'api',
      );
      if (!p) return notFoundProblem(c);
      return c.json(toApi(p, todayInTokyo()), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/participants/{id}',
      tags,
      summary: 'Change some fields of a participant (fields not sent keep their value; null clears)',
      security,
      middleware: [authorize('participant.update', loadParticipant)] as const,
      request: {
        params: Id,
        body: {
          required: true,
          content: {
            'application/json': { schema: z.object(fields).partial().openapi('ParticipantChanges') },
          },
        },
      },
      responses: {
        200: {
          description: 'The updated participant',
          content: { 'application/json': { schema: Participant } },
        },
        400: problemResponse('The body is not valid'),
        401: problemResponse('No valid credentials'),
        403: problemResponse('The caller may not change it'),
        404: problemResponse('No such participant, or not one the caller may see'),
      },
    }),
    async (c) => {
      const db = dbOf(c);
      const actor = actorOf(currentUser(c));
      const { id } = c.req.valid('param');
      const current = await readParticipant(db, actor, id, auditActor(c), 'api');
      if (!current) return notFoundProblem(c);
      const outcome = await updateParticipant(
        db,
        actor,
        id,
        toInput(c.req.valid('json'), formValuesOf(current)),
        auditActor(c),
      );
      if (outcome.status === 'invalid') return invalid(c, outcome.errors, apiField);
      if (outcome.status === 'forbidden')
        return problem(c, { title: 'Forbidden', status: 403, detail: 'Your role does not allow this.' });
      if (outcome.status === 'not_found') return notFoundProblem(c);
      const updated = await readParticipant(db, actor, id, auditActor(c), 'api');
      if (!updated) throw new Error('an updated participant is not visible to its agency');
      return c.json(toApi(updated, todayInTokyo()), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/participants/{id}/assessments',
      tags,
      summary: "A participant's assessment versions, the one that counts first; the read is audited",
      security,
      middleware: [authorize('participant.read', loadParticipant)] as const,
      request: { params: Id },
      responses: {
        200: {
          description: 'Every version',
          content: { 'application/json': { schema: z.object({ items: z.array(Assessment) }) } },
        },
        401: problemResponse('No valid credentials'),
        404: problemResponse('No such participant, or not one the caller may see'),
      },
    }),
    async (c) => {
      const db = dbOf(c);
      const actor = actorOf(currentUser(c));
      const { id } = c.req.valid('param');
      const participant = await readParticipant(db, actor, id, auditActor(c), 'api-assessments');
      if (!participant) return notFoundProblem(c);
      const versions = await listAssessmentsOf(db, actor, id);
      const latest = latestOf(versions);
      return c.json({ items: versions.map((a) => assessmentToApi(a, latest?.id)) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/participants/{id}/assessments',
      tags,
      summary: 'Record a new assessment version (versions are never changed)',
      security,
      middleware: [authorize('assessment.record', loadParticipant)] as const,
      request: {
        params: Id,
        body: {
          required: true,
          content: {
            'application/json': { schema: z.object(assessmentFields).partial().openapi('NewAssessment') },
          },
        },
      },
      responses: {
        201: { description: 'The recorded version', content: { 'application/json': { schema: Assessment } } },
        400: problemResponse('The body is not valid'),
        401: problemResponse('No valid credentials'),
        403: problemResponse('The caller may not change it'),
        404: problemResponse('No such participant, or not one the caller may see'),
      },
    }),
    async (c) => {
      const db = dbOf(c);
      const actor = actorOf(currentUser(c));
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const input: AssessmentInput = {
        assessed_on: body.assessedOn,
        tasks: body.tasks,
        windows: body.windows,
        min_daily_minutes: body.minHoursPerDay ?? null,
        max_daily_minutes: body.maxHoursPerDay ?? null,
        min_days_per_week: body.minDaysPerWeek?.toString() ?? null,
        max_days_per_week: body.maxDaysPerWeek?.toString() ?? null,
        travel_max_minutes: body.travelMaxMinutes?.toString() ?? null,
        travel_max_km: body.travelMaxKm ?? null,
        travel_modes: body.travelModes,
        strengths: body.strengths,
        difficulties: body.difficulties,
        supports: body.supports,
        health_note: body.healthNote,
        goal_short: body.goalShort,
        goal_long: body.goalLong,
        notes: body.notes,
      };
      const outcome = await recordAssessment(db, actor, id, input, auditActor(c));
      if (outcome.status === 'invalid') return invalid(c, outcome.errors, assessmentApiField);
      if (outcome.status === 'forbidden')
        return problem(c, { title: 'Forbidden', status: 403, detail: 'Your role does not allow this.' });
      if (outcome.status === 'not_found') return notFoundProblem(c);
      const versions = await listAssessmentsOf(db, actor, id);
      const recorded = versions.find((a) => a.id === outcome.id);
      if (!recorded) throw new Error('a recorded assessment is not visible to its agency');
      return c.json(assessmentToApi(recorded, latestOf(versions)?.id), 201);
    },
  );
}
