/**
 * Referrals over the API (/api/v1): list, read (the facility's first read marks it viewed),
 * create and send (consent-checked; an Idempotency-Key makes a repeat return the first), send a
 * draft, transitions, the shared data (facility), and the message thread. The same policy
 * actions and services as the pages; a referral the caller may not see is a 404.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getParticipantSubject } from '../participants/service';
import { auditActor } from '../platform/audit/audit';
import { actorOf, authorize } from '../platform/auth/guard';
import type { Api } from '../platform/http/api';
import { currentUser, dbOf } from '../platform/http/context';
import type { AppEnv, CurrentUser } from '../platform/http/env';
import { problem } from '../platform/http/problem';
import { problemResponse } from '../registry/facilities/api';
import { referralMessages } from './messages';
import {
  createReferral,
  findReferralForActor,
  listReferralsFor,
  openReferral,
  postReferralMessage,
  type ReferralSummary,
  readSharedData,
  referralSubject,
  sendReferral,
  threadOf,
  timelineOf,
  transitionReferral,
} from './service';
import { referralEvents, referralStates } from './state-machine';

const security = [{ bearerAuth: [] }];
const tags = ['Referrals'];

const State = z.enum(referralStates as [string, ...string[]]);
const DataGroup = z.enum(['basic_identity', 'contact', 'assessment_summary', 'health_and_support']);
const ScheduleEntry = z.object({
  weekday: z.number().int().min(1).max(7).openapi({ description: 'ISO weekday, 1 = Monday' }),
  start: z.string().openapi({ example: '08:30' }),
  end: z.string().openapi({ example: '12:00' }),
});

const Referral = z
  .object({
    id: z.string(),
    state: State,
    participantId: z.string(),
    opportunityId: z.string(),
    opportunityTitle: z.string(),
    facilityId: z.string(),
    facilityName: z.string(),
    corporationId: z.string(),
    agencyId: z.string(),
    agencyName: z.string(),
    counsellorUserId: z.string(),
    message: z.string(),
    proposedStartDate: z.string().nullable(),
    proposedSchedule: z.array(ScheduleEntry),
    dataGroups: z.array(DataGroup),
    sentAt: z.string().nullable(),
    viewedAt: z.string().nullable(),
    lastTransitionAt: z.string(),
    closedAt: z.string().nullable(),
    closeReasonCode: z.string().nullable(),
    closeNote: z.string().nullable(),
  })
  .openapi('Referral');

const TimelineEntry = z
  .object({
    at: z.string(),
    event: z.string(),
    party: z.string(),
    by: z.string().nullable(),
    from: State.nullable(),
    to: State,
    reasonCode: z.string().nullable(),
    note: z.string().nullable(),
  })
  .openapi('ReferralTimelineEntry');

const Message = z
  .object({
    id: z.string(),
    kind: z.enum(['message', 'mediation_note']),
    party: z.string(),
    by: z.string().nullable(),
    organisation: z.string().nullable(),
    body: z.string(),
    createdAt: z.string(),
  })
  .openapi('ReferralMessage');

function toApi(r: ReferralSummary): z.infer<typeof Referral> {
  return {
    id: r.id,
    state: r.state,
    participantId: r.participantId,
    opportunityId: r.opportunityId,
    opportunityTitle: r.opportunityTitle,
    facilityId: r.facilityId,
    facilityName: r.facilityName,
    corporationId: r.corporationId,
    agencyId: r.agencyId,
    agencyName: r.agencyName,
    counsellorUserId: r.counsellorUserId,
    message: r.message,
    proposedStartDate: r.proposedStartDate,
    proposedSchedule: r.proposedSchedule,
    dataGroups: r.dataGroups,
    sentAt: r.sentAt,
    viewedAt: r.viewedAt,
    lastTransitionAt: r.lastTransitionAt,
    closedAt: r.closedAt,
    closeReasonCode: r.closeReasonCode,
    closeNote: r.closeNote,
  };
}

const Id = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });

function loadParticipant(c: Context<AppEnv>, user: CurrentUser) {
  return getParticipantSubject(dbOf(c), actorOf(user), c.req.param('id') ?? '');
}

function loadReferral(c: Context<AppEnv>, user: CurrentUser) {
  return referralSubject(dbOf(c), actorOf(user), c.req.param('id') ?? '');
}

const notFoundProblem = (c: Context<AppEnv>) =>
  problem(c, { title: 'Not found', status: 404, detail: `No resource at ${c.req.path}` });
const forbiddenProblem = (c: Context<AppEnv>) =>
  problem(c, { title: 'Forbidden', status: 403, detail: 'Your role does not allow this.' });
const conflict = (c: Context<AppEnv>, type: string, detail: string) =>
  problem(c, {
    type: `https://hataraku.example/problems/${type}`,
    title: 'Not possible now',
    status: 409,
    detail,
  });

export function registerReferralApi(api: Api): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/referrals',
      tags,
      summary: "The caller's referrals: the agency's, the facility's, or (council) the program's",
      security,
      middleware: [authorize('referral.list', () => ({ kind: 'self' }))] as const,
      request: {
        query: z.object({
          state: State.optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
      },
      responses: {
        200: {
          description: 'One page of referrals',
          content: {
            'application/json': { schema: z.object({ items: z.array(Referral), total: z.number() }) },
          },
        },
        401: problemResponse('No valid credentials'),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const actor = actorOf(currentUser(c));
      const { items, total } = await listReferralsFor(
        dbOf(c),
        actor,
        {
          states: q.state ? [q.state as ReferralSummary['state']] : undefined,
          limit: q.limit,
          offset: q.offset,
        },
        auditActor(c),
      );
      return c.json({ items: items.map(toApi), total }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/referrals/{id}',
      tags,
      summary: 'A referral with its timeline; the facility reading it the first time marks it viewed',
      security,
      middleware: [authorize('referral.read', loadReferral)] as const,
      request: { params: Id },
      responses: {
        200: {
          description: 'The referral',
          content: {
            'application/json': { schema: Referral.extend({ timeline: z.array(TimelineEntry) }) },
          },
        },
        401: problemResponse('No valid credentials'),
        404: problemResponse('No such referral, or not one the caller may see'),
      },
    }),
    async (c) => {
      const db = dbOf(c);
      const referral = await openReferral(
        db,
        actorOf(currentUser(c)),
        c.req.valid('param').id,
        auditActor(c),
      );
      if (!referral) return notFoundProblem(c);
      const timeline = (await timelineOf(db, referral)).map((e) => ({
        at: e.at,
        event: e.event,
        party: e.party,
        by: e.userName,
        from: e.from,
        to: e.to,
        reasonCode: e.reasonCode,
        note: e.note,
      }));
      return c.json({ ...toApi(referral), timeline }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/participants/{id}/referrals',
      tags,
      summary:
        'Create a referral and send it (or keep it as a draft); sending is refused unless consent covers the share',
      description:
        'Send the same Idempotency-Key header (or idempotencyKey) on a retry: the first referral is returned (200) instead of a second one.',
      security,
      middleware: [authorize('referral.create', loadParticipant)] as const,
      request: {
        params: Id,
        headers: z.object({ 'idempotency-key': z.string().optional() }),
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z
                .object({
                  opportunityId: z.string(),
                  message: z.string(),
                  proposedStartDate: z
                    .string()
                    .openapi({ example: '2026-12-01', description: '西暦 or 和暦' }),
                  schedule: z.array(ScheduleEntry),
                  dataGroups: z.array(z.string()),
                  send: z.boolean().default(true),
                  idempotencyKey: z.string().optional(),
                  overrideId: z
                    .string()
                    .optional()
                    .openapi({ description: 'A council consent override to use' }),
                })
                .openapi('NewReferral'),
            },
          },
        },
      },
      responses: {
        200: {
          description: 'A repeat of an earlier request: the referral it made',
          content: { 'application/json': { schema: Referral } },
        },
        201: { description: 'The new referral', content: { 'application/json': { schema: Referral } } },
        400: problemResponse('The body is not valid'),
        401: problemResponse('No valid credentials'),
        403: problemResponse('The caller may not refer this participant'),
        404: problemResponse('No such participant, or not one the caller may see'),
        409: problemResponse(
          'Consent does not cover the share, the opportunity is not accepting, or a referral for it is already open',
        ),
      },
    }),
    async (c) => {
      const db = dbOf(c);
      const actor = actorOf(currentUser(c));
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const m = referralMessages.en;
      const outcome = await createReferral(
        db,
        actor,
        id,
        {
          opportunityId: body.opportunityId,
          message: body.message,
          proposedStartDate: body.proposedStartDate,
          schedule: body.schedule,
          dataGroups: body.dataGroups,
          idempotencyKey: c.req.valid('header')['idempotency-key'] ?? body.idempotencyKey,
          overrideId: body.overrideId,
        },
        auditActor(c),
        { send: body.send },
      );
      switch (outcome.status) {
        case 'ok': {
          const referral = await findReferralForActor(db, actor, outcome.id);
          if (!referral) throw new Error('a created referral is not visible to its agency');
          return c.json(toApi(referral), outcome.repeated ? 200 : 201);
        }
        case 'invalid': {
          const errors = Object.entries(outcome.errors).map(([field, code]) => ({
            pointer: `/${field.replace(/\./g, '/')}`,
            detail: m.errors[code],
          }));
          return problem(c, {
            type: 'https://hataraku.example/problems/validation',
            title: 'The request is not valid',
            status: 400,
            detail: errors.map((e) => `${e.pointer.slice(1)}: ${e.detail}`).join('; '),
            errors,
          });
        }
        case 'consent_refused':
          return conflict(
            c,
            'consent-required',
            `${m.consentRefused} (${outcome.reasons.join(', ')}) Record consent at /participants/${id}/consents/new.`,
          );
        case 'opportunity_unavailable':
          return conflict(c, 'opportunity-not-accepting', m.opportunityUnavailable);
        case 'case_not_active':
          return conflict(c, 'case-not-active', m.caseNotActive);
        case 'already_open':
          return conflict(c, 'referral-already-open', `${m.alreadyOpen} /api/v1/referrals/${outcome.id}`);
        case 'forbidden':
          return forbiddenProblem(c);
        case 'not_found':
          return notFoundProblem(c);
      }
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/referrals/{id}/send',
      tags,
      summary: 'Send a draft (the same consent and opportunity checks as sending at once)',
      security,
      middleware: [authorize('referral.transition', loadReferral)] as const,
      request: { params: Id },
      responses: {
        200: { description: 'The sent referral', content: { 'application/json': { schema: Referral } } },
        401: problemResponse('No valid credentials'),
        404: problemResponse('No such referral, or not one the caller may see'),
        409: problemResponse('Not a draft, consent does not cover it, or the opportunity is not accepting'),
      },
    }),
    async (c) => {
      const db = dbOf(c);
      const actor = actorOf(currentUser(c));
      const { id } = c.req.valid('param');
      const m = referralMessages.en;
      const outcome = await sendReferral(db, actor, id, auditActor(c));
      switch (outcome.status) {
        case 'ok': {
          const referral = await findReferralForActor(db, actor, id);
          if (!referral) return notFoundProblem(c);
          return c.json(toApi(referral), 200);
        }
        case 'consent_refused':
          return conflict(c, 'consent-required', `${m.consentRefused} (${outcome.reasons.join(', ')})`);
        case 'opportunity_unavailable':
          return conflict(c, 'opportunity-not-accepting', m.opportunityUnavailable);
        case 'case_not_active':
          return conflict(c, 'case-not-active', m.caseNotActive);
        case 'not_allowed':
          return conflict(c, 'transition-not-allowed', m.notAllowed);
        case 'already_open':
          return conflict(c, 'referral-already-open', `${m.alreadyOpen} /api/v1/referrals/${outcome.id}`);
        case 'not_found':
          return notFoundProblem(c);
      }
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/referrals/{id}/transitions',
      tags,
      summary: 'Move a referral by one event of the state machine, as the caller’s party',
      description:
        "Declining, not agreeing and withdrawing need a reasonCode from the council's list. Agreeing is recorded with the three-party decision record, not here.",
      security,
      middleware: [authorize('referral.transition', loadReferral)] as const,
      request: {
        params: Id,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z
                .object({
                  event: z.enum(referralEvents as [string, ...string[]]),
                  reasonCode: z.string().optional(),
                  note: z.string().max(1000).optional(),
                })
                .openapi('ReferralTransition'),
            },
          },
        },
      },
      responses: {
        200: {
          description: 'The referral after the transition',
          content: { 'application/json': { schema: Referral } },
        },
        400: problemResponse('A reason is required'),
        401: problemResponse('No valid credentials'),
        404: problemResponse('No such referral, or not one the caller may see'),
        409: problemResponse('The transition is not allowed in this state, or not for the caller’s party'),
      },
    }),
    async (c) => {
      const db = dbOf(c);
      const actor = actorOf(currentUser(c));
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const m = referralMessages.en;
      const event = referralEvents.find((e) => e === body.event);
      if (!event || event === 'agree' || event === 'send' || event === 'expire') {
        return conflict(c, 'transition-not-allowed', m.notAllowed);
      }
      const result = await transitionReferral(
        db,
        actor,
        id,
        event,
        { reasonCode: body.reasonCode, note: body.note },
        auditActor(c),
      );
      if (result.ok) {
        const referral = await findReferralForActor(db, actor, id);
        if (!referral) return notFoundProblem(c);
        return c.json(toApi(referral), 200);
      }
      switch (result.reason) {
        case 'not_found':
          return notFoundProblem(c);
        case 'reason_required':
          return problem(c, {
            type: 'https://hataraku.example/problems/validation',
            title: 'The request is not valid',
            status: 400,
            detail: `reasonCode: ${m.reasonRequired}`,
            errors: [{ pointer: '/reasonCode', detail: m.reasonRequired }],
          });
        case 'wrong_party':
          return conflict(c, 'transition-wrong-party', m.wrongParty);
        case 'not_allowed':
          return conflict(c, 'transition-not-allowed', m.notAllowed);
      }
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/referrals/{id}/shared-data',
      tags,
      summary: "The facility's view of what the participant consented to share (audited)",
      security,
      middleware: [authorize('referral.shared_data', loadReferral)] as const,
      request: { params: Id },
      responses: {
        200: {
          description:
            "status 'shown' with the groups and fields, or 'closed' / 'consent_ended' when nothing may be shown",
          content: {
            'application/json': {
              schema: z.object({
                status: z.enum(['shown', 'closed', 'consent_ended']),
                groups: z.array(DataGroup).optional(),
                person: z.record(z.string(), z.unknown()).optional(),
                assessment: z.record(z.string(), z.unknown()).nullable().optional(),
              }),
            },
          },
        },
        401: problemResponse('No valid credentials'),
        403: problemResponse('Only the facility the referral was sent to'),
        404: problemResponse('No such referral, or not one the caller may see'),
      },
    }),
    async (c) => {
      const db = dbOf(c);
      const actor = actorOf(currentUser(c));
      const referral = await findReferralForActor(db, actor, c.req.valid('param').id);
      if (!referral) return notFoundProblem(c);
      const shared = await readSharedData(db, actor, referral, auditActor(c));
      if (!shared) return forbiddenProblem(c);
      if (shared.status !== 'shown') return c.json({ status: shared.status }, 200);
      return c.json(
        {
          status: shared.status,
          groups: shared.groups,
          person: shared.person,
          assessment: shared.assessment ?? null,
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/referrals/{id}/messages',
      tags,
      summary: 'The thread: messages between the parties and council mediation notes',
      security,
      middleware: [authorize('referral.read', loadReferral)] as const,
      request: { params: Id },
      responses: {
        200: {
          description: 'Oldest first',
          content: { 'application/json': { schema: z.object({ items: z.array(Message) }) } },
        },
        401: problemResponse('No valid credentials'),
        404: problemResponse('No such referral, or not one the caller may see'),
      },
    }),
    async (c) => {
      const db = dbOf(c);
      const referral = await findReferralForActor(db, actorOf(currentUser(c)), c.req.valid('param').id);
      if (!referral) return notFoundProblem(c);
      const items = (await threadOf(db, referral)).map((x) => ({
        id: x.id,
        kind: x.kind,
        party: x.party,
        by: x.userName,
        organisation: x.organisationName,
        body: x.body,
        createdAt: x.createdAt,
      }));
      return c.json({ items }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/referrals/{id}/messages',
      tags,
      summary: 'Post a message (counsellor or facility) or a mediation note (council staff)',
      security,
      middleware: [authorize('referral.read', loadReferral)] as const,
      request: {
        params: Id,
        body: {
          required: true,
          content: {
            'application/json': { schema: z.object({ body: z.string() }).openapi('NewReferralMessage') },
          },
        },
      },
      responses: {
        201: {
          description: 'Posted',
          content: { 'application/json': { schema: z.object({ id: z.string() }) } },
        },
        400: problemResponse('Empty or too long'),
        401: problemResponse('No valid credentials'),
        403: problemResponse('The caller may not post here'),
        404: problemResponse('No such referral, or not one the caller may see'),
      },
    }),
    async (c) => {
      const m = referralMessages.en;
      const outcome = await postReferralMessage(
        dbOf(c),
        actorOf(currentUser(c)),
        c.req.valid('param').id,
        c.req.valid('json').body,
        auditActor(c),
      );
      switch (outcome.status) {
        case 'ok':
          return c.json({ id: outcome.id }, 201);
        case 'invalid':
          return problem(c, {
            type: 'https://hataraku.example/problems/validation',
            title: 'The request is not valid',
            status: 400,
            detail: `body: ${m.errors[outcome.errors.body]}`,
            errors: [{ pointer: '/body', detail: m.errors[outcome.errors.body] }],
          });
        case 'forbidden':
          return forbiddenProblem(c);
        case 'not_found':
          return notFoundProblem(c);
      }
    },
  );
}
