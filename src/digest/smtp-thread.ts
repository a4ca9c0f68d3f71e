/**
 * A worker thread of SmtpThreads (smtp-threads.ts): its own pooled nodemailer transport, sending
 * the raw messages the sender's thread built. Attachment sections arrive once per set and are
 * kept by key until the main thread evicts them; each send answers with its id and, on failure,
 * the SMTP error's message, code and reply code.
 */
import { Readable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type { ThreadRequest, ThreadResponse } from './smtp-threads';

const transporter = nodemailer.createTransport((workerData as { transport: SMTPPool.Options }).transport);
const sections = new Map<number, Buffer>();
const port = parentPort;

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

port?.on('message', async (request: ThreadRequest) => {
  if (request.type === 'section') {
    sections.set(request.key, asBuffer(request.bytes));
    return;
  }
  if (request.type === 'evict') {
    sections.delete(request.key);
    return;
  }
  if (request.type === 'close') {
    transporter.close();
    return;
  }
  let response: ThreadResponse;
  try {
    const pieces = [asBuffer(request.head)];
    if (request.sectionKey !== undefined) {
      const section = sections.get(request.sectionKey);
      if (!section) throw new Error(`attachment section ${request.sectionKey} is missing in the SMTP thread`);
      pieces.push(section);
    }
    await transporter.sendMail({
      envelope: request.envelope,
      raw: Readable.from(pieces, { objectMode: false }),
    });
    response = { id: request.id };
  } catch (error) {
    const e = error as Error & { responseCode?: number; code?: string };
    response = {
      id: request.id,
      error: { message: e?.message ?? String(error), responseCode: e?.responseCode, code: e?.code },
    };
  }
  port.postMessage(response);
});
