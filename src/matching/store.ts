/**
 * The SQL of matching: the pre-filter that feeds the pure ranking (score.ts) — accepting
 * opportunities ever published (what counsellors may see) at active facilities, with a time
 * window overlapping the person's availability, inside the bounding box of their travel limit, and
 * optionally offering a wanted task — plus the time windows of exactly those rows (one more
 * query), one opportunity for "why not", and the candidate list. Ranking never loads the whole
 * registry: SQL narrows, JS decides (the hard constraints are re-checked exactly there).
 */
import { type Kysely, type SqlBool, sql, type Transaction } from 'kysely';
import type { Actor } from '../platform/auth/policy';
import type { Database } from '../platform/db/schema';
import type {
  OpportunityStatus,
  SupportCode,
  TaskCategory,
  TimeWindow,
  Weekday,
  WorkFormOffer,
} from '../registry/opportunities/opportunity';
import type { Box } from '../registry/search/distance';
import { positionInBox } from '../registry/search/position';
import { registrySnapshot } from '../registry/search/snapshot';
import type { MatchNeeds, MatchOpportunity } from './facts';
import { opportunityOf, preFilterSnapshot } from './snapshot-prefilter';

type Executor = Kysely<Database> | Transaction<Database>;

export type PreFilter = {
  includeFull: boolean;
  /**
   * The person's availability; empty = unknown, no condition. Otherwise only windows that
   * overlap one of these (same weekday, some common minutes) are read: a fitting window always
   * overlaps, so no row the hard constraints would keep is lost.
   */
  availability: readonly { weekday: Weekday; start: string; end: string }[];
  box?: Box;
  /** Only opportunities offering one of these tasks (empty = any). */
  tasks: readonly TaskCategory[];
  /** False without a 支援決定: only opportunities offering an A form (短期就労型) can be used. */
  trainingFormsUsable: boolean;
  /**
   * When set, the in-memory pre-filter also drops what the ranking's hard constraints would
   * certainly exclude (no fitting window; no open place in one unless includeFull; a needed support
   * explicitly unavailable; too far, by constraints.ts's own estimateTravel and beyondReach),
   * checked exactly as constraints.ts does, and counts those rows so the shortlist's
   * "considered / excluded" figures stay as without it. The SQL path ignores it.
   */
  hardConstraints?: { needs: MatchNeeds };
};

