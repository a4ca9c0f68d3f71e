/**
 * All SQL on opportunities, their time windows and versions. Every read for a person takes the
 * caller (Actor) and filters in SQL: council staff see every opportunity, a corporation admin
 * their corporation's, a facility coordinator their assigned facilities', a counsellor every
 * opportunity that has been published (never a draft). Columns are named, never selectAll.
 * Search (issue 4, item 4) adds its filters to `filtered` and reads `o.search_text`.
 */
import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import type { Actor } from '../../platform/auth/policy';
import type { Database, OpportunityTable, OpportunityWindowTable } from '../../platform/db/schema';
import { newId } from '../../platform/db/time';
import {
  type ChangeKind,
  classifyChange,
  closedStatuses,
  type OpportunityStatus,
  type OpportunityValues,
  publicStatuses,
  type TimeWindow,
  type Weekday,
} from './opportunity';

type Executor = Kysely<Database> | Transaction<Database>;

const isCouncil = (actor: Actor) => actor.role === 'council_admin' || actor.role === 'council_staff';

/** Who sees which rows: the condition on `opportunity as o` joined to `facility as f`. */
export type OpportunityScope = Actor | 'published';

function visibleTo(scope: OpportunityScope) {
  if (scope === 'published') return sql<boolean>`${sql.ref('o.published_at')} is not null`;
  if (isCouncil(scope)) return sql<boolean>`1 = 1`;
  if (scope.role === 'corporation_admin') {
    return sql<boolean>`${sql.ref('f.corporation_id')} = ${scope.organisationId}`;
  }
  if (scope.role === 'facility_coordinator') {
    if (scope.facilityIds.length === 0) return sql<boolean>`1 = 0`;
    return sql<boolean>`${sql.ref('f.corporation_id')} = ${scope.organisationId} and ${sql.ref('f.id')} in (${sql.join(
      scope.facilityIds,
    )})`;
  }
  if (scope.role === 'counsellor') return sql<boolean>`${sql.ref('o.published_at')} is not null`;
  return sql<boolean>`1 = 0`;
}

function base(db: Executor) {
  return db
    .selectFrom('opportunity as o')
    .innerJoin('facility as f', 'f.id', 'o.facility_id')
    .innerJoin('organisation as c', 'c.id', 'f.corporation_id')
    .innerJoin('municipality as m', 'm.code', 'f.municipality_code');
}

/** The columns holding an opportunity's values (windows aside). */
const valueColumns = [
  'o.title',
  'o.description',
  'o.tasks',
  'o.setting',
  'o.physical_load',
  'o.work_forms',
  'o.min_daily_minutes',
  'o.max_daily_minutes',
  'o.min_days_per_week',
  'o.max_days_per_week',
  'o.works_on_holidays',
  'o.year_end_closed',
  'o.holiday_note',
  'o.earliest_start_date',
  'o.pay_type',
  'o.pay_yen',
  'o.transport_allowance',
  'o.transport_cap_yen',
  'o.meals',
  'o.uniform',
  'o.what_to_bring',
  'o.health_check_required',
  'o.documents_required',
  'o.supports',
  'o.supports_unavailable',
  'o.support_note',
  'o.visit_possible',
  'o.trial_possible',
  'o.interview_required',
] as const;

const metaColumns = [
  'o.id as id',
  'o.facility_id as facilityId',
  'f.name as facilityName',
  'f.corporation_id as corporationId',
  'c.name as corporationName',
  'f.municipality_code as municipalityCode',
  'm.name as municipalityName',
  'o.status as status',
  'o.version as version',
  'o.is_demo as isDemo',
  'o.created_at as createdAt',
  'o.updated_at as updatedAt',
  'o.published_at as publishedAt',
  'o.status_changed_at as statusChangedAt',
  'o.last_confirmed_at as lastConfirmedAt',
] as const;

/** Who to talk to: only for signed-in staff (agencies see it), never on the public page. */
const contactColumns = [
  'f.contact_name as contactName',
  'f.contact_email as contactEmail',
  'f.phone as phone',
  'f.address as address',
  'f.nearest_station as nearestStation',
  'f.walk_minutes as walkMinutes',
] as const;

