/**
 * Referrals as a resource of the API (/api/v1): list, read (the facility's first read marks it
 * viewed), create and send (consent-checked; an Idempotency-Key makes a repeat return the
 * first), and send a draft. A referral the caller may not see is a 404.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { auditActor } from '../../platform/audit/audit';
import { actorOf, authorize } from '../../platform/auth/guard';
import type { Api } from '../../platform/http/api';
import { currentUser, dbOf } from '../../platform/http/context';
import { problemResponse } from '../../registry/facilities/api';
import { loadParticipant, loadReferral } from '../http-context';
import { referralMessages } from '../messages';
import { findReferralForActor } from '../service/access';
import { createReferral, sendReferral } from '../service/create';
import { timelineOf } from '../service/thread';
import { openReferral } from '../service/transitions';
import { listReferralsFor } from '../service/work-lists';
import type { ReferralSummary } from '../store/referrals';
import { invalidProblem, notFoundProblem, refusalProblem } from './problems';
import { Id, Referral, ScheduleEntry, State, security, tags, toApi } from './schemas';

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

/** Registers the referral resource's routes on the API. */
export function registerReferralResourceApi(api: Api): void {
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
        case 'invalid':
          return invalidProblem(
            c,
            Object.fromEntries(
              Object.entries(outcome.errors).map(([field, code]) => [field, m.errors[code]]),
            ),
          );
        default:
          return refusalProblem(c, outcome, ` Record consent at /participants/${id}/consents/new.`);
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
      const outcome = await sendReferral(db, actor, id, auditActor(c));
      switch (outcome.status) {
        case 'ok': {
          const referral = await findReferralForActor(db, actor, id);
          if (!referral) return notFoundProblem(c);
          return c.json(toApi(referral), 200);
        }
        default:
          return refusalProblem(c, outcome);
      }
    },
  );
}
