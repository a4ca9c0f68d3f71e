/**
 * Demo referral (受け入れ依頼) for a first start: the demo participant 見本 さくら (DEMO-0002) has a
 * consent covering the demo corporation (basic identity and the assessment summary), and a
 * request sent to みどりの杜 ケアセンター for 「昼食の配膳と下膳の補助」, so `npm start` shows the
 * flow: the coordinator (coordinator@) finds it waiting for an answer, the counsellor (counsellor@)
 * follows it. Written once (found again by its idempotency key). It is written without
 * notifications, so the demo logins start with an empty inbox. Everything here is invented.
 */
import type { Kysely } from 'kysely';
import { recordConsent } from '../participants/consents/service';
import { todayInTokyo } from '../participants/japanese-date';
import { findParticipantIdByCaseNumber } from '../participants/store';
import { recordAudit } from '../platform/audit/audit';
import type { Actor } from '../platform/auth/policy';
import type { ConsentDataGroup, Database } from '../platform/db/schema';
import { newId, nowIso } from '../platform/db/time';
import { findReferralByKey, insertReferral } from './store/referrals';
import { insertEvent } from './store/timeline';

export const DEMO_REFERRAL_KEY = 'demo-referral-DEMO-0002';
const seedAudit = { userId: null, organisationId: null, requestId: 'seed', ip: null };
const groups: ConsentDataGroup[] = ['basic_identity', 'assessment_summary'];

function daysLater(today: string, days: number): string {
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Loads the demo consent and sent referral unless present; true when it wrote them now. */
export async function seedDemoReferrals(db: Kysely<Database>): Promise<boolean> {
  if (await findReferralByKey(db, DEMO_REFERRAL_KEY)) return false;
  const counsellor = await db
    .selectFrom('app_user')
    .select(['id', 'organisation_id'])
    .where('email', '=', 'counsellor@demo.hataraku.example')
    .executeTakeFirst();
  const opportunity = await db
    .selectFrom('opportunity as o')
    .innerJoin('facility as f', 'f.id', 'o.facility_id')
    .select(['o.id', 'o.facility_id', 'f.corporation_id'])
    .where('o.title', '=', '昼食の配膳と下膳の補助')
    .where('f.is_demo', '=', 1)
    .executeTakeFirst();
  if (!counsellor || !opportunity) return false;
  const actor: Actor = {
    userId: counsellor.id,
    role: 'counsellor',
    organisationId: counsellor.organisation_id,
    facilityIds: [],
  };
  const participantId = await findParticipantIdByCaseNumber(db, actor.organisationId, 'DEMO-0002');
  if (!participantId) return false;
  const today = todayInTokyo();

  const consent = await recordConsent(
    db,
    actor,
    participantId,
    {
      recipient: `corporation:${opportunity.corporation_id}`,
      data_groups: groups,
      purpose: 'はたらく場の受け入れ調整のため(デモ)',
      valid_from: today,
      valid_until: '',
    },
    seedAudit,
  );
  if (consent.status !== 'ok') throw new Error(`demo consent: ${JSON.stringify(consent)}`);

  await db.transaction().execute(async (trx) => {
    const id = newId();
    const now = nowIso();
    await insertReferral(trx, {
      id,
      participantId,
      agencyId: actor.organisationId,
      counsellorUserId: actor.userId,
      opportunityId: opportunity.id,
      facilityId: opportunity.facility_id,
      corporationId: opportunity.corporation_id,
      state: 'sent',
      message:
        'ご本人は人と関わる仕事を希望しています。はじめは週2日、午前中から始められればと思います。(デモ)',
      proposedStartDate: daysLater(today, 30),
      proposedSchedule: [
        { weekday: 2, start: '10:30', end: '13:00' },
        { weekday: 4, start: '10:30', end: '13:00' },
      ],
      dataGroups: groups,
      consentIds: [consent.id],
      overrideId: null,
      idempotencyKey: DEMO_REFERRAL_KEY,
      sentAt: now,
      now,
    });
    const who = { userId: actor.userId, organisationId: actor.organisationId, party: 'agency' as const };
    await insertEvent(trx, {
      id: newId(),
      referralId: id,
      at: now,
      ...who,
      event: 'create',
      from: null,
      to: 'draft',
    });
    await insertEvent(trx, {
      id: newId(),
      referralId: id,
      at: now,
      ...who,
      event: 'send',
      from: 'draft',
      to: 'sent',
    });
    await recordAudit(trx, {
      ...seedAudit,
      action: 'referral.send',
      subjectType: 'referral',
      subjectId: id,
      detail: {
        participantId,
        agencyId: actor.organisationId,
        opportunityId: opportunity.id,
        facilityId: opportunity.facility_id,
        corporationId: opportunity.corporation_id,
        dataGroups: groups,
        consentIds: [consent.id],
        demo: true,
      },
    });
  });
  return true;
}
