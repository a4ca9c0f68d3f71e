/** Two agreements made at once for the last open place: one wins, the other is left whole. */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import { getDecisionView, recordAgreement, saveDecisionDraft } from './service';
import {
  addSmallOpportunity,
  buildMeetingWorld,
  daysFromToday,
  decisionDraft,
  type MeetingWorld,
  openPlaces,
  referralAtMeeting,
  testAudit,
} from './test-support';

describeEachDatabase('the three-party decision', (current) => {
  let world: MeetingWorld;

  beforeAll(async () => {
    world = await buildMeetingWorld(current().db);
  });

  it('gives the last place to one of two agreements made at once; the other is told and nothing is half-written', async () => {
    const opportunityId = await addSmallOpportunity(current().db, world, 1);
    const { counsellor, coordinator } = world.actors;
    const today = daysFromToday(0);
    const referrals = [
      await referralAtMeeting(current().db, world, {
        opportunityId,
        participantId: world.participantIds.withDecision,
      }),
      await referralAtMeeting(current().db, world, {
        opportunityId,
        participantId: world.participantIds.withoutDecision,
      }),
    ];
    for (const referralId of referrals) {
      await saveDecisionDraft(
        current().db,
        counsellor,
        referralId,
        decisionDraft({ work_form: 'a_unpaid' }),
        testAudit,
      );
      await recordAgreement(
        current().db,
        counsellor,
        referralId,
        { party: 'agency', agreed_on: today },
        testAudit,
      );
      await recordAgreement(
        current().db,
        counsellor,
        referralId,
        { party: 'participant', agreed_on: today },
        testAudit,
      );
    }
    const outcomes = await Promise.all(
      referrals.map((referralId) =>
        recordAgreement(
          current().db,
          coordinator,
          referralId,
          { party: 'facility', agreed_on: today },
          testAudit,
        ),
      ),
    );
    expect(outcomes.map((o) => o.status).sort()).toEqual(['agreed', 'no_open_place']);
    const loser = referrals[outcomes.findIndex((o) => o.status === 'no_open_place')] ?? '';
    const state = await current()
      .db.selectFrom('referral')
      .select('state')
      .where('id', '=', loser)
      .executeTakeFirstOrThrow();
    expect(state.state).toBe('meeting_scheduled');
    const record = await getDecisionView(current().db, coordinator, loser);
    expect(record?.record?.outcome).toBe('draft');
    expect(record?.record?.agreements.facility.on).toBeNull();
    expect(record?.record?.agreements.agency.on).toBe(today);
    const placements = await current()
      .db.selectFrom('placement')
      .select('referral_id')
      .where('opportunity_id', '=', opportunityId)
      .execute();
    expect(placements.length).toBe(1);
    expect(await openPlaces(current().db, opportunityId)).toBe(0);
  });
});
