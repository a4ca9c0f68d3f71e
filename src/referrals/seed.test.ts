import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases';
import { demoEmails } from '../accounts/users/test-support';
import { checkConsent } from '../participants/consents/service';
import { todayInTokyo } from '../participants/japanese-date';
import type { Actor } from '../platform/auth/policy';
import { seedDemo } from '../seed/demo';
import { DEMO_REFERRAL_KEY } from './seed';
import { findReferralForActor } from './service';

describeEachDatabase('referrals: demo data', (current) => {
  const db = () => current().db;

  it('seeds one consent and one sent referral the demo coordinator sees, once', async () => {
    await seedDemo(db());
    await seedDemo(db());
    const rows = await db()
      .selectFrom('referral')
      .select(['id', 'state', 'participant_id', 'corporation_id', 'facility_id'])
      .where('idempotency_key', '=', DEMO_REFERRAL_KEY)
      .execute();
    expect(rows).toHaveLength(1);
    const row = rows[0];
    if (!row) throw new Error('missing');
    expect(row.state).toBe('sent');
    const consents = await db()
      .selectFrom('consent')
      .select('id')
      .where('participant_id', '=', row.participant_id)
      .execute();
    expect(consents).toHaveLength(1);
    const check = await checkConsent(db(), {
      participantId: row.participant_id,
      recipient: { corporationId: row.corporation_id, facilityId: row.facility_id },
      dataGroups: ['basic_identity', 'assessment_summary'],
      on: todayInTokyo(),
    });
    expect(check.ok).toBe(true);
    const coordinator = await db()
      .selectFrom('app_user')
      .innerJoin('facility_assignment', 'facility_assignment.user_id', 'app_user.id')
      .select(['app_user.id', 'app_user.organisation_id', 'facility_assignment.facility_id'])
      .where('app_user.email', '=', demoEmails.coordinator)
      .executeTakeFirstOrThrow();
    const actor: Actor = {
      userId: coordinator.id,
      role: 'facility_coordinator',
      organisationId: coordinator.organisation_id,
      facilityIds: [coordinator.facility_id],
    };
    expect((await findReferralForActor(db(), actor, row.id))?.state).toBe('sent');
    // No notice: the demo logins start with an empty inbox.
    const notices = await db().selectFrom('notification').select('id').execute();
    expect(notices).toHaveLength(0);
  });
});
