/**
 * Sends an edition: claims its delivery rows in batches with a lease, renders each recipient's
 * mail (content and attachments cached per preference set), sends it over SMTP at the configured
 * rate, and records the outcome on the row. Safe with several instances and after a crash: a
 * row is only sent under a lease, and a lease that ran out (its sender died) is claimed again.
 *
 * The window between the SMTP server's "250 OK" and the row's update cannot be closed (SMTP has
 * no idempotency key): a sender killed there sends those messages again when the lease is
 * claimed again, with the same Message-ID (<delivery id@host>), which mail stores that dedupe by
 * Message-ID show once. Sent rows are recorded in batches (sent-recorder.ts), and at most
 * `unrecordedMax` (50) messages are ever sent without their row saying so: the most a crash
 * repeats (docs/decisions/025). Each message is built once as raw MIME (mime.ts).
 */
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type { Dialect } from '../platform/db/connection';
import type { Database } from '../platform/db/schema';
import { nowIso } from '../platform/db/time';
import type { Locale } from '../platform/i18n';
import { type BackoffOptions, retryDelayMs } from '../platform/jobs/backoff';
import type { Logger } from '../platform/jobs/logger';
import { queueMail } from '../platform/mail/outbox';
import { AttachmentCache, type CachedAttachments } from './attachments';
import { contentFor, type EditionContent, type FrozenItem, isEmptyContent } from './edition';
import { composeDigestMail, describePreferences } from './mail';
import { digestMessages } from './messages';
import { attachmentSection, buildRawMail, isPlainAddress, rawMailHead } from './mime';
import { type DigestPreferences, municipalityName, preferenceKey, preferencesOfRow } from './preferences';
import { SentRecorder } from './sent-recorder';
import { SmtpThreads } from './smtp-threads';
import {
  type ClaimedDelivery,
  claimDeliveries,
  type EditionRow,
  findEdition,
  finishEdition,
  listItems,
  listRecipientsByIds,
  markDeliveriesSent,
  markDeliveryFailed,
  markDeliveryRetry,
  markDeliverySkipped,
  nextDeliveryDue,
  type RecipientRow,
  recordPermanentFailure,
  resetFailures,
} from './store';
import { signUnsubscribeToken } from './tokens';

export type DigestSenderOptions = {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Leave out to put each message in the mail outbox instead (kept there without SMTP). */
  smtpUrl?: string;
  from: string;
  baseUrl: string;
  /** Messages a second from this instance; 0 = no limit. */
  sendRate: number;
  secret: string;
  locale?: Locale;
  /** Messages in flight at once (SMTP connections in the pool). */
  concurrency?: number;
  /**
   * Worker threads that send the built messages (each with its own SMTP pool, the connections
   * shared out); 0 sends from this thread. Default 2.
   */
  smtpThreads?: number;
  batchSize?: number;
  /**
   * The most messages that may be accepted by the relay (or on their way) but not yet recorded
   * as sent: sent rows are recorded in batches, one UPDATE for up to half of this, and a crash
   * repeats at most this many (docs/decisions/025). At least `concurrency`; default 50.
   */
  unrecordedMax?: number;
  /** A batch of sent rows waits at most this long before it is recorded; default 200 ms. */
  recordEveryMs?: number;
  leaseMs?: number;
  maxAttempts?: number;
  backoff?: BackoffOptions;
  /** A run stops after this long and asks to be continued, so one job never holds a worker long. */
  timeBudgetMs?: number;
  now?: () => Date;
};

export type SendRun = {
  edition: EditionRow['status'] | 'missing';
  sent: number;
  failed: number;
  retried: number;
  skipped: number;
  /** When to run again (ISO); undefined when the edition is finished or not sending. */
  continueAt?: string;
};

export const digestBackoff: BackoffOptions = { baseMs: 60_000, maxMs: 60 * 60_000 };

/** Spaces the start of sends `1000 / rate` ms apart across concurrent senders of one instance. */
export class RateLimiter {
  private next = 0;
  constructor(private readonly perSecond: number) {}
  async take(): Promise<void> {
    if (this.perSecond <= 0) return;
    const interval = 1000 / this.perSecond;
    const now = performance.now();
    const slot = Math.max(now, this.next);
    this.next = slot + interval;
    if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
  }
}

type SmtpError = Error & { responseCode?: number; code?: string };

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 1000 ? `${message.slice(0, 1000)}…` : message;
}

