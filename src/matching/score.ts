/**
 * Soft factors: how well an opportunity that passed the hard constraints fits, as points with
 * the facts behind each so explain.ts can say why. Pure. The factors, weights and formulas are
 * documented in docs/matching.md; keep the two in step.
 *
 * Every factor's value is in [0, 1] or null (不明). The score is Σ weight × value, with 不明
 * counting 0: an unknown fact is shown as 不明 and is never a match, so it can never rank an
 * opportunity above one where the same fact is known.
 */
import type { SupportCode, TaskCategory, TimeWindow } from '../registry/opportunities/opportunity';
import { CONFIRM_EVERY_DAYS, daysAgo, STALE_AFTER_DAYS } from '../registry/opportunities/opportunity';
import { type ConstraintOptions, exclusionsOf, type KnownFacts } from './constraints';
import {
  estimateTravel,
  fittingWindows,
  type MatchNeeds,
  type MatchOpportunity,
  sameOffice,
  TRAVEL_TOLERANCE,
  type TravelEstimate,
  weekdayCount,
} from './facts';

export const factorKeys = [
  'schedule',
  'daily_hours',
  'days_per_week',
  'travel',
  'tasks',
  'supports',
  'visit_trial',
  'freshness',
] as const;
export type FactorKey = (typeof factorKeys)[number];

export type Weights = Record<FactorKey, number>;

/** The default weights (sum 100). */
export const defaultWeights: Weights = {
  schedule: 25,
  daily_hours: 5,
  days_per_week: 5,
  travel: 25,
  tasks: 15,
  supports: 15,
  visit_trial: 5,
  freshness: 5,
};

/** "What matters more": each doubles the weight of its factor. */
export const emphases = ['balanced', 'distance', 'schedule', 'tasks', 'supports'] as const;
export type Emphasis = (typeof emphases)[number];

export function weightsFor(emphasis: Emphasis): Weights {
  const weights = { ...defaultWeights };
  const factor: Record<Exclude<Emphasis, 'balanced'>, FactorKey> = {
    distance: 'travel',
    schedule: 'schedule',
    tasks: 'tasks',
    supports: 'supports',
  };
  if (emphasis !== 'balanced') weights[factor[emphasis]] *= 2;
  return weights;
}

type Range = { min: number | null; max: number | null };

export type FactorDetail =
  | { factor: 'schedule'; fitting: readonly TimeWindow[]; fitDays: number; targetDays: number }
  | { factor: 'daily_hours' | 'days_per_week'; person: Range; offer: Range }
  | {
      factor: 'travel';
      travel: TravelEstimate | undefined;
      limitMinutes: number | null;
      limitMetres: number | null;
      overLimit: boolean;
      pointIsOffice: boolean;
      sameMunicipality: boolean;
    }
  | { factor: 'tasks'; wanted: readonly TaskCategory[]; matched: readonly TaskCategory[] }
  | {
      factor: 'supports';
      needed: readonly SupportCode[];
      offered: readonly SupportCode[];
      unknown: readonly SupportCode[];
    }
  | { factor: 'visit_trial'; visit: boolean; trial: boolean }
  | { factor: 'freshness'; lastConfirmedAt: string; stale: boolean };

export type Factor = {
  factor: FactorKey;
  /** 0–1, or null when the fact is not known (不明). */
  value: number | null;
  weight: number;
  /** weight × value (0 when unknown). */
  points: number;
  detail: FactorDetail;
};

export type Scored = { opportunity: MatchOpportunity; score: number; factors: Factor[] };

/** Overlap of two ranges with open ends; null when either side says nothing. */
function rangesMeet(person: Range, offer: Range): number | null {
  return meets(person.min, person.max, offer.min, offer.max);
}

function meets(
  personMin: number | null,
  personMax: number | null,
  offerMin: number | null,
  offerMax: number | null,
): number | null {
  if (personMin === null && personMax === null) return null;
  if (offerMin === null && offerMax === null) return null;
  const low = Math.max(personMin ?? 0, offerMin ?? 0);
  const high = Math.min(personMax ?? Number.POSITIVE_INFINITY, offerMax ?? Number.POSITIVE_INFINITY);
  return low <= high ? 1 : 0;
}

export function scheduleFactor(
  needs: MatchNeeds,
  o: MatchOpportunity,
  known: KnownFacts = {},
): { value: number | null; detail: FactorDetail } {
  const fitting = known.fitting ?? fittingWindows(o, needs);
  if (needs.windows.length === 0) {
    return { value: null, detail: { factor: 'schedule', fitting: [], fitDays: 0, targetDays: 0 } };
  }
  const targetDays = targetDaysOf(needs);
  const fitDays = weekdayCount(fitting);
  return {
    value: Math.min(1, fitDays / targetDays),
    detail: { factor: 'schedule', fitting, fitDays, targetDays },
  };
}

/** The days a week the schedule factor counts as full marks. */
function targetDaysOf(needs: MatchNeeds): number {
  const available = weekdayCount(needs.windows);
  return Math.max(1, Math.min(available, needs.maxDaysPerWeek ?? available));
}

