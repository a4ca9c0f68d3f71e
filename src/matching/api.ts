/**
 * Matching over the API (/api/v1): a participant's shortlist with the same explanations as the
 * page, as data (factor, value, effect, text), and "why not" for one opportunity. The same policy
 * action (participant.read) and service; every call writes the participant.read audit row.
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
import type { Locale } from '../platform/i18n';
import { problemResponse } from '../registry/facilities/api';
import { explainExclusion, explainFactors } from './explain';
import type { MatchOpportunity } from './facts';
import { emphases, type Factor, factorKeys } from './score';
import { explainWhyNot, type MatchOptions, matchParticipant } from './service';

const security = [{ bearerAuth: [] }];
const tags = ['Matching'];

function loadParticipant(c: Context<AppEnv>, user: CurrentUser) {
  return getParticipantSubject(dbOf(c), actorOf(user), c.req.param('id') ?? '');
}

const notFoundProblem = (c: Context<AppEnv>) =>
  problem(c, { title: 'Not found', status: 404, detail: `No resource at ${c.req.path}` });

const flag = z
  .enum(['0', '1', 'true', 'false'])
  .optional()
  .transform((v) => v === '1' || v === 'true');

const Query = z.object({
  emphasis: z.enum(emphases).optional().openapi({ description: 'Which factor counts double' }),
  includeFull: flag.openapi({ description: 'Include full work places and those without an open place' }),
  wantedTasksOnly: flag.openapi({ description: 'Only work places offering a wanted task' }),
  lang: z.enum(['ja', 'en']).optional().openapi({ description: 'Language of the texts (default ja)' }),
});

const Effect = z.enum(['match', 'partial', 'mismatch', 'unknown', 'info']);
const FactorSchema = z.object({
  factor: z.enum(factorKeys),
  value: z.number().nullable().openapi({ description: '0–1; null = unknown (不明), counts 0' }),
  weight: z.number(),
  points: z.number(),
});
const Explanation = z.object({
  factor: z.enum([...factorKeys, 'transport']),
  effect: Effect,
  text: z.string(),
});
const Assessment = z.object({ version: z.number().int(), assessedOn: z.string() }).nullable();
const Origin = z.object({
  basis: z.literal('municipality_office'),
  municipality: z.string().nullable().openapi({ description: 'null: unknown, distance is 不明' }),
});

const Match = z.object({
  rank: z.number().int(),
  opportunityId: z.string(),
  title: z.string(),
  facilityName: z.string(),
  municipalityName: z.string(),
  status: z.string(),
  score: z.number(),
  factors: z.array(FactorSchema),
  explanations: z.array(Explanation),
});

const Matches = z.object({
  status: z.enum(['ok', 'no_assessment']),
  assessment: Assessment,
  availabilityKnown: z.boolean(),
  origin: Origin,
  considered: z.number().int(),
  excluded: z.number().int(),
  items: z.array(Match),
});

const WhyNot = z.object({
  opportunityId: z.string(),
  excluded: z.boolean(),
  exclusions: z.array(z.object({ rule: z.string(), text: z.string() })),
  score: z.number(),
  factors: z.array(FactorSchema),
  explanations: z.array(Explanation),
});

function optionsOf(q: z.infer<typeof Query>): MatchOptions {
  return {
    emphasis: q.emphasis ?? 'balanced',
    includeFull: q.includeFull,
    wantedTasksOnly: q.wantedTasksOnly,
  };
}

const factorsOf = (factors: readonly Factor[]) =>
  factors.map((f) => ({ factor: f.factor, value: f.value, weight: f.weight, points: f.points }));

function itemOf(
  rank: number,
  o: MatchOpportunity,
  score: number,
  factors: readonly Factor[],
  locale: Locale,
) {
  return {
    rank,
    opportunityId: o.id,
    title: o.title,
    facilityName: o.facilityName,
    municipalityName: o.municipalityName,
    status: o.status,
    score: Math.round(score * 10) / 10,
    factors: factorsOf(factors),
    explanations: explainFactors(factors, o, locale),
  };
}

export function registerMatchingApi(api: Api): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/participants/{id}/matches',
      tags,
      summary: "A participant's shortlist: the best 20 work places with each factor and its explanation",
      security,
      middleware: [authorize('participant.read', loadParticipant)] as const,
      request: {
        params: z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) }),
        query: Query,
      },
      responses: {
        200: { description: 'The shortlist', content: { 'application/json': { schema: Matches } } },
        401: problemResponse('No valid credentials'),
        404: problemResponse('No such participant, or not one the caller may see'),
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const locale = query.lang ?? 'ja';
      const { id } = c.req.valid('param');
      const outcome = await matchParticipant(
        dbOf(c),
        actorOf(currentUser(c)),
        id,
        optionsOf(query),
        auditActor(c),
      );
      if (outcome.status === 'not_found') return notFoundProblem(c);
      const origin = {
        basis: 'municipality_office' as const,
        municipality: outcome.participant.originMunicipality,
      };
      if (outcome.status === 'no_assessment') {
        return c.json(
          {
            status: 'no_assessment' as const,
            assessment: null,
            availabilityKnown: false,
            origin,
            considered: 0,
            excluded: 0,
            items: [],
          },
          200,
        );
      }
      return c.json(
        {
          status: 'ok' as const,
          assessment: outcome.assessment,
          availabilityKnown: outcome.availabilityKnown,
          origin,
          considered: outcome.ranking.considered,
          excluded: outcome.ranking.excluded,
          items: outcome.ranking.results.map((r, i) =>
            itemOf(i + 1, r.opportunity, r.score, r.factors, locale),
          ),
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/participants/{id}/matches/{opportunityId}',
      tags,
      summary: 'Why a work place is (or is not) on the shortlist: the hard constraints it breaks',
      security,
      middleware: [authorize('participant.read', loadParticipant)] as const,
      request: {
        params: z.object({
          id: z.string().openapi({ param: { name: 'id', in: 'path' } }),
          opportunityId: z.string().openapi({ param: { name: 'opportunityId', in: 'path' } }),
        }),
        query: Query,
      },
      responses: {
        200: {
          description: 'The constraints and factors',
          content: { 'application/json': { schema: WhyNot } },
        },
        401: problemResponse('No valid credentials'),
        404: problemResponse('No such participant or work place, or no assessment yet'),
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const locale = query.lang ?? 'ja';
      const { id, opportunityId } = c.req.valid('param');
      const outcome = await explainWhyNot(
        dbOf(c),
        actorOf(currentUser(c)),
        id,
        opportunityId,
        optionsOf(query),
        auditActor(c),
      );
      if (outcome.status !== 'ok') return notFoundProblem(c);
      return c.json(
        {
          opportunityId: outcome.opportunity.id,
          excluded: outcome.exclusions.length > 0,
          exclusions: outcome.exclusions.map((x) => ({ rule: x.rule, text: explainExclusion(x, locale) })),
          score: Math.round(outcome.score * 10) / 10,
          factors: factorsOf(outcome.factors),
          explanations: explainFactors(outcome.factors, outcome.opportunity, locale),
        },
        200,
      );
    },
  );
}
