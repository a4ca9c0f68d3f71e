/**
 * Sends raw digest messages from worker threads, each with its own pooled SMTP transport, so
 * nodemailer's per-byte work (dot-stuffing the DATA, socket writes — most of the sender's CPU
 * with ~160 KB messages) runs beside the thread that claims rows and builds the messages
 * (docs/decisions/025). An attachment section goes to a thread once, then is named by key.
 */
import { Worker } from 'node:worker_threads';
import type SMTPPool from 'nodemailer/lib/smtp-pool';

export type ThreadRequest =
  | { type: 'section'; key: number; bytes: Uint8Array }
  | { type: 'evict'; key: number }
  | { type: 'close' }
  | {
      type: 'send';
      id: number;
      envelope: { from: string; to: string[] };
      head: Uint8Array;
      sectionKey?: number;
    };

export type ThreadResponse = {
  id: number;
  error?: { message: string; responseCode?: number; code?: string };
};

type Thread = {
  worker: Worker;
  /** Section keys the thread holds, oldest first. */
  sections: Map<number, true>;
  inFlight: number;
  failed?: Error;
};

const threadUrl = new URL('./smtp-thread.ts', import.meta.url).href;

/** Sections kept per thread: more than the attachment cache holds, so a set is sent once. */
const SECTIONS_PER_THREAD = 32;

export class SmtpThreads {
  private readonly threads: Thread[];
  private readonly waiting = new Map<
    number,
    { resolve: () => void; reject: (e: Error) => void; thread: Thread }
  >();
  private next = 1;

  constructor(count: number, transport: SMTPPool.Options) {
    this.threads = Array.from({ length: count }, () => {
      // The thread loads TypeScript through tsx's loader (registered in the thread, since a
      // worker does not get the hooks of the thread that starts it on Node 20).
      const worker = new Worker(
        `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(threadUrl)}); })`,
        { eval: true, workerData: { transport } },
      );
      const thread: Thread = { worker, sections: new Map(), inFlight: 0 };
      worker.on('message', (response: ThreadResponse) => this.answer(response));
      worker.on('error', (error) => this.fail(thread, error));
      worker.on('exit', (code) => this.fail(thread, new Error(`SMTP thread exited (${code})`)));
      worker.unref();
      return thread;
    });
  }

  /** False once every thread has failed (the sender then sends from its own thread). */
  get available(): boolean {
    return this.threads.some((t) => !t.failed);
  }

  /** Sends `head` followed by the section (the same Buffer object for the same set). */
  send(
    envelope: { from: string; to: string[] },
    head: Buffer,
    section?: { key: number; bytes: Buffer },
  ): Promise<void> {
    const usable = this.threads.filter((t) => !t.failed);
    const thread = usable.sort((a, b) => a.inFlight - b.inFlight)[0];
    if (!thread) return Promise.reject(this.threads[0]?.failed ?? new Error('no SMTP thread'));
    if (section && !thread.sections.has(section.key)) {
      thread.worker.postMessage({
        type: 'section',
        key: section.key,
        bytes: section.bytes,
      } satisfies ThreadRequest);
      thread.sections.set(section.key, true);
      if (thread.sections.size > SECTIONS_PER_THREAD) {
        const oldest = thread.sections.keys().next().value as number;
        thread.sections.delete(oldest);
        thread.worker.postMessage({ type: 'evict', key: oldest } satisfies ThreadRequest);
      }
    } else if (section) {
      thread.sections.delete(section.key);
      thread.sections.set(section.key, true);
    }
    const id = this.next++;
    thread.inFlight += 1;
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, thread });
      thread.worker.postMessage({
        type: 'send',
        id,
        envelope,
        head,
        sectionKey: section?.key,
      } satisfies ThreadRequest);
    });
  }

  async close(): Promise<void> {
    for (const thread of this.threads) thread.worker.postMessage({ type: 'close' } satisfies ThreadRequest);
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }

  private answer(response: ThreadResponse): void {
    const waiter = this.waiting.get(response.id);
    if (!waiter) return;
    this.waiting.delete(response.id);
    waiter.thread.inFlight -= 1;
    if (!response.error) {
      waiter.resolve();
      return;
    }
    const error = new Error(response.error.message) as Error & { responseCode?: number; code?: string };
    error.responseCode = response.error.responseCode;
    error.code = response.error.code;
    waiter.reject(error);
  }

  private fail(thread: Thread, error: Error): void {
    thread.failed ??= error;
    for (const [id, waiter] of this.waiting) {
      if (waiter.thread !== thread) continue;
      this.waiting.delete(id);
      waiter.reject(error);
    }
  }
}
