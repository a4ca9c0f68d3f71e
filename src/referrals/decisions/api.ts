/**
 * The three-party decision record over the API (/api/v1): read it, write the draft (PUT),
 * record a party's agreement (the third creates the placement and agrees the referral, in one
 * transaction) and record that the parties did not agree. Same policy actions and services as
 * the pages; a referral the caller may not see is a 404.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { auditActor } from '../../platform/audit/audit';
import { actorOf, authorize } from '../../platform/auth/guard';
import type { Api } from '../../platform/http/api';
import { currentUser, dbOf } from '../../platform/http/context';
import { problem } from '../../platform/http/problem';
import { problemResponse } from '../../registry/facilities/api';
import { supportCodes, taskCategories, workFormOffers } from '../../registry/opportunities/opportunity';
import { conflictProblem, notFoundProblem, validationProblem } from '../appointments/api';
import { loadReferral } from '../appointments/routes';
import { agreementParties, type DecisionInput } from './decision';
import { decisionMessages } from './messages';
import {
  type DecisionView,
  getDecisionView,
  recordAgreement,
  recordNotAgreed,
  saveDecisionDraft,
} from './service';

const security = [{ bearerAuth: [] }];
const tags = ['Meeting records'];

const ScheduleEntry = z.object({
  weekday: z.number().int().min(1).max(7).openapi({ description: 'ISO weekday: 1 = 月 … 7 = 日' }),
  start: z.string().openapi({ example: '08:30' }),
  end: z.string().openapi({ example: '12:00' }),
});

const Attendee = z.object({
  name: z.string(),
  party: z.enum(['participant', 'agency', 'facility', 'council']),
});

const MeetingRecord = z
  .object({
    referralId: z.string(),
    referralState: z.string(),
    outcome: z.enum(['none', 'draft', 'agreed', 'not_agreed']),
    heldOn: z.string().nullable(),
    attendees: z.array(Attendee),
    workForm: z.enum(workFormOffers).nullable(),
    startDate: z.string().nullable(),
    schedule: z.array(ScheduleEntry),
    tasks: z.array(z.enum(taskCategories)),
    taskNote: z.string().nullable(),
    supports: z.array(z.enum(supportCodes)),
    supportNote: z.string().nullable(),
    payNote: z.string().nullable(),
    transportNote: z.string().nullable(),
    firstReviewOn: z.string().nullable(),
    insuranceNeeded: z.boolean(),
    supportDecision: z.enum(['in_place', 'pending', 'not_needed', 'unknown']).openapi({
      description: 'For B–D: whether the municipality’s 支援決定 is in place (the placement waits if not)',
    }),
    agreements: z.object({
      participant: z.string().nullable(),
      agency: z.string().nullable(),
      facility: z.string().nullable(),
    }),
    notAgreedReason: z.string().nullable(),
    placementId: z.string().nullable(),
    editable: z.boolean(),
  })
  .openapi('MeetingRecord');

function toApi(view: DecisionView): z.infer<typeof MeetingRecord> {
  const r = view.record;
  const form = r?.workForm ?? null;
  return {
    referralId: view.referral.id,
    referralState: view.referral.state,
    outcome: r?.outcome ?? 'none',
    heldOn: r?.heldOn ?? null,
    attendees: r?.attendees ?? [],
    workForm: form,
    startDate: r?.startDate ?? null,
    schedule: r?.schedule ?? [],
    tasks: r?.tasks ?? [],
    taskNote: r?.taskNote ?? null,
    supports: r?.supports ?? [],
    supportNote: r?.supportNote ?? null,
    payNote: r?.payNote ?? null,
    transportNote: r?.transportNote ?? null,
    firstReviewOn: r?.firstReviewOn ?? null,
    insuranceNeeded: r?.insuranceNeeded ?? true,
    supportDecision: !form
      ? 'unknown'
      : form.startsWith('a_')
        ? 'not_needed'
        : view.supportDecisionInPlace
          ? 'in_place'
          : 'pending',
    agreements: {
      participant: r?.agreements.participant.on ?? null,
      agency: r?.agreements.agency.on ?? null,
      facility: r?.agreements.facility.on ?? null,
    },
    notAgreedReason: r?.notAgreedReason ?? null,
    placementId: r?.placementId ?? null,
    editable: view.editable,
  };
}

const Id = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
const errorsOf = decisionMessages.en.errors as Record<string, string>;

export function registerDecisionApi(api: Api): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/referrals/{id}/meeting-record',
      tags,
      summary: 'The three-party decision record (三者協議の記録) of a referral',
      security,
      middleware: [authorize('meeting_record.read', loadReferral)] as const,
      request: { params: Id },
      responses: {
        200: {
          description: 'The record (outcome "none" before the first save)',
          content: { 'application/json': { schema: MeetingRecord } },
        },
        401: problemResponse('No valid credentials'),
        404: problemResponse('No such referral, or not one the caller may see'),
      },
    }),
    async (c) => {
      const view = await getDecisionView(dbOf(c), actorOf(currentUser(c)), c.req.valid('param').id);
      if (!view) return notFoundProblem(c);
      return c.json(toApi(view), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/referrals/{id}/meeting-record',
      tags,
      summary: 'Write the draft record; a change of what was agreed clears the agreements given',
      security,
      middleware: [authorize('meeting_record.write', loadReferral)] as const,
      request: {
        params: Id,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z
                .object({
                  heldOn: z.string().optional(),
                  participantAttended: z.boolean().optional(),
                  agencyAttendees: z.array(z.string()).optional(),
                  facilityAttendees: z.array(z.string()).optional(),
                  councilAttendees: z.array(z.string()).optional(),
                  workForm: z.string().optional(),
                  startDate: z.string().optional(),
                  schedule: z.array(ScheduleEntry).optional(),
                  tasks: z.array(z.string()).optional(),
                  taskNote: z.string().optional(),
                  supports: z.array(z.string()).optional(),
                  supportNote: z.string().optional(),
                  payNote: z.string().optional(),
                  transportNote: z.string().optional(),
                  firstReviewOn: z.string().optional(),
                  insuranceNeeded: z.boolean().optional(),
                })
                .openapi('MeetingRecordDraft'),
            },
          },
        },
      },
      responses: {
        200: { description: 'The saved record', content: { 'application/json': { schema: MeetingRecord } } },
        400: problemResponse('Not valid (e.g. a start before the meeting)'),
        401: problemResponse('No valid credentials'),
        403: problemResponse('The caller may not write it'),
        404: problemResponse('No such referral, or not one the caller may see'),
        409: problemResponse('Not while the referral is in this state, or once decided'),
      },
    }),
    async (c) => {
      const db = dbOf(c);
      const actor = actorOf(currentUser(c));
      const { id } = c.req.valid('param');
      const b = c.req.valid('json');
      const schedule: NonNullable<DecisionInput['schedule']> = {};
      for (const s of b.schedule ?? []) schedule[s.weekday] = { start: s.start, end: s.end };
      const outcome = await saveDecisionDraft(
        db,
        actor,
        id,
        {
          held_on: b.heldOn,
          attendee_participant: b.participantAttended,
          attendee_agency: (b.agencyAttendees ?? []).join('\n'),
          attendee_facility: (b.facilityAttendees ?? []).join('\n'),
          attendee_council: (b.councilAttendees ?? []).join('\n'),
          work_form: b.workForm,
          start_date: b.startDate,
          schedule,
          tasks: b.tasks,
          task_note: b.taskNote,
          supports: b.supports,
          support_note: b.supportNote,
          pay_note: b.payNote,
          transport_note: b.transportNote,
          first_review_on: b.firstReviewOn,
          insurance_needed: b.insuranceNeeded,
        },
        auditActor(c),
      );
      if (outcome.status === 'invalid') return validationProblem(c, outcome.errors, errorsOf);
      if (outcome.status === 'not_found') return notFoundProblem(c);
      if (outcome.status === 'not_allowed') return conflictProblem(c, decisionMessages.en.notAllowed);
      const view = await getDecisionView(db, actor, id);
      if (!view) return notFoundProblem(c);
      return c.json(toApi(view), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/referrals/{id}/meeting-record/agreements',
      tags,
      summary:
        'Record one party’s agreement; the third creates the placement and moves the referral to agreed (one transaction)',
      security,
      middleware: [authorize('meeting_record.agree', loadReferral)] as const,
      request: {
        params: Id,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z
                .object({
                  party: z.enum(agreementParties),
                  agreedOn: z.string().openapi({ example: '2026-12-10' }),
                })
                .openapi('MeetingAgreement'),
            },
          },
        },
      },
      responses: {
        200: {
          description: 'The record after the agreement',
          content: { 'application/json': { schema: MeetingRecord } },
        },
        400: problemResponse('Not valid, or the record is not complete enough to agree'),
        401: problemResponse('No valid credentials'),
        403: problemResponse('The caller may not record it'),
        404: problemResponse('No such referral, or not one the caller may see'),
        409: problemResponse(
          'No open place left in these hours, the opportunity is closed, or the wrong party/state',
        ),
      },
    }),
    async (c) => {
      const db = dbOf(c);
      const actor = actorOf(currentUser(c));
      const { id } = c.req.valid('param');
      const b = c.req.valid('json');
      const outcome = await recordAgreement(
        db,
        actor,
        id,
        { party: b.party, agreed_on: b.agreedOn },
        auditActor(c),
      );
      switch (outcome.status) {
        case 'invalid':
        case 'incomplete':
          return validationProblem(c, outcome.errors, errorsOf);
        case 'not_found':
          return notFoundProblem(c);
        case 'no_open_place':
          return problem(c, {
            type: 'https://hataraku.example/problems/no-open-place',
            title: 'No open place',
            status: 409,
            detail: decisionMessages.en.noOpenPlaceDetail,
          });
        case 'opportunity_not_open':
          return conflictProblem(c, decisionMessages.en.opportunityNotOpen);
        case 'wrong_party':
          return conflictProblem(c, decisionMessages.en.wrongParty);
        case 'not_allowed':
          return conflictProblem(c, decisionMessages.en.notAllowed);
      }
      const view = await getDecisionView(db, actor, id);
      if (!view) return notFoundProblem(c);
      return c.json(toApi(view), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/referrals/{id}/meeting-record/not-agreed',
      tags,
      summary: 'Record that the parties did not agree, with a reason from the council’s list',
      security,
      middleware: [authorize('meeting_record.agree', loadReferral)] as const,
      request: {
        params: Id,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z
                .object({ reason: z.string(), note: z.string().optional() })
                .openapi('MeetingNotAgreed'),
            },
          },
        },
      },
      responses: {
        200: { description: 'The closed record', content: { 'application/json': { schema: MeetingRecord } } },
        400: problemResponse('No reason from the list'),
        401: problemResponse('No valid credentials'),
        403: problemResponse('The caller may not record it'),
        404: problemResponse('No such referral, or not one the caller may see'),
        409: problemResponse('Not in this state, or by this party'),
      },
    }),
    async (c) => {
      const db = dbOf(c);
      const actor = actorOf(currentUser(c));
      const { id } = c.req.valid('param');
      const b = c.req.valid('json');
      const outcome = await recordNotAgreed(
        db,
        actor,
        id,
        { reason: b.reason, note: b.note ?? '' },
        auditActor(c),
      );
      if (outcome.status === 'invalid') return validationProblem(c, outcome.errors, errorsOf);
      if (outcome.status === 'not_found') return notFoundProblem(c);
      if (outcome.status !== 'ok') return conflictProblem(c, decisionMessages.en.notAllowed);
      const view = await getDecisionView(db, actor, id);
      if (!view) return notFoundProblem(c);
      return c.json(toApi(view), 200);
    },
  );
}
