/**
 * Test world for referrals: the demo data (agency, corporation with three facilities, the
 * coordinator assigned to the first), a second agency with its counsellor, a coordinator of the
 * demo corporation's second facility, an unrelated corporation with its admin, one demo
 * participant and the published opportunity 「施設内の清掃(午前)」 at the first facility.
 */
import type { Kysely } from 'kysely';
import { createUser, ensureOrganisation } from '../accounts/service';
import { setOrganisationTwoFactorRequired } from '../accounts/store';
import { demoEmails } from '../accounts/users/test-support';
import type { ConsentDataGroup } from '../participants/consents/consent';
import { recordConsent } from '../participants/consents/service';
import { todayInTokyo } from '../participants/japanese-date';
import { buildParticipantWorld, otherCounsellorEmail } from '../participants/test-support';
import type { Actor } from '../platform/auth/policy';
import type { Database, Role } from '../platform/db/schema';
import { nowIso } from '../platform/db/time';
import { DEMO_PASSWORD } from '../seed/demo';
import { createReferral } from './service/create';

export const otherCoordinatorEmail = 'coordinator2@demo-referral.example.jp';
export const strangerAdminEmail = 'stranger-admin@other-corp.example.jp';
export const noAudit = { userId: null, organisationId: null, requestId: 'test', ip: '127.0.0.1' };

export type ReferralWorld = {
  participantId: string;
  opportunityId: string;
  pausedOpportunityId: string;
  facilityId: string;
  otherFacilityId: string;
  corporationId: string;
  actors: Record<
    | 'counsellor'
    | 'otherCounsellor'
    | 'coordinator'
    | 'otherCoordinator'
    | 'corpAdmin'
    | 'strangerAdmin'
    | 'councilStaff',
    Actor
  >;
  emails: Record<string, string>;
};

