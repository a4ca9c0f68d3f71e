/**
 * How a はたらく場 changed: new, changed or closed since a time (digests, the API's
 * `changed_since`, matching), and which values differ between two versions (the history).
 */
import { closedStatuses, type OpportunityStatus } from './codes';

export type ChangeKind = 'new' | 'changed' | 'closed';

/**
 * How an opportunity changed since `since` (ISO timestamp), for digests and API clients:
 * - new: first published after `since` and taking people now;
 * - closed: was published at `since` (first published before it) and moved to paused, full or
 *   archived after it;
 * - changed: published before `since`, taking people now, and edited (or reopened) after it.
 * Anything else (a draft, or opened and closed again within the period) is undefined.
 */
export function classifyChange(
  opportunity: {
    status: OpportunityStatus;
    publishedAt: string | null;
    updatedAt: string;
    statusChangedAt: string;
  },
  since: string,
): ChangeKind | undefined {
  const { status, publishedAt } = opportunity;
  if (!publishedAt) return undefined;
  if (status === 'published') {
    if (publishedAt > since) return 'new';
    return opportunity.updatedAt > since ? 'changed' : undefined;
  }
  if (closedStatuses.includes(status) && publishedAt <= since && opportunity.statusChangedAt > since) {
    return 'closed';
  }
  return undefined;
}

/** Field → { before, after } for the values that differ (arrays and windows compared as JSON). */
export function diffValues(
  before: Partial<Record<string, unknown>>,
  after: Partial<Record<string, unknown>>,
): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    const was = before[key] ?? null;
    const now = after[key] ?? null;
    if (JSON.stringify(was) !== JSON.stringify(now)) changes[key] = { before: was, after: now };
  }
  return changes;
}
