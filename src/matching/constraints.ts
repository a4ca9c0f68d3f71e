/**
 * Hard constraints: what excludes an opportunity from a participant's shortlist, each with the
 * facts behind it so the "why not this one?" page can say exactly which rule applied. Pure.
 * An unknown fact never excludes (only an explicit "no" does), and never counts as a match.
 */
import type { SupportCode, TimeWindow, WorkFormOffer } from '../registry/opportunities/opportunity';
import { needsCertification, openPlaces } from '../registry/opportunities/opportunity';
import {
  estimateTravel,
  fittingWindows,
  type MatchNeeds,
  type MatchOpportunity,
  TRAVEL_TOLERANCE,
  type TravelEstimate,
} from './facts';

export type Exclusion =
  /** Draft, paused or archived: not taking anyone. */
  | { rule: 'not_accepting'; status: string }
  /** 満員, or no place left in any fitting window (unless full ones are included). */
  | { rule: 'no_open_place' }
  /** No weekday and time window within the person's availability. */
  | { rule: 'no_fitting_window' }
  /** Every offered form is 就労訓練 (B–D) and the person has no 支援決定. */
  | { rule: 'work_form'; forms: readonly WorkFormOffer[] }
  /** A support the person needs is explicitly not available there. */
  | { rule: 'support_unavailable'; supports: readonly SupportCode[] }
  /** The estimated trip is well beyond the person's limit (TRAVEL_TOLERANCE). */
  | { rule: 'too_far'; travel: TravelEstimate; limitMinutes: number | null; limitMetres: number | null };

export type ConstraintOptions = { includeFull: boolean };

/**
 * Facts already worked out for this pair (rankOpportunities computes them once for both the
 * constraints and the score); each is computed here when absent.
 */
export type KnownFacts = { fitting?: TimeWindow[]; travel?: { estimate: TravelEstimate | undefined } };

/** The forms the person can use: A always; B–D only with a 支援決定. */
export function usableForms(needs: MatchNeeds, forms: readonly WorkFormOffer[]): WorkFormOffer[] {
  return forms.filter((f) => needs.hasSupportDecision || !needsCertification(f));
}

/** True when the trip is beyond the limit's tolerance (minutes or metres, whichever is set). */
export function beyondReach(needs: MatchNeeds, travel: TravelEstimate): boolean {
  if (needs.travelMaxMinutes !== null && travel.exactMinutes > needs.travelMaxMinutes * TRAVEL_TOLERANCE)
    return true;
  return needs.travelMaxMetres !== null && travel.metres > needs.travelMaxMetres * TRAVEL_TOLERANCE;
}

/** Every hard constraint the opportunity breaks for these needs; empty when it may be shown. */
export function exclusionsOf(
  needs: MatchNeeds,
  o: MatchOpportunity,
  options: ConstraintOptions,
  known: KnownFacts = {},
): Exclusion[] {
  const found: Exclusion[] = [];
  if (o.status !== 'published' && o.status !== 'full')
    found.push({ rule: 'not_accepting', status: o.status });
  const fitting: TimeWindow[] = known.fitting ?? fittingWindows(o, needs);
  if (needs.windows.length > 0 && fitting.length === 0) found.push({ rule: 'no_fitting_window' });
  if (!options.includeFull) {
    const open = fitting.some((w) => openPlaces(w) > 0);
    if (o.status === 'full' || (fitting.length > 0 && !open) || o.windows.length === 0)
      found.push({ rule: 'no_open_place' });
  }
  if (usableForms(needs, o.workForms).length === 0) found.push({ rule: 'work_form', forms: o.workForms });
  const unavailable = needs.supports.filter((s) => o.supportsUnavailable.includes(s));
  if (unavailable.length > 0) found.push({ rule: 'support_unavailable', supports: unavailable });
  const travel = known.travel ? known.travel.estimate : estimateTravel(needs, o);
  if (travel && beyondReach(needs, travel))
    found.push({
      rule: 'too_far',
      travel,
      limitMinutes: needs.travelMaxMinutes,
      limitMetres: needs.travelMaxMetres,
    });
  return found;
}
