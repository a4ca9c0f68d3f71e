/**
 * The world of the authorization matrix: two corporations, an agency and the council, one user
 * of every role (signed in with a password, or with a personal API token), colleagues whose user
 * pages are looked at, and the opportunities, placements and referrals the cases name.
 */
import type { Kysely } from 'kysely';
import { createApiToken } from '../src/accounts/api-tokens/service';
import { createUser } from '../src/accounts/service';
import { setOrganisationTwoFactorRequired } from '../src/accounts/store';
import type { Actor } from '../src/platform/auth/policy';
import type { Database, OrganisationKind, Role } from '../src/platform/db/schema';
import { nowIso } from '../src/platform/db/time';
import { buildWorld, noAudit } from '../src/registry/facilities/test-world';
import { createOpportunity } from '../src/registry/opportunities/service';
import { opportunityInput } from '../src/registry/opportunities/test-support';
import { matrixCases } from './authorization-matrix-cases';

export const PASSWORD = 'matrix-test-password-2026';

export type Matrix = Awaited<ReturnType<typeof buildMatrix>>;

export async function buildMatrix(db: Kysely<Database>) {
  const world = await buildWorld(db, 'M');
  const orgs: Record<string, { id: string; kind: OrganisationKind; name: string }> = {};
  for (const row of await db.selectFrom('organisation').select(['id', 'kind', 'name']).execute()) {
    orgs[row.id] = { id: row.id, kind: row.kind, name: row.name };
  }
  for (const id of Object.keys(orgs)) await setOrganisationTwoFactorRequired(db, id, false);
  const facilities = Object.fromEntries(
    (await db.selectFrom('facility').select(['id', 'name', 'corporation_id']).execute()).map((f) => [
      f.id,
      f,
    ]),
  );

  const people: { role: Role; organisationId: string; facilityIds: string[] }[] = [
    { role: 'council_admin', organisationId: world.councilId, facilityIds: [] },
    { role: 'council_staff', organisationId: world.councilId, facilityIds: [] },
    { role: 'corporation_admin', organisationId: world.corpA, facilityIds: [] },
    { role: 'facility_coordinator', organisationId: world.corpA, facilityIds: [world.facilityA] },
    { role: 'counsellor', organisationId: world.agency, facilityIds: [] },
  ];
  const users: { role: Role; email: string; actor: Actor; token: string }[] = [];
  for (const person of people) {
    const email = `${person.role}@matrix.example.jp`;
    const userId = await createUser(db, {
      organisationId: person.organisationId,
      email,
      name: `行列 ${person.role}`,
      password: PASSWORD,
      role: person.role,
    });
    for (const facilityId of person.facilityIds) {
      await db
        .insertInto('facility_assignment')
        .values({ user_id: userId, facility_id: facilityId, created_at: nowIso() })
        .execute();
    }
    const { token } = await createApiToken(db, { id: userId }, { name: 'matrix', lifetimeDays: 30 }, noAudit);
    users.push({
      role: person.role,
      email,
      token,
      actor: {
        userId,
        role: person.role,
        organisationId: person.organisationId,
        facilityIds: person.facilityIds,
      },
    });
  }
  // Colleagues whose user pages are looked at: one in corporation A, one in corporation B.
  const colleagueA = await createUser(db, {
    organisationId: world.corpA,
    email: 'colleague-a@matrix.example.jp',
    name: '同僚 エー太郎',
    password: PASSWORD,
    role: 'facility_coordinator',
  });
  const strangerB = await createUser(db, {
    organisationId: world.corpB,
    email: 'stranger-b@matrix.example.jp',
    name: '他法人 ビー子',
    password: PASSWORD,
    role: 'corporation_admin',
  });

  const published = async (facilityId: string, title: string, status: 'draft' | 'published') => {
    const outcome = await createOpportunity(
      db,
      world.council,
      facilityId,
      opportunityInput({ title }),
      noAudit,
      { status },
    );
    if (outcome.status !== 'ok') throw new Error(`matrix: ${JSON.stringify(outcome)}`);
    return {
      id: outcome.id,
      facilityId,
      corporationId: facilities[facilityId]?.corporation_id ?? '',
      status,
      title,
    };
  };
  const opportunities = [
    await published(world.facilityA, '自法人のはたらく場 ひまわり清掃', 'published'),
    await published(world.facilityB, '他法人のはたらく場 あさがお配膳', 'published'),
    await published(world.facilityB, '他法人の下書き すずらん洗濯', 'draft'),
  ];

  const counsellorId = users.find((u) => u.role === 'counsellor')?.actor.userId ?? '';
  const cases = await matrixCases(db, {
    world,
    orgs,
    facilities,
    colleagueA,
    strangerB,
    opportunities,
    counsellorId,
  });
  return { users, cases, strangerB, world };
}
