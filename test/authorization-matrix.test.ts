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
import { createContent } from '../src/content/service';
import { scheduleEdition } from '../src/digest/service';
import { notify } from '../src/notifications/notify';
import { createPlacementIn } from '../src/placements/service';
import { type Action, type Actor, can, type SubjectFor } from '../src/platform/auth/policy';
import type { Database, OrganisationKind, Role } from '../src/platform/db/schema';
import { newId, nowIso } from '../src/platform/db/time';
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
  // Site content (issue 9): a draft story, kept by council staff only.
  const draftStory = await createContent(
    db,
    'story',
    { slug: 'matrix-story', title_ja: '行列 下書きのインタビュー' },
    noAudit,
  );
  if (draftStory.status !== 'ok') throw new Error('matrix: content');
  cases.push({
    label: 'site content draft',
    path: `/council/content/${draftStory.id}`,
    secret: '行列 下書きのインタビュー',
    allowed: rule('content.manage', { kind: 'council' }),
  });
  // はたらく場情報 (issue 8): an edition and a subscriber, managed by council staff only.
  const digestEdition = await scheduleEdition(
    db,
    { kind: 'edition', at: new Date('2099-05-10T00:00:00Z'), title: '行列 はたらく場情報 配信回' },
    noAudit,
  );
  cases.push({
    label: 'digest edition',
    path: `/council/digest/editions/${digestEdition}`,
    secret: '行列 はたらく場情報 配信回',
    allowed: rule('digest.manage', { kind: 'council' }),
    apiPath: `/api/v1/digest/editions/${digestEdition}`,
  });
  // はたらく場の決定: one at corporation A's facility for the matrix agency's participant, one at
  // corporation B's facility for another agency's participant.
  const counsellorId = users.find((u) => u.role === 'counsellor')?.actor.userId ?? '';
  const otherAgency = await db
    .insertInto('organisation')
    .values({
      id: newId(),
      kind: 'agency',
      name: '行列 ほかの相談支援機関',
      name_kana: '',
      search_text: '',
      is_demo: 0,
      created_at: nowIso(),
      updated_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const placementCases = [
    { agencyId: world.agency, opportunity: opportunities[0], secret: '行列 受入担当 エー' },
    { agencyId: otherAgency.id, opportunity: opportunities[1], secret: '行列 受入担当 ビー' },
  ];
  for (const [index, p] of placementCases.entries()) {
    if (!p.opportunity) continue;
    const participantId = newId();
    await db
      .insertInto('participant')
      .values({
        id: participantId,
        agency_id: p.agencyId,
        name: `行列 就労者${index}`,
        name_kana: 'ギョウレツ シュウロウシャ',
        kana_key: 'ぎょうれつしゅうろうしゃ',
        birth_date: '1990-04-01',
        gender: null,
        phone: null,
        email: null,
        postal_code: null,
        municipality_code: null,
        address: null,
        nearest_station: null,
        emergency_name: null,
        emergency_relation: null,
        emergency_phone: null,
        case_number: null,
        preferred_language: null,
        easy_japanese: 0,
        support_decision_on: null,
        support_decision_municipality_code: null,
        closed_at: null,
        closed_reason: null,
        anonymised_at: null,
        search_text: '',
        is_demo: 0,
        created_by: null,
        created_at: nowIso(),
        updated_at: nowIso(),
      })
      .execute();
    const opportunity = p.opportunity;
    const created = await db.transaction().execute((trx) =>
      createPlacementIn(trx, {
        participantId,
        opportunityId: opportunity.id,
        workForm: 'a_unpaid',
        startDate: '2026-12-01',
        schedule: [{ weekday: 1, start: '09:00', end: '11:00' }],
        status: 'awaiting_support_decision',
        counsellorUserId: counsellorId,
        facilityContactName: p.secret,
        actor: noAudit,
      }),
    );
    if (!created.ok) throw new Error(`matrix: ${JSON.stringify(created)}`);
    const subject = {
      kind: 'placement',
      id: created.placementId,
      agencyId: p.agencyId,
      facilityId: opportunity.facilityId,
      corporationId: opportunity.corporationId,
      status: 'awaiting_support_decision',
    } as const;
    cases.push({
      label: `placement ${p.secret}`,
      path: `/placements/${created.placementId}`,
      secret: p.secret,
      allowed: rule('placement.read', subject),
      apiPath: `/api/v1/placements/${created.placementId}`,
    });
    // 受け入れ依頼: the same participant referred to the same opportunity (sent).
    const referralId = newId();
    const referralSecret = `行列 受け入れ依頼の依頼文${index}`;
    await db
      .insertInto('referral')
      .values({
        id: referralId,
        participant_id: participantId,
        agency_id: p.agencyId,
        counsellor_user_id: counsellorId,
        opportunity_id: opportunity.id,
        facility_id: opportunity.facilityId,
        corporation_id: opportunity.corporationId,
        state: 'sent',
        message: referralSecret,
        proposed_start_date: '2026-12-01',
        proposed_schedule: '[]',
        data_groups: '["basic_identity"]',
        consent_ids: '[]',
        consent_override_id: null,
        idempotency_key: `matrix-${referralId}`,
        sent_at: nowIso(),
        viewed_at: null,
        last_transition_at: nowIso(),
        closed_at: null,
        close_reason_code: null,
        close_note: null,
        reminded_at: null,
        created_at: nowIso(),
        updated_at: nowIso(),
      })
      .execute();
    cases.push({
      label: `referral ${referralSecret}`,
      path: `/referrals/${referralId}`,
      secret: referralSecret,
      allowed: rule('referral.read', {
        kind: 'referral',
        id: referralId,
        agencyId: p.agencyId,
        facilityId: opportunity.facilityId,
        corporationId: opportunity.corporationId,
        state: 'sent',
      }),
      apiPath: `/api/v1/referrals/${referralId}`,
    });
    // Its appointments and its three-party record (src/referrals/appointments, decisions).
    const referralSubject = {
      kind: 'referral',
      id: referralId,
      agencyId: p.agencyId,
      facilityId: opportunity.facilityId,
      corporationId: opportunity.corporationId,
      state: 'sent',
    } as const;
    cases.push(
      {
        label: `appointments of ${referralSecret}`,
        path: `/referrals/${referralId}/appointments`,
        secret: opportunity.title,
        allowed: rule('appointment.read', referralSubject),
        apiPath: `/api/v1/referrals/${referralId}/appointments`,
      },
      {
        label: `meeting record of ${referralSecret}`,
        path: `/referrals/${referralId}/meeting-record`,
        secret: opportunity.title,
        allowed: rule('meeting_record.read', referralSubject),
        apiPath: `/api/v1/referrals/${referralId}/meeting-record`,
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

  it('opens a notification (通知) for its owner only, on the page and the API', async () => {
    const owner = matrix.users.find((user) => user.role === 'counsellor');
    if (!owner) throw new Error('matrix: no counsellor');
    const title = '行列テストの通知 あおば作業所';
    await current()
      .db.transaction()
      .execute((trx) =>
        notify(trx, {
          userIds: [owner.actor.userId],
          kind: 'test',
          title: { ja: title, en: title },
          link: '/inbox',
        }),
      );
    const { id } = await current()
      .db.selectFrom('notification')
      .select('id')
      .where('title_ja', '=', title)
      .executeTakeFirstOrThrow();
    const app = buildTestApp(current());
    for (const user of matrix.users) {
      const isOwner = user.actor.userId === owner.actor.userId;
      const client = new TestClient(app);
      await client.postForm('/login', { email: user.email, password: PASSWORD });
      const page = await client.request(`/inbox/${id}`);
      expect(page.status, `${user.role} opens the counsellor's notification`).toBe(isOwner ? 303 : 404);
      expect(await page.text()).not.toContain(title);
      const api = await app.request(`/api/v1/notifications/${id}/read`, {
        method: 'POST',
        headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(api.status, `${user.role} marks the counsellor's notification read`).toBe(isOwner ? 200 : 404);
      if (!isOwner) expect(await api.text()).not.toContain(title);
    }
  });
});