/** 5xx replies (mailbox unknown, rejected) do not get better by retrying; anything else may. */
export function isPermanentSmtpError(error: unknown): boolean {
  const code = (error as SmtpError)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export function messageIdOf(deliveryId: string, baseUrl: string): string {
  const host = new URL(baseUrl).hostname || 'hataraku.example';
  return `<${deliveryId}.digest@${host}>`;
}

export function createDigestSender(options: DigestSenderOptions) {
  const locale = options.locale ?? 'ja';
  const concurrency = options.concurrency ?? 4;
  const leaseMs = options.leaseMs ?? 120_000;
  const maxAttempts = options.maxAttempts ?? 6;
  const backoff = options.backoff ?? digestBackoff;
  const timeBudgetMs = options.timeBudgetMs ?? 60_000;
  const now = options.now ?? (() => new Date());
  // A lease must outlast the wait for its rate slot: claim no more than a quarter lease's worth.
  const rateCap = options.sendRate > 0 ? Math.max(1, Math.floor((options.sendRate * leaseMs) / 4000)) : 100;
  const batchSize = Math.min(options.batchSize ?? 50, rateCap);
  const unrecordedMax = Math.max(concurrency, options.unrecordedMax ?? 50);
  const recordEveryMs = options.recordEveryMs ?? 200;
  const rate = new RateLimiter(options.sendRate);
  const attachments = new AttachmentCache(16);
  const owner = `${process.pid}:${Math.random().toString(36).slice(2, 10)}`;
  const transport = (maxConnections: number): SMTPPool.Options => ({
    url: options.smtpUrl,
    pool: true,
    maxConnections,
    maxMessages: Number.POSITIVE_INFINITY,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  const transporter = options.smtpUrl ? nodemailer.createTransport(transport(concurrency)) : undefined;
  const threadCount = Math.min(options.smtpThreads ?? 2, concurrency);
  const threads =
    options.smtpUrl && threadCount > 0
      ? new SmtpThreads(threadCount, transport(Math.ceil(concurrency / threadCount)))
      : undefined;

  // The envelope sender: the address of the From header.
  const envelopeFrom = addressparser(options.from, { flatten: true })[0]?.address ?? options.from;
  // Each cached attachment set's parts encoded once as the tail of a raw message.
  const sections = new WeakMap<CachedAttachments, { key: number; bytes: Buffer }>();
  let sectionKeys = 0;
  function sectionOf(files: CachedAttachments) {
    if (files.raw.length === 0) return undefined;
    let section = sections.get(files);
    if (!section) {
      section = { key: ++sectionKeys, bytes: attachmentSection(files.raw) };
      sections.set(files, section);
    }
    return section;
  }

  // The items of the edition being sent, parsed once; and each preference set's content.
  let loaded: { editionId: string; items: FrozenItem[]; contents: Map<string, EditionContent> } | undefined;

  async function itemsOf(editionId: string) {
    if (loaded?.editionId !== editionId) {
      const rows = await listItems(options.db, editionId);
      loaded = {
        editionId,
        items: rows.map((row) => ({
          change: row.change,
          isOpen: row.is_open === 1,
          entry: JSON.parse(row.snapshot),
        })),
        contents: new Map(),
      };
    }
    return loaded;
  }

  function contentOf(state: NonNullable<typeof loaded>, preferences: DigestPreferences, key: string) {
    let content = state.contents.get(key);
    if (!content) {
      content = contentFor(state.items, preferences);
      // Bounded like the attachments: memory must not grow with the number of recipients.
      if (state.contents.size > 256) state.contents.clear();
      state.contents.set(key, content);
    }
    return content;
  }

  async function deliverOne(
    edition: EditionRow,
    state: NonNullable<typeof loaded>,
    delivery: ClaimedDelivery,
    recipient: RecipientRow | undefined,
    tally: SendRun,
    logger: Logger,
    recorder: SentRecorder,
  ): Promise<void> {
    const db = options.db;
    if (!recipient) {
      await markDeliveryFailed(db, delivery.id, owner, 'The subscriber was removed');
      tally.failed += 1;
      return;
    }
    const preferences = preferencesOfRow(recipient);
    const key = preferenceKey(preferences);
    const content = contentOf(state, preferences, key);
    const kind = edition.kind;
    if (recipient.skip_empty === 1 && isEmptyContent(content, kind)) {
      await markDeliverySkipped(db, delivery.id, owner);
      tally.skipped += 1;
      return;
    }
    const m = digestMessages[locale];
    const preferencesText = describePreferences(m, locale, preferences, municipalityName);
    const asOf = edition.frozen_at ?? nowIso(now());
    let files: CachedAttachments = { files: [], raw: [] };
    if (kind === 'edition' && content.open.length > 0) {
      files = await attachments.get({
        key: `${edition.id}|${key}`,
        locale,
        entries: content.open,
        asOf: new Date(asOf),
        baseUrl: options.baseUrl,
        conditions: preferencesText === m.anyPreference ? [] : [preferencesText],
      });
    }
    const mail = composeDigestMail({
      locale,
      kind,
      title: edition.title,
      asOf,
      recipientName: recipient.name,
      preferencesText,
      content,
      baseUrl: options.baseUrl,
      unsubscribeUrl: `${options.baseUrl}/digest/unsubscribe/${signUnsubscribeToken(options.secret, recipient.id)}`,
      hasAttachments: files.files.length > 0,
    });
    // The slot first, then the rate: a wait for a slot must not bunch up sends the rate spaced.
    await recorder.acquire();
    await rate.take();
    try {
      if (transporter && isPlainAddress(delivery.email)) {
        // The message built here once, not composed through nodemailer's streams (mime.ts).
        const section = sectionOf(files);
        const input = {
          from: options.from,
          to: delivery.email,
          subject: mail.subject,
          messageId: delivery.message_id,
          headers: mail.headers,
          text: mail.text,
          html: mail.html,
          attachments: section?.bytes,
          date: now(),
        };
        const envelope = { from: envelopeFrom, to: [delivery.email] };
        if (threads?.available) await threads.send(envelope, rawMailHead(input), section);
        else await transporter.sendMail({ envelope, raw: buildRawMail(input) });
      } else if (transporter) {
        await transporter.sendMail({
          from: options.from,
          to: delivery.email,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: mail.headers,
          messageId: delivery.message_id,
          attachments: files.raw.map((raw) => ({ raw })),
        });
      } else {
        await queueMail(db, {
          to: delivery.email,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: { ...mail.headers, 'Message-ID': delivery.message_id },
          attachments: files.files,
        });
      }
    } catch (error) {
      recorder.release();
      const at = nowIso(now());
      if (isPermanentSmtpError(error)) {
        await markDeliveryFailed(db, delivery.id, owner, describeError(error));
        const failures = await recordPermanentFailure(db, recipient.id, at);
        logger.warn({ deliveryId: delivery.id, failures }, 'digest delivery refused permanently');
        tally.failed += 1;
      } else if (delivery.attempts >= maxAttempts) {
        await markDeliveryFailed(db, delivery.id, owner, describeError(error));
        tally.failed += 1;
      } else {
        const nextAttemptAt = nowIso(new Date(now().getTime() + retryDelayMs(delivery.attempts, backoff)));
        await markDeliveryRetry(db, delivery.id, owner, { nextAttemptAt, error: describeError(error) });
        tally.retried += 1;
      }
      return;
    }
    recorder.sent({ id: delivery.id, subscriberId: recipient.id });
    tally.sent += 1;
  }

  /** Sends what is due of one edition for up to the time budget; see SendRun. */
  async function sendEdition(editionId: string, logger: Logger): Promise<SendRun> {
    const tally: SendRun = { edition: 'missing', sent: 0, failed: 0, retried: 0, skipped: 0 };
    const edition = await findEdition(options.db, editionId);
    if (!edition) return tally;
    tally.edition = edition.status;
    if (edition.status !== 'sending') return tally;
    const state = await itemsOf(editionId);
    const started = Date.now();
    let outOfTime = false;
    const recorder = new SentRecorder(unrecordedMax, recordEveryMs, async (entries) => {
      const ids = entries.map((e) => e.id);
      const recorded = await markDeliveriesSent(options.db, ids, owner, nowIso(now()));
      if (recorded < ids.length) {
        logger.warn(
          { editionId, late: ids.length - recorded },
          'digest deliveries sent after their lease ran out',
        );
      }
      // A delivered message ends a run of permanent failures (three in a row pause the address).
      await resetFailures(
        options.db,
        entries.map((e) => e.subscriberId),
      );
    });
    try {
      for (;;) {
        if (Date.now() - started > timeBudgetMs) {
          outOfTime = true;
          break;
        }
        const at = now();
        const claimed = await claimDeliveries(options.db, options.dialect, {
          editionId,
          owner,
          now: nowIso(at),
          leaseUntil: nowIso(new Date(at.getTime() + leaseMs)),
          limit: batchSize,
        });
        if (claimed.length === 0) break;
        const recipients = new Map(
          (await listRecipientsByIds(options.db, [...new Set(claimed.map((d) => d.subscriber_id))])).map(
            (r) => [r.id, r],
          ),
        );
        let next = 0;
        const workers = Array.from({ length: Math.min(concurrency, claimed.length) }, async () => {
          while (next < claimed.length) {
            const delivery = claimed[next++] as ClaimedDelivery;
            const recipient = recipients.get(delivery.subscriber_id);
            await deliverOne(edition, state, delivery, recipient, tally, logger, recorder);
          }
        });
        // Every worker ends before the run does, so what they sent is in the final flush.
        const failure = (await Promise.allSettled(workers)).find((r) => r.status === 'rejected');
        if (failure) throw failure.reason;
      }
    } finally {
      // Whatever was accepted is recorded before the run ends, also when it ends with an error.
      await recorder.flush().catch(() => {});
    }
    await recorder.flush();
    if (outOfTime) return { ...tally, continueAt: nowIso(now()) };
    const due = await nextDeliveryDue(options.db, editionId);
    if (due) return { ...tally, continueAt: due };
    if (await finishEdition(options.db, editionId, nowIso(now()))) {
      logger.info({ editionId }, 'digest edition sent');
      tally.edition = 'sent';
    }
    return tally;
  }

  return {
    sendEdition,
    stats: () => ({ attachmentRenders: attachments.renders, renderMs: Math.round(attachments.renderMs) }),
    close: () => {
      transporter?.close();
      threads?.close().catch(() => {});
    },
  };
}

export type DigestSender = ReturnType<typeof createDigestSender>;