async function userId(db: Kysely<Database>, email: string): Promise<string> {
  const row = await db
    .selectFrom('app_user')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function ensureUser(
  db: Kysely<Database>,
  input: { organisationId: string; email: string; name: string; role: Role },
): Promise<string> {
  const existing = await db
    .selectFrom('app_user')
    .select('id')
    .where('email', '=', input.email)
    .executeTakeFirst();
  return existing?.id ?? createUser(db, { ...input, password: DEMO_PASSWORD });
}

export async function buildReferralWorld(db: Kysely<Database>): Promise<ReferralWorld> {
  const base = await buildParticipantWorld(db);
  const facilities = await db
    .selectFrom('facility')
    .select(['id', 'name'])
    .where('corporation_id', '=', base.corporation)
    .orderBy('name')
    .execute();
  const facilityId = facilities.find((f) => f.name.includes('ケアセンター'))?.id ?? '';
  const otherFacilityId = facilities.find((f) => f.name.includes('ワークセンター'))?.id ?? '';
  const otherCoordinator = await ensureUser(db, {
    organisationId: base.corporation,
    email: otherCoordinatorEmail,
    name: '別事業所 担当',
    role: 'facility_coordinator',
  });
  const assigned = await db
    .selectFrom('facility_assignment')
    .select('user_id')
    .where('user_id', '=', otherCoordinator)
    .executeTakeFirst();
  if (!assigned) {
    await db
      .insertInto('facility_assignment')
      .values({ user_id: otherCoordinator, facility_id: otherFacilityId, created_at: nowIso() })
      .execute();
  }
  const strangerCorp = await ensureOrganisation(db, {
    kind: 'corporation',
    name: '社会福祉法人 よその会(テスト)',
  });
  await setOrganisationTwoFactorRequired(db, strangerCorp, false);
  const strangerAdmin = await ensureUser(db, {
    organisationId: strangerCorp,
    email: strangerAdminEmail,
    name: 'よその 管理者',
    role: 'corporation_admin',
  });
  const opportunity = await db
    .selectFrom('opportunity')
    .select('id')
    .where('facility_id', '=', facilityId)
    .where('title', '=', '施設内の清掃(午前)')
    .executeTakeFirstOrThrow();
  const paused = await db
    .selectFrom('opportunity')
    .select('id')
    .where('facility_id', '=', facilityId)
    .where('id', '!=', opportunity.id)
    .executeTakeFirstOrThrow();
  await db.updateTable('opportunity').set({ status: 'paused' }).where('id', '=', paused.id).execute();
  const participant = await db
    .selectFrom('participant')
    .select('id')
    .where('agency_id', '=', base.agency)
    .where('name', '=', '架空 一郎')
    .executeTakeFirstOrThrow();

  const counsellor = await userId(db, demoEmails.counsellor);
  const actor = (id: string, role: Role, organisationId: string, facilityIds: string[] = []): Actor => ({
    userId: id,
    role,
    organisationId,
    facilityIds,
  });
  return {
    participantId: participant.id,
    opportunityId: opportunity.id,
    pausedOpportunityId: paused.id,
    facilityId,
    otherFacilityId,
    corporationId: base.corporation,
    actors: {
      counsellor: actor(counsellor, 'counsellor', base.agency),
      otherCounsellor: actor(await userId(db, otherCounsellorEmail), 'counsellor', base.otherAgency),
      coordinator: actor(await userId(db, demoEmails.coordinator), 'facility_coordinator', base.corporation, [
        facilityId,
      ]),
      otherCoordinator: actor(otherCoordinator, 'facility_coordinator', base.corporation, [otherFacilityId]),
      corpAdmin: actor(await userId(db, demoEmails.corporationAdmin), 'corporation_admin', base.corporation),
      strangerAdmin: actor(strangerAdmin, 'corporation_admin', strangerCorp),
      councilStaff: actor(await userId(db, demoEmails.councilStaff), 'council_staff', base.council),
    },
    emails: {
      counsellor: demoEmails.counsellor,
      coordinator: demoEmails.coordinator,
      corpAdmin: demoEmails.corporationAdmin,
      councilStaff: demoEmails.councilStaff,
      otherCounsellor: otherCounsellorEmail,
      otherCoordinator: otherCoordinatorEmail,
      strangerAdmin: strangerAdminEmail,
    },
  };
}

/** Records the participant's consent to share `groups` with the demo corporation from today. */
export async function consentFor(
  db: Kysely<Database>,
  world: ReferralWorld,
  groups: ConsentDataGroup[],
  options: { validFrom?: string; validUntil?: string } = {},
): Promise<string> {
  const outcome = await recordConsent(
    db,
    world.actors.counsellor,
    world.participantId,
    {
      recipient: `corporation:${world.corporationId}`,
      data_groups: groups,
      purpose: 'はたらく場の受け入れ調整のため',
      valid_from: options.validFrom ?? todayInTokyo(),
      valid_until: options.validUntil ?? '',
    },
    noAudit,
  );
  if (outcome.status !== 'ok') throw new Error(`consent: ${JSON.stringify(outcome)}`);
  return outcome.id;
}

/** A valid request body for the world's opportunity. */
export function referralInput(world: ReferralWorld, overrides: Record<string, unknown> = {}) {
  return {
    opportunityId: world.opportunityId,
    message: 'ご本人は午前の清掃を希望しています。はじめは週2日からお願いできればと思います。',
    proposedStartDate: '2099-04-01',
    schedule: [
      { weekday: 1, start: '09:00', end: '11:00' },
      { weekday: 3, start: '09:00', end: '11:00' },
    ],
    dataGroups: ['basic_identity', 'assessment_summary'],
    idempotencyKey: `key-${Math.random().toString(36).slice(2, 12)}`,
    ...overrides,
  };
}

/** Sends a referral as the demo counsellor (consent must already cover it). */
export async function sendTestReferral(
  db: Kysely<Database>,
  world: ReferralWorld,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  // One open referral per participant and opportunity: close earlier ones (test shortcut).
  await db
    .updateTable('referral')
    .set({ state: 'withdrawn', closed_at: nowIso(), close_reason_code: 'other' })
    .where('participant_id', '=', world.participantId)
    .where('closed_at', 'is', null)
    .where('state', '!=', 'draft')
    .execute();
  const outcome = await createReferral(
    db,
    world.actors.counsellor,
    world.participantId,
    referralInput(world, overrides),
    noAudit,
    { send: true },
  );
  if (outcome.status !== 'ok') throw new Error(`referral: ${JSON.stringify(outcome)}`);
  return outcome.id;
}
