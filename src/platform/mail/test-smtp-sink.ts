/**
 * Test helper: a real SMTP server on a free loopback port that parses and keeps every message it
 * accepts, so tests (unit and browser) can check what the app actually sent over the wire.
 */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type SmtpSink = {
  /** smtp://127.0.0.1:<port>, to use as SMTP_URL. */
  url: string;
  /** Every accepted message, parsed, in arrival order. */
  messages: ParsedMail[];
  /** Resolves with the messages once at least `count` have arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  /** Answers the next `count` messages with a temporary failure (451); Infinity for all. */
  rejectNext(count: number): void;
  close(): Promise<void>;
};

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const waiters = new Set<() => void>();
  let toReject = 0;

  const server = new SMTPServer({
    authOptional: true,
    // nodemailer upgrades to TLS when offered; the server's self-signed certificate would fail it.
    disabledCommands: ['STARTTLS'],
    logger: false,
    // A reverse DNS lookup of 127.0.0.1 costs about 100 ms a connection.
    disableReverseLookup: true,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          if (toReject > 0) {
            toReject -= 1;
            const error = Object.assign(new Error('Mailbox temporarily unavailable (test sink)'), {
              responseCode: 451,
            });
            callback(error);
            return;
          }
          messages.push(mail);
          for (const wake of waiters) wake();
          callback();
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    rejectNext(count) {
      toReject = count;
    },
    waitFor(count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(messages);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`SMTP sink: ${messages.length} of ${count} messages after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
