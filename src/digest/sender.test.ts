import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import type { ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases';
import { loadConfig } from '../platform/config/config';
import type { Db } from '../platform/db/connection';
import { JobWorker } from '../platform/jobs/worker';
import { type SmtpSink, startSmtpSink } from '../platform/mail/test-smtp-sink';
import { noAudit } from '../registry/facilities/test-world';
import { pdfPageCount } from '../registry/listing/test-support';
import { updateOpportunity } from '../registry/opportunities/service';
import { opportunityInput } from '../registry/opportunities/test-support';
import { digestJobs } from './jobs';
import { everything } from './preferences';
import { editionItems, getEdition, getSubscriber, previewEdition, scheduleEdition } from './service';
import { deliveryCounts } from './store';
import { addSubscriber, buildDigestWorld } from './test-support';

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink?.close();
});

function jobsFor(database: Db, smtpUrl: string) {
  const config = loadConfig({
    SMTP_URL: smtpUrl,
    BASE_URL: 'https://hataraku.example',
    DIGEST_SEND_RATE: '0',
  });
  return digestJobs({
    database,
    config,
    sender: { backoff: { baseMs: 0, maxMs: 0 }, concurrency: 3, batchSize: 5 },
  });
}

/** Runs due jobs until none is left (or `limit` runs). */
async function drain(database: Db, smtpUrl: string, limit = 50) {
  const jobs = jobsFor(database, smtpUrl);
  const worker = new JobWorker({ db: database, handlers: jobs.handlers });
  try {
    for (let i = 0; i < limit; i += 1) {
      if (!(await worker.runOnce())) break;
    }
  } finally {
    jobs.close();
  }
}

function byRecipient(messages: ParsedMail[], address: string) {
  return messages.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((t) => t?.text.includes(address)));
}

