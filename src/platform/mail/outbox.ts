/**
 * The mail outbox: a use case queues a message by writing its row and its delivery job with the
 * same database handle, so inside the use case's transaction both are written or neither is;
 * the job worker sends it later (see deliver.ts).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { newId, nowIso } from '../db/time';
import { enqueueJob } from '../jobs/queue';
import { insertMail, type StoredAttachment } from './store';

export const mailDeliverJobName = 'mail.deliver';

/** Enough attempts, with the worker's back-off (30 s doubling to 1 h), to outlast an hour-long SMTP outage. */
export const mailDeliverMaxAttempts = 8;

export type MailDeliverPayload = { mailId: string };

export type OutgoingAttachment = { filename: string; contentType: string; content: Buffer };

export type QueueMailInput = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. { 'List-Unsubscribe': '<https://…>' }. */
  headers?: Record<string, string>;
  attachments?: OutgoingAttachment[];
};

const lineBreak = /[\r\n]/;

/** Writes the message and its delivery job; returns the message id. */
export async function queueMail(db: Kysely<Database>, input: QueueMailInput): Promise<string> {
  // A line break in a header would let a value add headers of its own; refuse it here, where
  // the caller still can report it, rather than at delivery.
  for (const [name, value] of Object.entries({ To: input.to, ...input.headers })) {
    if (lineBreak.test(name) || lineBreak.test(value)) {
      throw new RangeError(`Mail header ${JSON.stringify(name)} must not contain a line break`);
    }
  }
  const id = newId();
  const attachments: StoredAttachment[] = (input.attachments ?? []).map((attachment) => ({
    filename: attachment.filename,
    contentType: attachment.contentType,
    contentBase64: attachment.content.toString('base64'),
  }));
  await insertMail(db, {
    id,
    to_address: input.to,
    subject: input.subject,
    text_body: input.text,
    html_body: input.html ?? null,
    headers: JSON.stringify(input.headers ?? {}),
    attachments: JSON.stringify(attachments),
    created_at: nowIso(),
  });
  const payload: MailDeliverPayload = { mailId: id };
  await enqueueJob(db, { name: mailDeliverJobName, payload, maxAttempts: mailDeliverMaxAttempts });
  return id;
}
