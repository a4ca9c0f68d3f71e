/**
 * The case behind a referral: a transfer (移管) takes the referrals to the new agency, the way
 * placements follow; closing the case (終結) or anonymising it ends the open referrals.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases';
import { todayInTokyo } from '../participants/japanese-date';
import { anonymiseExpiredParticipants, closeParticipant } from '../participants/rights/service';
import { transferParticipant } from '../participants/transfer/service';
import { createReferral, findReferralForActor, listReferralsFor, timelineOf } from './service';
import {
  buildReferralWorld,
  consentFor,
  noAudit,
  type ReferralWorld,
  referralInput,
  sendTestReferral,
} from './test-support';

describeEachDatabase('referrals: the case behind them', (current) => {
  const db = () => current().db;
  let world: ReferralWorld;

  beforeAll(async () => {
    world = await buildReferralWorld(db());
    await consentFor(db(), world, ['basic_identity', 'assessment_summary']);
  });

  const inboxOf = (userId: string) =>
    db()
      .selectFrom('notification')
      .select(['kind', 'title_ja', 'link'])
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute();

  it('a transfer takes the referrals to the new agency; the old one sees them no more', async () => {
    const sent = await sendTestReferral(db(), world);
    const draft = await createReferral(
      db(),
      world.actors.counsellor,
      world.participantId,
      referralInput(world),
      noAudit,
      { send: false },
    );
    if (draft.status !== 'ok') throw new Error('draft');
    const outcome = await transferParticipant(
      db(),
      world.actors.counsellor,
      world.participantId,
      {
        to_agency: world.actors.otherCounsellor.organisationId,
        consented: '1',
        consent_on: todayInTokyo(),
        reason: '転居のため',
      },
      noAudit,
    );
    expect(outcome.status).toBe('ok');
    for (const id of [sent, draft.id]) {
      expect(await findReferralForActor(db(), world.actors.counsellor, id)).toBeUndefined();
      const seen = await findReferralForActor(db(), world.actors.otherCounsellor, id);
      expect(seen?.agencyId).toBe(world.actors.otherCounsellor.organisationId);
    }
    // Still visible to the facility, whose lists are not touched.
    expect((await findReferralForActor(db(), world.actors.coordinator, sent))?.state).toBe('sent');
    const oldList = await listReferralsFor(db(), world.actors.counsellor, { limit: 50, offset: 0 }, noAudit);
    expect(oldList.items.map((i) => i.id)).not.toContain(sent);
    const newList = await listReferralsFor(
      db(),
      world.actors.otherCounsellor,
      { limit: 50, offset: 0 },
      noAudit,
    );
    expect(newList.items.map((i) => i.id)).toEqual(expect.arrayContaining([sent, draft.id]));
    const referral = await findReferralForActor(db(), world.actors.otherCounsellor, sent);
    if (!referral) throw new Error('missing');
    const timeline = await timelineOf(db(), referral);
    expect(timeline.at(-1)).toMatchObject({ event: 'transfer', from: 'sent', to: 'sent' });
    const audit = await db()
      .selectFrom('audit_event')
      .select('subject_id')
      .where('action', '=', 'referral.transfer')
      .execute();
    expect(audit.map((a) => a.subject_id)).toEqual(expect.arrayContaining([sent, draft.id]));
    // The facility hears that the agency changed; the new agency's counsellor now hears of the
    // referral's steps (the old counsellor is no longer theirs).
    const coordinatorInbox = await inboxOf(world.actors.coordinator.userId);
    expect(coordinatorInbox.map((n) => n.kind)).toContain('referral.transfer');
    for (const n of coordinatorInbox) expect(n.title_ja).not.toContain('一郎');

    // Move the case back for the next test.
    const back = await transferParticipant(
      db(),
      world.actors.otherCounsellor,
      world.participantId,
      {
        to_agency: world.actors.counsellor.organisationId,
        consented: '1',
        consent_on: todayInTokyo(),
        reason: '戻ったため',
      },
      noAudit,
    );
    expect(back.status).toBe('ok');
    expect((await findReferralForActor(db(), world.actors.counsellor, sent))?.id).toBe(sent);
  });

  it('closing the case withdraws its open referrals by the system and tells the facility', async () => {
    const sent = await sendTestReferral(db(), world);
    const before = (await inboxOf(world.actors.coordinator.userId)).length;
    const closed = await closeParticipant(
      db(),
      world.actors.counsellor,
      world.participantId,
      { closed_on: todayInTokyo(), reason: '一般就労が決まったため' },
      noAudit,
    );
    expect(closed.status).toBe('ok');
    const referral = await findReferralForActor(db(), world.actors.counsellor, sent);
    expect(referral).toMatchObject({ state: 'withdrawn', closeReasonCode: 'case_closed' });
    expect(referral?.closedAt).not.toBeNull();
    const open = await db()
      .selectFrom('referral')
      .select('id')
      .where('participant_id', '=', world.participantId)
      .where('closed_at', 'is', null)
      .execute();
    expect(open).toEqual([]);
    if (!referral) throw new Error('missing');
    const last = (await timelineOf(db(), referral)).at(-1);
    expect(last).toMatchObject({ event: 'withdraw', party: 'system', to: 'withdrawn', note: '支援の終結' });
    const inbox = await inboxOf(world.actors.coordinator.userId);
    expect(inbox.length).toBeGreaterThan(before);
    const told = inbox.at(-1);
    expect(told).toMatchObject({ kind: 'referral.withdraw', link: `/referrals/${sent}` });
    expect(told?.title_ja).not.toContain('一郎');
    // A closed case gets no new request, sent or drafted; a draft made before is not sent.
    const existing = await db().selectFrom('referral').select('id').execute();
    for (const send of [true, false]) {
      const again = await createReferral(
        db(),
        world.actors.counsellor,
        world.participantId,
        referralInput(world),
        noAudit,
        { send },
      );
      expect(again).toEqual({ status: 'case_not_active' });
    }
    expect(await db().selectFrom('referral').select('id').execute()).toHaveLength(existing.length);
  });

  it('anonymising a closed case ends a referral that was still open', async () => {
    // A referral left open from before closure ended referrals (written directly).
    const sent = await db()
      .selectFrom('referral')
      .select('id')
      .where('participant_id', '=', world.participantId)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    await db()
      .updateTable('referral')
      .set({ state: 'viewed', closed_at: null, close_reason_code: null })
      .where('id', '=', sent.id)
      .execute();
    await db()
      .updateTable('participant')
      .set({ closed_at: '2000-01-01' })
      .where('id', '=', world.participantId)
      .execute();
    const result = await anonymiseExpiredParticipants(db(), { years: 5 });
    expect(result.anonymised).toBe(1);
    const row = await db()
      .selectFrom('referral')
      .select(['state', 'close_reason_code'])
      .where('id', '=', sent.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'withdrawn', close_reason_code: 'case_closed' });
    // The retention rule: free text that may describe the person is gone from its referrals.
    const texts = await db()
      .selectFrom('referral')
      .select(['message', 'close_note'])
      .where('participant_id', '=', world.participantId)
      .execute();
    for (const t of texts) expect(t).toEqual({ message: '', close_note: null });
    const notes = await db()
      .selectFrom('referral_event')
      .innerJoin('referral', 'referral.id', 'referral_event.referral_id')
      .select('referral_event.note')
      .where('referral.participant_id', '=', world.participantId)
      .where('referral_event.note', 'is not', null)
      .execute();
    expect(notes).toEqual([]);
  });
});