export type OpportunityMeta = {
  id: string;
  facilityId: string;
  facilityName: string;
  corporationId: string;
  corporationName: string;
  municipalityCode: string;
  municipalityName: string;
  status: OpportunityStatus;
  version: number;
  isDemo: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  statusChangedAt: string;
  lastConfirmedAt: string;
};

export type OpportunityContact = {
  contactName: string | null;
  contactEmail: string | null;
  phone: string | null;
  address: string;
  nearestStation: string | null;
  walkMinutes: number | null;
};

export type OpportunityDetail = OpportunityMeta &
  OpportunityContact & {
    values: OpportunityValues;
    /**
     * Stored open places of each of `values.windows` (same order): capacity − holding placements
     * (opportunity_window.open_places, kept by src/placements). Show with openPlaces().
     */
    windowOpenPlaces?: number[];
  };

type ValueRow = Pick<OpportunityTable, (typeof valueColumns)[number] extends `o.${infer K}` ? K : never>;

function parseList<T>(json: string): T[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? (parsed as T[]) : [];
}

function valuesOf(row: ValueRow, windows: TimeWindow[]): OpportunityValues {
  return {
    title: row.title,
    description: row.description,
    tasks: parseList(row.tasks),
    setting: row.setting,
    physical_load: row.physical_load,
    work_forms: parseList(row.work_forms),
    min_daily_minutes: row.min_daily_minutes,
    max_daily_minutes: row.max_daily_minutes,
    min_days_per_week: row.min_days_per_week,
    max_days_per_week: row.max_days_per_week,
    works_on_holidays: row.works_on_holidays,
    year_end_closed: row.year_end_closed,
    holiday_note: row.holiday_note,
    earliest_start_date: row.earliest_start_date,
    pay_type: row.pay_type,
    pay_yen: row.pay_yen,
    transport_allowance: row.transport_allowance,
    transport_cap_yen: row.transport_cap_yen,
    meals: row.meals,
    uniform: row.uniform,
    what_to_bring: row.what_to_bring,
    health_check_required: row.health_check_required,
    documents_required: row.documents_required,
    supports: parseList(row.supports),
    supports_unavailable: parseList(row.supports_unavailable),
    support_note: row.support_note,
    visit_possible: row.visit_possible,
    trial_possible: row.trial_possible,
    interview_required: row.interview_required,
    windows,
  };
}

/** Values → columns (JSON arrays as text); windows are written by `replaceWindows`. */
export function columnsOf(values: OpportunityValues) {
  const { windows: _windows, tasks, work_forms, supports, supports_unavailable, ...rest } = values;
  return {
    ...rest,
    tasks: JSON.stringify(tasks),
    work_forms: JSON.stringify(work_forms),
    supports: JSON.stringify(supports),
    supports_unavailable: JSON.stringify(supports_unavailable),
  };
}

export async function listWindows(
  db: Executor,
  opportunityIds: readonly string[],
): Promise<Map<string, TimeWindow[]>> {
  const byOpportunity = new Map<string, TimeWindow[]>();
  for (const [id, rows] of await listWindowRows(db, opportunityIds)) byOpportunity.set(id, rows.windows);
  return byOpportunity;
}

/** The windows of each opportunity with their stored open places (same order). */
async function listWindowRows(
  db: Executor,
  opportunityIds: readonly string[],
): Promise<Map<string, { windows: TimeWindow[]; openPlaces: number[] }>> {
  const byOpportunity = new Map<string, { windows: TimeWindow[]; openPlaces: number[] }>();
  if (opportunityIds.length === 0) return byOpportunity;
  const rows = await db
    .selectFrom('opportunity_window')
    .select(['opportunity_id', 'weekday', 'start_time', 'end_time', 'capacity', 'open_places'])
    .where('opportunity_id', 'in', opportunityIds)
    .orderBy('opportunity_id')
    .orderBy('position')
    .execute();
  for (const row of rows) {
    const entry = byOpportunity.get(row.opportunity_id) ?? { windows: [], openPlaces: [] };
    entry.windows.push({
      weekday: row.weekday as Weekday,
      start: row.start_time,
      end: row.end_time,
      capacity: row.capacity,
    });
    entry.openPlaces.push(row.open_places);
    byOpportunity.set(row.opportunity_id, entry);
  }
  return byOpportunity;
}

