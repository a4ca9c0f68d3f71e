/** The three-party decision after the person moves to another agency (移管). */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import { buildParticipantWorld, otherCounsellorEmail } from '../../participants/test-support';
import { transferParticipant } from '../../participants/transfer/service';
import { recordAgreement, saveDecisionDraft } from './service';
import {
  addSmallOpportunity,
  buildMeetingWorld,
  daysFromToday,
  decisionDraft,
  type MeetingWorld,
  referralAtMeeting,
  testAudit,
} from './test-support';

describeEachDatabase('the three-party decision', (current) => {
  let world: MeetingWorld;

  beforeAll(async () => {
    world = await buildMeetingWorld(current().db);
  });

  it('after a transfer (移管) the new agency agrees, and the placement names its counsellor', async () => {
    const db = current().db;
    const opportunityId = await addSmallOpportunity(db, world, 2);
    const referralId = await referralAtMeeting(db, world, { opportunityId });
    const other = await buildParticipantWorld(db);
    const newCounsellorRow = await db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', otherCounsellorEmail)
      .executeTakeFirstOrThrow();
    const newCounsellor = {
      userId: newCounsellorRow.id,
      role: 'counsellor' as const,
      organisationId: other.otherAgency,
      facilityIds: [],
    };
    const participantId = world.participantIds.withDecision;
    const move = (actor: typeof newCounsellor, to: string) =>
      transferParticipant(
        db,
        actor,
        participantId,
        { to_agency: to, consented: '1', consent_on: daysFromToday(0), reason: 'テストの移管' },
        testAudit,
      );
    expect((await move(world.actors.counsellor as typeof newCounsellor, other.otherAgency)).status).toBe(
      'ok',
    );
    try {
      const { coordinator } = world.actors;
      const today = daysFromToday(0);
      expect((await saveDecisionDraft(db, coordinator, referralId, decisionDraft(), testAudit)).status).toBe(
        'ok',
      );
      // The old agency's counsellor no longer can; the new one can.
      expect(
        (
          await recordAgreement(
            db,
            world.actors.counsellor,
            referralId,
            { party: 'agency', agreed_on: today },
            testAudit,
          )
        ).status,
      ).toBe('not_found');
      for (const party of ['agency', 'participant'] as const) {
        const outcome = await recordAgreement(
          db,
          newCounsellor,
          referralId,
          { party, agreed_on: today },
          testAudit,
        );
        expect(outcome.status).toBe('recorded');
      }
      const last = await recordAgreement(
        db,
        coordinator,
        referralId,
        { party: 'facility', agreed_on: today },
        testAudit,
      );
      expect(last.status).toBe('agreed');
      const placement = await db
        .selectFrom('placement')
        .select('counsellor_user_id')
        .where('referral_id', '=', referralId)
        .executeTakeFirstOrThrow();
      expect(placement.counsellor_user_id).toBe(newCounsellor.userId);
    } finally {
      expect((await move(newCounsellor, world.agency)).status).toBe('ok');
    }
  });
});
