import { afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { Scheduler } from '../platform/jobs/schedule';
import { describeEachSharedDatabase } from '../platform/jobs/test-shared-database';
import { notificationSchedules } from './jobs';
import { summarySubject } from './mail';
import { configureNotifications, notify } from './notify';
import { markRead, writeDelivery } from './store';
import { purgeOldNotifications, sendDailySummaries } from './summary';
import { buildNotifyWorld, mailsTo } from './test-support';

const baseUrl = 'https://hataraku.example';

it('runs the daily summary at 08:00 Tokyo time', () => {
  const scheduler = new Scheduler({ db: undefined as never, schedules: notificationSchedules });
  const [next] = scheduler.nextRuns(new Date('2026-04-01T01:00:00Z'));
  // 08:00 JST on 2 April is 23:00 UTC on 1 April.
  expect(next?.nextRun?.toISOString()).toBe('2026-04-01T23:00:00.000Z');
});

describeEachSharedDatabase('daily summary', (handles) => {
  let world: Awaited<ReturnType<typeof buildNotifyWorld>>;
  beforeAll(async () => {
    configureNotifications({ baseUrl });
    const [db] = handles();
    world = await buildNotifyWorld(db.db, 'S');
    await writeDelivery(db.db, world.users.coordinatorA.id, 'daily', '2026-03-01T00:00:00.000Z');
    await writeDelivery(db.db, world.users.corpAdminA.id, 'daily', '2026-03-01T00:00:00.000Z');
  });
  beforeEach(async () => {
    const [db] = handles();
    await db.db.deleteFrom('notification').execute();
    await db.db.deleteFrom('mail_message').execute();
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function notifyAt(iso: string, userIds: string[], title: string, link: string) {
    vi.setSystemTime(new Date(iso));
    const [db] = handles();
    await db.db
      .transaction()
      .execute((trx) =>
        notify(trx, { userIds, kind: 'test', title: { ja: title, en: `EN ${title}` }, link }),
      );
  }

  it('mails daily users one summary of their unread notices, once', async () => {
    const [db] = handles();
    const { users } = world;
    const both = [users.coordinatorA.id, users.counsellor.id];
    await notifyAt('2026-04-01T01:00:00Z', both, '依頼1 あおば作業所 清掃', '/referrals/r1');
    await notifyAt('2026-04-01T05:00:00Z', both, '依頼2 あおば作業所 配膳', '/referrals/r2');
    // Immediate users got their mails already; the daily user none yet.
    expect(await mailsTo(db.db, users.counsellor.email)).toHaveLength(2);
    expect(await mailsTo(db.db, users.coordinatorA.email)).toEqual([]);

    const result = await sendDailySummaries(db.db, { baseUrl, now: new Date('2026-04-01T23:00:00Z') });
    expect(result).toEqual({ users: 1, mails: 1, notifications: 2 });
    const [summary, ...more] = await mailsTo(db.db, users.coordinatorA.email);
    expect(more).toEqual([]);
    expect(summary?.subject).toBe(summarySubject);
    const body = summary?.text_body ?? '';
    expect(body.indexOf('依頼1 あおば作業所 清掃')).toBeLessThan(body.indexOf('依頼2 あおば作業所 配膳'));
    expect(body).toContain(`${baseUrl}/referrals/r1`);
    expect(body).toContain(`${baseUrl}/referrals/r2`);
    expect(body).toContain(`${baseUrl}/inbox`);
    // The counsellor (immediate) gets no summary.
    expect(await mailsTo(db.db, users.counsellor.email)).toHaveLength(2);

    // The next day: nothing new, nothing sent.
    expect(await sendDailySummaries(db.db, { baseUrl, now: new Date('2026-04-02T23:00:00Z') })).toEqual({
      users: 0,
      mails: 0,
      notifications: 0,
    });
    expect(await mailsTo(db.db, users.coordinatorA.email)).toHaveLength(1);
  });

  it('leaves out notices created after the run and those already read', async () => {
    const [db] = handles();
    const { users } = world;
    await notifyAt('2026-04-01T01:00:00Z', [users.coordinatorA.id], '既読になる依頼', '/referrals/a');
    await notifyAt('2026-04-01T02:00:00Z', [users.coordinatorA.id], 'まだ読んでいない依頼', '/referrals/b');
    await notifyAt('2026-04-02T01:00:00Z', [users.coordinatorA.id], '翌日の依頼', '/referrals/c');
    const read = await db.db
      .selectFrom('notification')
      .select('id')
      .where('title_ja', '=', '既読になる依頼')
      .executeTakeFirstOrThrow();
    await markRead(db.db, users.coordinatorA.id, read.id, '2026-04-01T03:00:00.000Z');

    await sendDailySummaries(db.db, { baseUrl, now: new Date('2026-04-01T23:00:00Z') });
    const [first] = await mailsTo(db.db, users.coordinatorA.email);
    expect(first?.text_body).toContain('まだ読んでいない依頼');
    expect(first?.text_body).not.toContain('既読になる依頼');
    expect(first?.text_body).not.toContain('翌日の依頼');

    await sendDailySummaries(db.db, { baseUrl, now: new Date('2026-04-02T23:00:00Z') });
    const mails = await mailsTo(db.db, users.coordinatorA.email);
    expect(mails).toHaveLength(2);
    expect(mails[1]?.text_body).toContain('翌日の依頼');
    expect(mails[1]?.text_body).not.toContain('まだ読んでいない依頼');
  });

  it('deletes read notices after a year and keeps unread ones', async () => {
    const [db] = handles();
    const { users } = world;
    await notifyAt('2025-03-01T01:00:00Z', [users.counsellor.id], '一年以上前に読んだ依頼', '/referrals/o1');
    await notifyAt('2025-03-01T02:00:00Z', [users.counsellor.id], '一年以上前の未読の依頼', '/referrals/o2');
    await notifyAt('2026-03-01T01:00:00Z', [users.counsellor.id], '最近読んだ依頼', '/referrals/o3');
    await db.db
      .updateTable('notification')
      .set({ read_at: '2026-03-02T00:00:00.000Z' })
      .where('title_ja', 'in', ['一年以上前に読んだ依頼', '最近読んだ依頼'])
      .execute();
    expect(await purgeOldNotifications(db.db, new Date('2026-04-01T00:00:00Z'))).toBe(1);
    const left = await db.db.selectFrom('notification').select('title_ja').orderBy('created_at').execute();
    expect(left.map((row) => row.title_ja)).toEqual(['一年以上前の未読の依頼', '最近読んだ依頼']);
  });

  it('sends each summary once when two instances run it at the same time', async () => {
    const [first, second] = handles();
    const { users } = world;
    await notifyAt(
      '2026-04-01T01:00:00Z',
      [users.coordinatorA.id, users.corpAdminA.id],
      '同時実行のテスト',
      '/referrals/x',
    );
    const now = new Date('2026-04-01T23:00:00Z');
    const runs = [first, second, second].map(
      (handle) => () => sendDailySummaries(handle.db, { baseUrl, now }),
    );
    if (first.dialect === 'postgres') {
      await Promise.all(runs.map((run) => run()));
    } else {
      // Two SQLite connections in one process cannot hold write transactions at once (the
      // driver is synchronous); instances take turns, and the later ones find nothing to claim.
      for (const run of runs) await run();
    }
    expect(await mailsTo(first.db, users.coordinatorA.email)).toHaveLength(1);
    expect(await mailsTo(first.db, users.corpAdminA.email)).toHaveLength(1);
  });
});
