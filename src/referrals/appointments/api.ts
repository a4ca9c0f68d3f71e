/**
 * Appointments over the API (/api/v1): a referral's appointments, scheduling one (with the
 * referral's transition and the .ics invitations, as on the page), cancelling one, and the
 * caller's own upcoming appointments (the calendar). Same policy actions and services as the
 * pages; a referral the caller may not see is a 404.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { auditActor } from '../../platform/audit/audit';
import { actorOf, authorize } from '../../platform/auth/guard';
import type { Api } from '../../platform/http/api';
import { currentUser, dbOf } from '../../platform/http/context';
import type { AppEnv } from '../../platform/http/env';
import { problem } from '../../platform/http/problem';
import { problemResponse } from '../../registry/facilities/api';
import { appointmentKinds, attendeeParties } from './appointment';
import { appointmentMessages } from './messages';
import { loadReferral, mailSettings } from './routes';
import {
  cancelAppointment,
  listAppointments,
  listUpcomingAppointments,
  scheduleAppointment,
  updateAppointment,
} from './service';
import type { AppointmentRow } from './store';

const security = [{ bearerAuth: [] }];
const tags = ['Appointments'];

export const Appointment = z
  .object({
    id: z.string(),
    referralId: z.string(),
    kind: z.enum(appointmentKinds),
    date: z.string().openapi({ example: '2026-12-01' }),
    startTime: z.string().openapi({ example: '10:00' }),
    endTime: z.string().openapi({ example: '11:00' }),
    place: z.string(),
    attendees: z.array(
      z.object({ name: z.string(), party: z.enum(attendeeParties), userId: z.string().optional() }),
    ),
    note: z.string().nullable(),
    sequence: z.number().int().openapi({ description: 'iCalendar SEQUENCE of the last invitation' }),
    cancelledAt: z.string().nullable(),
  })
  .openapi('Appointment');

function toApi(a: AppointmentRow): z.infer<typeof Appointment> {
  return {
    id: a.id,
    referralId: a.referralId,
    kind: a.kind,
    date: a.date,
    startTime: a.startTime,
    endTime: a.endTime,
    place: a.place,
    attendees: a.attendees.map((x) => ({
      name: x.name,
      party: x.party,
      ...(x.userId ? { userId: x.userId } : {}),
    })),
    note: a.note,
    sequence: a.sequence,
    cancelledAt: a.cancelledAt,
  };
}

const Id = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
const AppointmentIds = Id.extend({
  appointmentId: z.string().openapi({ param: { name: 'appointmentId', in: 'path' } }),
});

export const notFoundProblem = (c: Context<AppEnv>) =>
  problem(c, { title: 'Not found', status: 404, detail: `No resource at ${c.req.path}` });

export function conflictProblem(c: Context<AppEnv>, detail: string) {
  return problem(c, { title: 'Conflict', status: 409, detail });
}

export function validationProblem(
  c: Context<AppEnv>,
  errors: Record<string, string | undefined>,
  messages: Record<string, string>,
) {
  const list = Object.entries(errors).map(([field, code]) => ({
    pointer: `/${field}`,
    detail: messages[code ?? ''] ?? String(code),
  }));
  return problem(c, {
    type: 'https://hataraku.example/problems/validation',
    title: 'The request is not valid',
    status: 400,
    detail: list.map((e) => `${e.pointer.slice(1)}: ${e.detail}`).join('; '),
    errors: list,
  });
}

export function registerAppointmentApi(api: Api): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/referrals/{id}/appointments',
      tags,
      summary: 'The appointments (visits, interviews, trial days, meetings) of a referral',
      security,
      middleware: [authorize('appointment.read', loadReferral)] as const,
      request: { params: Id },
      responses: {
        200: {
          description: 'Every appointment, by date, cancelled ones included',
          content: { 'application/json': { schema: z.object({ items: z.array(Appointment) }) } },
        },
        401: problemResponse('No valid credentials'),
        404: problemResponse('No such referral, or not one the caller may see'),
      },
    }),
    async (c) => {
      const list = await listAppointments(dbOf(c), actorOf(currentUser(c)), c.req.valid('param').id);
      if (!list) return notFoundProblem(c);
      return c.json({ items: list.map(toApi) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/referrals/{id}/appointments',
      tags,
      summary:
        'Schedule an appointment: applies schedule_visit / schedule_trial / schedule_meeting and e-mails .ics invitations',
      security,
      middleware: [authorize('appointment.schedule', loadReferral)] as const,
      request: {
        params: Id,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z
                .object({
                  kind: z.enum(appointmentKinds),
                  date: z.string().openapi({ example: '2026-12-01' }),
                  startTime: z.string().openapi({ example: '10:00' }),
                  endTime: z.string().openapi({ example: '11:00' }),
                  place: z.string(),
                  staffUserIds: z.array(z.string()).optional(),
                  participantAttends: z.boolean().optional(),
                  otherAttendees: z
                    .array(z.string())
                    .optional()
                    .openapi({ description: 'Names; "協議会: name" for council staff' }),
                  note: z.string().optional(),
                })
                .openapi('NewAppointment'),
            },
          },
        },
      },
      responses: {
        201: { description: 'The appointment', content: { 'application/json': { schema: Appointment } } },
        400: problemResponse('Not valid (e.g. a date in the past, a meeting after the proposed start)'),
        401: problemResponse('No valid credentials'),
        403: problemResponse('The caller may not schedule on this referral'),
        404: problemResponse('No such referral, or not one the caller may see'),
        409: problemResponse('The referral’s state or the caller’s party does not allow this kind now'),
      },
    }),
    async (c) => {
      const db = dbOf(c);
      const actor = actorOf(currentUser(c));
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const outcome = await scheduleAppointment(
        db,
        actor,
        id,
        {
          kind: body.kind,
          date: body.date,
          start_time: body.startTime,
          end_time: body.endTime,
          place: body.place,
          staff: body.staffUserIds ?? [],
          participant: body.participantAttends ?? false,
          others: (body.otherAttendees ?? []).join('\n'),
          note: body.note ?? '',
        },
        auditActor(c),
        mailSettings(c),
      );
      switch (outcome.status) {
        case 'invalid':
          return validationProblem(c, outcome.errors, appointmentMessages.en.errors);
        case 'not_found':
          return notFoundProblem(c);
        case 'not_allowed':
          return conflictProblem(c, appointmentMessages.en.notAllowed);
        case 'wrong_party':
          return conflictProblem(c, appointmentMessages.en.wrongParty);
      }
      const list = (await listAppointments(db, actor, id)) ?? [];
      const created = list.find((a) => a.id === outcome.id);
      if (!created) throw new Error('a scheduled appointment is not visible to its author');
      return c.json(toApi(created), 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/referrals/{id}/appointments/{appointmentId}',
      tags,
      summary:
        'Change an appointment’s date, time, place, attendees or note (the kind stays): SEQUENCE + 1, a new invitation with the same UID',
      security,
      middleware: [authorize('appointment.schedule', loadReferral)] as const,
      request: {
        params: AppointmentIds,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z
                .object({
                  date: z.string(),
                  startTime: z.string(),
                  endTime: z.string(),
                  place: z.string(),
                  staffUserIds: z.array(z.string()).optional(),
                  participantAttends: z.boolean().optional(),
                  otherAttendees: z.array(z.string()).optional(),
                  note: z.string().optional(),
                })
                .openapi('AppointmentChange'),
            },
          },
        },
      },
      responses: {
        200: {
          description: 'The changed appointment',
          content: { 'application/json': { schema: Appointment } },
        },
        400: problemResponse('Not valid (e.g. a date in the past)'),
        401: problemResponse('No valid credentials'),
        403: problemResponse('The caller may not change it'),
        404: problemResponse('No such referral or appointment'),
        409: problemResponse('The appointment was cancelled'),
      },
    }),
    async (c) => {
      const db = dbOf(c);
      const actor = actorOf(currentUser(c));
      const { id, appointmentId } = c.req.valid('param');
      const body = c.req.valid('json');
      const outcome = await updateAppointment(
        db,
        actor,
        id,
        appointmentId,
        {
          date: body.date,
          start_time: body.startTime,
          end_time: body.endTime,
          place: body.place,
          staff: body.staffUserIds ?? [],
          participant: body.participantAttends ?? false,
          others: (body.otherAttendees ?? []).join('\n'),
          note: body.note ?? '',
        },
        auditActor(c),
        mailSettings(c),
      );
      if (outcome.status === 'invalid')
        return validationProblem(c, outcome.errors, appointmentMessages.en.errors);
      if (outcome.status === 'not_found') return notFoundProblem(c);
      if (outcome.status === 'cancelled') return conflictProblem(c, appointmentMessages.en.alreadyCancelled);
      const changed = ((await listAppointments(db, actor, id)) ?? []).find((a) => a.id === appointmentId);
      if (!changed) return notFoundProblem(c);
      return c.json(toApi(changed), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/referrals/{id}/appointments/{appointmentId}/cancellation',
      tags,
      summary: 'Cancel an appointment: SEQUENCE + 1 and METHOD:CANCEL to everyone invited',
      security,
      middleware: [authorize('appointment.cancel', loadReferral)] as const,
      request: { params: AppointmentIds },
      responses: {
        200: {
          description: 'The cancelled appointment',
          content: { 'application/json': { schema: Appointment } },
        },
        401: problemResponse('No valid credentials'),
        403: problemResponse('The caller may not cancel it'),
        404: problemResponse('No such referral or appointment'),
        409: problemResponse('Already cancelled'),
      },
    }),
    async (c) => {
      const db = dbOf(c);
      const actor = actorOf(currentUser(c));
      const { id, appointmentId } = c.req.valid('param');
      const outcome = await cancelAppointment(db, actor, id, appointmentId, auditActor(c), mailSettings(c));
      if (outcome.status === 'not_found') return notFoundProblem(c);
      if (outcome.status === 'already_cancelled')
        return conflictProblem(c, 'The appointment was already cancelled.');
      const list = (await listAppointments(db, actor, id)) ?? [];
      const cancelled = list.find((a) => a.id === appointmentId);
      if (!cancelled) return notFoundProblem(c);
      return c.json(toApi(cancelled), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/calendar',
      tags,
      summary: 'The caller’s upcoming appointments across the referrals they may see',
      security,
      middleware: [authorize('calendar.read', () => ({ kind: 'self' }))] as const,
      responses: {
        200: {
          description: 'Upcoming appointments, by date and time (no participant names)',
          content: {
            'application/json': {
              schema: z.object({
                items: z.array(
                  Appointment.extend({ facilityName: z.string(), opportunityTitle: z.string() }).openapi(
                    'CalendarEntry',
                  ),
                ),
              }),
            },
          },
        },
        401: problemResponse('No valid credentials'),
      },
    }),
    async (c) => {
      const entries = await listUpcomingAppointments(dbOf(c), actorOf(currentUser(c)));
      return c.json(
        {
          items: entries.map((e) => ({
            ...toApi(e),
            facilityName: e.facilityName,
            opportunityTitle: e.opportunityTitle,
          })),
        },
        200,
      );
    },
  );
}
