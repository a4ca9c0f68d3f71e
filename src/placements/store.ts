/**
 * All SQL on placements (はたらく場の決定), the windows they occupy and the open places of those
 * windows. Reads for a person take the Actor and filter in SQL: council staff see every
 * placement, a counsellor their agency's, a corporation admin their corporation's, a facility
 * coordinator their assigned facilities'. Columns are named, never selectAll.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Actor } from '../platform/auth/policy';
import type { Database, PlacementStatus } from '../platform/db/schema';
import type { WorkFormOffer } from '../registry/opportunities/opportunity';
import { parseStoredSchedule, type ScheduleEntry, type WindowSlot } from './schedule';

type Executor = Kysely<Database> | Transaction<Database>;

/** Statuses in which a placement holds its places. */
export const holdingStatuses: readonly PlacementStatus[] = ['active', 'awaiting_support_decision'];

const isCouncil = (actor: Actor) => actor.role === 'council_admin' || actor.role === 'council_staff';

/** Who sees which rows: the condition on `placement as p` joined to `participant as pt`. */
function visibleTo(actor: Actor) {
  if (isCouncil(actor)) return sql<boolean>`1 = 1`;
  // The agency that keeps the case now (a transferred case's placements move with it).
  if (actor.role === 'counsellor') return sql<boolean>`${sql.ref('pt.agency_id')} = ${actor.organisationId}`;
  if (actor.role === 'corporation_admin') {
    return sql<boolean>`${sql.ref('p.corporation_id')} = ${actor.organisationId}`;
  }
  if (actor.role === 'facility_coordinator') {
    if (actor.facilityIds.length === 0) return sql<boolean>`1 = 0`;
    return sql<boolean>`${sql.ref('p.corporation_id')} = ${actor.organisationId} and ${sql.ref(
      'p.facility_id',
    )} in (${sql.join([...actor.facilityIds])})`;
  }
  return sql<boolean>`1 = 0`;
}

// ── Opportunity and windows ─────────────────────────────────────────────────────────────────

/** What creating a placement needs to know of the opportunity (any scope: the caller checked). */
export async function findOpportunityForPlacement(db: Executor, opportunityId: string) {
  return db
    .selectFrom('opportunity as o')
    .innerJoin('facility as f', 'f.id', 'o.facility_id')
    .select([
      'o.id as id',
      'o.status as status',
      'o.facility_id as facilityId',
      'f.corporation_id as corporationId',
    ])
    .where('o.id', '=', opportunityId)
    .executeTakeFirst();
}

export async function findParticipantAgency(db: Executor, participantId: string) {
  const row = await db
    .selectFrom('participant')
    .select(['agency_id'])
    .where('id', '=', participantId)
    .executeTakeFirst();
  return row?.agency_id;
}

export async function listWindowSlots(db: Executor, opportunityId: string): Promise<WindowSlot[]> {
  const rows = await db
    .selectFrom('opportunity_window')
    .select(['id', 'weekday', 'start_time', 'end_time'])
    .where('opportunity_id', '=', opportunityId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, weekday: r.weekday, start: r.start_time, end: r.end_time }));
}

