/**
 * Bounds what a crashed sender can send twice: sent deliveries are recorded in batches, and a
 * sender takes a slot before each send that is freed only once its row is recorded, so at most
 * `limit` messages are ever sent without their row saying so (docs/decisions/025). Used by
 * sender.ts.
 */

type SentEntry = { id: string; subscriberId: string };

/**
 * Records sent deliveries in batches (one `UPDATE … WHERE id IN (…)` each) instead of one
 * statement per message, and bounds what a crash can repeat: a sender takes a slot before it
 * sends, and the slot is freed only when the update that records its row has committed (or at
 * once when the send failed). So at any moment at most `limit` messages are sent or being sent
 * without their row saying so. A batch is written when half the slots wait in it, after
 * `everyMs`, or when the sender asks (end of a claimed batch); one write at a time.
 */
export class SentRecorder {
  private pending: SentEntry[] = [];
  private held = 0;
  private waiters: (() => void)[] = [];
  private chain: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failure: unknown;
  private readonly flushAt: number;
  recorded = 0;
  writes = 0;

  constructor(
    private readonly limit: number,
    private readonly everyMs: number,
    private readonly write: (entries: SentEntry[]) => Promise<void>,
  ) {
    this.flushAt = Math.max(1, Math.floor(limit / 2));
  }

  /** Waits for a slot in the unrecorded window; call before sending. Rethrows a failed write. */
  async acquire(): Promise<void> {
    for (;;) {
      if (this.failure) throw this.failure;
      if (this.held < this.limit) break;
      if (this.pending.length > 0) this.flushQuietly();
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    this.held += 1;
  }

  /** Gives a slot back for a message that was not accepted (its row is updated on its own). */
  release(): void {
    this.held -= 1;
    this.wake();
  }

  /** The relay accepted the message: its row is recorded with the next batch. */
  sent(entry: SentEntry): void {
    this.pending.push(entry);
    if (this.pending.length >= this.flushAt) this.flushQuietly();
    else this.timer ??= setTimeout(() => this.flushQuietly(), this.everyMs);
  }

  /** A write started in passing: its failure is kept and thrown by the next acquire or flush. */
  private flushQuietly(): void {
    this.flush().catch(() => {});
  }

  /** Writes what is pending; resolves when it (and any write before it) is done. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return this.chain.then(() => this.check());
    this.chain = this.chain.then(async () => {
      try {
        await this.write(batch);
        this.recorded += batch.length;
        this.writes += 1;
      } catch (error) {
        // The rows stay leased and are sent again when the lease runs out (at-least-once).
        this.failure ??= error;
      } finally {
        this.held -= batch.length;
        this.wake();
      }
    });
    return this.chain.then(() => this.check());
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
