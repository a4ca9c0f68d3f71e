/**
 * Every SQL query of referrals (受け入れ依頼), their timeline, thread and closing reasons. Reads
 * that return a referral are scoped in SQL to who may see it (`visibleTo`): the sending agency;
 * the facility's assigned coordinators and its corporation's admins (never a draft); council
 * staff (never a draft). Named columns only; personal data is read only by `sharedDataOf` and
 * `participantNamesOf`, whose callers audit the read.
 */
import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type {
  ConsentDataGroup,
  Database,
  ReferralParty,
  ReferralStateCode,
  Role,
} from '../platform/db/schema';

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

function baseQuery(db: Executor) {
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

function summaryOf(r: BaseRow): ReferralSummary {
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

export type ReferralListFilter = {
  states?: readonly ReferralStateCode[];
  participantId?: string;
  limit: number;
  offset: number;
};

/**
 * The referrals `actor` may see, most recently changed first, or — with `stalledFirst` — the
 * open ones that have waited longest first, then the closed ones.
 */
export async function listReferrals(
  db: Executor,
  actor: ScopeActor,
  filter: ReferralListFilter & { order: 'recent' | 'stalled' },
): Promise<{ items: ReferralSummary[]; total: number }> {
  let query = baseQuery(db).where(visibleTo(actor));
  let count = db
    .selectFrom('referral as r')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(visibleTo(actor));
  if (filter.states && filter.states.length > 0) {
    query = query.where('r.state', 'in', [...filter.states]);
    count = count.where('r.state', 'in', [...filter.states]);
  }
  if (filter.participantId) {
    query = query.where('r.participant_id', '=', filter.participantId);
    count = count.where('r.participant_id', '=', filter.participantId);
  }
  query =
    filter.order === 'stalled'
      ? query
          .orderBy((eb) => eb.case().when('r.closed_at', 'is', null).then(0).else(1).end())
          .orderBy('r.last_transition_at', 'asc')
      : query.orderBy('r.last_transition_at', 'desc');
  const rows = await query.orderBy('r.id').limit(filter.limit).offset(filter.offset).execute();
  const total = Number((await count.executeTakeFirst())?.n ?? 0);
  return { items: rows.map(summaryOf), total };
}

/** How many referrals `actor` may see are in each state, with the oldest last change of each. */
export async function countByState(
  db: Executor,
  actor: ScopeActor,
): Promise<{ state: ReferralStateCode; count: number; oldest: string }[]> {
  const rows = await db
    .selectFrom('referral as r')
    .select((eb) => [
      'r.state',
      eb.fn.countAll<number>().as('n'),
      eb.fn.min('r.last_transition_at').as('oldest'),
    ])
    .where(visibleTo(actor))
    .groupBy('r.state')
    .execute();
  return rows.map((r) => ({ state: r.state, count: Number(r.n), oldest: String(r.oldest) }));
}

/** Names of the agency's own participants (counsellor lists only; the caller audits the read). */
export async function participantNamesOf(
  db: Executor,
  agencyId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('participant')
    .select(['id', 'name'])
    .where('agency_id', '=', agencyId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
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

/** Open referrals the reminder/expiry job looks at. */
export async function listWaitingReferrals(
  db: Executor,
  states: readonly ReferralStateCode[],
): Promise<{ id: string; state: ReferralStateCode; lastTransitionAt: string; remindedAt: string | null }[]> {
  const rows = await db
    .selectFrom('referral')
    .select(['id', 'state', 'last_transition_at', 'reminded_at'])
    .where('state', 'in', [...states])
    .orderBy('last_transition_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    state: r.state,
    lastTransitionAt: r.last_transition_at,
    remindedAt: r.reminded_at,
  }));
}

// ── Timeline and thread ───────────────────────────────────────────────────────────────────────

export type EventInsert = {
  id: string;
  referralId: string;
  at: string;
  userId: string | null;
  organisationId: string | null;
  party: ReferralParty;
  event: string;
  from: ReferralStateCode | null;
  to: ReferralStateCode;
  reasonCode?: string | null;
  note?: string | null;
};

export async function insertEvent(db: Executor, e: EventInsert): Promise<void> {
  await db
    .insertInto('referral_event')
    .values({
      id: e.id,
      referral_id: e.referralId,
      at: e.at,
      actor_user_id: e.userId,
      actor_organisation_id: e.organisationId,
      party: e.party,
      event: e.event,
      from_state: e.from,
      to_state: e.to,
      reason_code: e.reasonCode ?? null,
      note: e.note ?? null,
    })
    .execute();
}

export type TimelineRow = {
  id: string;
  at: string;
  userName: string | null;
  organisationName: string | null;
  party: ReferralParty;
  event: string;
  from: ReferralStateCode | null;
  to: ReferralStateCode;
  reasonCode: string | null;
  note: string | null;
};

export async function listEvents(db: Executor, referralId: string): Promise<TimelineRow[]> {
  const rows = await db
    .selectFrom('referral_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.actor_user_id')
    .leftJoin('organisation as o', 'o.id', 'e.actor_organisation_id')
    .select([
      'e.id',
      'e.at',
      'u.name as user_name',
      'o.name as organisation_name',
      'e.party',
      'e.event',
      'e.from_state',
      'e.to_state',
      'e.reason_code',
      'e.note',
    ])
    .where('e.referral_id', '=', referralId)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    userName: r.user_name,
    organisationName: r.organisation_name,
    party: r.party,
    event: r.event,
    from: r.from_state,
    to: r.to_state,
    reasonCode: r.reason_code,
    note: r.note,
  }));
}

