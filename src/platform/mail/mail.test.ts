import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import { JobWorker } from '../jobs/worker';
import { createMailDelivery } from './deliver';
import { mailDeliverJobName, mailDeliverMaxAttempts, type QueueMailInput, queueMail } from './outbox';
import { countMail, getMail, getMailAttachment, listMail } from './store';
import { type SmtpSink, startSmtpSink } from './test-smtp-sink';

const from = 'はたらくサポートとうきょう <noreply@hataraku.example>';

const digest: QueueMailInput = {
  to: 'coordinator@fukushi.example',
  subject: '【はたらく場情報】今週の新着 3件（東村山市・小平市）',
  text: '東村山市社会福祉協議会 御中\n\n今週の新着はたらく場は3件です。\n・清掃（週3日、8:30〜12:00）\n',
  html: '<p>東村山市社会福祉協議会 御中</p><p>今週の新着はたらく場は<strong>3件</strong>です。</p>',
  headers: {
    'List-Unsubscribe': '<https://hataraku.example/digest/unsubscribe?token=abc123>',
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  },
  attachments: [
    {
      filename: 'はたらく場一覧.csv',
      contentType: 'text/csv; charset=utf-8',
      content: Buffer.from('名称,市区町村\n清掃,東村山市\n', 'utf8'),
    },
  ],
};

let sink: SmtpSink;
let unusedPortUrl: string;

beforeAll(async () => {
  sink = await startSmtpSink();
  // A port that was just listening and no longer is: connections to it are refused.
  const closed = await startSmtpSink();
  unusedPortUrl = closed.url;
  await closed.close();
});

afterAll(async () => {
  await sink?.close();
});

describe('SMTP sink', () => {
  it('times out waiting for mail that never comes', async () => {
    await expect(startSmtpSink().then((s) => s.waitFor(1, 50).finally(() => s.close()))).rejects.toThrow(
      '0 of 1 messages',
    );
  });
});

