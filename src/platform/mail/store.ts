/**
 * Every SQL statement on the mail_message table: writing the outbox row, recording each
 * delivery outcome, and the reads behind the council's "sent mail" page.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, MailMessage, MailStatus } from '../db/schema';

/** A Kysely instance or a transaction: both extend Kysely. */
type Executor = Kysely<Database>;

/** How an attachment is kept in mail_message.attachments (JSON). */
export type StoredAttachment = { filename: string; contentType: string; contentBase64: string };

export type NewMailRow = Pick<
  MailMessage,
  'id' | 'to_address' | 'subject' | 'text_body' | 'html_body' | 'headers' | 'attachments' | 'created_at'
>;

export async function insertMail(db: Executor, row: NewMailRow): Promise<void> {
  await db
    .insertInto('mail_message')
    .values({ ...row, status: 'queued', attempts: 0 })
    .execute();
}

/** The row as the delivery handler needs it. */
export type MailForDelivery = Pick<
  MailMessage,
  'id' | 'to_address' | 'subject' | 'text_body' | 'html_body' | 'headers' | 'attachments' | 'status'
>;

export async function getMailForDelivery(db: Executor, id: string): Promise<MailForDelivery | undefined> {
  return db
    .selectFrom('mail_message')
    .select(['id', 'to_address', 'subject', 'text_body', 'html_body', 'headers', 'attachments', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function markMailSent(
  db: Executor,
  id: string,
  { messageId, sentAt }: { messageId: string; sentAt: string },
): Promise<void> {
  await db
    .updateTable('mail_message')
    .set((eb) => ({
      status: 'sent',
      sent_at: sentAt,
      message_id: messageId,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', id)
    .execute();
}

/** No SMTP server is configured: the message stays in the database for staff to read. */
export async function markMailKept(db: Executor, id: string): Promise<void> {
  await db.updateTable('mail_message').set({ status: 'kept' }).where('id', '=', id).execute();
}

/** Counts a failed attempt; `final` when no attempt follows, so the row ends 'failed'. */
export async function recordMailFailure(
  db: Executor,
  id: string,
  { error, final }: { error: string; final: boolean },
): Promise<void> {
  await db
    .updateTable('mail_message')
    .set((eb) => ({
      status: final ? 'failed' : 'queued',
      last_error: error,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', id)
    .execute();
}

const summaryColumns = [
  'id',
  'to_address',
  'subject',
  'status',
  'attempts',
  'last_error',
  'created_at',
  'sent_at',
] as const;

/** One line of the sent-mail list. */
export type MailSummary = Pick<MailMessage, (typeof summaryColumns)[number]>;

export type MailFilter = { status?: MailStatus };

/** Newest first. */
export async function listMail(
  db: Executor,
  { limit, offset, status }: { limit: number; offset: number } & MailFilter,
): Promise<MailSummary[]> {
  let query = db
    .selectFrom('mail_message')
    .select(summaryColumns)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset);
  if (status) query = query.where('status', '=', status);
  return query.execute();
}

export async function countMail(db: Executor, { status }: MailFilter = {}): Promise<number> {
  let query = db.selectFrom('mail_message').select((eb) => eb.fn.countAll<number>().as('count'));
  if (status) query = query.where('status', '=', status);
  const row = await query.executeTakeFirstOrThrow();
  // PostgreSQL's count is int8; connection.ts parses it, but a string must not slip through.
  return Number(row.count);
}

/** An attachment as listed on the mail page, without its content. */
export type MailAttachmentInfo = { filename: string; contentType: string; size: number };

/** One message for the mail page: bodies, headers and attachment names, sizes and types. */
export type MailDetail = Omit<MailMessage, 'headers' | 'attachments'> & {
  headers: Record<string, string>;
  attachments: MailAttachmentInfo[];
};

export async function getMail(db: Executor, id: string): Promise<MailDetail | undefined> {
  const row = await db
    .selectFrom('mail_message')
    .select([
      'id',
      'to_address',
      'subject',
      'text_body',
      'html_body',
      'headers',
      'attachments',
      'status',
      'attempts',
      'last_error',
      'message_id',
      'created_at',
      'sent_at',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    ...row,
    headers: parseHeaders(row.headers),
    attachments: parseAttachments(row.attachments).map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      size: Buffer.from(attachment.contentBase64, 'base64').length,
    })),
  };
}

/** The content of attachment number `index` (0-based) of a message, for a download link. */
export async function getMailAttachment(
  db: Executor,
  id: string,
  index: number,
): Promise<{ filename: string; contentType: string; content: Buffer } | undefined> {
  const row = await db
    .selectFrom('mail_message')
    .select('attachments')
    .where('id', '=', id)
    .executeTakeFirst();
  const attachment = row ? parseAttachments(row.attachments)[index] : undefined;
  if (!attachment) return undefined;
  return {
    filename: attachment.filename,
    contentType: attachment.contentType,
    content: Buffer.from(attachment.contentBase64, 'base64'),
  };
}

const headersSchema = z.record(z.string(), z.string());
const attachmentsSchema = z.array(
  z.object({ filename: z.string(), contentType: z.string(), contentBase64: z.string() }),
);

/** Reads mail_message.headers; throws on a malformed value rather than send without it. */
export function parseHeaders(json: string): Record<string, string> {
  return headersSchema.parse(JSON.parse(json));
}

/** Reads mail_message.attachments; throws on a malformed value rather than send without it. */
export function parseAttachments(json: string): StoredAttachment[] {
  return attachmentsSchema.parse(JSON.parse(json));
}
