/**
 * Use cases of matching: rank work places for a participant (the shortlist), explain why one
 * is not on it, and save one to the participant's candidate list. Reading the participant goes
 * through the participants service, which scopes it to the caller's agency and writes the
 * participant.read audit row (view 'matches' / 'matches.why_not'); saving writes its own audit
 * row in the same transaction.
 */
import type { Kysely } from 'kysely';
import type { AssessmentValues } from '../participants/assessment';
import {
  type AuditContext,
  getParticipantSubject,
  listAssessmentsOf,
  type ParticipantRow,
  readParticipant,
} from '../participants/service';
import { recordAudit } from '../platform/audit/audit';
import { type Actor, can } from '../platform/auth/policy';
import type { Database } from '../platform/db/schema';
import { nowIso } from '../platform/db/time';
import { findMunicipality } from '../reference/municipalities';
import { boundingBox } from '../registry/search/distance';
import { type Exclusion, exclusionsOf } from './constraints';
import { type MatchNeeds, type MatchOpportunity, reachKm } from './facts';
import {
  type Emphasis,
  type Factor,
  type Ranking,
  rankOpportunities,
  scoreOpportunity,
  weightsFor,
} from './score';
import {
  type CandidateRow,
  findMatchCandidates,
  findMatchOpportunity,
  insertCandidate,
  listCandidates,
  type PreFilter,
} from './store';

export type { CandidateRow };

export const SHORTLIST_SIZE = 20;
export const MAX_NOTE = 200;

export type MatchOptions = {
  includeFull: boolean;
  emphasis: Emphasis;
  wantedTasksOnly: boolean;
  limit?: number;
  now?: Date;
};

type ParticipantSummary = {
  id: string;
  name: string;
  /** The municipality whose office is the origin, or null (distance unknown). */
  originMunicipality: string | null;
};

type Assessed = {
  participant: ParticipantSummary;
  assessment: { version: number; assessedOn: string };
  needs: MatchNeeds;
  availabilityKnown: boolean;
};

export type MatchOutcome =
  | { status: 'not_found' }
  | { status: 'no_assessment'; participant: ParticipantSummary }
  | (Assessed & { status: 'ok'; ranking: Ranking; saved: ReadonlySet<string> });

export type WhyNotOutcome =
  | { status: 'not_found' }
  | { status: 'no_assessment'; participant: ParticipantSummary }
  | (Assessed & {
      status: 'ok';
      opportunity: MatchOpportunity;
      exclusions: Exclusion[];
      factors: Factor[];
      score: number;
    });

/** The needs matching compares: the assessment, the 支援決定, the municipality office as origin. */
export function needsOf(participant: ParticipantRow, a: AssessmentValues): MatchNeeds {
  const office = participant.municipality_code ? findMunicipality(participant.municipality_code) : undefined;
  return {
    tasks: a.tasks,
    windows: a.windows,
    minDailyMinutes: a.min_daily_minutes,
    maxDailyMinutes: a.max_daily_minutes,
    minDaysPerWeek: a.min_days_per_week,
    maxDaysPerWeek: a.max_days_per_week,
    travelMaxMinutes: a.travel_max_minutes,
    travelMaxMetres: a.travel_max_metres,
    travelModes: a.travel_modes,
    supports: a.supports,
    hasSupportDecision: Boolean(participant.support_decision_on),
    origin: office ? { lat: office.lat, lng: office.lng } : null,
  };
}

/** What SQL can narrow without losing a row the hard constraints would keep. */
export function preFilterOf(
  needs: MatchNeeds,
  options: Pick<MatchOptions, 'includeFull' | 'wantedTasksOnly'>,
): PreFilter {
  const reach = reachKm(needs);
  return {
    includeFull: options.includeFull,
    availability: needs.windows,
    // A hair larger than the reach, so float rounding never drops a row at the edge.
    box: needs.origin && reach !== undefined ? boundingBox(needs.origin, reach * 1.01 + 0.01) : undefined,
    tasks: options.wantedTasksOnly ? needs.tasks : [],
    trainingFormsUsable: needs.hasSupportDecision,
  };
}

async function assessed(
  db: Kysely<Database>,
  actor: Actor,
  participantId: string,
  audit: AuditContext,
  view: string,
): Promise<
  { status: 'not_found' } | { status: 'no_assessment'; participant: ParticipantSummary } | Assessed