export type MessageRow = {
  id: string;
  kind: 'message' | 'mediation_note';
  userName: string | null;
  organisationName: string | null;
  party: ReferralParty;
  body: string;
  createdAt: string;
};

export async function insertMessage(
  db: Executor,
  m: {
    id: string;
    referralId: string;
    kind: 'message' | 'mediation_note';
    userId: string;
    organisationId: string;
    party: ReferralParty;
    body: string;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('referral_message')
    .values({
      id: m.id,
      referral_id: m.referralId,
      kind: m.kind,
      author_user_id: m.userId,
      author_organisation_id: m.organisationId,
      party: m.party,
      body: m.body,
      created_at: m.at,
    })
    .execute();
}

export async function listMessages(db: Executor, referralId: string): Promise<MessageRow[]> {
  const rows = await db
    .selectFrom('referral_message as m')
    .leftJoin('app_user as u', 'u.id', 'm.author_user_id')
    .leftJoin('organisation as o', 'o.id', 'm.author_organisation_id')
    .select([
      'm.id',
      'm.kind',
      'u.name as user_name',
      'o.name as organisation_name',
      'm.party',
      'm.body',
      'm.created_at',
    ])
    .where('m.referral_id', '=', referralId)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    userName: r.user_name,
    organisationName: r.organisation_name,
    party: r.party,
    body: r.body,
    createdAt: r.created_at,
  }));
}

// ── Closing reasons ───────────────────────────────────────────────────────────────────────────

export type CloseReason = {
  code: string;
  labelJa: string;
  labelEn: string;
  forDeclined: boolean;
  forNotAgreed: boolean;
  forWithdrawn: boolean;
  active: boolean;
  sortOrder: number;
};

export async function listCloseReasons(db: Executor): Promise<CloseReason[]> {
  const rows = await db
    .selectFrom('referral_close_reason')
    .select([
      'code',
      'label_ja',
      'label_en',
      'for_declined',
      'for_not_agreed',
      'for_withdrawn',
      'active',
      'sort_order',
    ])
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
  return rows.map((r) => ({
    code: r.code,
    labelJa: r.label_ja,
    labelEn: r.label_en,
    forDeclined: r.for_declined === 1,
    forNotAgreed: r.for_not_agreed === 1,
    forWithdrawn: r.for_withdrawn === 1,
    active: r.active === 1,
    sortOrder: r.sort_order,
  }));
}

export async function upsertCloseReason(db: Executor, reason: CloseReason, at: string): Promise<void> {
  const values = {
    label_ja: reason.labelJa,
    label_en: reason.labelEn,
    for_declined: reason.forDeclined ? 1 : 0,
    for_not_agreed: reason.forNotAgreed ? 1 : 0,
    for_withdrawn: reason.forWithdrawn ? 1 : 0,
    active: reason.active ? 1 : 0,
    sort_order: reason.sortOrder,
    updated_at: at,
  };
  const updated = await db
    .updateTable('referral_close_reason')
    .set(values)
    .where('code', '=', reason.code)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    await db
      .insertInto('referral_close_reason')
      .values({ code: reason.code, ...values })
      .execute();
  }
}

