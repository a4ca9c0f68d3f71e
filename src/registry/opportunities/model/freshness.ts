/**
 * Freshness rules: when a facility is asked to confirm a published はたらく場, when it is not
 * reminded again, and when it is marked 「情報が古い可能性」. The reminder job is ../freshness.ts.
 */
import type { OpportunityStatus } from './codes';

const DAY_MS = 86_400_000;

/** A published opportunity is to be confirmed by its facility this often (setting overrides). */
export const CONFIRM_EVERY_DAYS = 60;
/** The same opportunity is not reminded about again within this many days. */
export const REMIND_AGAIN_AFTER_DAYS = 7;
/** Unconfirmed this long, an opportunity is marked 「情報が古い可能性」. */
export const STALE_AFTER_DAYS = 120;

export function daysAgo(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}

/** True when the facility should confirm the opportunity (published and unconfirmed for `days`). */
export function needsConfirmation(
  opportunity: { status: OpportunityStatus; lastConfirmedAt: string },
  now: Date,
  days = CONFIRM_EVERY_DAYS,
): boolean {
  return opportunity.status === 'published' && opportunity.lastConfirmedAt <= daysAgo(now, days);
}

/** 「情報が古い可能性」: not confirmed for STALE_AFTER_DAYS days. */
export function isStale(opportunity: { lastConfirmedAt: string }, now: Date): boolean {
  return opportunity.lastConfirmedAt <= staleThreshold(now);
}

/** A lastConfirmedAt at or before this is stale at `now` (for checking many rows at once). */
export function staleThreshold(now: Date): string {
  return daysAgo(now, STALE_AFTER_DAYS);
}