> {
  const participant = await readParticipant(db, actor, participantId, audit, view);
  if (!participant) return { status: 'not_found' };
  const office = participant.municipality_code ? findMunicipality(participant.municipality_code) : undefined;
  const summary: ParticipantSummary = {
    id: participant.id,
    name: participant.name,
    originMunicipality: office?.name ?? null,
  };
  const latest = (await listAssessmentsOf(db, actor, participant.id))[0];
  if (!latest) return { status: 'no_assessment', participant: summary };
  return {
    participant: summary,
    assessment: { version: latest.version, assessedOn: latest.assessedOn },
    needs: needsOf(participant, latest.values),
    availabilityKnown: latest.values.windows.length > 0,
  };
}

/** The participant's shortlist: the best SHORTLIST_SIZE work places, with their factors. */
export async function matchParticipant(
  db: Kysely<Database>,
  actor: Actor,
  participantId: string,
  options: MatchOptions,
  audit: AuditContext,
): Promise<MatchOutcome> {
  const found = await assessed(db, actor, participantId, audit, 'matches');
  if (!('needs' in found)) return found;
  // The in-memory pre-filter may already drop what the hard constraints exclude; those still
  // count as considered and excluded, as when the ranking drops them.
  const opportunities = await findMatchCandidates(db, actor, {
    ...preFilterOf(found.needs, options),
    hardConstraints: { needs: found.needs },
  });
  const ranked = rankOpportunities(found.needs, opportunities, {
    includeFull: options.includeFull,
    weights: weightsFor(options.emphasis),
    limit: options.limit ?? SHORTLIST_SIZE,
    now: options.now ?? new Date(),
  });
  const dropped = opportunities.dropped ?? 0;
  const ranking = { ...ranked, considered: ranked.considered + dropped, excluded: ranked.excluded + dropped };
  const saved = new Set((await listCandidates(db, actor, participantId)).map((c) => c.opportunityId));
  return { status: 'ok', ...found, ranking, saved };
}

/** Why one opportunity is (or is not) on the shortlist: the hard constraints it breaks. */
export async function explainWhyNot(
  db: Kysely<Database>,
  actor: Actor,
  participantId: string,
  opportunityId: string,
  options: MatchOptions,
  audit: AuditContext,
): Promise<WhyNotOutcome> {
  const found = await assessed(db, actor, participantId, audit, 'matches.why_not');
  if (!('needs' in found)) return found;
  const opportunity = await findMatchOpportunity(db, actor, opportunityId);
  if (!opportunity) return { status: 'not_found' };
  const exclusions = exclusionsOf(found.needs, opportunity, options);
  const { score, factors } = scoreOpportunity(
    found.needs,
    opportunity,
    weightsFor(options.emphasis),
    options.now ?? new Date(),
  );
  return { status: 'ok', ...found, opportunity, exclusions, factors, score };
}

export function candidatesOf(
  db: Kysely<Database>,
  actor: Actor,
  participantId: string,
): Promise<CandidateRow[]> {
  return listCandidates(db, actor, participantId);
}

/** Saves an opportunity to the participant's candidate list (once; a second save changes nothing). */
export async function saveCandidate(
  db: Kysely<Database>,
  actor: Actor,
  participantId: string,
  input: { opportunityId: string; note: string },
  audit: AuditContext,
): Promise<{ status: 'ok'; added: boolean } | { status: 'not_found' } | { status: 'invalid' }> {
  const note = input.note.normalize('NFKC').trim();
  if (note.length > MAX_NOTE) return { status: 'invalid' };
  return db.transaction().execute(async (trx) => {
    // Nothing of the person is shown here, so the subject (no participant.read) is enough.
    const subject = await getParticipantSubject(trx, actor, participantId);
    if (!subject || !can(actor, 'candidate.save', subject)) return { status: 'not_found' } as const;
    const opportunity = await findMatchOpportunity(trx, actor, input.opportunityId);
    if (!opportunity) return { status: 'not_found' } as const;
    const added = await insertCandidate(trx, {
      participantId,
      opportunityId: opportunity.id,
      savedBy: actor.userId,
      savedAt: nowIso(),
      note: note === '' ? null : note,
    });
    if (added) {
      await recordAudit(trx, {
        ...audit,
        action: 'candidate.save',
        subjectType: 'participant',
        subjectId: participantId,
        detail: { opportunityId: opportunity.id, withNote: note !== '' },
      });
    }
    return { status: 'ok', added } as const;
  });
}
