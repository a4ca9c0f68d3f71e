/** How long a failed job waits before its next attempt. */

export type BackoffOptions = {
  /** Delay after the first failed attempt; doubles with each further one. */
  baseMs: number;
  /** The longest delay, so a job failing for hours is still retried now and then. */
  maxMs: number;
};

export const defaultBackoff: BackoffOptions = { baseMs: 30_000, maxMs: 60 * 60_000 };

/** The delay after failed attempt number `attempt` (1 for the first): base × 2^(attempt−1), capped. */
export function retryDelayMs(attempt: number, { baseMs, maxMs }: BackoffOptions = defaultBackoff): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
