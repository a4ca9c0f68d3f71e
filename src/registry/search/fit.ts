/**
 * How well a listed はたらく場 fits a search, for "sort by fit". Every filter is already a hard
 * condition; the score orders what passed by what a counsellor weighs next. Pure. Points:
 *   +10 for each asked weekday on which a time window fits (more of the person's days)
 *   +5  for each asked task category beyond the first that it offers
 *   +4  open places (accepting, with places in a fitting window)
 *   +3  every word of the free text is in the title (not only the description or facility)
 *   +1  a visit is possible, +1 a trial day is possible
 *   +0.2 for each support offered (at most 15: more ways to accommodate)
 *   −5  「情報が古い可能性」 (unconfirmed for 120 days)
 *   −0.5 a km from the origin, when there is one
 * Ties: most recently updated first, then by id (stable pages).
 */
import { toSearchText } from '../../platform/text/normalise';
import type { OpportunityStatus, SupportCode, TaskCategory } from '../opportunities/opportunity';
import type { SearchFilters } from './filters';

export type FitInput = {
  title: string;
  tasks: readonly TaskCategory[];
  supports: readonly SupportCode[];
  visitPossible: number;
  trialPossible: number;
  status: OpportunityStatus;
  stale: boolean;
  fitDays: number;
  fitPlaces: number;
  distanceKm?: number;
  /** The title already in the stored search form (toSearchText), when the caller has it. */
  titleText?: string;
};

/**
 * The facts of a fit once worked out: from a row and the filters (fitScore), or from the
 * snapshot's columns for every match of a broad search (snapshot-search.ts), which reuses one of
 * these rather than making an object per match.
 */
export type FitPoints = {
  fitDays: number;
  /** How many of the asked task categories it offers. */
  matchedTasks: number;
  /** Accepting (published) with places in a fitting window. */
  openWithPlaces: boolean;
  titleHasTerms: boolean;
  visitPossible: boolean;
  trialPossible: boolean;
  supportCount: number;
  stale: boolean;
  distanceKm: number | undefined;
};

/** The score of those facts; the points are added in one fixed order, so equal facts give equal scores. */
export function fitPointsScore(p: FitPoints, weekdaysAsked: boolean, tasksAsked: number): number {
  let score = 0;
  if (weekdaysAsked) score += 10 * p.fitDays;
  if (tasksAsked > 1) score += 5 * Math.max(0, p.matchedTasks - 1);
  if (p.openWithPlaces) score += 4;
  if (p.titleHasTerms) score += 3;
  score += p.visitPossible ? 1 : 0;
  score += p.trialPossible ? 1 : 0;
  score += 0.2 * p.supportCount;
  if (p.stale) score -= 5;
  if (p.distanceKm !== undefined) score -= 0.5 * p.distanceKm;
  return score;
}

export function fitScore(o: FitInput, filters: SearchFilters, terms: readonly string[]): number {
  const title = terms.length > 0 ? (o.titleText ?? toSearchText(o.title)) : '';
  return fitPointsScore(
    {
      fitDays: o.fitDays,
      matchedTasks: filters.tasks.length > 1 ? filters.tasks.filter((t) => o.tasks.includes(t)).length : 0,
      openWithPlaces: o.status === 'published' && o.fitPlaces > 0,
      titleHasTerms: terms.length > 0 && terms.every((term) => title.includes(term)),
      visitPossible: Boolean(o.visitPossible),
      trialPossible: Boolean(o.trialPossible),
      supportCount: o.supports.length,
      stale: o.stale,
      distanceKm: o.distanceKm,
    },
    filters.weekdays.length > 0,
    filters.tasks.length,
  );
}
