/**
 * The authorization matrix: for every role and every route that shows or changes one record,
 * a record of the caller's own organisation and one of a foreign organisation. The expected
 * answer comes from the policy itself (`can`), so the routes are held to the table in
 * policy.ts: allowed → 200; refused → 403 or 404 with nothing of the record in the body.
 * The API runs the same cases with personal API tokens.
 */
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { createApiToken } from '../src/accounts/api-tokens/service';
import { createUser } from '../src/accounts/service';
import { setOrganisationTwoFactorRequired } from '../src/accounts/store';
import { type Action, type Actor, can, type SubjectFor } from '../src/platform/auth/policy';
import type { Database, OrganisationKind, Role } from '../src/platform/db/schema';
import { nowIso } from '../src/platform/db/time';
import { buildWorld, noAudit } from '../src/registry/facilities/test-world';
import { createOpportunity } from '../src/registry/opportunities/service';
import { opportunityInput } from '../src/registry/opportunities/test-support';
import { buildTestApp, TestClient } from './app';
import { describeEachDatabase } from './databases';

const PASSWORD = 'matrix-test-password-2026';

type Case = {
  label: string;
  path: string;
  /** A string that only this record's page would show. */
  secret: string;
  allowed: (actor: Actor) => boolean;
  /** The API path of the same record, when the API has one. */
  apiPath?: string;
};

function rule<A extends Action>(action: A, subject: SubjectFor<A>) {
  return (actor: Actor) => can(actor, action, subject);
}

async function buildMatrix(db: Kysely<Database>) {
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

  const cases: Case[] = [];
  for (const orgId of [world.corpA, world.corpB, world.agency, world.councilId]) {
    const org = orgs[orgId];
    if (!org) continue;
    const subject = { kind: 'organisation', id: org.id, organisationKind: org.kind } as const;
    cases.push(
      {
        label: `organisation ${org.name}`,
        path: `/organisations/${org.id}`,
        secret: org.name,
        allowed: rule('organisation.read', subject),
        apiPath: `/api/v1/organisations/${org.id}`,
      },
      {
        label: `edit organisation ${org.name}`,
        path: `/organisations/${org.id}/edit`,
        secret: org.name,
        allowed: rule('organisation.update', subject),
      },
      {
        label: `new facility in ${org.name}`,
        path: `/organisations/${org.id}/facilities/new`,
        secret: org.name,
        allowed: rule('facility.create', subject),
      },
    );
  }
  for (const facility of Object.values(facilities)) {
    const subject = { kind: 'facility', id: facility.id, corporationId: facility.corporation_id } as const;
    cases.push(
      {
        label: `facility ${facility.name}`,
        path: `/facilities/${facility.id}`,
        secret: facility.name,
        allowed: rule('facility.read', subject),
        apiPath: `/api/v1/facilities/${facility.id}`,
      },
      {
        label: `edit facility ${facility.name}`,
        path: `/facilities/${facility.id}/edit`,
        secret: facility.name,
        allowed: rule('facility.update', subject),
      },
    );
  }
  for (const [userId, organisationId, name] of [
    [colleagueA, world.corpA, '同僚 エー太郎'],
    [strangerB, world.corpB, '他法人 ビー子'],
  ] as const) {
    const subject = { kind: 'organisation', id: organisationId, organisationKind: 'corporation' } as const;
    cases.push({
      label: `user ${name}`,
      path: `/users/${userId}`,
      secret: name,
      allowed: rule('user.list', subject),
    });
  }
  for (const o of opportunities) {
    const subject = {
      kind: 'opportunity',
      id: o.id,
      facilityId: o.facilityId,
      corporationId: o.corporationId,
      status: o.status,
    } as const;
    cases.push(
      {
        label: `opportunity ${o.title}`,
        path: `/opportunities/${o.id}`,
        secret: o.title,
        allowed: rule('opportunity.read', subject),
        apiPath: `/api/v1/opportunities/${o.id}`,
      },
      {
        label: `edit opportunity ${o.title}`,
        path: `/opportunities/${o.id}/edit`,
        secret: o.title,
        allowed: rule('opportunity.update', subject),
      },
    );
  }
  return { users, cases, strangerB, world };
}

describeEachDatabase('authorization matrix', (current) => {
  let matrix: Awaited<ReturnType<typeof buildMatrix>>;
  beforeAll(async () => {
    matrix = await buildMatrix(current().db);
  });

  it('answers every role on every record page as the policy says, leaking nothing when refused', async () => {
    const failures: string[] = [];
    for (const user of matrix.users) {
      const client = new TestClient(buildTestApp(current()));
      const signedIn = await client.postForm('/login', { email: user.email, password: PASSWORD });
      expect(signedIn.status, `${user.role} signs in`).toBe(303);
      for (const entry of matrix.cases) {
        const response = await client.request(entry.path);
        const body = await response.text();
        const allowed = entry.allowed(user.actor);
        if (allowed && response.status !== 200)
          failures.push(`${user.role} ${entry.path} (${entry.label}): expected 200, got ${response.status}`);
        if (!allowed && ![403, 404].includes(response.status))
          failures.push(
            `${user.role} ${entry.path} (${entry.label}): expected 403/404, got ${response.status}`,
          );
        if (!allowed && body.includes(entry.secret))
          failures.push(`${user.role} ${entry.path} (${entry.label}): refused page shows "${entry.secret}"`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('applies exactly the same rules to the API with personal tokens', async () => {
    const app = buildTestApp(current());
    const failures: string[] = [];
    for (const user of matrix.users) {
      for (const entry of matrix.cases) {
        if (!entry.apiPath) continue;
        const response = await app.request(entry.apiPath, {
          headers: { authorization: `Bearer ${user.token}` },
        });
        const body = await response.text();
        const allowed = entry.allowed(user.actor);
        if (allowed && response.status !== 200)
          failures.push(`${user.role} ${entry.apiPath}: expected 200, got ${response.status}`);
        if (!allowed && ![403, 404].includes(response.status))
          failures.push(`${user.role} ${entry.apiPath}: expected 403/404, got ${response.status}`);
        if (!allowed && body.includes(entry.secret))
          failures.push(`${user.role} ${entry.apiPath}: refused answer shows "${entry.secret}"`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses to deactivate a foreign user unless the policy allows it, changing nothing', async () => {
    for (const user of matrix.users) {
      const subject = {
        kind: 'user',
        id: matrix.strangerB,
        organisationId: matrix.world.corpB,
        role: 'corporation_admin',
      } as const;
      if (can(user.actor, 'user.deactivate', subject)) continue;
      const client = new TestClient(buildTestApp(current()));
      await client.postForm('/login', { email: user.email, password: PASSWORD });
      const response = await client.postForm(`/users/${matrix.strangerB}/deactivate`, {});
      expect([403, 404], `${user.role} deactivating a foreign user`).toContain(response.status);
    }
    const stranger = await current()
      .db.selectFrom('app_user')
      .select('active')
      .where('id', '=', matrix.strangerB)
      .executeTakeFirstOrThrow();
    expect(stranger.active).toBe(1);
  });
});
