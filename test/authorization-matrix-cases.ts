/**
 * The records of the authorization matrix: for each record page (and its API path, when there is
 * one) a string only that record shows, and the policy's own answer (`can`) for any actor.
 */
import type { Kysely } from 'kysely';
import { createContent } from '../src/content/service';
import { scheduleEdition } from '../src/digest/service';
import { createPlacementIn } from '../src/placements/service';
import { type Action, type Actor, can, type SubjectFor } from '../src/platform/auth/policy';
import type { Database, OrganisationKind } from '../src/platform/db/schema';
import { newId, nowIso } from '../src/platform/db/time';
import type { World } from '../src/registry/facilities/test-world';
import { noAudit } from '../src/registry/facilities/test-world';

export type Case = {
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

export type MatrixRecords = {
  world: World;
  orgs: Record<string, { id: string; kind: OrganisationKind; name: string }>;
  facilities: Record<string, { id: string; name: string; corporation_id: string }>;
  colleagueA: string;
  strangerB: string;
  opportunities: {
    id: string;
    facilityId: string;
    corporationId: string;
    status: 'draft' | 'published';
    title: string;
  }[];
  /** The matrix counsellor, whose agency's participant is placed in corporation A. */
  counsellorId: string;
};

export async function matrixCases(db: Kysely<Database>, records: MatrixRecords): Promise<Case[]> {
  const { world, orgs, facilities, colleagueA, strangerB, opportunities, counsellorId } = records;
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
  return cases;
}
