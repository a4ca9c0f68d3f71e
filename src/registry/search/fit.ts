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

export function fitScore(o: FitInput, filters: SearchFilters, terms: readonly string[]): number {
  let score = 0;
  if (filters.weekdays.length > 0) score += 10 * o.fitDays;
  if (filters.tasks.length > 1) {
    const matched = filters.tasks.filter((t) => o.tasks.includes(t)).length;
    score += 5 * Math.max(0, matched - 1);
  }
  if (o.status === 'published' && o.fitPlaces > 0) score += 4;
  if (terms.length > 0) {
    const title = o.titleText ?? toSearchText(o.title);
    if (terms.every((term) => title.includes(term))) score += 3;
  }
  score += o.visitPossible ? 1 : 0;
  score += o.trialPossible ? 1 : 0;
  score += 0.2 * o.supports.length;
  if (o.stale) score -= 5;
  if (o.distanceKm !== undefined) score -= 0.5 * o.distanceKm;
  return score;
}