/** Counsellors see opportunities ever published; nobody else ranks for a participant. */
function visibleTo(actor: Actor) {
  if (actor.role === 'counsellor') return sql<SqlBool>`${sql.ref('o.published_at')} is not null`;
  return sql<SqlBool>`1 = 0`;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

function base(db: Executor, actor: Actor) {
  return db
    .selectFrom('opportunity as o')
    .innerJoin('facility as f', 'f.id', 'o.facility_id')
    .innerJoin('municipality as m', 'm.code', 'f.municipality_code')
    .where(visibleTo(actor))
    .where('f.active', '=', 1);
}

/**
 * The pre-filter as one join: each accepting opportunity with its time windows on the person's
 * availability (all of them when it is unknown) — windows that do not overlap it can neither
 * fit nor score, so they are not read. One row per window; grouped in JS.
 */
function preFiltered(db: Executor, actor: Actor, filter: PreFilter) {
  let query = base(db, actor)
    .innerJoin('opportunity_window as w', 'w.opportunity_id', 'o.id')
    .where('o.status', 'in', filter.includeFull ? ['published', 'full'] : ['published']);
  if (filter.availability.length > 0) {
    const days = [...new Set(filter.availability.map((a) => a.weekday))];
    query = query
      .where('w.weekday', 'in', days)
      .where((eb) =>
        eb.or(
          filter.availability.map((a) =>
            eb.and([
              eb('w.weekday', '=', a.weekday),
              eb('w.start_time', '<', a.end),
              eb('w.end_time', '>', a.start),
            ]),
          ),
        ),
      );
  }
  // The facility's own point, else its municipality office (registry/search/position.ts).
  if (filter.box) query = query.where(positionInBox(filter.box));
  if (!filter.trainingFormsUsable) {
    query = query.where(sql<SqlBool>`${sql.ref('o.work_forms')} like ${'%"a\\_%'} escape '\\'`);
  }
  if (filter.tasks.length > 0) {
    query = query.where((eb) =>
      eb.or(
        filter.tasks.map(
          (t) => sql<SqlBool>`${sql.ref('o.tasks')} like ${`%"${escapeLike(t)}"%`} escape '\\'`,
        ),
      ),
    );
  }
  return query;
}

const columns = [
  'o.id as id',
  'o.title as title',
  'f.name as facilityName',
  'm.name as municipalityName',
  'o.status as status',
  'o.tasks as tasks',
  'o.work_forms as workForms',
  'o.supports as supports',
  'o.supports_unavailable as supportsUnavailable',
  'o.min_daily_minutes as minDailyMinutes',
  'o.max_daily_minutes as maxDailyMinutes',
  'o.min_days_per_week as minDaysPerWeek',
  'o.max_days_per_week as maxDaysPerWeek',
  'o.visit_possible as visitPossible',
  'o.trial_possible as trialPossible',
  'o.transport_allowance as transportAllowance',
  'o.transport_cap_yen as transportCapYen',
  'o.last_confirmed_at as lastConfirmedAt',
  'f.lat as facilityLat',
  'f.lng as facilityLng',
  'm.lat as officeLat',
  'm.lng as officeLng',
] as const;

const windowColumns = [
  'w.weekday as weekday',
  'w.start_time as start',
  'w.end_time as end',
  'w.capacity as capacity',
  'w.open_places as openPlaces',
] as const;

type Row = {
  id: string;
  title: string;
  facilityName: string;
  municipalityName: string;
  status: OpportunityStatus;
  tasks: string;
  workForms: string;
  supports: string;
  supportsUnavailable: string;
  minDailyMinutes: number | null;
  maxDailyMinutes: number | null;
  minDaysPerWeek: number | null;
  maxDaysPerWeek: number | null;
  visitPossible: number;
  trialPossible: number;
  transportAllowance: number;
  transportCapYen: number | null;
  lastConfirmedAt: string;
  facilityLat: number | null;
  facilityLng: number | null;
  officeLat: number;
  officeLng: number;
};

const list = <T>(json: string): T[] => {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? (value as T[]) : [];
};

function toOpportunity(r: Row, windows: TimeWindow[]): MatchOpportunity {
  const own = r.facilityLat !== null && r.facilityLng !== null;
  return {
    id: r.id,
    title: r.title,
    facilityName: r.facilityName,
    municipalityName: r.municipalityName,
    status: r.status,
    tasks: list<TaskCategory>(r.tasks),
    workForms: list<WorkFormOffer>(r.workForms),
    supports: list<SupportCode>(r.supports),
    supportsUnavailable: list<SupportCode>(r.supportsUnavailable),
    minDailyMinutes: r.minDailyMinutes,
    maxDailyMinutes: r.maxDailyMinutes,
    minDaysPerWeek: r.minDaysPerWeek,
    maxDaysPerWeek: r.maxDaysPerWeek,
    windows,
    visitPossible: Number(r.visitPossible),
    trialPossible: Number(r.trialPossible),
    transportAllowance: Number(r.transportAllowance),
    transportCapYen: r.transportCapYen,
    lastConfirmedAt: r.lastConfirmedAt,
    point: own
      ? { lat: Number(r.facilityLat), lng: Number(r.facilityLng) }
      : { lat: Number(r.officeLat), lng: Number(r.officeLng) },
    pointIsOffice: !own,
  };
}

type WindowColumns = { weekday: number; start: string; end: string; capacity: number; openPlaces: number };

/** Rows of (opportunity × window) grouped into opportunities, in first-seen order. */
function grouped(rows: readonly (Row & WindowColumns)[]): MatchOpportunity[] {
  const byId = new Map<string, { row: Row; windows: TimeWindow[] }>();
  for (const r of rows) {
    let entry = byId.get(r.id);
    if (!entry) {
      entry = { row: r, windows: [] };
      byId.set(r.id, entry);
    }
    // A left join (one opportunity) gives a row without a window when it has none.
    if (r.start !== null)
      entry.windows.push({
        weekday: r.weekday as Weekday,
        start: r.start,
        end: r.end,
        capacity: Number(r.capacity),
        openPlaces: Number(r.openPlaces),
      } as TimeWindow);
  }
  return [...byId.values()].map(({ row, windows }) => toOpportunity(row, windows));
}

/**
 * The pre-filtered opportunities with their windows that overlap the availability: from the
 * in-memory registry snapshot (docs/decisions/031), or with `sql: true` (and always inside a
 * transaction) from one SQL query. Both give the same opportunities and windows (store.test.ts).
 */
export async function findMatchCandidates(
  db: Executor,
  actor: Actor,
  filter: PreFilter,
  options: { sql?: boolean } = {},
): Promise<MatchOpportunity[] & { dropped?: number }> {
  if (!db.isTransaction && !options.sql) {
    const found = preFilterSnapshot(await registrySnapshot(db as Kysely<Database>), actor, filter);
    const opportunities: MatchOpportunity[] & { dropped?: number } = found.map(({ entry, windows }) =>
      opportunityOf(entry, windows),
    );
    opportunities.dropped = found.dropped;
    return opportunities;
  }
  const rows = await preFiltered(db, actor, filter)
    .select([...columns, ...windowColumns])
    .execute();
  return grouped(rows as (Row & WindowColumns)[]);
}

/** The bare pre-filter (for the benchmark): the same query, rows returned as they come. */
export async function runPreFilterOnly(
  db: Executor,
  actor: Actor,
  filter: PreFilter,
  options: { sql?: boolean } = {},
): Promise<number> {
  if (!db.isTransaction && !options.sql) {
    return preFilterSnapshot(await registrySnapshot(db as Kysely<Database>), actor, filter).length;
  }
  const rows = await preFiltered(db, actor, filter)
    .select([...columns, ...windowColumns])
    .execute();
  return rows.length;
}

/** One opportunity a counsellor may see (any status but draft), with all its windows. */
export async function findMatchOpportunity(
  db: Executor,
  actor: Actor,
  id: string,
): Promise<MatchOpportunity | undefined> {
  const rows = await base(db, actor)
    .leftJoin('opportunity_window as w', 'w.opportunity_id', 'o.id')
    .select([...columns, ...windowColumns])
    .where('o.id', '=', id)
    .orderBy('w.position')
    .execute();
  return grouped(rows as (Row & WindowColumns)[])[0];
}

// ── Candidate list ──────────────────────────────────────────────────────────────────────────

export type CandidateRow = {
  opportunityId: string;
  title: string;
  facilityName: string;
  status: OpportunityStatus;
  savedAt: string;
  savedByName: string | null;
  note: string | null;
};

/** A participant's saved candidates, newest first; only for counsellors of the owning agency. */
export async function listCandidates(
  db: Executor,
  actor: Actor,
  participantId: string,
): Promise<CandidateRow[]> {
  const rows = await db
    .selectFrom('participant_candidate as c')
    .innerJoin('participant as p', 'p.id', 'c.participant_id')
    .innerJoin('opportunity as o', 'o.id', 'c.opportunity_id')
    .innerJoin('facility as f', 'f.id', 'o.facility_id')
    .leftJoin('app_user as u', 'u.id', 'c.saved_by')
    .select([
      'c.opportunity_id as opportunityId',
      'o.title as title',
      'f.name as facilityName',
      'o.status as status',
      'c.saved_at as savedAt',
      'u.name as savedByName',
      'c.note as note',
    ])
    .where('c.participant_id', '=', participantId)
    .where(
      actor.role === 'counsellor'
        ? sql<SqlBool>`${sql.ref('p.agency_id')} = ${actor.organisationId}`
        : sql<SqlBool>`1 = 0`,
    )
    .orderBy('c.saved_at', 'desc')
    .orderBy('c.opportunity_id')
    .execute();
  return rows;
}

/** Saves a candidate; false when it was already on the list. */
export async function insertCandidate(
  db: Executor,
  row: {
    participantId: string;
    opportunityId: string;
    savedBy: string;
    savedAt: string;
    note: string | null;
  },
): Promise<boolean> {
  const result = await db
    .insertInto('participant_candidate')
    .values({
      participant_id: row.participantId,
      opportunity_id: row.opportunityId,
      saved_by: row.savedBy,
      saved_at: row.savedAt,
      note: row.note,
    })
    .onConflict((oc) => oc.columns(['participant_id', 'opportunity_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