describeEachDatabase('mail', (current) => {
  beforeEach(async () => {
    const { db } = current();
    await db.deleteFrom('job').execute();
    await db.deleteFrom('mail_message').execute();
    sink.messages.length = 0;
    sink.rejectNext(0);
  });

  function worker(smtpUrl: string | undefined) {
    return new JobWorker({
      db: current(),
      backoff: { baseMs: 0 },
      handlers: { [mailDeliverJobName]: createMailDelivery({ db: current().db, smtpUrl, from }) },
    });
  }

  async function mailRow(id: string) {
    return current()
      .db.selectFrom('mail_message')
      .select(['status', 'attempts', 'last_error', 'message_id', 'sent_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  }

  async function deliveryJob() {
    return current()
      .db.selectFrom('job')
      .select(['name', 'payload', 'status', 'attempts', 'max_attempts', 'last_error'])
      .executeTakeFirstOrThrow();
  }

  it("writes the message and its delivery job in the caller's transaction", async () => {
    const { db } = current();
    await expect(
      db.transaction().execute(async (trx) => {
        await queueMail(trx, digest);
        throw new Error('use case failed after queueing');
      }),
    ).rejects.toThrow('use case failed');
    expect(await countMail(db)).toBe(0);
    expect(await db.selectFrom('job').select('id').execute()).toEqual([]);

    const id = await db.transaction().execute((trx) => queueMail(trx, digest));
    expect(await mailRow(id)).toMatchObject({ status: 'queued', attempts: 0 });
    expect(await deliveryJob()).toMatchObject({
      name: 'mail.deliver',
      payload: JSON.stringify({ mailId: id }),
      status: 'queued',
      max_attempts: mailDeliverMaxAttempts,
    });
  });

  it('refuses a header value with a line break', async () => {
    await expect(
      queueMail(current().db, { ...digest, headers: { 'X-Note': 'a\r\nBcc: victim@example.com' } }),
    ).rejects.toThrow(/line break/);
    await expect(
      queueMail(current().db, { ...digest, to: 'a@example.com\nBcc: b@example.com' }),
    ).rejects.toThrow(/line break/);
    expect(await countMail(current().db)).toBe(0);
  });

  it('sends through SMTP with Japanese text, html, headers and an attachment intact', async () => {
    const id = await queueMail(current().db, digest);
    expect(await worker(sink.url).runOnce()).toBe(true);

    const [received] = await sink.waitFor(1);
    expect(received?.subject).toBe(digest.subject);
    expect(received?.from?.value).toEqual([
      expect.objectContaining({ name: 'はたらくサポートとうきょう', address: 'noreply@hataraku.example' }),
    ]);
    expect(received?.to).toMatchObject({ text: 'coordinator@fukushi.example' });
    expect(received?.text?.trimEnd()).toBe(digest.text?.trimEnd());
    expect(received?.html).toContain('今週の新着はたらく場は<strong>3件</strong>です。');
    // Checked on the raw (unfolded) lines: mailparser merges List-* headers into one 'list' entry.
    const headerLines = Object.fromEntries(
      received?.headerLines.map(({ key, line }) => [key, line.replace(/\r\n\s+/g, ' ')]) ?? [],
    );
    expect(headerLines['list-unsubscribe']).toBe(
      'List-Unsubscribe: <https://hataraku.example/digest/unsubscribe?token=abc123>',
    );
    expect(headerLines['list-unsubscribe-post']).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(received?.attachments).toHaveLength(1);
    expect(received?.attachments[0]).toMatchObject({
      filename: 'はたらく場一覧.csv',
      contentType: 'text/csv',
    });
    expect(received?.attachments[0]?.content.toString('utf8')).toBe('名称,市区町村\n清掃,東村山市\n');

    const row = await mailRow(id);
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 1,
      last_error: null,
      message_id: received?.messageId,
    });
    expect(row.sent_at).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    expect((await deliveryJob()).status).toBe('done');
  });

  it('keeps the message in the database when no SMTP server is configured', async () => {
    const id = await queueMail(current().db, digest);
    expect(await worker(undefined).runOnce()).toBe(true);

    expect(await mailRow(id)).toMatchObject({ status: 'kept', attempts: 0, sent_at: null, message_id: null });
    expect((await deliveryJob()).status).toBe('done');
    expect(sink.messages).toEqual([]);
  });

  it('retries a message the server turns away, and marks it failed after the last attempt', async () => {
    sink.rejectNext(Number.POSITIVE_INFINITY);
    const id = await queueMail(current().db, digest);
    const w = worker(sink.url);

    expect(await w.runOnce()).toBe(true);
    const afterFirst = await mailRow(id);
    expect(afterFirst).toMatchObject({ status: 'queued', attempts: 1 });
    expect(afterFirst.last_error).toContain('451');
    expect(await deliveryJob()).toMatchObject({ status: 'queued', attempts: 1 });

    for (let attempt = 2; attempt <= mailDeliverMaxAttempts; attempt += 1)
      expect(await w.runOnce()).toBe(true);
    expect(await w.runOnce()).toBe(false);

    expect(await mailRow(id)).toMatchObject({
      status: 'failed',
      attempts: mailDeliverMaxAttempts,
      sent_at: null,
      last_error: expect.stringContaining('Mailbox temporarily unavailable'),
    });
    expect(await deliveryJob()).toMatchObject({ status: 'failed', attempts: mailDeliverMaxAttempts });
    expect(sink.messages).toEqual([]);
  });

  it('sends on a later attempt after a temporary rejection', async () => {
    sink.rejectNext(1);
    const id = await queueMail(current().db, digest);
    const w = worker(sink.url);
    expect(await w.runOnce()).toBe(true);
    expect(await w.runOnce()).toBe(true);

    await sink.waitFor(1);
    expect(await mailRow(id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect((await mailRow(id)).last_error).toContain('451');
  });

  it('records a refused connection and retries', async () => {
    const id = await queueMail(current().db, digest);
    expect(await worker(unusedPortUrl).runOnce()).toBe(true);

    const row = await mailRow(id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(await deliveryJob()).toMatchObject({
      status: 'queued',
      last_error: expect.stringContaining('Error'),
    });
  });

  it('does not send a message twice when its job runs again', async () => {
    const { db } = current();
    const id = await queueMail(db, digest);
    const w = worker(sink.url);
    expect(await w.runOnce()).toBe(true);
    await db
      .insertInto('job')
      .values({
        id: 'repeat',
        name: mailDeliverJobName,
        payload: JSON.stringify({ mailId: id }),
        status: 'queued',
        run_at: '2000-01-01T00:00:00.000Z',
        attempts: 0,
        max_attempts: 1,
        created_at: '2000-01-01T00:00:00.000Z',
      })
      .execute();
    expect(await w.runOnce()).toBe(true);
    expect(sink.messages).toHaveLength(1);
    expect(await mailRow(id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('fails the job at once when the message does not exist', async () => {
    const { db } = current();
    await db
      .insertInto('job')
      .values({
        id: 'orphan',
        name: mailDeliverJobName,
        payload: JSON.stringify({ mailId: 'missing' }),
        status: 'queued',
        run_at: '2000-01-01T00:00:00.000Z',
        attempts: 0,
        max_attempts: 5,
        created_at: '2000-01-01T00:00:00.000Z',
      })
      .execute();
    expect(await worker(sink.url).runOnce()).toBe(true);
    expect(await deliveryJob()).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: 'PermanentJobError: mail_message missing does not exist',
    });
  });

  it('lists, counts and shows messages for the sent-mail page', async () => {
    const { db } = current();
    const ids: string[] = [];
    for (const n of [1, 2, 3]) ids.push(await queueMail(db, { ...digest, subject: `お知らせ ${n}` }));
    await worker(undefined).runOnce();

    expect(await countMail(db)).toBe(3);
    expect(await countMail(db, { status: 'kept' })).toBe(1);
    const page = await listMail(db, { limit: 2, offset: 0 });
    expect(page.map((mail) => mail.subject)).toEqual(['お知らせ 3', 'お知らせ 2']);
    expect(Object.keys(page[0] ?? {}).sort()).toEqual(
      ['attempts', 'created_at', 'id', 'last_error', 'sent_at', 'status', 'subject', 'to_address'].sort(),
    );
    expect((await listMail(db, { limit: 2, offset: 2 })).map((mail) => mail.id)).toEqual([ids[0]]);
    expect((await listMail(db, { limit: 10, offset: 0, status: 'kept' })).map((mail) => mail.id)).toEqual([
      ids[0],
    ]);

    const detail = await getMail(db, ids[0] ?? '');
    expect(detail).toMatchObject({
      subject: 'お知らせ 1',
      to_address: digest.to,
      text_body: digest.text,
      html_body: digest.html,
      status: 'kept',
      headers: digest.headers,
      attachments: [{ filename: 'はたらく場一覧.csv', contentType: 'text/csv; charset=utf-8', size: 40 }],
    });
    const attachment = await getMailAttachment(db, ids[0] ?? '', 0);
    expect(attachment?.content.toString('utf8')).toBe('名称,市区町村\n清掃,東村山市\n');
    expect(await getMailAttachment(db, ids[0] ?? '', 1)).toBeUndefined();
    expect(await getMail(db, 'missing')).toBeUndefined();
  });
});
