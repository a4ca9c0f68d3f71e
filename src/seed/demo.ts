/**
 * Demo data for a first start: one fictional organisation of each kind, one login per role, and
 * the demo corporation's fictional facilities.
 * Everything here is invented and flagged is_demo; nothing describes a real corporation.
 */

import type { Kysely } from 'kysely';
import { ensureDemoAgencyType } from '../accounts/organisations/service';
import { createUser, ensureOrganisation } from '../accounts/service';
import { emailExists, setOrganisationTwoFactorRequired } from '../accounts/store';
import { seedSiteSamples } from '../content/seed';
import { seedDemoParticipants } from '../participants/seed';
import type { Database, Role } from '../platform/db/schema';
import { DEMO_SETTING, readSetting, writeSetting } from '../platform/db/settings';
import { nowIso } from '../platform/db/time';
import { syncMunicipalities } from '../reference/store';
import { seedDemoReferrals } from '../referrals/seed';
import { ensureDemoAssignment, ensureDemoFacility } from '../registry/facilities/service';
import { seedDemoOpportunities } from '../registry/opportunities/seed';

export const DEMO_PASSWORD = 'hataraku-demo-2026';

export type DemoLogin = { role: Role; email: string; password: string; organisation: string };

const organisations = {
  council: { kind: 'council', name: '協議会事務局(デモ)', nameKana: 'きょうぎかいじむきょく でも' },
  corporation: { kind: 'corporation', name: '社会福祉法人 みどりの杜会(架空)', nameKana: 'みどりのもりかい' },
  agency: {
    kind: 'agency',
    name: 'ひがし市 自立相談支援センター(架空)',
    nameKana: 'ひがしし じりつそうだんしえんせんたー',
  },
} as const;

const people: { role: Role; email: string; name: string; organisation: keyof typeof organisations }[] = [
  {
    role: 'council_admin',
    email: 'council-admin@demo.hataraku.example',
    name: '事務局 管理花子',
    organisation: 'council',
  },
  {
    role: 'council_staff',
    email: 'council-staff@demo.hataraku.example',
    name: '事務局 職員太郎',
    organisation: 'council',
  },
  {
    role: 'corporation_admin',
    email: 'corp-admin@demo.hataraku.example',
    name: '法人 本部一郎',
    organisation: 'corporation',
  },
  {
    role: 'facility_coordinator',
    email: 'coordinator@demo.hataraku.example',
    name: '受入 担当美咲',
    organisation: 'corporation',
  },
  {
    role: 'counsellor',
    email: 'counsellor@demo.hataraku.example',
    name: '相談 支援健太',
    organisation: 'agency',
  },
];

/**
 * Fictional facilities of the demo corporation (made-up addresses and stations, no postal code so
 * no real address is pointed at); the demo coordinator is assigned to the first.
 */
const demoFacilities = [
  {
    name: 'みどりの杜 ケアセンター(架空)',
    name_kana: 'ミドリノモリ ケアセンター',
    service_type: 'elderly',
    municipality_code: '132012',
    address: '架空町一丁目2番3号',
    nearest_station: 'みどり台駅(架空)',
    walk_minutes: '8',
    phone: '042-000-0001',
    contact_name: '受入 担当美咲',
    contact_email: 'coordinator@demo.hataraku.example',
  },
  {
    name: 'みどりの杜 ワークセンター(架空)',
    name_kana: 'ミドリノモリ ワークセンター',
    service_type: 'disability',
    municipality_code: '131202',
    address: '架空町四丁目5番6号',
    nearest_station: 'もりの駅(架空)',
    walk_minutes: '12',
    phone: '03-0000-0002',
    contact_name: '作業 指導次郎',
    contact_email: 'workcenter@demo.hataraku.example',
  },
  {
    name: 'みどりの杜 こども園(架空)',
    name_kana: 'ミドリノモリ コドモエン',
    service_type: 'nursery',
    municipality_code: '132098',
    address: '架空町七丁目8番9号',
    nearest_station: 'こもれび駅(架空)',
    walk_minutes: '5',
    phone: '042-000-0003',
    contact_name: null,
    contact_email: null,
  },
];

async function seedDemoRegistry(db: Kysely<Database>, ids: Record<string, string>): Promise<void> {
  const corporationId = ids.corporation;
  const agencyId = ids.agency;
  if (!corporationId || !agencyId) throw new Error('demo organisations missing');
  await ensureDemoAgencyType(db, agencyId, 'independence_support');
  // Facilities reference the municipality table; the server fills it at start, tests may not have.
  await syncMunicipalities(db);
  const facilityIds: string[] = [];
  for (const facility of demoFacilities)
    facilityIds.push(await ensureDemoFacility(db, corporationId, facility));
  const coordinator = await db
    .selectFrom('app_user')
    .select('id')
    .where('email', '=', 'coordinator@demo.hataraku.example')
    .executeTakeFirst();
  if (coordinator && facilityIds[0]) await ensureDemoAssignment(db, coordinator.id, facilityIds[0]);
}

export async function isDemoLoaded(db: Kysely<Database>): Promise<boolean> {
  return (await readSetting(db, DEMO_SETTING)) !== undefined;
}

/** Loads the demo data unless present; returns the demo logins either way. */
export async function seedDemo(db: Kysely<Database>): Promise<DemoLogin[]> {
  const ids: Record<string, string> = {};
  for (const [key, organisation] of Object.entries(organisations)) {
    const organisationId = await ensureOrganisation(db, { ...organisation, isDemo: true });
    // The printed demo logins sign in in one step: demo organisations do not require two-factor
    // authentication (docs/decisions/008); real organisations do by default.
    await setOrganisationTwoFactorRequired(db, organisationId, false);
    ids[key] = organisationId;
  }
  for (const person of people) {
    if (await emailExists(db, person.email)) continue;
    const organisationId = ids[person.organisation];
    if (!organisationId) throw new Error(`demo organisation ${person.organisation} missing`);
    await createUser(db, { ...person, organisationId, password: DEMO_PASSWORD, isDemo: true });
  }
  await seedDemoRegistry(db, ids);
  await seedDemoOpportunities(db);
  await seedDemoParticipants(db);
  await seedDemoReferrals(db);
  await seedSiteSamples(db);
  if (!(await isDemoLoaded(db))) await writeSetting(db, DEMO_SETTING, nowIso());
  return people.map((p) => ({
    role: p.role,
    email: p.email,
    password: DEMO_PASSWORD,
    organisation: organisations[p.organisation].name,
  }));
}

export function formatDemoLogins(logins: DemoLogin[]): string {
  const width = Math.max(...logins.map((l) => l.email.length));
  return [
    `Demo logins (password for all: ${logins[0]?.password ?? ''}):`,
    ...logins.map((l) => `  ${l.role.padEnd(22)} ${l.email.padEnd(width)}  ${l.organisation}`),
  ].join('\n');
}
