/**
 * A digest mail as one finished MIME message (nodemailer's `raw`), built without nodemailer's
 * per-message composing pipeline: the headers through nodemailer's own MimeNode (so encoding and
 * folding are the same), the text and HTML parts base64 in 76-character lines, and the
 * attachments as one buffer encoded once per attachment set and reused for every recipient of
 * that set. With ~160 KB a message, composing through streams was most of the sender's CPU
 * (docs/decisions/025).
 */
import { Readable } from 'node:stream';
import MimeNode from 'nodemailer/lib/mime-node';

/** Base64 never contains '-' or '_', so this cannot occur in any part; fixed per process. */
const MIXED = `----_hataraku_digest_mixed_${process.pid}_${Date.now().toString(36)}`;
const ALTERNATIVE = `----_hataraku_digest_alt_${process.pid}_${Date.now().toString(36)}`;

function base64Lines(text: string): string {
  return Buffer.from(text, 'utf8')
    .toString('base64')
    .replace(/.{76}(?=.)/g, '$&\r\n');
}

/** The attachment parts of a message with their delimiters, ending with the closing one. */
export function attachmentSection(rawParts: readonly string[]): Buffer {
  return Buffer.from(`${rawParts.map((part) => `--${MIXED}\r\n${part}\r\n`).join('')}--${MIXED}--\r\n`);
}

export type RawMailInput = {
  from: string;
  to: string;
  subject: string;
  messageId: string;
  headers: Record<string, string>;
  text: string;
  html: string;
  /** From `attachmentSection`, or undefined for a mail without attachments. */
  attachments?: Buffer;
  date?: Date;
};

/** Whether `buildRawMail` can take this address as it is (an ASCII addr-spec). */
export function isPlainAddress(address: string): boolean {
  return /^[\x21-\x7e]+@[\x21-\x7e]+$/.test(address) && !/[<>(),;:"[\]\\]/.test(address);
}

/**
 * The message as a stream of its pieces: the recipient's own part, then the shared attachment
 * buffer as it is — not copied into a new ~160 KB buffer for every message.
 */
export function buildRawMail(input: RawMailInput): Readable {
  return Readable.from(rawMailPieces(input), { objectMode: false });
}

/** Everything of the message before the shared attachment section (which follows as it is). */
export function rawMailHead(input: RawMailInput): Buffer {
  return rawMailPieces(input)[0] as Buffer;
}

export function rawMailPieces(input: RawMailInput): Buffer[] {
  const root = new MimeNode(false);
  const boundary = input.attachments ? MIXED : ALTERNATIVE;
  root.setHeader('From', input.from);
  root.setHeader('To', input.to);
  root.setHeader('Subject', input.subject);
  root.setHeader('Message-ID', input.messageId);
  if (input.date) root.setHeader('Date', input.date.toUTCString().replace(/GMT/, '+0000'));
  for (const [key, value] of Object.entries(input.headers)) root.setHeader(key, value);
  root.setHeader(
    'Content-Type',
    input.attachments
      ? `multipart/mixed; boundary="${MIXED}"`
      : `multipart/alternative; boundary="${ALTERNATIVE}"`,
  );
  const alternative = [
    `--${ALTERNATIVE}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(input.text),
    `--${ALTERNATIVE}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(input.html),
    `--${ALTERNATIVE}--`,
    '',
  ].join('\r\n');
  const head = `${root.buildHeaders()}\r\n\r\n`;
  if (!input.attachments) return [Buffer.from(head + alternative)];
  const body = `--${boundary}\r\nContent-Type: multipart/alternative; boundary="${ALTERNATIVE}"\r\n\r\n${alternative}\r\n`;
  return [Buffer.from(head + body), input.attachments];
}
