/**
 * The 'mail.deliver' job: sends one queued message through SMTP and records the outcome on its
 * row. Without an SMTP server the message is kept in the database, where council staff read it
 * on the sent-mail page; no message is dropped silently. Delivery is at least once: a crash
 * between the SMTP send and the row update sends the message again on the next attempt.
 */
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { z } from 'zod';
import type { Database } from '../db/schema';
import { nowIso } from '../db/time';
import { PermanentJobError } from '../jobs/errors';
import type { JobHandler } from '../jobs/worker';
import {
  getMailForDelivery,
  markMailKept,
  markMailSent,
  parseAttachments,
  parseHeaders,
  recordMailFailure,
} from './store';

export type MailDeliveryOptions = {
  db: Kysely<Database>;
  /** e.g. smtp://user:pass@mail.example:587; leave out to keep mail in the database. */
  smtpUrl?: string;
  /** The From header, e.g. 'はたらくサポートとうきょう <noreply@hataraku.example>'. */
  from: string;
};

const payloadSchema = z.object({ mailId: z.string().min(1) });

const maxErrorLength = 2000;

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > maxErrorLength ? `${message.slice(0, maxErrorLength)}…` : message;
}

/** Creates the handler to register as `handlers['mail.deliver']` with the job worker. */
export function createMailDelivery({ db, smtpUrl, from }: MailDeliveryOptions): JobHandler {
  // One transporter for the life of the handler. Timeouts well under nodemailer's defaults
  // (up to 10 min), since a hung server would hold the worker's only job slot.
  const transporter = smtpUrl
    ? nodemailer.createTransport({
        url: smtpUrl,
        connectionTimeout: 15_000,
        greetingTimeout: 15_000,
        socketTimeout: 60_000,
      } satisfies SMTPTransport.Options)
    : undefined;

  return async (payload, ctx) => {
    const parsed = payloadSchema.safeParse(payload);
    if (!parsed.success) throw new PermanentJobError('mail.deliver payload must be { mailId: string }');
    const mail = await getMailForDelivery(db, parsed.data.mailId);
    if (!mail) throw new PermanentJobError(`mail_message ${parsed.data.mailId} does not exist`);
    // Already delivered or kept: this is a repeat of a job that finished its work before.
    if (mail.status === 'sent' || mail.status === 'kept') return;

    if (!transporter) {
      await markMailKept(db, mail.id);
      ctx.logger.info({ mailId: mail.id }, 'no SMTP server configured; mail kept in the database');
      return;
    }

    let messageId: string;
    try {
      const info = await transporter.sendMail({
        from,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.text_body,
        html: mail.html_body ?? undefined,
        headers: parseHeaders(mail.headers),
        attachments: parseAttachments(mail.attachments).map((attachment) => ({
          filename: attachment.filename,
          contentType: attachment.contentType,
          content: Buffer.from(attachment.contentBase64, 'base64'),
        })),
      });
      messageId = info.messageId;
    } catch (error) {
      await recordMailFailure(db, mail.id, { error: describeError(error), final: ctx.isLastAttempt });
      throw error;
    }
    await markMailSent(db, mail.id, { messageId, sentAt: nowIso() });
    ctx.logger.info({ mailId: mail.id, messageId }, 'mail sent');
  };
}
