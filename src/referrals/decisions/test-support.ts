/**
 * Test helpers for meetings and decisions: the demo world, a sent referral made through the
 * referral service (after recording the consent that covers it), ready for appointments, the
 * same referral at a scheduled meeting, and a complete decision draft.
 */
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { type DemoIds, seedAndFindDemo } from '../../accounts/users/test-support';
import { recipientValue } from '../../participants/consents/consent';
import { recordConsent } from '../../participants/consents/service';
import { todayInTokyo } from '../../participants/japanese-date';
import type { Actor } from '../../platform/auth/policy';
import type { Database, Role } from '../../platform/db/schema';
import { newId, nowIso } from '../../platform/db/time';
import { scheduleAppointment } from '../appointments/service';
import { createReferral } from '../service';
import type { DecisionInput } from './decision';

export const emails = {
  counsellor: 'counsellor@demo.hataraku.example',
  coordinator: 'coordinator@demo.hataraku.example',
  corpAdmin: 'corp-admin@demo.hataraku.example',
  councilStaff: 'council-staff@demo.hataraku.example',
} as const;

export const testAudit = { userId: null, organisationId: null, requestId: 'test', ip: '127.0.0.1' };

export type MeetingWorld = DemoIds & {
  actors: { counsellor: Actor; coordinator: Actor; corpAdmin: Actor; councilStaff: Actor };
  facilityId: string;
  opportunityId: string;
  participantIds: { withDecision: string; withoutDecision: string };
};

async function actorOfEmail(db: Kysely<Database>, email: string): Promise<Actor> {
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'role', 'organisation_id'])
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  const facilities = await db
    .selectFrom('facility_assignment')
    .select('facility_id')
    .where('user_id', '=', user.id)
    .execute();
  return {
    userId: user.id,
    role: user.role as Role,
    organisationId: user.organisation_id,
    facilityIds: facilities.map((f) => f.facility_id),
  };
}

/** Demo data; the demo opportunity 施設内の清掃(午前) (月水金 8:30–12:00, A/B 非雇用型). */
export async function buildMeetingWorld(db: Kysely<Database>): Promise<MeetingWorld> {
  const ids = await seedAndFindDemo(db);
  const opportunity = await db
    .selectFrom('opportunity')
    .select(['id', 'facility_id'])
    .where('title', '=', '施設内の清掃(午前)')
    .where('is_demo', '=', 1)
    .executeTakeFirstOrThrow();
  const participant = async (name: string) =>
    (await db.selectFrom('participant').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  return {
    ...ids,
    actors: {
      counsellor: await actorOfEmail(db, emails.counsellor),
      coordinator: await actorOfEmail(db, emails.coordinator),
      corpAdmin: await actorOfEmail(db, emails.corpAdmin),
      councilStaff: await actorOfEmail(db, emails.councilStaff),
    },
    facilityId: opportunity.facility_id,
    opportunityId: opportunity.id,
    participantIds: {
      withDecision: await participant('架空 一郎'),
      withoutDecision: await participant('見本 さくら'),
    },
  };
}

/** A new published opportunity at the demo facility with one window of `capacity` (月 9:00–12:00). */
export async function addSmallOpportunity(
  db: Kysely<Database>,
  world: MeetingWorld,
  capacity = 1,
): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('opportunity')
    .values({
      id,
      facility_id: world.facilityId,
      title: `テスト用のはたらく場 ${id.slice(-6)}`,
      description: 'テスト',
      tasks: '["cleaning"]',
      setting: 'indoor',
      physical_load: 'light',
      work_forms: '["a_unpaid","b_unpaid"]',
      min_daily_minutes: null,
      max_daily_minutes: null,
      min_days_per_week: null,
      max_days_per_week: null,
      works_on_holidays: 0,
      year_end_closed: 0,
      holiday_note: null,
      earliest_start_date: null,
      pay_type: 'none',
      pay_yen: null,
      transport_allowance: 0,
      transport_cap_yen: null,
      meals: 'none',
      uniform: 'none',
      what_to_bring: null,
      health_check_required: 0,
      documents_required: null,
      supports: '[]',
      supports_unavailable: '[]',
      support_note: null,
      visit_possible: 1,
      trial_possible: 1,
      interview_required: 0,
      status: 'published',
      version: 1,
      search_text: 'テスト',
      is_demo: 0,
      created_at: now,
      updated_at: now,
      published_at: now,
      status_changed_at: now,
      last_confirmed_at: now,
      last_reminded_at: null,
    })
    .execute();
  await db
    .insertInto('opportunity_window')
    .values({
      id: newId(),
      opportunity_id: id,
      weekday: 1,
      start_time: '09:00',
      end_time: '12:00',
      capacity,
      position: 0,
      open_places: capacity,
    } as never)
    .execute();
  return id;
}

