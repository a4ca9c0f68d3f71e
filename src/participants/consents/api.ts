/**
 * Consents over the API (/api/v1): a participant's consents, recording one, and recording a
 * withdrawal — the same policy actions (consent.read / record / revoke) and services as the
 * pages; a participant of another agency is a 404. Reading the list audits a participant.read.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { auditActor } from '../../platform/audit/audit';
import { actorOf, authorize } from '../../platform/auth/guard';
import type { Api } from '../../platform/http/api';
import { currentUser, dbOf } from '../../platform/http/context';
import type { AppEnv, CurrentUser } from '../../platform/http/env';
import { problem } from '../../platform/http/problem';
import { problemResponse } from '../../registry/facilities/api';
import { todayInTokyo } from '../japanese-date';
import { getParticipantSubject, readParticipant } from '../service';
import { consentStatusOn, DEFAULT_PURPOSE, recipientValue } from './consent';
import { consentMessages } from './messages';
import {
  type ConsentRow,
  getConsent,
  listConsentsOf,
  overrideConsent,
  recordConsent,
  revokeConsent,
} from './service';

const security = [{ bearerAuth: [] }];
const tags = ['Consents'];

const DataGroup = z.enum(['basic_identity', 'contact', 'assessment_summary', 'health_and_support']);

const Consent = z
  .object({
    id: z.string(),
    recipient: z.object({
      kind: z.enum(['corporation', 'facility']),
      id: z.string(),
      name: z.string(),
      corporationName: z.string().nullable(),
    }),
    dataGroups: z.array(DataGroup),
    purpose: z.string(),
    validFrom: z.string().openapi({ example: '2026-11-25' }),
    validUntil: z.string().openapi({ example: '2027-11-24' }),
    status: z.enum(['active', 'upcoming', 'expired', 'revoked']),
    recordedAt: z.string(),
    recordedBy: z.string().nullable(),
    revokedOn: z.string().nullable(),
    revocationReason: z.string().nullable(),
  })
  .openapi('Consent');

function toApi(c: ConsentRow, today: string): z.infer<typeof Consent> {
  return {
    id: c.id,
    recipient: {
      kind: c.recipientKind,
      id: c.recipientId,
      name: c.recipientName,
      corporationName: c.recipientCorporationName,
    },
    dataGroups: [...c.dataGroups],
    purpose: c.purpose,
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    status: consentStatusOn(c, today),
    recordedAt: c.recordedAt,
    recordedBy: c.recordedByName,
    revokedOn: c.revokedOn,
    revocationReason: c.revocationReason,
  };
}

const Id = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
const ConsentIds = Id.extend({
  consentId: z.string().openapi({ param: { name: 'consentId', in: 'path' } }),
});

function loadParticipant(c: Context<AppEnv>, user: CurrentUser) {
  return getParticipantSubject(dbOf(c), actorOf(user), c.req.param('id') ?? '');
}

function notFoundProblem(c: Context<AppEnv>) {
  return problem(c, { title: 'Not found', status: 404, detail: `No resource at ${c.req.path}` });
}

function invalid(c: Context<AppEnv>, errors: Record<string, string | undefined>) {
  const m = consentMessages.en;
  const names: Record<string, string> = {
    valid_from: 'validFrom',
    valid_until: 'validUntil',
    data_groups: 'dataGroups',
    revoked_on: 'revokedOn',
  };
  const list = Object.entries(errors).map(([field, code]) => ({
    pointer: `/${names[field] ?? field}`,
    detail: m.errors[code as keyof typeof m.errors] ?? String(code),
  }));
  return problem(c, {
    type: 'https://hataraku.example/problems/validation',
    title: 'The request is not valid',
    status: 400,
    detail: list.map((e) => `${e.pointer.slice(1)}: ${e.detail}`).join('; '),
    errors: list,
  });
}

const forbiddenProblem = (c: Context<AppEnv>) =>
  problem(c, { title: 'Forbidden', status: 403, detail: 'Your role does not allow this.' });

export function registerConsentApi(api: Api): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/participants/{id}/consents',
      tags,
      summary: "A participant's consents to share, newest first; the read is audited",
      security,
      middleware: [authorize('consent.read', loadParticipant)] as const,
      request: { params: Id },
      responses: {
        200: {
          description: 'Every consent, with its status today',
          content: { 'application/json': { schema: z.object({ items: z.array(Consent) }) } },
        },
        401: problemResponse('No valid credentials'),
        404: problemResponse('No such participant, or not one the caller may see'),
      },
    }),
    async (c) => {
      const db = dbOf(c);
      const actor = actorOf(currentUser(c));
      const { id } = c.req.valid('param');
      const participant = await readParticipant(db, actor, id, auditActor(c), 'api-consents');
      if (!participant) return notFoundProblem(c);
      const today = todayInTokyo();
      return c.json({ items: (await listConsentsOf(db, actor, id)).map((x) => toApi(x, today)) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/participants/{id}/consents',
      tags,
      summary:
        'Record what the person agreed may be shared with a corporation (all its facilities) or one facility',
      security,
      middleware: [authorize('consent.record', loadParticipant)] as const,
      request: {
        params: Id,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z
                .object({
                  recipient: z.object({ kind: z.enum(['corporation', 'facility']), id: z.string() }),
                  dataGroups: z.array(z.string()),
                  purpose: z.string().optional().openapi({ example: 'はたらく場の受け入れ調整のため' }),
                  validFrom: z.string().optional().openapi({ description: 'Default: today (Tokyo)' }),
                  validUntil: z
                    .string()
                    .optional()
                    .openapi({ description: 'Default: one year from the start' }),
                })
                .openapi('NewConsent'),
            },
          },
        },
      },
      responses: {
        201: { description: 'The recorded consent', content: { 'application/json': { schema: Consent } } },
        400: problemResponse('The body is not valid (e.g. the end before the start)'),
        401: problemResponse('No valid credentials'),
        403: problemResponse('The caller may not record it'),
        404: problemResponse('No such participant, or not one the caller may see'),
      },
    }),
    async (c) => {
      const db = dbOf(c);
      const actor = actorOf(currentUser(c));
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const outcome = await recordConsent(
        db,
        actor,
        id,
        {
          recipient: recipientValue(body.recipient.kind, body.recipient.id),
          data_groups: body.dataGroups,
          purpose: body.purpose ?? DEFAULT_PURPOSE,
          valid_from: body.validFrom ?? todayInTokyo(),
          valid_until: body.validUntil ?? '',
        },
        auditActor(c),
      );
      if (outcome.status === 'invalid') return invalid(c, outcome.errors);
      if (outcome.status === 'forbidden') return forbiddenProblem(c);
      if (outcome.status === 'not_found') return notFoundProblem(c);
      const recorded = await getConsent(db, actor, id, outcome.id);
      if (!recorded) throw new Error('a recorded consent is not visible to its agency');
      return c.json(toApi(recorded, todayInTokyo()), 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/participants/{id}/consents/{consentId}/revocation',
      tags,
      summary: 'Record that the person withdrew a consent',
      security,
      middleware: [authorize('consent.revoke', loadParticipant)] as const,
      request: {
        params: ConsentIds,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z
                .object({
                  revokedOn: z.string().optional().openapi({ description: 'Default: today (Tokyo)' }),
                  reason: z.string().optional(),
                })
                .openapi('ConsentRevocation'),
            },
          },
        },
      },
      responses: {
        200: { description: 'The withdrawn consent', content: { 'application/json': { schema: Consent } } },
        400: problemResponse('The body is not valid'),
        401: problemResponse('No valid credentials'),
        403: problemResponse('The caller may not record it'),
        404: problemResponse('No such participant or consent, or not one the caller may see'),
        409: problemResponse('The consent was already withdrawn'),
      },
    }),
    async (c) => {
      const db = dbOf(c);
      const actor = actorOf(currentUser(c));
      const { id, consentId } = c.req.valid('param');
      const body = c.req.valid('json');
      const outcome = await revokeConsent(
        db,
        actor,
        id,
        consentId,
        { revoked_on: body.revokedOn ?? todayInTokyo(), reason: body.reason ?? '' },
        auditActor(c),
      );
      if (outcome.status === 'invalid') return invalid(c, outcome.errors);
      if (outcome.status === 'forbidden') return forbiddenProblem(c);
      if (outcome.status === 'not_found') return notFoundProblem(c);
      if (outcome.status === 'already_revoked')
        return problem(c, { title: 'Conflict', status: 409, detail: 'The consent was already withdrawn.' });
      const revoked = await getConsent(db, actor, id, consentId);
      if (!revoked) throw new Error('a revoked consent is not visible to its agency');
      return c.json(toApi(revoked, todayInTokyo()), 200);
    },
  );

  // The council's exception when no consent covers a share: one-time, 14 days, with a written
  // reason. The council cannot read the participant; the agency gives it the case's id.
  api.openapi(
    createRoute({
      method: 'post',
      path: '/consent-overrides',
      tags,
      summary: 'Grant a one-time permission to share what no consent covers (council admins only)',
      security,
      middleware: [authorize('consent.override', () => ({ kind: 'council' }))] as const,
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z
                .object({
                  participantId: z.string(),
                  recipient: z.object({ corporationId: z.string(), facilityId: z.string().optional() }),
                  dataGroups: z.array(DataGroup).min(1),
                  reason: z
                    .string()
                    .openapi({ description: 'At least 20 characters: why the share cannot wait' }),
                })
                .openapi('ConsentOverrideRequest'),
            },
          },
        },
      },
      responses: {
        201: {
          description: 'The override, usable once by the share it was granted for',
          content: {
            'application/json': { schema: z.object({ id: z.string() }).openapi('ConsentOverride') },
          },
        },
        400: problemResponse('The body is not valid (e.g. the reason is too short)'),
        401: problemResponse('No valid credentials'),
        403: problemResponse('Only council admins may grant an override'),
        404: problemResponse('No such active participant'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const outcome = await overrideConsent(
        dbOf(c),
        actorOf(currentUser(c)),
        {
          participantId: body.participantId,
          recipient: body.recipient,
          dataGroups: body.dataGroups,
          reason: body.reason,
        },
        auditActor(c),
      );
      if (outcome.status === 'invalid') return invalid(c, outcome.errors);
      if (outcome.status === 'forbidden') return forbiddenProblem(c);
      if (outcome.status === 'not_found') return notFoundProblem(c);
      return c.json({ id: outcome.id }, 201);
    },
  );
}
