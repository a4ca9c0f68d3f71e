/**
 * Referral rows (受け入れ依頼): who may see which (`visibleTo`), reading one referral, and the
 * writes that create it, send it and move it between states. Reads that return a referral are
 * scoped in SQL to who may see it: the sending agency; the facility's assigned coordinators and
 * its corporation's admins (never a draft); council staff (never a draft). No personal data.
 */
import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { ConsentDataGroup, Database, ReferralStateCode, Role } from '../../platform/db/schema';

export type Executor = Kysely<Database> | Transaction<Database>;
export type ScopeActor = { organisationId: string; role: Role; facilityIds: readonly string[] };

export type ScheduleEntry = { weekday: number; start: string; end: string };

/** What any party may know of a referral (no personal data). */
export type ReferralSummary = {
  id: string;
  state: ReferralStateCode;
  participantId: string;
  opportunityId: string;
  opportunityTitle: string;
  facilityId: string;
  facilityName: string;
  corporationId: string;
  corporationName: string;
  agencyId: string;
  agencyName: string;
  counsellorUserId: string;
  counsellorName: string;
  message: string;
  proposedStartDate: string | null;
  proposedSchedule: ScheduleEntry[];
  dataGroups: ConsentDataGroup[];
  consentIds: string[];
  overrideId: string | null;
  idempotencyKey: string;
  sentAt: string | null;
  viewedAt: string | null;
  lastTransitionAt: string;
  closedAt: string | null;
  closeReasonCode: string | null;
  closeNote: string | null;
  remindedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

type RefEb = ExpressionBuilder<Database & { r: Database['referral'] }, 'r'>;

/** The SQL filter of the referrals `actor` may see. */
export function visibleTo(actor: ScopeActor) {
  return (eb: RefEb) => {
    switch (actor.role) {
      case 'counsellor':
        return eb('r.agency_id', '=', actor.organisationId);
      case 'corporation_admin':
        return eb.and([eb('r.corporation_id', '=', actor.organisationId), eb('r.state', '!=', 'draft')]);
      case 'facility_coordinator':
        return actor.facilityIds.length > 0
          ? eb.and([
              eb('r.facility_id', 'in', [...actor.facilityIds]),
              eb('r.corporation_id', '=', actor.organisationId),
              eb('r.state', '!=', 'draft'),
            ])
          : eb('r.id', 'is', null);
      case 'council_admin':
      case 'council_staff':
        return eb('r.state', '!=', 'draft');
      default:
        return eb('r.id', 'is', null);
    }
  };
}

function parseJson<T>(text: string): T[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

/** The referral with the names of its opportunity, facility, corporation, agency and counsellor. */
export function baseQuery(db: Executor) {
  return db
    .selectFrom('referral as r')
    .innerJoin('opportunity as o', 'o.id', 'r.opportunity_id')
    .innerJoin('facility as f', 'f.id', 'r.facility_id')
    .innerJoin('organisation as corp', 'corp.id', 'r.corporation_id')
    .innerJoin('organisation as ag', 'ag.id', 'r.agency_id')
    .innerJoin('app_user as cu', 'cu.id', 'r.counsellor_user_id')
    .select([
      'r.id',
      'r.state',
      'r.participant_id',
      'r.opportunity_id',
      'o.title as opportunity_title',
      'r.facility_id',
      'f.name as facility_name',
      'r.corporation_id',
      'corp.name as corporation_name',
      'r.agency_id',
      'ag.name as agency_name',
      'r.counsellor_user_id',
      'cu.name as counsellor_name',
      'r.message',
      'r.proposed_start_date',
      'r.proposed_schedule',
      'r.data_groups',
      'r.consent_ids',
      'r.consent_override_id',
      'r.idempotency_key',
      'r.sent_at',
      'r.viewed_at',
      'r.last_transition_at',
      'r.closed_at',
      'r.close_reason_code',
      'r.close_note',
      'r.reminded_at',
      'r.created_at',
      'r.updated_at',
    ]);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

export function summaryOf(r: BaseRow): ReferralSummary {
  return {
    id: r.id,
    state: r.state,
    participantId: r.participant_id,
    opportunityId: r.opportunity_id,
    opportunityTitle: r.opportunity_title,
    facilityId: r.facility_id,
    facilityName: r.facility_name,
    corporationId: r.corporation_id,
    corporationName: r.corporation_name,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    counsellorUserId: r.counsellor_user_id,
    counsellorName: r.counsellor_name,
    message: r.message,
    proposedStartDate: r.proposed_start_date,
    proposedSchedule: parseJson<ScheduleEntry>(r.proposed_schedule),
    dataGroups: parseJson<ConsentDataGroup>(r.data_groups),
    consentIds: parseJson<string>(r.consent_ids),
    overrideId: r.consent_override_id,
    idempotencyKey: r.idempotency_key,
    sentAt: r.sent_at,
    viewedAt: r.viewed_at,
    lastTransitionAt: r.last_transition_at,
    closedAt: r.closed_at,
    closeReasonCode: r.close_reason_code,
    closeNote: r.close_note,
    remindedAt: r.reminded_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** One referral, if `actor` may see it. */
export async function findReferral(
  db: Executor,
  actor: ScopeActor,
  id: string,
): Promise<ReferralSummary | undefined> {
  const row = await baseQuery(db).where('r.id', '=', id).where(visibleTo(actor)).executeTakeFirst();
  return row ? summaryOf(row) : undefined;
}

/** One referral without scoping: only for use cases that have already checked the caller. */
export async function findReferralUnscoped(db: Executor, id: string): Promise<ReferralSummary | undefined> {
  const row = await baseQuery(db).where('r.id', '=', id).executeTakeFirst();
  return row ? summaryOf(row) : undefined;
}

export async function findReferralByKey(db: Executor, key: string): Promise<ReferralSummary | undefined> {
  const row = await baseQuery(db).where('r.idempotency_key', '=', key).executeTakeFirst();
  return row ? summaryOf(row) : undefined;
}

/** The open (sent, not closed) referral of a participant for an opportunity, if any. */
export async function findOpenReferral(
  db: Executor,
  participantId: string,
  opportunityId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('referral')
    .select('id')
    .where('participant_id', '=', participantId)
    .where('opportunity_id', '=', opportunityId)
    .where('closed_at', 'is', null)
    .where('state', '!=', 'draft')
    .executeTakeFirst();
  return row?.id;
}

export type ReferralInsert = {
  id: string;
  participantId: string;
  agencyId: string;
  counsellorUserId: string;
  opportunityId: string;
  facilityId: string;
  corporationId: string;
  state: ReferralStateCode;
  message: string;
  proposedStartDate: string | null;
  proposedSchedule: ScheduleEntry[];
  dataGroups: ConsentDataGroup[];
  consentIds: string[];
  overrideId: string | null;
  idempotencyKey: string;
  sentAt: string | null;
  now: string;
};

export async function insertReferral(db: Executor, row: ReferralInsert): Promise<void> {
  await db
    .insertInto('referral')
    .values({
      id: row.id,
      participant_id: row.participantId,
      agency_id: row.agencyId,
      counsellor_user_id: row.counsellorUserId,
      opportunity_id: row.opportunityId,
      facility_id: row.facilityId,
      corporation_id: row.corporationId,
      state: row.state,
      message: row.message,
      proposed_start_date: row.proposedStartDate,
      proposed_schedule: JSON.stringify(row.proposedSchedule),
      data_groups: JSON.stringify(row.dataGroups),
      consent_ids: JSON.stringify(row.consentIds),
      consent_override_id: row.overrideId,
      idempotency_key: row.idempotencyKey,
      sent_at: row.sentAt,
      viewed_at: null,
      last_transition_at: row.now,
      closed_at: null,
      close_reason_code: null,
      close_note: null,
      reminded_at: null,
      created_at: row.now,
      updated_at: row.now,
    })
    .execute();
}

/** Records the consent that covered a draft when it is sent. */
export async function markDraftSent(
  db: Executor,
  id: string,
  share: { consentIds: string[]; overrideId: string | null },
): Promise<void> {
  await db
    .updateTable('referral')
    .set({ consent_ids: JSON.stringify(share.consentIds), consent_override_id: share.overrideId })
    .where('id', '=', id)
    .execute();
}

/**
 * Moves a referral from `from` to `to`, only if it is still in `from` (a concurrent change
 * wins, and this one reports false). Closing states record the reason and close time.
 */
export async function moveReferral(
  db: Executor,
  id: string,
  change: {
    from: ReferralStateCode;
    to: ReferralStateCode;
    at: string;
    closed: boolean;
    reasonCode?: string | null;
    note?: string | null;
    sent?: boolean;
    viewed?: boolean;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('referral')
    .set({
      state: change.to,
      last_transition_at: change.at,
      updated_at: change.at,
      // A new waiting period gets its own reminder.
      reminded_at: null,
      ...(change.sent ? { sent_at: change.at } : {}),
      ...(change.viewed ? { viewed_at: change.at } : {}),
      ...(change.closed
        ? {
            closed_at: change.at,
            close_reason_code: change.reasonCode ?? null,
            close_note: change.note ?? null,
          }
        : {}),
    })
    .where('id', '=', id)
    .where('state', '=', change.from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markReminded(db: Executor, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('referral')
    .set({ reminded_at: at })
    .where('id', '=', id)
    .where('reminded_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