// ── Registry facts and the shared data ────────────────────────────────────────────────────────

export type OpportunityFacts = {
  id: string;
  title: string;
  status: string;
  facilityId: string;
  facilityName: string;
  facilityActive: boolean;
  corporationId: string;
};

export async function opportunityFacts(db: Executor, id: string): Promise<OpportunityFacts | undefined> {
  const row = await db
    .selectFrom('opportunity as o')
    .innerJoin('facility as f', 'f.id', 'o.facility_id')
    .select([
      'o.id',
      'o.title',
      'o.status',
      'f.id as facility_id',
      'f.name as facility_name',
      'f.active',
      'f.corporation_id',
    ])
    .where('o.id', '=', id)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        title: row.title,
        status: row.status,
        facilityId: row.facility_id,
        facilityName: row.facility_name,
        facilityActive: row.active === 1,
        corporationId: row.corporation_id,
      }
    : undefined;
}

/** An opportunity's weekly time windows (public registry data). */
export async function opportunityWindows(db: Executor, opportunityId: string): Promise<ScheduleEntry[]> {
  const rows = await db
    .selectFrom('opportunity_window')
    .select(['weekday', 'start_time', 'end_time'])
    .where('opportunity_id', '=', opportunityId)
    .orderBy('weekday')
    .orderBy('start_time')
    .execute();
  return rows.map((r) => ({ weekday: r.weekday, start: r.start_time, end: r.end_time }));
}

/** The opportunities on a participant's candidate list that can be referred to (published or full). */
export async function candidateOpportunities(
  db: Executor,
  participantId: string,
): Promise<{ id: string; title: string; facilityName: string; status: string }[]> {
  return db
    .selectFrom('participant_candidate as pc')
    .innerJoin('opportunity as o', 'o.id', 'pc.opportunity_id')
    .innerJoin('facility as f', 'f.id', 'o.facility_id')
    .select(['o.id', 'o.title', 'f.name as facilityName', 'o.status'])
    .where('pc.participant_id', '=', participantId)
    .orderBy('pc.saved_at', 'desc')
    .execute();
}

export type SharedPerson = {
  name: string;
  name_kana: string;
  birth_date: string;
  gender: string | null;
  phone: string | null;
  email: string | null;
  postal_code: string | null;
  address: string | null;
  nearest_station: string | null;
  status: string;
};

export type SharedAssessment = {
  assessed_on: string;
  tasks: string;
  windows: string;
  min_daily_minutes: number | null;
  max_daily_minutes: number | null;
  min_days_per_week: number | null;
  max_days_per_week: number | null;
  travel_max_minutes: number | null;
  travel_modes: string;
  strengths: string | null;
  difficulties: string | null;
  supports: string;
  health_note: string | null;
  goal_short: string | null;
  goal_long: string | null;
};

/**
 * The participant's fields and latest assessment that the data groups can name. The caller
 * (service.readSharedData) decides which of them are shown and audits the read.
 */
export async function sharedDataOf(
  db: Executor,
  participantId: string,
): Promise<{ person: SharedPerson | undefined; assessment: SharedAssessment | undefined }> {
  const person = await db
    .selectFrom('participant')
    .select([
      'name',
      'name_kana',
      'birth_date',
      'gender',
      'phone',
      'email',
      'postal_code',
      'address',
      'nearest_station',
      'status',
    ])
    .where('id', '=', participantId)
    .executeTakeFirst();
  const assessment = await db
    .selectFrom('assessment')
    .select([
      'assessed_on',
      'tasks',
      'windows',
      'min_daily_minutes',
      'max_daily_minutes',
      'min_days_per_week',
      'max_days_per_week',
      'travel_max_minutes',
      'travel_modes',
      'strengths',
      'difficulties',
      'supports',
      'health_note',
      'goal_short',
      'goal_long',
    ])
    .where('participant_id', '=', participantId)
    .orderBy('assessed_on', 'desc')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return { person, assessment };
}