describeEachDatabase('digest sending', (current) => {
  let built: Awaited<ReturnType<typeof buildDigestWorld>>;

  beforeAll(async () => {
    built = await buildDigestWorld(current().db, 'S');
  });

  beforeEach(async () => {
    const { db } = current();
    await db.deleteFrom('digest_delivery').execute();
    await db.deleteFrom('digest_subscriber').execute();
    await db.deleteFrom('digest_edition').where('status', '!=', 'sent').execute();
    await db.deleteFrom('job').execute();
    sink.messages.length = 0;
    sink.rejectNext(0);
  });

  it('sends each subscriber their sections, counts and attachments once, with one-click unsubscribe', async () => {
    const database = current();
    const { db } = database;
    await addSubscriber(db, 'all@agency.example');
    await addSubscriber(db, 'office@agency.example', { tasks: ['office_assist'] });
    await addSubscriber(db, 'shinjuku@agency.example', { municipalities: ['131041'] });
    const skipper = await addSubscriber(db, 'skip@agency.example', {
      municipalities: ['131041'],
      skipEmpty: true,
    });
    const editionId = await scheduleEdition(db, { kind: 'edition' }, noAudit);

    await drain(database, sink.url);

    expect(sink.messages).toHaveLength(3);
    const [all] = byRecipient(sink.messages, 'all@agency.example');
    if (!all) throw new Error('no mail to all@');
    expect(all.subject).toContain('【はたらく場情報】');
    const text = all.text ?? '';
    const section = (label: string) => text.slice(text.indexOf(`■ ${label}`)).split('\n\n')[0] ?? '';
    expect(section('新着')).toContain('新しい事務補助S');
    expect(section('変更あり')).toContain('変わった洗濯S');
    expect(section('受付終了')).toContain('終わる配膳S');
    expect(section('新着')).not.toContain('変わらない清掃S');
    expect(text).toContain('東村山市: 3');
    expect(all.html).toContain('<table role="presentation"');
    expect(all.html).toContain('変わった洗濯S');
    // RFC 8058 headers
    const header = (key: string) =>
      (all.headerLines.find((h) => h.key === key)?.line ?? '').replace(/\r?\n\s+/g, ' ');
    expect(header('list-unsubscribe')).toMatch(
      /^List-Unsubscribe: <https:\/\/hataraku\.example\/digest\/unsubscribe\/[0-9a-f-]{36}\.[\w-]{22}>$/,
    );
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(all.messageId).toMatch(/\.digest@hataraku\.example>$/);
    // Attachments: the xlsx reads back with the 3 open places; the PDF has pages.
    const xlsx = all.attachments.find((a) => a.filename?.endsWith('.xlsx'));
    const pdf = all.attachments.find((a) => a.filename?.endsWith('.pdf'));
    if (!xlsx || !pdf) throw new Error('attachments missing');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.content as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const titles = [] as string[];
    sheet?.eachRow((row, n) => {
      if (n > 1) titles.push(String(row.getCell(4).value));
    });
    expect(titles.sort()).toEqual(['新しい事務補助S', '変わった洗濯S', '変わらない清掃S'].sort());
    expect(pdfPageCount(pdf.content)).toBeGreaterThanOrEqual(2);

    // Preferences: office_assist only sees the new 事務補助, nothing changed or closed.
    const [office] = byRecipient(sink.messages, 'office@agency.example');
    expect(office?.text).toContain('新しい事務補助S');
    expect(office?.text).not.toContain('変わった洗濯S');
    // Nothing matches 新宿区: the mail says so and carries no list.
    const [shinjuku] = byRecipient(sink.messages, 'shinjuku@agency.example');
    expect(shinjuku?.text).toContain('ご登録の条件に合う受付中のはたらく場は、今回はありませんでした');
    expect(shinjuku?.attachments).toHaveLength(0);
    expect(byRecipient(sink.messages, 'skip@agency.example')).toHaveLength(0);

    const counts = await deliveryCounts(db, editionId);
    expect(counts).toMatchObject({ sent: 3, skipped: 1, failed: 0, waiting: 0, sending: 0 });
    expect((await getEdition(db, editionId))?.status).toBe('sent');
    expect((await getSubscriber(db, skipper))?.status).toBe('active');

    // A repeated send job sends nothing twice.
    const again = jobsFor(database, sink.url);
    await again.handlers['digest.send']?.(
      { editionId },
      {
        jobId: 'x',
        jobName: 'digest.send',
        attempt: 1,
        maxAttempts: 1,
        isLastAttempt: true,
        workerId: 'test',
        logger: { info() {}, warn() {}, error() {} } as never,
      },
    );
    again.close();
    expect(sink.messages).toHaveLength(3);

    // The edition is frozen: a later edit of the registry does not change it.
    await updateOpportunity(
      db,
      built.world.council,
      built.ids.unchanged,
      opportunityInput({ title: '後から変えた題名' }),
      noAudit,
    );
    const edition = await getEdition(db, editionId);
    if (!edition) throw new Error('edition missing');
    const items = await editionItems(db, edition);
    expect(items.map((i) => i.entry.values.title)).toContain('変わらない清掃S');
    expect(items.map((i) => i.entry.values.title)).not.toContain('後から変えた題名');
    const preview = await previewEdition(
      db,
      edition,
      { id: skipper, name: 'x', preferences: everything },
      {
        baseUrl: 'https://hataraku.example',
        secret: 'x'.repeat(32),
      },
    );
    expect(preview.mail.text).not.toContain('後から変えた題名');
    await updateOpportunity(
      db,
      built.world.council,
      built.ids.unchanged,
      opportunityInput({ title: '変わらない清掃S' }),
      noAudit,
    );
  });

  it('retries a temporary SMTP failure and still sends once', async () => {
    const database = current();
    await addSubscriber(database.db, 'retry1@agency.example');
    await addSubscriber(database.db, 'retry2@agency.example');
    const editionId = await scheduleEdition(database.db, { kind: 'edition' }, noAudit);
    sink.rejectNext(2);
    await drain(database, sink.url);
    expect(sink.messages).toHaveLength(2);
    const counts = await deliveryCounts(database.db, editionId);
    expect(counts.sent).toBe(2);
    const rows = await database.db.selectFrom('digest_delivery').select(['attempts']).execute();
    expect(rows.reduce((n, r) => n + r.attempts, 0)).toBe(4);
  });

  it('records a permanent refusal per recipient and pauses an address after three', async () => {
    const database = current();
    const bouncing = await startRefusingSink('bounce@');
    try {
      const bad = await addSubscriber(database.db, 'bounce@agency.example');
      await addSubscriber(database.db, 'fine@agency.example');
      for (let round = 1; round <= 3; round += 1) {
        const editionId = await scheduleEdition(database.db, { kind: 'edition' }, noAudit);
        await drain(database, bouncing.url);
        const counts = await deliveryCounts(database.db, editionId);
        expect(counts).toMatchObject({ sent: 1, failed: 1 });
        const failed = await database.db
          .selectFrom('digest_delivery')
          .select(['last_error'])
          .where('edition_id', '=', editionId)
          .where('status', '=', 'failed')
          .executeTakeFirstOrThrow();
        expect(failed.last_error).toContain('550');
        expect((await getSubscriber(database.db, bad))?.status).toBe(round < 3 ? 'active' : 'paused');
      }
      const fourth = await scheduleEdition(database.db, { kind: 'edition' }, noAudit);
      await drain(database, bouncing.url);
      expect(await deliveryCounts(database.db, fourth)).toMatchObject({ sent: 1, failed: 0 });
      expect(bouncing.accepted).toBe(4);
    } finally {
      await bouncing.close();
    }
  });

  it('sends the weekly mail only to weekly subscribers with something new', async () => {
    const database = current();
    await addSubscriber(database.db, 'weekly@agency.example', { weekly: true });
    await addSubscriber(database.db, 'weekly-none@agency.example', {
      weekly: true,
      tasks: ['farming_gardening'],
    });
    await addSubscriber(database.db, 'not-weekly@agency.example');
    const editionId = await scheduleEdition(database.db, { kind: 'weekly' }, noAudit);
    await drain(database, sink.url);
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]?.subject).toContain('今週の新着');
    expect(sink.messages[0]?.text).toContain('新しい事務補助S');
    expect(sink.messages[0]?.text).not.toContain('変わった洗濯S');
    expect(sink.messages[0]?.attachments).toHaveLength(0);
    expect((await getEdition(database.db, editionId))?.recipients).toBe(1);
  });

  it('creates one scheduled edition per run of the schedule, not a second beside a manual one', async () => {
    const database = current();
    // Earlier tests sent editions today; only the world's previous edition (10 days ago) stays.
    await database.db.deleteFrom('digest_edition').where('title', 'not like', '前回%').execute();
    const jobs = jobsFor(database, sink.url);
    const ctx = {
      jobId: 'x',
      jobName: 'digest.edition',
      attempt: 1,
      maxAttempts: 1,
      isLastAttempt: true,
      workerId: 'test',
      logger: { info() {}, warn() {}, error() {} } as never,
    };
    const before = await database.db
      .selectFrom('digest_edition')
      .select('id')
      .where('status', '=', 'scheduled')
      .execute();
    await jobs.handlers['digest.edition']?.({}, ctx);
    await jobs.handlers['digest.edition']?.({}, ctx);
    const after = await database.db
      .selectFrom('digest_edition')
      .select(['id', 'title'])
      .where('status', '=', 'scheduled')
      .execute();
    expect(after.length - before.length).toBe(1);
    expect(after[0]?.title).toMatch(/^はたらく場情報 \d{4}年\d{1,2}月号$/);
    jobs.close();
  });

  it('does not send a cancelled edition', async () => {
    const database = current();
    await addSubscriber(database.db, 'cancel@agency.example');
    const editionId = await scheduleEdition(database.db, { kind: 'edition' }, noAudit);
    const { cancelEdition } = await import('./service');
    expect(await cancelEdition(database.db, editionId, noAudit)).toBe(true);
    await drain(database, sink.url);
    expect(sink.messages).toHaveLength(0);
    expect((await getEdition(database.db, editionId))?.status).toBe('cancelled');
  });
});

/** An SMTP server that refuses recipients starting with `prefix` with 550 and counts the rest. */
async function startRefusingSink(prefix: string) {
  const state = { accepted: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    disableReverseLookup: true,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith(prefix)) {
        callback(Object.assign(new Error('550 5.1.1 Mailbox does not exist'), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        state.accepted += 1;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    get accepted() {
      return state.accepted;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