/** The policy subject of an opportunity in the actor's scope. */
export async function findOpportunitySubject(db: Executor, actor: Actor, id: string) {
  const row = await base(db)
    .select([
      'o.id as id',
      'o.facility_id as facilityId',
      'f.corporation_id as corporationId',
      'o.status as status',
    ])
    .where('o.id', '=', id)
    .where(visibleTo(actor))
    .executeTakeFirst();
  return row ? ({ kind: 'opportunity', ...row } as const) : undefined;
}

/** One opportunity with everything a staff page shows, if in the actor's scope. */
export async function findOpportunity(
  db: Executor,
  actor: Actor,
  id: string,
): Promise<OpportunityDetail | undefined> {
  const row = await base(db)
    .select([...metaColumns, ...contactColumns, ...valueColumns])
    .where('o.id', '=', id)
    .where(visibleTo(actor))
    .executeTakeFirst();
  if (!row) return undefined;
  const windows = (await listWindowRows(db, [id])).get(id);
  const { contactName, contactEmail, phone, address, nearestStation, walkMinutes } = row;
  return {
    ...metaOf(row),
    contactName,
    contactEmail,
    phone,
    address,
    nearestStation,
    walkMinutes,
    values: valuesOf(row, windows?.windows ?? []),
    windowOpenPlaces: windows?.openPlaces ?? [],
  };
}

function metaOf(row: OpportunityMeta): OpportunityMeta {
  return {
    id: row.id,
    facilityId: row.facilityId,
    facilityName: row.facilityName,
    corporationId: row.corporationId,
    corporationName: row.corporationName,
    municipalityCode: row.municipalityCode,
    municipalityName: row.municipalityName,
    status: row.status,
    version: row.version,
    isDemo: row.isDemo,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    publishedAt: row.publishedAt,
    statusChangedAt: row.statusChangedAt,
    lastConfirmedAt: row.lastConfirmedAt,
  };
}

export type PublicOpportunity = Omit<OpportunityMeta, 'version' | 'corporationId'> & {
  nearestStation: string | null;
  walkMinutes: number | null;
  values: Omit<OpportunityValues, 'windows'> & { windows: Omit<TimeWindow, 'capacity'>[] };
};

/**
 * The public summary of an opportunity (no sign-in): only while it is listed (published, full,
 * paused) at an active facility; no contacts, no capacity numbers.
 */
export async function findPublicOpportunity(
  db: Executor,
  id: string,
): Promise<PublicOpportunity | undefined> {
  const row = await base(db)
    .select([
      ...metaColumns,
      'f.nearest_station as nearestStation',
      'f.walk_minutes as walkMinutes',
      ...valueColumns,
    ])
    .where('o.id', '=', id)
    .where('o.status', 'in', publicStatuses)
    .where('f.active', '=', 1)
    .executeTakeFirst();
  if (!row) return undefined;
  const windows = ((await listWindows(db, [id])).get(id) ?? []).map(({ weekday, start, end }) => ({
    weekday,
    start,
    end,
  }));
  const { version: _version, corporationId: _corporationId, ...meta } = metaOf(row);
  return {
    ...meta,
    nearestStation: row.nearestStation,
    walkMinutes: row.walkMinutes,
    values: { ...valuesOf(row, []), windows },
  };
}

/** The current row and values of an opportunity in the actor's scope, for a change. */
export async function findOpportunityForUpdate(db: Executor, actor: Actor, id: string) {
  return findOpportunity(db, actor, id);
}

export type OpportunityFilter = {
  facilityId?: string;
  statuses?: readonly OpportunityStatus[];
  /** Changed (content or status) after this ISO timestamp. */
  changedSince?: string;
  /** Published and last confirmed at or before this ISO timestamp (needs confirmation). */
  confirmedBefore?: string;
};

