/** Test helpers for account management: demo ids, signed-in clients, a corporation with facilities. */
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { buildTestApp, type TestApp, TestClient } from '../../../test/app';
import type { Db } from '../../platform/db/connection';
import type { Database } from '../../platform/db/schema';
import { newId, nowIso } from '../../platform/db/time';
import { syncMunicipalities } from '../../reference/store';
import { DEMO_PASSWORD, seedDemo } from '../../seed/demo';
import { ensureOrganisation } from '../service';

export const demoEmails = {
  councilAdmin: 'council-admin@demo.hataraku.example',
  councilStaff: 'council-staff@demo.hataraku.example',
  corporationAdmin: 'corp-admin@demo.hataraku.example',
  coordinator: 'coordinator@demo.hataraku.example',
  counsellor: 'counsellor@demo.hataraku.example',
} as const;

export type DemoIds = { council: string; corporation: string; agency: string; users: Record<string, string> };

/** Loads the demo data (idempotent) and returns the ids tests refer to. */
export async function seedAndFindDemo(db: Kysely<Database>): Promise<DemoIds> {
  // Demo facilities need the municipality table, as at start-up.
  await syncMunicipalities(db);
  await seedDemo(db);
  const organisations = await db
    .selectFrom('organisation')
    .select(['id', 'kind'])
    .where('is_demo', '=', 1)
    .execute();
  const users = await db.selectFrom('app_user').select(['id', 'email']).where('is_demo', '=', 1).execute();
  const byKind = (kind: string) => organisations.find((o) => o.kind === kind)?.id ?? '';
  return {
    council: byKind('council'),
    corporation: byKind('corporation'),
    agency: byKind('agency'),
    users: Object.fromEntries(users.map((u) => [u.email, u.id])),
  };
}

export async function addFacility(
  db: Kysely<Database>,
  corporationId: string,
  name: string,
): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('facility')
    .values({
      id,
      corporation_id: corporationId,
      name,
      name_kana: '',
      service_type: 'elderly',
      postal_code: null,
      municipality_code: '131041',
      address: '東京都新宿区西新宿2-8-1',
      lat: null,
      lng: null,
      nearest_station: null,
      walk_minutes: null,
      phone: null,
      contact_name: null,
      contact_email: null,
      search_text: name,
      is_demo: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** A second corporation, for checking that one corporation cannot reach another's accounts. */
export async function addCorporation(db: Kysely<Database>, name: string): Promise<string> {
  return ensureOrganisation(db, { kind: 'corporation', name });
}

export async function signedInClient(
  app: TestApp,
  email: string,
  password = DEMO_PASSWORD,
): Promise<TestClient> {
  const client = new TestClient(app);
  const response = await client.postForm('/login', { email, password });
  expect(response.status, `sign-in of ${email}`).toBe(303);
  expect(response.headers.get('location')).toBe('/dashboard');
  return client;
}

export function testApp(database: Db, baseUrl = 'https://hataraku.test'): TestApp {
  return buildTestApp(database, { BASE_URL: baseUrl });
}

/** The newest mail to an address, if any. */
export async function latestMailTo(db: Kysely<Database>, to: string) {
  return db
    .selectFrom('mail_message')
    .select(['id', 'subject', 'text_body', 'to_address'])
    .where('to_address', '=', to)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export function linkIn(text: string, path: string): string {
  const match = new RegExp(`https://hataraku\\.test(${path}/[A-Za-z0-9_-]+)`).exec(text);
  if (!match?.[1]) throw new Error(`no ${path} link in:\n${text}`);
  return match[1];
}
