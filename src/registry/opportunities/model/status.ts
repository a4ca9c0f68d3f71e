/**
 * The status machine of a はたらく場: draft → published → paused | full → archived (paused and
 * full may reopen; archived is final).
 */
import type { OpportunityStatus } from './codes';

const transitions: Record<OpportunityStatus, readonly OpportunityStatus[]> = {
  draft: ['published', 'archived'],
  published: ['paused', 'full', 'archived'],
  paused: ['published', 'full', 'archived'],
  full: ['published', 'paused', 'archived'],
  archived: [],
};

/** The statuses an opportunity may move to from `from`. */
export function nextStatuses(from: OpportunityStatus): readonly OpportunityStatus[] {
  return transitions[from];
}

/** draft → published → paused | full → archived (paused and full may reopen; archived is final). */
export function transitionStatus(
  from: OpportunityStatus,
  to: OpportunityStatus,
): { ok: true; status: OpportunityStatus } | { ok: false; error: 'invalidTransition' } {
  return transitions[from].includes(to)
    ? { ok: true, status: to }
    : { ok: false, error: 'invalidTransition' };
}
