/**
 * Test helpers for the consent tests: the participant world with the two demo people the consent
 * suites use, the demo corporation's facilities (at least two), and a second corporation.
 */
import type { Kysely } from 'kysely';
import { addCorporation, addFacility, demoEmails } from '../../accounts/users/test-support';
import type { Actor } from '../../platform/auth/policy';
import type { Database } from '../../platform/db/schema';
import { seedDemoParticipants } from '../seed';
import { buildParticipantWorld, type ParticipantWorld } from '../test-support';

export const testAudit = { userId: null, organisationId: null, requestId: 'test', ip: '127.0.0.1' };

export type ConsentWorld = {
  world: ParticipantWorld;
  /** 見本 さくら, who asked for furigana. */
  participantId: string;
  /** 架空 一郎, who did not. */
  plainParticipantId: string;
  facilityIds: string[];
  otherCorporation: string;
  counsellor: Actor;
  councilAdmin: Actor;
};

export async function buildConsentWorld(db: Kysely<Database>): Promise<ConsentWorld> {
  const world = await buildParticipantWorld(db);
  await seedDemoParticipants(db);
  const people = await db.selectFrom('participant').select(['id', 'case_number']).execute();
  const participantId = people.find((p) => p.case_number === 'DEMO-0002')?.id ?? '';
  const plainParticipantId = people.find((p) => p.case_number === 'DEMO-0001')?.id ?? '';
  const facilityIds = (
    await db
      .selectFrom('facility')
      .select('id')
      .where('corporation_id', '=', world.corporation)
      .orderBy('name')
      .execute()
  ).map((f) => f.id);
  if (facilityIds.length < 2) facilityIds.push(await addFacility(db, world.corporation, '第二事業所(架空)'));
  const otherCorporation = await addCorporation(db, '社会福祉法人 ほかの会(架空テスト)');
  await addFacility(db, otherCorporation, 'ほかの会 事業所(架空)');
  return {
    world,
    participantId,
    plainParticipantId,
    facilityIds,
    otherCorporation,
    counsellor: {
      userId: world.users[demoEmails.counsellor] ?? '',
      role: 'counsellor',
      organisationId: world.agency,
      facilityIds: [],
    },
    councilAdmin: {
      userId: world.users[demoEmails.councilAdmin] ?? '',
      role: 'council_admin',
      organisationId: world.council,
      facilityIds: [],
    },
  };
}