export function travelFactor(
  needs: MatchNeeds,
  o: MatchOpportunity,
  known: KnownFacts = {},
): { value: number | null; detail: FactorDetail } {
  const travel = known.travel ? known.travel.estimate : estimateTravel(needs, o);
  const detail = {
    factor: 'travel' as const,
    travel,
    limitMinutes: needs.travelMaxMinutes,
    limitMetres: needs.travelMaxMetres,
    overLimit: false,
    pointIsOffice: o.pointIsOffice,
    sameMunicipality: sameOffice(needs, o),
  };
  if (!travel) return { value: null, detail };
  if (needs.travelMaxMinutes !== null && travel.exactMinutes > needs.travelMaxMinutes)
    detail.overLimit = true;
  if (needs.travelMaxMetres !== null && travel.metres > needs.travelMaxMetres) detail.overLimit = true;
  return { value: travelValue(needs, travel), detail };
}

/** The travel factor's value: how far inside the limit (with tolerance) the trip stays. */
function travelValue(needs: MatchNeeds, travel: TravelEstimate): number {
  let value = Number.POSITIVE_INFINITY;
  if (needs.travelMaxMinutes !== null)
    value = Math.min(value, 1 - travel.exactMinutes / (needs.travelMaxMinutes * TRAVEL_TOLERANCE));
  if (needs.travelMaxMetres !== null)
    value = Math.min(value, 1 - travel.metres / (needs.travelMaxMetres * TRAVEL_TOLERANCE));
  // Without a limit, an hour's trip (× tolerance) counts as far.
  if (value === Number.POSITIVE_INFINITY) value = 1 - travel.exactMinutes / (60 * TRAVEL_TOLERANCE);
  return Math.max(0, value);
}

export function tasksFactor(
  needs: MatchNeeds,
  o: MatchOpportunity,
): { value: number | null; detail: FactorDetail } {
  const matched = needs.tasks.filter((t) => o.tasks.includes(t));
  return {
    value: tasksValue(needs, matched.length),
    detail: { factor: 'tasks' as const, wanted: needs.tasks, matched },
  };
}

function tasksValue(needs: MatchNeeds, matched: number): number | null {
  if (needs.tasks.length === 0) return null;
  return matched === 0 ? 0 : 0.5 + (0.5 * matched) / needs.tasks.length;
}

/**
 * All needs offered → 1; each need the facility has not answered (不明) lowers it:
 * 1 / (1 + unknown). No needs → 1. So adding a need can never raise the value.
 */
export function supportsFactor(
  needs: MatchNeeds,
  o: MatchOpportunity,
): { value: number; detail: FactorDetail } {
  const offered = needs.supports.filter((s) => o.supports.includes(s));
  const unknown = needs.supports.filter((s) => !o.supports.includes(s));
  return {
    value: supportsValue(unknown.length),
    detail: { factor: 'supports', needed: needs.supports, offered, unknown },
  };
}

const supportsValue = (unknown: number) => 1 / (1 + unknown);

/**
 * The two freshness cut-offs for `now`, remembered for the last instant asked (a ranking asks
 * with the same `now` for every opportunity; issue 6). Keyed by the time value, so the same
 * answer as calling daysAgo each time.
 */
let lastCutoffs: { time: number; stale: string; recent: string } | undefined;
function freshnessCutoffs(now: Date): { stale: string; recent: string } {
  const time = now.getTime();
  if (lastCutoffs?.time !== time) {
    lastCutoffs = {
      time,
      stale: daysAgo(now, STALE_AFTER_DAYS),
      recent: daysAgo(now, CONFIRM_EVERY_DAYS),
    };
  }
  return lastCutoffs;
}

export function freshnessFactor(o: MatchOpportunity, now: Date): { value: number; detail: FactorDetail } {
  const stale = o.lastConfirmedAt <= freshnessCutoffs(now).stale;
  return {
    value: freshnessValue(o, now),
    detail: { factor: 'freshness', lastConfirmedAt: o.lastConfirmedAt, stale },
  };
}

function freshnessValue(o: MatchOpportunity, now: Date): number {
  const cutoffs = freshnessCutoffs(now);
  const stale = o.lastConfirmedAt <= cutoffs.stale;
  const recent = o.lastConfirmedAt > cutoffs.recent;
  return recent ? 1 : stale ? 0 : 0.5;
}

const visitTrialValue = (o: MatchOpportunity) =>
  0.5 * (o.visitPossible ? 1 : 0) + 0.5 * (o.trialPossible ? 1 : 0);

function range(min: number | null, max: number | null): Range {
  return { min, max };
}

function rangesFactor(
  factor: 'daily_hours' | 'days_per_week',
  person: Range,
  offer: Range,
): { value: number | null; detail: FactorDetail } {
  return { value: rangesMeet(person, offer), detail: { factor, person, offer } };
}

/**
 * The factors of one opportunity, in factorKeys order, and their total. Written without
 * closures: it runs for every candidate of a ranking (issue 6).
 */