function filtered(db: Executor, scope: OpportunityScope, filter: OpportunityFilter) {
  let query = base(db).where(visibleTo(scope));
  if (filter.facilityId) query = query.where('o.facility_id', '=', filter.facilityId);
  if (filter.statuses && filter.statuses.length > 0) query = query.where('o.status', 'in', filter.statuses);
  if (filter.changedSince) query = query.where('o.updated_at', '>', filter.changedSince);
  if (filter.confirmedBefore) {
    query = query
      .where('o.status', '=', 'published')
      .where('o.last_confirmed_at', '<=', filter.confirmedBefore);
  }
  return query;
}

export type OpportunitySummary = OpportunityMeta & {
  title: string;
  tasks: string[];
  workForms: string[];
  windows: TimeWindow[];
};

/** One page of the opportunities in scope, most recently changed first. */
export async function listOpportunities(
  db: Executor,
  scope: OpportunityScope,
  filter: OpportunityFilter & { limit: number; offset: number },
): Promise<OpportunitySummary[]> {
  const rows = await filtered(db, scope, filter)
    .select([...metaColumns, 'o.title as title', 'o.tasks as tasks', 'o.work_forms as workForms'])
    .orderBy('o.updated_at', 'desc')
    .orderBy('o.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  const windows = await listWindows(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    ...metaOf(row),
    title: row.title,
    tasks: parseList(row.tasks),
    workForms: parseList(row.workForms),
    windows: windows.get(row.id) ?? [],
  }));
}

export async function countOpportunities(db: Executor, scope: OpportunityScope, filter: OpportunityFilter) {
  const row = await filtered(db, scope, filter)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type ChangedOpportunity = OpportunitySummary & { change: ChangeKind };

/**
 * What is new, changed or closed since `since` (see classifyChange), for digests, the API's
 * `changed_since` and matching. `scope` 'published' is the registry as agencies see it.
 */
export async function listOpportunitiesChangedSince(
  db: Executor,
  since: string,
  scope: OpportunityScope = 'published',
): Promise<{ new: ChangedOpportunity[]; changed: ChangedOpportunity[]; closed: ChangedOpportunity[] }> {
  const rows = await listOpportunities(db, scope, {
    changedSince: since,
    statuses: ['published', ...closedStatuses],
    limit: 100_000,
    offset: 0,
  });
  const result = {
    new: [] as ChangedOpportunity[],
    changed: [] as ChangedOpportunity[],
    closed: [] as ChangedOpportunity[],
  };
  for (const row of rows) {
    const change = classifyChange(row, since);
    if (change) result[change].push({ ...row, change });
  }
  return result;
}

export async function insertOpportunity(
  db: Executor,
  row: ReturnType<typeof columnsOf> & {
    id: string;
    facility_id: string;
    status: OpportunityStatus;
    search_text: string;
    is_demo: number;
    created_at: string;
    updated_at: string;
    published_at: string | null;
    status_changed_at: string;
    last_confirmed_at: string;
  },
): Promise<void> {
  await db
    .insertInto('opportunity')
    .values({ ...row, version: 1, last_reminded_at: null })
    .execute();
}

export async function updateOpportunityRow(
  db: Executor,
  id: string,
  patch: Partial<Omit<OpportunityTable, 'id' | 'facility_id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('opportunity').set(patch).where('id', '=', id).execute();
}

/**
 * Writes the time windows of an opportunity (in the caller's transaction). A window with the
 * same weekday and times as a stored one keeps its row, and so the placements occupying it: its
 * capacity, position and open places (by the capacity change) are updated in place. Other stored
 * windows are deleted (their placement links with them) and new ones inserted with every place
 * open. After an edit, placements' syncOpenPlacesIn re-links placements and recounts open places.
 */
export async function replaceWindows(db: Executor, opportunityId: string, windows: readonly TimeWindow[]) {
  const stored = await db
    .selectFrom('opportunity_window')
    .select(['id', 'weekday', 'start_time', 'end_time', 'capacity'])
    .where('opportunity_id', '=', opportunityId)
    .orderBy('position')
    .execute();
  const unused = [...stored];
  const inserts: Insertable<OpportunityWindowTable>[] = [];
  for (const [position, w] of windows.entries()) {
    const index = unused.findIndex(
      (r) => r.weekday === w.weekday && r.start_time === w.start && r.end_time === w.end,
    );
    const [same] = index >= 0 ? unused.splice(index, 1) : [];
    if (same) {
      await db
        .updateTable('opportunity_window')
        .set((eb) => ({
          capacity: w.capacity,
          position,
          open_places: eb('open_places', '+', w.capacity - same.capacity),
        }))
        .where('id', '=', same.id)
        .execute();
    } else {
      inserts.push({
        id: newId(),
        opportunity_id: opportunityId,
        weekday: w.weekday,
        start_time: w.start,
        end_time: w.end,
        capacity: w.capacity,
        position,
        open_places: w.capacity,
      });
    }
  }
  if (unused.length > 0) {
    await db
      .deleteFrom('opportunity_window')
      .where(
        'id',
        'in',
        unused.map((r) => r.id),
      )
      .execute();
  }
  if (inserts.length > 0) await db.insertInto('opportunity_window').values(inserts).execute();
}

export async function insertVersion(
  db: Executor,
  row: {
    opportunityId: string;
    version: number;
    kind: 'create' | 'update' | 'status' | 'confirm';
    changedBy: string | null;
    changedAt: string;
    changes: Record<string, { before: unknown; after: unknown }>;
    snapshot: unknown;
  },
): Promise<void> {
  await db
    .insertInto('opportunity_version')
    .values({
      id: newId(),
      opportunity_id: row.opportunityId,
      version: row.version,
      kind: row.kind,
      changed_by: row.changedBy,
      changed_at: row.changedAt,
      changes: JSON.stringify(row.changes),
      snapshot: JSON.stringify(row.snapshot),
    })
    .execute();
}

export type VersionEntry = {
  version: number;
  kind: 'create' | 'update' | 'status' | 'confirm';
  changedAt: string;
  changedByName: string | null;
  changes: Record<string, { before: unknown; after: unknown }>;
};

/** The history of an opportunity, newest first (the caller has checked it may read it). */
export async function listVersions(db: Executor, opportunityId: string, limit = 50): Promise<VersionEntry[]> {
  const rows = await db
    .selectFrom('opportunity_version as v')
    .leftJoin('app_user as u', 'u.id', 'v.changed_by')
    .select(['v.version', 'v.kind', 'v.changed_at', 'u.name as changedByName', 'v.changes'])
    .where('v.opportunity_id', '=', opportunityId)
    .orderBy('v.version', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    version: r.version,
    kind: r.kind,
    changedAt: r.changed_at,
    changedByName: r.changedByName,
    changes: JSON.parse(r.changes) as VersionEntry['changes'],
  }));
}

