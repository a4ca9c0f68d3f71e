/**
 * Test data for the organisation and facility tests: the council, two fictional corporations
 * (A and B) with a facility each, an agency, and an Actor per role. Names carry a suffix so
 * several worlds can live in one test database.
 */
import type { Kysely } from 'kysely';
import { createOrganisation } from '../../accounts/organisations/service';
import type { Actor } from '../../platform/auth/policy';
import type { Database } from '../../platform/db/schema';
import { newId, nowIso } from '../../platform/db/time';
import { syncMunicipalities } from '../../reference/store';
import type { RawInput } from './fields';
import { createFacility } from './service';

export const noAudit = { userId: null, organisationId: null, requestId: 'test', ip: '127.0.0.1' };

export function facilityInput(overrides: RawInput = {}): RawInput {
  return {
    name: 'ひだまり作業所(架空)',
    name_kana: 'ヒダマリサギョウショ',
    service_type: 'disability',
    postal_code: '',
    municipality_code: '132136',
    address: '架空町1-2-3',
    nearest_station: '架空駅',
    walk_minutes: '10',
    phone: '042-000-0000',
    contact_name: '担当 太郎',
    contact_email: 'tanto@example.jp',
    ...overrides,
  };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;

export async function buildWorld(db: Kysely<Database>, suffix: string) {
  await syncMunicipalities(db);
  const councilId = newId();
  const now = nowIso();
  await db
    .insertInto('organisation')
    .values({
      id: councilId,
      kind: 'council',
      name: `協議会事務局(テスト${suffix})`,
      name_kana: '',
      search_text: '',
      is_demo: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const council: Actor = {
    userId: `council-${suffix}`,
    role: 'council_admin',
    organisationId: councilId,
    facilityIds: [],
  };
  const created = async (raw: RawInput) => {
    const outcome = await createOrganisation(db, council, raw, noAudit);
    if (outcome.status !== 'ok') throw new Error(`world: ${JSON.stringify(outcome)}`);
    return outcome.id;
  };
  const corpA = await created({ kind: 'corporation', name: `社会福祉法人 あおば会${suffix}(架空)` });
  const corpB = await created({ kind: 'corporation', name: `社会福祉法人 しらかば会${suffix}(架空)` });
  const agency = await created({
    kind: 'agency',
    name: `みなみ市 自立相談支援センター${suffix}(架空)`,
    agency_type: 'independence_support',
    municipality_code: '131041',
  });
  const facility = async (corporationId: string, name: string) => {
    const outcome = await createFacility(db, council, corporationId, facilityInput({ name }), noAudit);
    if (outcome.status !== 'ok') throw new Error(`world: ${JSON.stringify(outcome)}`);
    return outcome.id;
  };
  const facilityA = await facility(corpA, `あおば作業所${suffix}(架空)`);
  const facilityB = await facility(corpB, `しらかば事業所${suffix}(架空)`);
  const actor = (role: Actor['role'], organisationId: string, facilityIds: string[] = []): Actor => ({
    userId: `${role}-${suffix}`,
    role,
    organisationId,
    facilityIds,
  });
  return {
    councilId,
    corpA,
    corpB,
    agency,
    facilityA,
    facilityB,
    council,
    councilStaff: actor('council_staff', councilId),
    adminA: actor('corporation_admin', corpA),
    adminB: actor('corporation_admin', corpB),
    coordinatorA: actor('facility_coordinator', corpA, [facilityA]),
    counsellor: actor('counsellor', agency),
  };
}