export function daysFromToday(days: number): string {
  const [y, m, d] = todayInTokyo().split('-').map(Number);
  return new Date(Date.UTC(y ?? 2026, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

/** A referral sent by the demo counsellor (consent covering basic identity recorded first). */
export async function sendTestReferral(
  db: Kysely<Database>,
  world: MeetingWorld,
  options: {
    participantId?: string;
    opportunityId?: string;
    proposedStartDate?: string;
    weekday?: number;
  } = {},
): Promise<string> {
  const participantId = options.participantId ?? world.participantIds.withDecision;
  const today = todayInTokyo();
  const consent = await recordConsent(
    db,
    world.actors.counsellor,
    participantId,
    {
      recipient: recipientValue('corporation', world.corporation),
      data_groups: ['basic_identity'],
      purpose: 'はたらく場の受け入れ調整のため',
      valid_from: today,
      valid_until: daysFromToday(300),
    },
    testAudit,
  );
  if (consent.status !== 'ok') throw new Error(`consent: ${JSON.stringify(consent)}`);
  const created = await createReferral(
    db,
    world.actors.counsellor,
    participantId,
    {
      // One open referral per person and opportunity: a fresh opportunity unless one is given.
      opportunityId: options.opportunityId ?? (await addSmallOpportunity(db, world, 2)),
      message: 'よろしくお願いします。',
      proposedStartDate: options.proposedStartDate ?? daysFromToday(30),
      schedule: [{ weekday: options.weekday ?? 1, start: '09:00', end: '11:00' }],
      dataGroups: ['basic_identity'],
      idempotencyKey: newId(),
    },
    testAudit,
    { send: true },
  );
  if (created.status !== 'ok') throw new Error(`referral: ${JSON.stringify(created)}`);
  return created.id;
}

const mailSettings = { baseUrl: 'http://localhost:3000', mailFrom: 'no-reply@hataraku.example' };

/** A sent referral (see sendTestReferral) with a three-party meeting scheduled for today. */
export async function referralAtMeeting(
  db: Kysely<Database>,
  world: MeetingWorld,
  options: { participantId?: string; opportunityId?: string } = {},
): Promise<string> {
  const referralId = await sendTestReferral(db, world, options);
  const schedule = () =>
    scheduleAppointment(
      db,
      world.actors.coordinator,
      referralId,
      { kind: 'meeting', date: daysFromToday(0), start_time: '23:00', end_time: '23:30', place: '相談室' },
      testAudit,
      mailSettings,
    );
  const outcome = await schedule();
  // A meeting straight from 'sent' is not a step the machine allows: view first.
  if (outcome.status === 'not_allowed') {
    await db.updateTable('referral').set({ state: 'viewed' }).where('id', '=', referralId).execute();
    expect((await schedule()).status).toBe('ok');
  } else expect(outcome.status).toBe('ok');
  return referralId;
}

/** The places still open over all windows of an opportunity. */
export async function openPlaces(db: Kysely<Database>, opportunityId: string): Promise<number> {
  const rows = await db
    .selectFrom('opportunity_window')
    .select('open_places' as never)
    .where('opportunity_id', '=', opportunityId)
    .execute();
  return (rows as unknown as { open_places: number }[]).reduce((n, r) => n + Number(r.open_places), 0);
}

/** A decision draft with everything an agreement needs (B 非雇用型, Mondays 9:00–11:00). */
export function decisionDraft(overrides: Partial<DecisionInput> = {}): DecisionInput {
  return {
    held_on: daysFromToday(0),
    attendee_participant: true,
    attendee_agency: '相談 支援健太',
    attendee_facility: '受入 担当美咲、施設長 森',
    work_form: 'b_unpaid',
    start_date: daysFromToday(14),
    schedule: { 1: { start: '9:00', end: '11:00' } },
    tasks: ['cleaning'],
    task_note: '廊下と食堂の清掃',
    supports: ['short_hours', 'rest_breaks'],
    pay_note: 'なし(非雇用型)',
    transport_note: '実費(1日500円まで)',
    first_review_on: daysFromToday(44),
    insurance_needed: true,
    ...overrides,
  };
}