export function scoreOpportunity(
  needs: MatchNeeds,
  o: MatchOpportunity,
  weights: Weights,
  now: Date,
  known: KnownFacts = {},
): { score: number; factors: Factor[] } {
  const parts: Record<FactorKey, { value: number | null; detail: FactorDetail }> = {
    schedule: scheduleFactor(needs, o, known),
    daily_hours: rangesFactor(
      'daily_hours',
      range(needs.minDailyMinutes, needs.maxDailyMinutes),
      range(o.minDailyMinutes, o.maxDailyMinutes),
    ),
    days_per_week: rangesFactor(
      'days_per_week',
      range(needs.minDaysPerWeek, needs.maxDaysPerWeek),
      range(o.minDaysPerWeek, o.maxDaysPerWeek),
    ),
    travel: travelFactor(needs, o, known),
    tasks: tasksFactor(needs, o),
    supports: supportsFactor(needs, o),
    visit_trial: {
      value: visitTrialValue(o),
      detail: { factor: 'visit_trial', visit: Boolean(o.visitPossible), trial: Boolean(o.trialPossible) },
    },
    freshness: freshnessFactor(o, now),
  };
  let score = 0;
  const factors: Factor[] = [];
  for (const key of factorKeys) {
    const { value, detail } = parts[key];
    const points = value === null ? 0 : weights[key] * value;
    score += points;
    factors.push({ factor: key, value, weight: weights[key], points, detail });
  }
  return { score, factors };
}

/**
 * The score alone: the same values, weights and order of addition as scoreOpportunity, so the
 * same number, without building the factors' details. Ranking scores every candidate this way
 * and builds factors only for those it keeps (issue 6; score.test.ts checks the two agree).
 */
export function scoreOf(
  needs: MatchNeeds,
  o: MatchOpportunity,
  weights: Weights,
  now: Date,
  known: Required<KnownFacts>,
): number {
  let score = 0;
  if (needs.windows.length > 0)
    score += weights.schedule * Math.min(1, weekdayCount(known.fitting) / targetDaysOf(needs));
  const daily = meets(needs.minDailyMinutes, needs.maxDailyMinutes, o.minDailyMinutes, o.maxDailyMinutes);
  if (daily !== null) score += weights.daily_hours * daily;
  const days = meets(needs.minDaysPerWeek, needs.maxDaysPerWeek, o.minDaysPerWeek, o.maxDaysPerWeek);
  if (days !== null) score += weights.days_per_week * days;
  const travel = known.travel.estimate;
  if (travel) score += weights.travel * travelValue(needs, travel);
  let matched = 0;
  for (const t of needs.tasks) if (o.tasks.includes(t)) matched += 1;
  const tasks = tasksValue(needs, matched);
  if (tasks !== null) score += weights.tasks * tasks;
  let unknown = 0;
  for (const support of needs.supports) if (!o.supports.includes(support)) unknown += 1;
  score += weights.supports * supportsValue(unknown);
  score += weights.visit_trial * visitTrialValue(o);
  score += weights.freshness * freshnessValue(o, now);
  return score;
}

/** Higher score first; equal scores by id, so the order never depends on the input's. */
export function compareScored(
  a: { opportunity: { id: string }; score: number },
  b: { opportunity: { id: string }; score: number },
): number {
  if (a.score !== b.score) return b.score - a.score;
  return a.opportunity.id < b.opportunity.id ? -1 : a.opportunity.id > b.opportunity.id ? 1 : 0;
}

export type RankOptions = ConstraintOptions & { weights: Weights; limit: number; now: Date };

export type Ranking = { results: Scored[]; considered: number; excluded: number };

/**
 * The best `limit` opportunities that break no hard constraint. Keeps only the current top N
 * (insertion into a short sorted list), so ranking 100k costs about n × log N, not a full sort.
 */
export function rankOpportunities(
  needs: MatchNeeds,
  opportunities: Iterable<MatchOpportunity>,
  options: RankOptions,
): Ranking {
  type Kept = { opportunity: MatchOpportunity; score: number; known: Required<KnownFacts> };
  const top: Kept[] = [];
  let considered = 0;
  let excluded = 0;
  for (const o of opportunities) {
    considered += 1;
    // Worked out once for the constraints, the score and the kept ones' factors (issue 6).
    const known: Required<KnownFacts> = {
      fitting: fittingWindows(o, needs),
      travel: { estimate: estimateTravel(needs, o) },
    };
    if (exclusionsOf(needs, o, options, known).length > 0) {
      excluded += 1;
      continue;
    }
    const kept: Kept = {
      opportunity: o,
      score: scoreOf(needs, o, options.weights, options.now, known),
      known,
    };
    if (top.length === options.limit) {
      const last = top[top.length - 1];
      if (!last || compareScored(kept, last) >= 0) continue;
      top.pop();
    }
    // Binary search for the insertion point.
    let low = 0;
    let high = top.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      const current = top[mid];
      if (current && compareScored(current, kept) <= 0) low = mid + 1;
      else high = mid;
    }
    top.splice(low, 0, kept);
  }
  const results = top.map(({ opportunity, known }): Scored => {
    const { score, factors } = scoreOpportunity(needs, opportunity, options.weights, options.now, known);
    return { opportunity, score, factors };
  });
  return { results, considered, excluded };
}
