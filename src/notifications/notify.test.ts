import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases';
import { nowIso } from '../platform/db/time';
import { notificationSubject } from './mail';
import {
  configureNotifications,
  councilStaffIds,
  facilityStaffIds,
  isInAppPath,
  notify,
  organisationStaffIds,
} from './notify';
import { writeDelivery } from './store';
import { buildNotifyWorld, mailsTo } from './test-support';

describe('isInAppPath', () => {
  it.each([
    ['/referrals/1', true],
    ['/inbox?page=2', true],
    ['//evil.example/x', false],
    ['/\\evil.example', false],
    ['https://evil.example/', false],
    ['javascript:alert(1)', false],
    ['referrals/1', false],
    ['/a\nb', false],
  ])('%s → %s', (link, expected) => {
    expect(isInAppPath(link)).toBe(expected);
  });
});

describeEachDatabase('notify', (current) => {
  let world: Awaited<ReturnType<typeof buildNotifyWorld>>;
  beforeAll(async () => {
    configureNotifications({ baseUrl: 'https://hataraku.example/' });
    world = await buildNotifyWorld(current().db, 'N');
  });
  beforeEach(async () => {
    await current().db.deleteFrom('notification').execute();
    await current().db.deleteFrom('mail_message').execute();
  });

  it('finds the staff of a facility, an organisation and the council (active users, right roles)', async () => {
    const { db } = current();
    const { users, world: w } = world;
    expect(await facilityStaffIds(db, w.facilityA)).toEqual(
      [users.corpAdminA.id, users.coordinatorA.id].sort(),
    );
    expect(await facilityStaffIds(db, w.facilityB)).toEqual([users.corpAdminB.id]);
    expect(await organisationStaffIds(db, w.agency)).toEqual([users.counsellor.id]);
    expect(await councilStaffIds(db)).toEqual([users.councilAdmin.id, users.councilStaff.id].sort());
  });

  it('writes one inbox row per active user and mails immediate users only, with the title and link alone', async () => {
    const { db } = current();
    const { users } = world;
    await writeDelivery(db, users.corpAdminA.id, 'daily', nowIso());
    await db.transaction().execute(async (trx) => {
      await notify(trx, {
        userIds: [
          users.coordinatorA.id,
          users.corpAdminA.id,
          users.formerCounsellor.id,
          users.coordinatorA.id,
        ],
        kind: 'referral.sent',
        title: {
          ja: 'あおば作業所 清掃 の受け入れ依頼が届きました',
          en: 'New referral for あおば作業所 清掃',
        },
        link: '/referrals/0190a0b0-0000-7000-8000-000000000001',
      });
    });
    const rows = await db.selectFrom('notification').select(['user_id', 'emailed_at', 'read_at']).execute();
    expect(rows.map((r) => r.user_id).sort()).toEqual([users.coordinatorA.id, users.corpAdminA.id].sort());
    expect(rows.find((r) => r.user_id === users.coordinatorA.id)?.emailed_at).not.toBeNull();
    expect(rows.find((r) => r.user_id === users.corpAdminA.id)?.emailed_at).toBeNull();
    expect(rows.every((r) => r.read_at === null)).toBe(true);

    expect(await mailsTo(db, users.corpAdminA.email)).toEqual([]);
    expect(await mailsTo(db, users.formerCounsellor.email)).toEqual([]);
    const [mail, ...more] = await mailsTo(db, users.coordinatorA.email);
    expect(more).toEqual([]);
    expect(mail?.subject).toBe(notificationSubject);
    expect(mail?.html_body).toBeNull();
    const body = mail?.text_body ?? '';
    expect(body).toContain('あおば作業所 清掃 の受け入れ依頼が届きました');
    expect(body).toContain('https://hataraku.example/referrals/0190a0b0-0000-7000-8000-000000000001');
    // Nothing but fixed wording, the title and links: every line is one of these.
    const allowed = new Set([
      '対応が必要なお知らせがあります。内容はログインしてご確認ください。',
      'A notice needs your attention. Please sign in to see it.',
      '■ あおば作業所 清掃 の受け入れ依頼が届きました',
      '■ New referral for あおば作業所 清掃',
      'https://hataraku.example/referrals/0190a0b0-0000-7000-8000-000000000001',
      '--',
      'このメールは送信専用です。通知の受け取り方(すぐに/1日1回まとめて)は次の画面で変更できます。',
      'This is an automated message. Choose immediate mail or a daily summary here:',
      'https://hataraku.example/account/notifications',
      'はたらくサポートとうきょう',
      '',
    ]);
    expect(body.split('\n').filter((line) => !allowed.has(line))).toEqual([]);
    // The user's own name or address is not in the body either.
    expect(body).not.toContain('通知 ');
    expect(body).not.toContain(users.coordinatorA.email);
  });

  it('keeps a title to one line of at most 200 characters', async () => {
    const { db } = current();
    await db.transaction().execute((trx) =>
      notify(trx, {
        userIds: [world.users.counsellor.id],
        kind: 'test',
        title: { ja: `一行目\n偽の行 ${'あ'.repeat(300)}`, en: 'Line one\r\nLine two' },
        link: '/inbox',
      }),
    );
    const row = await db
      .selectFrom('notification')
      .select(['title_ja', 'title_en'])
      .executeTakeFirstOrThrow();
    expect(row.title_ja).toHaveLength(200);
    expect(row.title_ja.startsWith('一行目 偽の行 あ')).toBe(true);
    expect(row.title_ja.endsWith('…')).toBe(true);
    expect(row.title_en).toBe('Line one Line two');
  });

  it('refuses a link that leaves the app and writes nothing', async () => {
    const { db } = current();
    await expect(
      db.transaction().execute((trx) =>
        notify(trx, {
          userIds: [world.users.counsellor.id],
          kind: 'test',
          title: { ja: 'テスト', en: 'Test' },
          link: '//evil.example/phish',
        }),
      ),
    ).rejects.toThrow(RangeError);
    expect(await db.selectFrom('notification').select('id').execute()).toEqual([]);
  });

  it('writes nothing when the caller’s transaction rolls back', async () => {
    const { db } = current();
    await expect(
      db.transaction().execute(async (trx) => {
        await notify(trx, {
          userIds: [world.users.counsellor.id],
          kind: 'test',
          title: { ja: 'テスト', en: 'Test' },
          link: '/inbox',
        });
        throw new Error('use case failed');
      }),
    ).rejects.toThrow('use case failed');
    expect(await db.selectFrom('notification').select('id').execute()).toEqual([]);
    expect(await mailsTo(db, world.users.counsellor.email)).toEqual([]);
  });
});