// ── Freshness ───────────────────────────────────────────────────────────────────────────────

export type ReminderDue = {
  id: string;
  title: string;
  facilityId: string;
  facilityName: string;
  corporationId: string;
  lastConfirmedAt: string;
};

/** Published opportunities unconfirmed since `confirmedBefore` and not reminded since `remindedBefore`. */
export async function listDueForReminder(
  db: Executor,
  confirmedBefore: string,
  remindedBefore: string,
): Promise<ReminderDue[]> {
  return db
    .selectFrom('opportunity as o')
    .innerJoin('facility as f', 'f.id', 'o.facility_id')
    .select([
      'o.id as id',
      'o.title as title',
      'o.facility_id as facilityId',
      'f.name as facilityName',
      'f.corporation_id as corporationId',
      'o.last_confirmed_at as lastConfirmedAt',
    ])
    .where('o.status', '=', 'published')
    .where('f.active', '=', 1)
    .where('o.last_confirmed_at', '<=', confirmedBefore)
    .where((eb) =>
      eb.or([eb('o.last_reminded_at', 'is', null), eb('o.last_reminded_at', '<=', remindedBefore)]),
    )
    .orderBy('o.facility_id')
    .orderBy('o.title')
    .execute();
}

/**
 * Who hears about a facility's opportunities: its 就労支援担当者 address and its assigned,
 * active coordinators; when it has neither, the corporation's active admins. Lower-cased, unique.
 */