/** The last day a council override that carried a referral's share may be used to show it. */
export async function overrideValidUntil(db: Executor, overrideId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('consent_override')
    .select('valid_until')
    .where('id', '=', overrideId)
    .executeTakeFirst();
  return row?.valid_until;
}

// ── The case behind the referrals (transfer, closure) ─────────────────────────────────────────

/**
 * Who on the agency side hears of a referral: its counsellor while they are an active
 * counsellor of the agency that keeps the case; otherwise (the case was transferred, or the
 * counsellor left) the active counsellors of that agency.
 */
export async function agencyRecipients(
  db: Executor,
  referral: { agencyId: string; counsellorUserId: string },
): Promise<string[]> {
  const rows = await db
    .selectFrom('app_user')
    .select('id')
    .where('organisation_id', '=', referral.agencyId)
    .where('role', '=', 'counsellor')
    .where('active', '=', 1)
    .execute();
  const ids = rows.map((r) => r.id);
  return ids.includes(referral.counsellorUserId) ? [referral.counsellorUserId] : ids;
}

/** The ids of a participant's referrals kept by `agencyId` (every state). */
export async function referralIdsOfCase(
  db: Executor,
  participantId: string,
  agencyId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('referral')
    .select('id')
    .where('participant_id', '=', participantId)
    .where('agency_id', '=', agencyId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** A participant's referrals that are still open (drafts included). */
export async function openReferralIdsOfParticipant(db: Executor, participantId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('referral')
    .select('id')
    .where('participant_id', '=', participantId)
    .where('closed_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Whether the participant's case is open (not closed or anonymised). */
export async function isCaseActive(db: Executor, participantId: string): Promise<boolean> {
  const row = await db
    .selectFrom('participant')
    .select('status')
    .where('id', '=', participantId)
    .executeTakeFirst();
  return row?.status === 'active';
}

/** Hands a referral to the agency that keeps the case now. */
export async function setReferralAgency(
  db: Executor,
  id: string,
  fromAgencyId: string,
  toAgencyId: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('referral')
    .set({ agency_id: toAgencyId, updated_at: at })
    .where('id', '=', id)
    .where('agency_id', '=', fromAgencyId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

const ANONYMISED_NAME = '(匿名化済み)';

function anonymisedAttendees(json: string): string {
  try {
    const list: unknown = JSON.parse(json);
    if (!Array.isArray(list)) return '[]';
    return JSON.stringify(
      list.map((a) =>
        a && typeof a === 'object' && (a as { party?: unknown }).party === 'participant'
          ? { ...(a as object), name: ANONYMISED_NAME }
          : a,
      ),
    );
  } catch {
    return '[]';
  }
}

/**
 * The retention rule on a participant's referrals: free text that may describe the person is
 * emptied — the request's message and closing note, the thread, timeline notes, appointment
 * notes and the person's name among attendees, the meeting record's notes. States, dates, codes
 * and the schedule stay for anonymous statistics.
 */
export async function anonymiseReferralText(db: Executor, participantId: string): Promise<void> {
  const ids = (
    await db.selectFrom('referral').select('id').where('participant_id', '=', participantId).execute()
  ).map((r) => r.id);
  if (ids.length === 0) return;
  await db.updateTable('referral').set({ message: '', close_note: null }).where('id', 'in', ids).execute();
  await db.updateTable('referral_message').set({ body: '' }).where('referral_id', 'in', ids).execute();
  await db.updateTable('referral_event').set({ note: null }).where('referral_id', 'in', ids).execute();
  const appointments = await db
    .selectFrom('appointment')
    .select(['id', 'attendees'])
    .where('referral_id', 'in', ids)
    .execute();
  for (const a of appointments)
    await db
      .updateTable('appointment')
      .set({ note: null, attendees: anonymisedAttendees(a.attendees) })
      .where('id', '=', a.id)
      .execute();
  const records = await db
    .selectFrom('meeting_record')
    .select(['id', 'attendees'])
    .where('referral_id', 'in', ids)
    .execute();
  for (const r of records)
    await db
      .updateTable('meeting_record')
      .set({
        attendees: anonymisedAttendees(r.attendees),
        task_note: null,
        support_note: null,
        pay_note: null,
        transport_note: null,
        not_agreed_note: null,
      })
      .where('id', '=', r.id)
      .execute();
}
