import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases';
import { runReferralDeadlines } from './jobs';
import { buildReferralWorld, consentFor, type ReferralWorld, sendTestReferral } from './test-support';

const periods = { reminderBusinessDays: 3, expiryBusinessDays: 10 };

describeEachDatabase('referrals: reminders and expiry in business days', (current) => {
  const db = () => current().db;
  let world: ReferralWorld;
  let id: string;

  const state = async () =>
    db()
      .selectFrom('referral')
      .select(['state', 'reminded_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const noticesOf = async (kind: string) =>
    db()
      .selectFrom('notification')
      .select(['user_id', 'title_ja'])
      .where('kind', '=', kind)
      .where('link', '=', `/referrals/${id}`)
      .execute();

  beforeAll(async () => {
    world = await buildReferralWorld(db());
    await consentFor(db(), world, ['basic_identity', 'assessment_summary']);
    id = await sendTestReferral(db(), world);
    // Sent on Wednesday 2025-04-30, 10:00 in Tokyo, just before Golden Week (5/3–5/6).
    await db()
      .updateTable('referral')
      .set({ last_transition_at: '2025-04-30T01:00:00.000Z', sent_at: '2025-04-30T01:00:00.000Z' })
      .where('id', '=', id)
      .execute();
  });

  describe('across Golden Week 2025', () => {
    it('does nothing after 2 business days (5/1, 5/2; the holidays do not count)', async () => {
      expect(await runReferralDeadlines(db(), periods, '2025-05-06')).toEqual({ reminded: 0, expired: 0 });
      expect((await state()).reminded_at).toBeNull();
    });

    it('reminds the facility on the 3rd business day (5/7), once', async () => {
      expect(await runReferralDeadlines(db(), periods, '2025-05-07')).toEqual({ reminded: 1, expired: 0 });
      expect(await runReferralDeadlines(db(), periods, '2025-05-08')).toEqual({ reminded: 0, expired: 0 });
      const notices = await noticesOf('referral.reminder');
      expect(notices.map((n) => n.user_id).sort()).toEqual(
        [world.actors.coordinator.userId, world.actors.corpAdmin.userId].sort(),
      );
      expect(notices[0]?.title_ja).not.toContain('架空 一郎');
    });

    it('does not expire on the 9th business day (5/15)', async () => {
      expect(await runReferralDeadlines(db(), periods, '2025-05-15')).toEqual({ reminded: 0, expired: 0 });
      expect((await state()).state).toBe('sent');
    });

    it('expires on the 10th business day (5/16) and tells the counsellor', async () => {
      expect(await runReferralDeadlines(db(), periods, '2025-05-16')).toEqual({ reminded: 0, expired: 1 });
      expect((await state()).state).toBe('expired');
      const notices = await noticesOf('referral.expired');
      expect(notices.map((n) => n.user_id)).toEqual([world.actors.counsellor.userId]);
      const events = await db()
        .selectFrom('referral_event')
        .select(['event', 'party', 'actor_user_id'])
        .where('referral_id', '=', id)
        .where('event', '=', 'expire')
        .execute();
      expect(events).toEqual([{ event: 'expire', party: 'system', actor_user_id: null }]);
    });
  });

  it('uses the configured periods', async () => {
    const other = await sendTestReferral(db(), world);
    await db()
      .updateTable('referral')
      .set({ last_transition_at: '2026-11-20T01:00:00.000Z' }) // Friday
      .where('id', '=', other)
      .execute();
    // 11/23 is 勤労感謝の日 (Monday): 11/24 is the 1st business day.
    expect(
      await runReferralDeadlines(db(), { reminderBusinessDays: 1, expiryBusinessDays: 2 }, '2026-11-23'),
    ).toEqual({
      reminded: 0,
      expired: 0,
    });
    expect(
      await runReferralDeadlines(db(), { reminderBusinessDays: 1, expiryBusinessDays: 2 }, '2026-11-24'),
    ).toEqual({
      reminded: 1,
      expired: 0,
    });
    expect(
      await runReferralDeadlines(db(), { reminderBusinessDays: 1, expiryBusinessDays: 2 }, '2026-11-25'),
    ).toEqual({
      reminded: 0,
      expired: 1,
    });
  });
});
