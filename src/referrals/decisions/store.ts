/**
 * The SQL of the three-party decision record (三者協議の記録), and the few facts it needs from
 * the referral's opportunity and participant. Callers have already checked that the actor may
 * see the referral.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database, MeetingOutcome, SupportDecisionStatus } from '../../platform/db/schema';
import type { SupportCode, TaskCategory, WorkFormOffer } from '../../registry/opportunities/opportunity';
import type { AgreementParty, DecisionValues, RecordAttendee, ScheduleEntry } from './decision';

export type Executor = Kysely<Database> | Transaction<Database>;

export type MeetingRecordRow = DecisionValues & {
  id: string;
  referralId: string;
  supportDecisionStatus: SupportDecisionStatus;
  agreements: Record<AgreementParty, { on: string | null; by: string | null; byName: string | null }>;
  outcome: MeetingOutcome;
  notAgreedReason: string | null;
  notAgreedNote: string | null;
  placementId: string | null;
  updatedAt: string;
};

function json<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function recordQuery(db: Executor) {
  return db
    .selectFrom('meeting_record')
    .leftJoin('app_user as pu', 'pu.id', 'meeting_record.participant_agreement_recorded_by')
    .leftJoin('app_user as au', 'au.id', 'meeting_record.agency_agreed_by')
    .leftJoin('app_user as fu', 'fu.id', 'meeting_record.facility_agreed_by')
    .select([
      'meeting_record.id',
      'meeting_record.referral_id',
      'meeting_record.held_on',
      'meeting_record.attendees',
      'meeting_record.work_form',
      'meeting_record.start_date',
      'meeting_record.schedule',
      'meeting_record.tasks',
      'meeting_record.task_note',
      'meeting_record.supports',
      'meeting_record.support_note',
      'meeting_record.pay_note',
      'meeting_record.transport_note',
      'meeting_record.first_review_on',
      'meeting_record.insurance_needed',
      'meeting_record.support_decision_status',
      'meeting_record.participant_agreed_on',
      'meeting_record.participant_agreement_recorded_by',
      'meeting_record.agency_agreed_on',
      'meeting_record.agency_agreed_by',
      'meeting_record.facility_agreed_on',
      'meeting_record.facility_agreed_by',
      'meeting_record.outcome',
      'meeting_record.not_agreed_reason',
      'meeting_record.not_agreed_note',
      'meeting_record.placement_id',
      'meeting_record.updated_at',
      'pu.name as participant_recorder_name',
      'au.name as agency_agreed_name',
      'fu.name as facility_agreed_name',
    ]);
}

type RawRecord = Awaited<ReturnType<ReturnType<typeof recordQuery>['executeTakeFirstOrThrow']>>;

function toRecord(r: RawRecord): MeetingRecordRow {
  return {
    id: r.id,
    referralId: r.referral_id,
    heldOn: r.held_on,
    attendees: json<RecordAttendee[]>(r.attendees, []),
    workForm: r.work_form as WorkFormOffer | null,
    startDate: r.start_date,
    schedule: json<ScheduleEntry[]>(r.schedule, []),
    tasks: json<TaskCategory[]>(r.tasks, []),
    taskNote: r.task_note,
    supports: json<SupportCode[]>(r.supports, []),
    supportNote: r.support_note,
    payNote: r.pay_note,
    transportNote: r.transport_note,
    firstReviewOn: r.first_review_on,
    insuranceNeeded: Number(r.insurance_needed) === 1,
    supportDecisionStatus: r.support_decision_status,
    agreements: {
      participant: {
        on: r.participant_agreed_on,
        by: r.participant_agreement_recorded_by,
        byName: r.participant_recorder_name,
      },
      agency: { on: r.agency_agreed_on, by: r.agency_agreed_by, byName: r.agency_agreed_name },
      facility: { on: r.facility_agreed_on, by: r.facility_agreed_by, byName: r.facility_agreed_name },
    },
    outcome: r.outcome,
    notAgreedReason: r.not_agreed_reason,
    notAgreedNote: r.not_agreed_note,
    placementId: r.placement_id,
    updatedAt: r.updated_at,
  };
}

export async function findRecordOfReferral(
  db: Executor,
  referralId: string,
): Promise<MeetingRecordRow | undefined> {
  const row = await recordQuery(db).where('meeting_record.referral_id', '=', referralId).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

function contentColumns(value: DecisionValues, supportDecisionStatus: SupportDecisionStatus) {
  return {
    held_on: value.heldOn,
    attendees: JSON.stringify(value.attendees),
    work_form: value.workForm,
    start_date: value.startDate,
    schedule: JSON.stringify(value.schedule),
    tasks: JSON.stringify(value.tasks),
    task_note: value.taskNote,
    supports: JSON.stringify(value.supports),
    support_note: value.supportNote,
    pay_note: value.payNote,
    transport_note: value.transportNote,
    first_review_on: value.firstReviewOn,
    insurance_needed: value.insuranceNeeded ? 1 : 0,
    support_decision_status: supportDecisionStatus,
  };
}

export async function insertRecord(
  db: Executor,
  input: {
    id: string;
    referralId: string;
    value: DecisionValues;
    supportDecisionStatus: SupportDecisionStatus;
    by: string;
    now: string;
  },
): Promise<void> {
  await db
    .insertInto('meeting_record')
    .values({
      id: input.id,
      referral_id: input.referralId,
      ...contentColumns(input.value, input.supportDecisionStatus),
      outcome: 'draft',
      created_by: input.by,
      created_at: input.now,
      updated_by: input.by,
      updated_at: input.now,
    })
    .execute();
}

/** Rewrites a draft's content; `clearAgreements` when what was agreed changed. */
export async function updateRecordContent(
  db: Executor,
  input: {
    id: string;
    value: DecisionValues;
    supportDecisionStatus: SupportDecisionStatus;
    clearAgreements: boolean;
    by: string;
    now: string;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('meeting_record')
    .set({
      ...contentColumns(input.value, input.supportDecisionStatus),
      ...(input.clearAgreements
        ? {
            participant_agreed_on: null,
            participant_agreement_recorded_by: null,
            agency_agreed_on: null,
            agency_agreed_by: null,
            facility_agreed_on: null,
            facility_agreed_by: null,
          }
        : {}),
      updated_by: input.by,
      updated_at: input.now,
    })
    .where('id', '=', input.id)
    .where('outcome', '=', 'draft')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Records one party's agreement on a draft and returns the record as it is now (including
 * agreements other transactions committed meanwhile: the UPDATE waits for their row lock).
 */
export async function setAgreement(
  db: Executor,
  input: { id: string; party: AgreementParty; on: string; by: string; now: string },
): Promise<boolean> {
  const columns =
    input.party === 'participant'
      ? { participant_agreed_on: input.on, participant_agreement_recorded_by: input.by }
      : input.party === 'agency'
        ? { agency_agreed_on: input.on, agency_agreed_by: input.by }
        : { facility_agreed_on: input.on, facility_agreed_by: input.by };
  const result = await db
    .updateTable('meeting_record')
    .set({ ...columns, updated_by: input.by, updated_at: input.now })
    .where('id', '=', input.id)
    .where('outcome', '=', 'draft')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setOutcome(
  db: Executor,
  input: {
    id: string;
    outcome: MeetingOutcome;
    placementId?: string | null;
    reason?: string | null;
    note?: string | null;
    by: string;
    now: string;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('meeting_record')
    .set({
      outcome: input.outcome,
      placement_id: input.placementId ?? null,
      not_agreed_reason: input.reason ?? null,
      not_agreed_note: input.note ?? null,
      updated_by: input.by,
      updated_at: input.now,
    })
    .where('id', '=', input.id)
    .where('outcome', '=', 'draft')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** What the record shows about the referral: the opportunity, facility and forms offered. */
export async function recordFacts(
  db: Executor,
  referralId: string,
): Promise<
  | {
      opportunityTitle: string;
      workForms: string[];
      facilityName: string;
      facilityContactName: string | null;
      corporationName: string;
      agencyName: string;
      windows: ScheduleEntry[];
    }
  | undefined
> {
  const row = await db
    .selectFrom('referral')
    .innerJoin('opportunity', 'opportunity.id', 'referral.opportunity_id')
    .innerJoin('facility', 'facility.id', 'referral.facility_id')
    .innerJoin('organisation as corp', 'corp.id', 'referral.corporation_id')
    .innerJoin('organisation as agency', 'agency.id', 'referral.agency_id')
    .select([
      'opportunity.title',
      'opportunity.work_forms',
      'facility.name as facility_name',
      'facility.contact_name',
      'corp.name as corporation_name',
      'agency.name as agency_name',
    ])
    .where('referral.id', '=', referralId)
    .executeTakeFirst();
  if (!row) return undefined;
  const windows = await db
    .selectFrom('opportunity_window')
    .innerJoin('referral', 'referral.opportunity_id', 'opportunity_window.opportunity_id')
    .select(['opportunity_window.weekday', 'opportunity_window.start_time', 'opportunity_window.end_time'])
    .where('referral.id', '=', referralId)
    .orderBy('opportunity_window.weekday')
    .orderBy('opportunity_window.start_time')
    .execute();
  return {
    windows: windows.map((w) => ({ weekday: w.weekday, start: w.start_time, end: w.end_time })),
    opportunityTitle: row.title,
    workForms: json<string[]>(row.work_forms, []),
    facilityName: row.facility_name,
    facilityContactName: row.contact_name,
    corporationName: row.corporation_name,
    agencyName: row.agency_name,
  };
}

/** Whether the municipality's 支援決定 is recorded for the person (no other personal data). */
export async function participantSupportDecision(
  db: Executor,
  participantId: string,
): Promise<{ supportDecisionOn: string | null }> {
  const row = await db
    .selectFrom('participant')
    .select(['support_decision_on'])
    .where('id', '=', participantId)
    .executeTakeFirst();
  return { supportDecisionOn: row?.support_decision_on ?? null };
}
