import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import { writeSetting } from '../../platform/db/settings';
import { buildWorld, noAudit, type World } from '../facilities/test-world';
import { CONFIRM_EVERY_DAYS_SETTING, sendFreshnessReminders } from './freshness';
import { registryJobHandlers, registrySchedules } from './jobs';
import { isStale } from './opportunity';
import { changeOpportunityStatus, confirmOpportunity, createOpportunity, getOpportunity } from './service';
import { opportunityInput } from './test-support';

const day = 86_400_000;

describeEachDatabase('opportunity freshness', (current) => {
  let world: World;
  let stale: string;
  let recent: string;
  const db = () => current().db;
  const start = new Date('2026-01-10T00:00:00Z');
  const after = (days: number) => new Date(start.getTime() + days * day);

  beforeAll(async () => {
    world = await buildWorld(db(), 'fresh');
    const make = async (title: string, now: Date) => {
      const outcome = await createOpportunity(
        db(),
        world.council,
        world.facilityA,
        opportunityInput({ title }),
        noAudit,
        {
          now,
          status: 'published',
        },
      );
      if (outcome.status !== 'ok') throw new Error(JSON.stringify(outcome));
      return outcome.id;
    };
    stale = await make('確認待ちの仕事', start);
    recent = await make('最近確認した仕事', after(50));
    // Paused opportunities are not reminded about.
    const paused = await make('休止中の仕事', start);
    await changeOpportunityStatus(db(), world.council, paused, 'paused', noAudit, { now: start });
  });

  const mails = () =>
    db()
      .selectFrom('mail_message')
      .select(['to_address', 'subject', 'text_body'])
      .where('subject', 'like', '%内容確認のお願い%')
      .orderBy('to_address')
      .execute();

  it('queues one reminder per facility contact for opportunities unconfirmed for 60 days, once a week at most', async () => {
    expect(
      (await sendFreshnessReminders(db(), { baseUrl: 'https://hataraku.test', now: after(59) })).mails,
    ).toBe(0);

    const first = await sendFreshnessReminders(db(), { baseUrl: 'https://hataraku.test', now: after(61) });
    expect(first).toEqual({ facilities: 1, mails: 1, opportunities: 1 });
    const sent = await mails();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to_address).toBe('tanto@example.jp');
    expect(sent[0]?.subject).toContain('あおば作業所');
    expect(sent[0]?.text_body).toContain(`https://hataraku.test/opportunities/${stale}`);
    expect(sent[0]?.text_body).not.toContain(recent);
    expect(sent[0]?.text_body).not.toContain('休止中の仕事');

    // The next days' runs do not remind again within 7 days…
    expect(
      (await sendFreshnessReminders(db(), { baseUrl: 'https://hataraku.test', now: after(62) })).mails,
    ).toBe(0);
    expect(
      (await sendFreshnessReminders(db(), { baseUrl: 'https://hataraku.test', now: after(67) })).mails,
    ).toBe(0);
    // …then do, if still unconfirmed.
    expect(
      (await sendFreshnessReminders(db(), { baseUrl: 'https://hataraku.test', now: after(69) })).mails,
    ).toBe(1);
    expect(await mails()).toHaveLength(2);
  });

  it('marks an opportunity stale after 120 days, and a confirmation clears both', async () => {
    const before = await getOpportunity(db(), world.council, stale);
    if (!before) throw new Error('missing');
    expect(isStale(before, after(119))).toBe(false);
    expect(isStale(before, after(120))).toBe(true);
    await confirmOpportunity(db(), world.coordinatorA, stale, noAudit, { now: after(121) });
    const confirmed = await getOpportunity(db(), world.council, stale);
    if (!confirmed) throw new Error('missing');
    expect(isStale(confirmed, after(122))).toBe(false);
    // On day 125 only the other one (confirmed on day 50) is due.
    await sendFreshnessReminders(db(), { baseUrl: 'https://hataraku.test', now: after(125) });
    const latest = (await mails()).at(-1);
    expect(latest?.text_body).toContain(recent);
    expect(latest?.text_body).not.toContain(stale);
  });

  it('reads the interval from the setting', async () => {
    const outcome = await createOpportunity(
      db(),
      world.council,
      world.facilityA,
      opportunityInput({ title: '設定の確認' }),
      noAudit,
      {
        now: after(200),
        status: 'published',
      },
    );
    if (outcome.status !== 'ok') throw new Error('create');
    const due = async (days: number) => {
      const before = (await mails()).length;
      await sendFreshnessReminders(db(), { baseUrl: 'https://hataraku.test', now: after(days) });
      return (await mails()).slice(before).some((m) => m.text_body.includes(outcome.id));
    };
    expect(await due(231)).toBe(false);
    await writeSetting(db(), CONFIRM_EVERY_DAYS_SETTING, '30');
    expect(await due(232)).toBe(true);
    await writeSetting(db(), CONFIRM_EVERY_DAYS_SETTING, 'x');
  });

  it('registers a daily 09:00 schedule and its handler', () => {
    expect(registrySchedules).toEqual([expect.objectContaining({ cron: '0 9 * * *' })]);
    const handlers = registryJobHandlers({ db: db(), baseUrl: 'https://hataraku.test' });
    expect(Object.keys(handlers)).toEqual(registrySchedules.map((s) => s.jobName));
  });
});