/** The current open places of these windows (the read before the conditional update). */
export async function openPlacesOf(db: Executor, windowIds: readonly string[]): Promise<Map<string, number>> {
  if (windowIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('opportunity_window')
    .select(['id', 'open_places'])
    .where('id', 'in', windowIds)
    .execute();
  return new Map(rows.map((r) => [r.id, r.open_places]));
}

/**
 * Takes one place in a window if one is open: `open_places = open_places - 1 where open_places > 0`.
 * On PostgreSQL (READ COMMITTED) a racing transaction waits for the row lock and re-checks the
 * condition on the committed row; on SQLite writes are serialised. True when the place was taken.
 */
export async function takePlace(db: Executor, windowId: string): Promise<boolean> {
  const result = await db
    .updateTable('opportunity_window')
    .set((eb) => ({ open_places: eb('open_places', '-', 1) }))
    .where('id', '=', windowId)
    .where('open_places', '>', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives a place back (a placement ended, or a take undone in the same transaction). */
export async function givePlaceBack(db: Executor, windowIds: readonly string[]): Promise<void> {
  if (windowIds.length === 0) return;
  await db
    .updateTable('opportunity_window')
    .set((eb) => ({ open_places: eb('open_places', '+', 1) }))
    .where('id', 'in', windowIds)
    .execute();
}

/**
 * Locks an opportunity's window rows for the rest of the transaction (PostgreSQL row locks; on
 * SQLite the write lock), so a placement being created waits until a window edit is committed.
 */
export async function lockWindows(db: Executor, opportunityId: string): Promise<void> {
  await db
    .updateTable('opportunity_window')
    .set((eb) => ({ open_places: eb.ref('open_places') }))
    .where('opportunity_id', '=', opportunityId)
    .execute();
}

/** Sets open_places = capacity − holding placements linked to each window of the opportunity. */
export async function recountOpenPlaces(db: Executor, opportunityId: string): Promise<void> {
  await db
    .updateTable('opportunity_window as w')
    .set((eb) => ({
      open_places: eb(
        'w.capacity',
        '-',
        eb
          .selectFrom('placement_window as pw')
          .innerJoin('placement as p', 'p.id', 'pw.placement_id')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('pw.window_id', '=', 'w.id')
          .where('p.status', 'in', holdingStatuses),
      ),
    }))
    .where('w.opportunity_id', '=', opportunityId)
    .execute();
}

// ── Placements ──────────────────────────────────────────────────────────────────────────────

export type NewPlacementRow = {
  id: string;
  participantId: string;
  opportunityId: string;
  facilityId: string;
  corporationId: string;
  agencyId: string;
  referralId: string | null;
  workForm: WorkFormOffer;
  startDate: string;
  schedule: ScheduleEntry[];
  status: PlacementStatus;
  counsellorUserId: string;
  facilityContactName: string | null;
  at: string;
};

export async function insertPlacement(db: Executor, row: NewPlacementRow, windowIds: readonly string[]) {
  await db
    .insertInto('placement')
    .values({
      id: row.id,
      participant_id: row.participantId,
      opportunity_id: row.opportunityId,
      facility_id: row.facilityId,
      corporation_id: row.corporationId,
      agency_id: row.agencyId,
      referral_id: row.referralId,
      work_form: row.workForm,
      start_date: row.startDate,
      end_date: null,
      schedule: JSON.stringify(row.schedule),
      status: row.status,
      counsellor_user_id: row.counsellorUserId,
      facility_contact_name: row.facilityContactName,
      created_at: row.at,
      updated_at: row.at,
      ended_at: null,
    })
    .execute();
  if (windowIds.length > 0) {
    await db
      .insertInto('placement_window')
      .values(windowIds.map((windowId) => ({ placement_id: row.id, window_id: windowId })))
      .execute();
  }
}

/** The placement already recorded for a referral, if any. */
export async function findPlacementIdByReferral(
  db: Executor,
  referralId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('placement')
    .select('id')
    .where('referral_id', '=', referralId)
    .executeTakeFirst();
  return row?.id;
}

/** The windows a placement occupies. */
export async function listPlacementWindowIds(db: Executor, placementId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('placement_window')
    .select('window_id')
    .where('placement_id', '=', placementId)
    .orderBy('window_id')
    .execute();
  return rows.map((r) => r.window_id);
}

/** Holding placements of an opportunity with their schedules (to re-link after a window edit). */
export async function listHoldingSchedules(db: Executor, opportunityId: string) {
  const rows = await db
    .selectFrom('placement')
    .select(['id', 'schedule'])
    .where('opportunity_id', '=', opportunityId)
    .where('status', 'in', holdingStatuses)
    .execute();
  return rows.map((r) => ({ id: r.id, schedule: parseStoredSchedule(r.schedule) }));
}

export async function replacePlacementWindows(
  db: Executor,
  placementId: string,
  windowIds: readonly string[],
) {
  await db.deleteFrom('placement_window').where('placement_id', '=', placementId).execute();
  if (windowIds.length === 0) return;
  await db
    .insertInto('placement_window')
    .values(windowIds.map((windowId) => ({ placement_id: placementId, window_id: windowId })))
    .execute();
}

/**
 * Moves a placement from one status to another only if it is still in `from` (a conditional
 * update, so two people ending or confirming at once change it once). True when it moved.
 */
export async function moveStatus(
  db: Executor,
  id: string,
  from: PlacementStatus,
  patch: { status: PlacementStatus; updated_at: string; ended_at?: string; end_date?: string },
): Promise<boolean> {
  const result = await db
    .updateTable('placement')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type PlacementSummary = {
  id: string;
  participantId: string;
  opportunityId: string;
  opportunityTitle: string;
  facilityId: string;
  facilityName: string;
  corporationId: string;
  /** The agency keeping the participant's case now (after a transfer, the new one). */
  agencyId: string;
  agencyName: string;
  referralId: string | null;
  workForm: WorkFormOffer;
  startDate: string;
  endDate: string | null;
  schedule: ScheduleEntry[];
  status: PlacementStatus;
  counsellorUserId: string;
  counsellorName: string;
  facilityContactName: string | null;
  createdAt: string;
  updatedAt: string;
  endedAt: string | null;
};

function base(db: Executor) {
  return db
    .selectFrom('placement as p')
    .innerJoin('participant as pt', 'pt.id', 'p.participant_id')
    .innerJoin('opportunity as o', 'o.id', 'p.opportunity_id')
    .innerJoin('facility as f', 'f.id', 'p.facility_id')
    .innerJoin('organisation as a', 'a.id', 'pt.agency_id')
    .innerJoin('app_user as u', 'u.id', 'p.counsellor_user_id')
    .select([
      'p.id as id',
      'p.participant_id as participantId',
      'p.opportunity_id as opportunityId',
      'o.title as opportunityTitle',
      'p.facility_id as facilityId',
      'f.name as facilityName',
      'p.corporation_id as corporationId',
      'pt.agency_id as agencyId',
      'a.name as agencyName',
      'p.referral_id as referralId',
      'p.work_form as workForm',
      'p.start_date as startDate',
      'p.end_date as endDate',
      'p.schedule as schedule',
      'p.status as status',
      'p.counsellor_user_id as counsellorUserId',
      'u.name as counsellorName',
      'p.facility_contact_name as facilityContactName',
      'p.created_at as createdAt',
      'p.updated_at as updatedAt',
      'p.ended_at as endedAt',
    ]);
}

type Row = Omit<PlacementSummary, 'schedule' | 'workForm'> & { schedule: string; workForm: string };

function summaryOf(row: Row): PlacementSummary {
  return { ...row, workForm: row.workForm as WorkFormOffer, schedule: parseStoredSchedule(row.schedule) };
}

export type PlacementFilter = {
  participantId?: string;
  facilityId?: string;
  opportunityId?: string;
  statuses?: readonly PlacementStatus[];
};

export async function findPlacement(
  db: Executor,
  actor: Actor,
  id: string,
): Promise<PlacementSummary | undefined> {
  const row = await base(db).where('p.id', '=', id).where(visibleTo(actor)).executeTakeFirst();
  return row ? summaryOf(row) : undefined;
}

/** Any placement by id, unscoped: for use cases that have checked the caller themselves. */
export async function findPlacementById(db: Executor, id: string): Promise<PlacementSummary | undefined> {
  const row = await base(db).where('p.id', '=', id).executeTakeFirst();
  return row ? summaryOf(row) : undefined;
}

function filtered(db: Executor, actor: Actor, filter: PlacementFilter) {
  let query = base(db).where(visibleTo(actor));
  if (filter.participantId) query = query.where('p.participant_id', '=', filter.participantId);
  if (filter.facilityId) query = query.where('p.facility_id', '=', filter.facilityId);
  if (filter.opportunityId) query = query.where('p.opportunity_id', '=', filter.opportunityId);
  if (filter.statuses && filter.statuses.length > 0) query = query.where('p.status', 'in', filter.statuses);
  return query;
}

/** Placements in the actor's scope, newest start first. */
export async function listPlacements(
  db: Executor,
  actor: Actor,
  filter: PlacementFilter & { limit: number; offset: number },
): Promise<PlacementSummary[]> {
  const rows = await filtered(db, actor, filter)
    .orderBy('p.start_date', 'desc')
    .orderBy('p.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return rows.map(summaryOf);
}

export async function countPlacements(db: Executor, actor: Actor, filter: PlacementFilter): Promise<number> {
  const row = await db
    .selectFrom('placement as p')
    .innerJoin('participant as pt', 'pt.id', 'p.participant_id')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where(visibleTo(actor))
    .$if(Boolean(filter.participantId), (q) => q.where('p.participant_id', '=', filter.participantId ?? ''))
    .$if(Boolean(filter.facilityId), (q) => q.where('p.facility_id', '=', filter.facilityId ?? ''))
    .$if(Boolean(filter.opportunityId), (q) => q.where('p.opportunity_id', '=', filter.opportunityId ?? ''))
    .$if(Boolean(filter.statuses?.length), (q) => q.where('p.status', 'in', filter.statuses ?? []))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Participant names for the placements' owning agency (the caller checked it keeps the cases). */
export async function participantNames(
  db: Executor,
  agencyId: string,
  participantIds: readonly string[],
): Promise<Map<string, string>> {
  if (participantIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('participant')
    .select(['id', 'name'])
    .where('agency_id', '=', agencyId)
    .where('id', 'in', participantIds)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Holding placements per window of these opportunities (window id → count). */
export async function holdingCountsByWindow(
  db: Executor,
  opportunityIds: readonly string[],
): Promise<Map<string, number>> {
  if (opportunityIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('placement_window as pw')
    .innerJoin('placement as p', 'p.id', 'pw.placement_id')
    .select(['pw.window_id as windowId', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('p.opportunity_id', 'in', opportunityIds)
    .where('p.status', 'in', holdingStatuses)
    .groupBy('pw.window_id')
    .execute();
  return new Map(rows.map((r) => [r.windowId, Number(r.n)]));
}
