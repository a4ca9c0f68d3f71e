/**
 * Demo data for a first start: one fictional organisation of each kind and one login per role.
 * Everything here is invented and flagged is_demo; nothing describes a real corporation.
 */
import type { Kysely } from 'kysely';
import { createUser, ensureOrganisation } from '../accounts/service';
import { emailExists } from '../accounts/store';
import type { Database, Role } from '../platform/db/schema';
import { DEMO_SETTING, readSetting, writeSetting } from '../platform/db/settings';
import { nowIso } from '../platform/db/time';

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

export async function isDemoLoaded(db: Kysely<Database>): Promise<boolean> {
  return (await readSetting(db, DEMO_SETTING)) !== undefined;
}

/** Loads the demo data unless present; returns the demo logins either way. */
export async function seedDemo(db: Kysely<Database>): Promise<DemoLogin[]> {
  const ids: Record<string, string> = {};
  for (const [key, organisation] of Object.entries(organisations)) {
    ids[key] = await ensureOrganisation(db, { ...organisation, isDemo: true });
  }
  for (const person of people) {
    if (await emailExists(db, person.email)) continue;
    const organisationId = ids[person.organisation];
    if (!organisationId) throw new Error(`demo organisation ${person.organisation} missing`);
    await createUser(db, { ...person, organisationId, password: DEMO_PASSWORD, isDemo: true });
  }
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
