/**
 * Participants as a resource of the API (/api/v1): the agency's list, one participant,
 * registering (with the duplicate check: 409 with the agency's possible duplicates unless
 * `confirmDistinct`) and changing fields (PATCH merges into the stored values). Every read
 * writes its audit row.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { auditActor } from '../../platform/audit/audit';
import { actorOf, authorize } from '../../platform/auth/guard';
import type { Api } from '../../platform/http/api';
import { currentUser, dbOf } from '../../platform/http/context';
import { problem } from '../../platform/http/problem';
import { toSearchText } from '../../platform/text/normalise';
import { problemResponse } from '../../registry/facilities/api';
import { todayInTokyo } from '../japanese-date';
import { formValuesOf } from '../participant';
import { createParticipant, listParticipantsFor, readParticipant, updateParticipant } from '../service';
import { apiField, toApi, toInput } from './mapping';
import { invalidProblem, notFoundProblem } from './problems';
import { fields, Id, Participant, ParticipantSummary, security, tags } from './schemas';
import { loadParticipant, self } from './subjects';

export function registerParticipantResourceApi(api: Api): void {
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
          return invalidProblem(c, outcome.errors, apiField);
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
      if (outcome.status === 'invalid') return invalidProblem(c, outcome.errors, apiField);
      if (outcome.status === 'forbidden')
        return problem(c, { title: 'Forbidden', status: 403, detail: 'Your role does not allow this.' });
      if (outcome.status === 'not_found') return notFoundProblem(c);
      const updated = await readParticipant(db, actor, id, auditActor(c), 'api');
      if (!updated) throw new Error('an updated participant is not visible to its agency');
      return c.json(toApi(updated, todayInTokyo()), 200);
    },
  );
}
