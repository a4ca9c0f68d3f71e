/**
 * A participant's assessment versions over the API (/api/v1): every version, the one that
 * counts first (the read is audited), and recording a new version (versions never change).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { auditActor } from '../../platform/audit/audit';
import { actorOf, authorize } from '../../platform/auth/guard';
import type { Api } from '../../platform/http/api';
import { currentUser, dbOf } from '../../platform/http/context';
import { problem } from '../../platform/http/problem';
import { problemResponse } from '../../registry/facilities/api';
import { type AssessmentInput, latestOf } from '../assessment';
import { listAssessmentsOf, readParticipant, recordAssessment } from '../service';
import { assessmentApiField, assessmentToApi } from './mapping';
import { invalidProblem, notFoundProblem } from './problems';
import { Assessment, assessmentFields, Id, security, tags } from './schemas';
import { loadParticipant } from './subjects';

export function registerAssessmentApi(api: Api): void {
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
      if (outcome.status === 'invalid') return invalidProblem(c, outcome.errors, assessmentApiField);
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