export async function facilityContactEmails(
  db: Executor,
  facilityId: string,
  corporationId: string,
): Promise<string[]> {
  const facility = await db
    .selectFrom('facility')
    .select('contact_email')
    .where('id', '=', facilityId)
    .executeTakeFirst();
  const coordinators = await db
    .selectFrom('facility_assignment as a')
    .innerJoin('app_user as u', 'u.id', 'a.user_id')
    .select('u.email')
    .where('a.facility_id', '=', facilityId)
    .where('u.active', '=', 1)
    .where('u.role', '=', 'facility_coordinator')
    .execute();
  let emails = [facility?.contact_email, ...coordinators.map((c) => c.email)].filter((e): e is string =>
    Boolean(e),
  );
  if (emails.length === 0) {
    const admins = await db
      .selectFrom('app_user')
      .select('email')
      .where('organisation_id', '=', corporationId)
      .where('role', '=', 'corporation_admin')
      .where('active', '=', 1)
      .execute();
    emails = admins.map((a) => a.email);
  }
  return [...new Set(emails.map((e) => e.toLowerCase()))].sort();
}

export async function markReminded(db: Executor, ids: readonly string[], at: string): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('opportunity').set({ last_reminded_at: at }).where('id', 'in', ids).execute();
}

/** Re-derives the search text of a facility's opportunities (call when the facility is renamed). */
export async function listSearchSources(db: Executor, facilityId: string) {
  return db
    .selectFrom('opportunity')
    .select(['id', 'title', 'description', 'tasks'])
    .where('facility_id', '=', facilityId)
    .execute();
}

/**
 * Opportunities in scope with everything a staff page shows (contacts, values, windows), ordered
 * for a printed list: by municipality (code order, as the reference list), facility, title. For
 * the はたらく場情報 document and the spreadsheet exports; search passes its filters here too.
 */
export async function listOpportunityDetails(
  db: Executor,
  scope: OpportunityScope,
  filter: OpportunityFilter & { limit: number },
): Promise<OpportunityDetail[]> {
  const rows = await filtered(db, scope, filter)
    .select([...metaColumns, ...contactColumns, ...valueColumns])
    .orderBy('f.municipality_code')
    .orderBy('f.name_kana')
    .orderBy('f.name')
    .orderBy('o.title')
    .orderBy('o.id')
    .limit(filter.limit)
    .execute();
  return detailsOf(db, rows);
}

/**
 * The opportunities with these ids that are in scope, with everything a staff page shows, in
 * the order of `ids` (e.g. a search result's order); ids out of scope are left out.
 */
export async function listOpportunityDetailsByIds(
  db: Executor,
  scope: OpportunityScope,
  ids: readonly string[],
): Promise<OpportunityDetail[]> {
  const rows = [];
  // Chunks keep the bound parameters well under SQLite's and PostgreSQL's limits.
  for (let start = 0; start < ids.length; start += 500) {
    const chunk = ids.slice(start, start + 500);
    rows.push(
      ...(await base(db)
        .select([...metaColumns, ...contactColumns, ...valueColumns])
        .where(visibleTo(scope))
        .where('o.id', 'in', chunk)
        .execute()),
    );
  }
  const position = new Map(ids.map((id, index) => [id, index]));
  rows.sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
  return detailsOf(db, rows);
}

async function detailsOf(
  db: Executor,
  rows: (OpportunityMeta & OpportunityContact & ValueRow)[],
): Promise<OpportunityDetail[]> {
  const windows = new Map<string, { windows: TimeWindow[]; openPlaces: number[] }>();
  for (let start = 0; start < rows.length; start += 500) {
    const chunk = await listWindowRows(
      db,
      rows.slice(start, start + 500).map((r) => r.id),
    );
    for (const [id, list] of chunk) windows.set(id, list);
  }
  return rows.map((row) => ({
    ...metaOf(row),
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    phone: row.phone,
    address: row.address,
    nearestStation: row.nearestStation,
    walkMinutes: row.walkMinutes,
    values: valuesOf(row, windows.get(row.id)?.windows ?? []),
    windowOpenPlaces: windows.get(row.id)?.openPlaces ?? [],
  }));
}
