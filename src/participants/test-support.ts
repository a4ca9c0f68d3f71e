/** Test helpers for the participant tests: the demo world plus a second agency with its own counsellor. */
import type { Kysely } from 'kysely';
import type { TestClient } from '../../test/app';
import { createApiToken } from '../accounts/api-tokens/service';
import { createUser, ensureOrganisation } from '../accounts/service';
import { setOrganisationTwoFactorRequired } from '../accounts/store';
import { type DemoIds, demoEmails, seedAndFindDemo } from '../accounts/users/test-support';
import type { Database } from '../platform/db/schema';
import { DEMO_PASSWORD } from '../seed/demo';

export const otherCounsellorEmail = 'counsellor@other-agency.example.jp';

export type ParticipantWorld = DemoIds & { otherAgency: string; tokens: Record<string, string> };

/** Demo data, a second agency (みなみ) with a counsellor, and an API token for every login. */
export async function buildParticipantWorld(db: Kysely<Database>): Promise<ParticipantWorld> {
  const ids = await seedAndFindDemo(db);
  const otherAgency = await ensureOrganisation(db, {
    kind: 'agency',
    name: 'みなみ市 相談支援センター(架空テスト)',
  });
  await setOrganisationTwoFactorRequired(db, otherAgency, false);
  const existing = await db
    .selectFrom('app_user')
    .select('id')
    .where('email', '=', otherCounsellorEmail)
    .executeTakeFirst();
  const otherId =
    existing?.id ??
    (await createUser(db, {
      organisationId: otherAgency,
      email: otherCounsellorEmail,
      name: '他機関 相談員',
      password: DEMO_PASSWORD,
      role: 'counsellor',
    }));
  const tokens: Record<string, string> = {};
  const audit = { userId: null, organisationId: null, requestId: 'test', ip: '127.0.0.1' };
  for (const email of [...Object.values(demoEmails), otherCounsellorEmail]) {
    const id = email === otherCounsellorEmail ? otherId : ids.users[email];
    if (!id) throw new Error(`no user ${email}`);
    tokens[email] = (
      await createApiToken(db, { id }, { name: 'participants test', lifetimeDays: 30 }, audit)
    ).token;
  }
  return { ...ids, otherAgency, tokens };
}

/** Posts a form with repeated names (checkbox lists), as a browser does. */
export async function postFields(client: TestClient, path: string, fields: [string, string][]) {
  if (!client.cookie('hataraku_csrf')) await client.request('/');
  const body = new URLSearchParams(fields);
  body.set('_csrf', client.cookie('hataraku_csrf') ?? '');
  return client.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
}

export async function auditRows(db: Kysely<Database>, action: string, subjectId?: string) {
  let query = db
    .selectFrom('audit_event')
    .select(['action', 'subject_id', 'detail', 'user_id'])
    .where('action', '=', action);
  if (subjectId) query = query.where('subject_id', '=', subjectId);
  return query.orderBy('at').execute();
}
