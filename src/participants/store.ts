/**
 * All SQL on participants and what hangs off them (assessments, support log). Every read takes
 * the caller (Actor) and filters in SQL: a counsellor sees the participants of their own agency,
 * everyone else none (the council's aggregate counts and facilities' consented shares arrive
 * with their own queries). Columns are named, never selectAll: this is 要配慮個人情報.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Actor } from '../platform/auth/policy';
import type { Database, ParticipantStatus, SupportLogKind } from '../platform/db/schema';
import type { AssessmentValues } from './assessment';
import type { ParticipantValues } from './participant';

type Executor = Kysely<Database> | Transaction<Database>;

/** The condition on `participant as p` that keeps the rows the actor may see. */
function visibleTo(actor: Actor) {
  if (actor.role === 'counsellor') return sql<boolean>`${sql.ref('p.agency_id')} = ${actor.organisationId}`;
  return sql<boolean>`1 = 0`;
}

/** `%text%` with LIKE's wildcards escaped. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

export async function findParticipantSubject(
  db: Executor,
  actor: Actor,
  id: string,
): Promise<{ id: string; agencyId: string } | undefined> {
  return db
    .selectFrom('participant as p')
    .select(['p.id as id', 'p.agency_id as agencyId'])
    .where('p.id', '=', id)
    .where(visibleTo(actor))
    .executeTakeFirst();
}

const valueColumns = [
  'p.name as name',
  'p.name_kana as name_kana',
  'p.birth_date as birth_date',
  'p.gender as gender',
  'p.phone as phone',
  'p.email as email',
  'p.postal_code as postal_code',
  'p.municipality_code as municipality_code',
  'p.address as address',
  'p.nearest_station as nearest_station',
  'p.emergency_name as emergency_name',
  'p.emergency_relation as emergency_relation',
  'p.emergency_phone as emergency_phone',
  'p.case_number as case_number',
  'p.preferred_language as preferred_language',
  'p.easy_japanese as easy_japanese',
  'p.support_decision_on as support_decision_on',
  'p.support_decision_municipality_code as support_decision_municipality_code',
] as const;

export type ParticipantRow = ParticipantValues & {
  id: string;
  agencyId: string;
  agencyName: string;
  status: ParticipantStatus;
  isDemo: number;
  createdAt: string;
  updatedAt: string;
};

/** One participant with every field, if the actor may see it. */
export async function findParticipant(
  db: Executor,
  actor: Actor,
  id: string,
): Promise<ParticipantRow | undefined> {
  return db
    .selectFrom('participant as p')
    .innerJoin('organisation as o', 'o.id', 'p.agency_id')
    .select([
      'p.id as id',
      'p.agency_id as agencyId',
      'o.name as agencyName',
      'p.status as status',
      'p.is_demo as isDemo',
      'p.created_at as createdAt',
      'p.updated_at as updatedAt',
      ...valueColumns,
    ])
    .where('p.id', '=', id)
    .where(visibleTo(actor))
    .executeTakeFirst();
}

export type ParticipantFilter = { q?: string };

function filtered(db: Executor, actor: Actor, filter: ParticipantFilter) {
  let query = db.selectFrom('participant as p').where(visibleTo(actor)).where('p.status', '!=', 'anonymised');
  if (filter.q) query = query.where(sql<boolean>`p.search_text like ${likePattern(filter.q)} escape '\\'`);
  return query;
}

export type ParticipantSummary = {
  id: string;
  name: string;
  nameKana: string;
  birthDate: string;
  caseNumber: string | null;
  municipalityCode: string | null;
  status: ParticipantStatus;
  updatedAt: string;
};

/** The actor's participants by reading. */
export async function listParticipants(
  db: Executor,
  actor: Actor,
  filter: ParticipantFilter & { limit: number; offset: number },
): Promise<ParticipantSummary[]> {
  return filtered(db, actor, filter)
    .select([
      'p.id as id',
      'p.name as name',
      'p.name_kana as nameKana',
      'p.birth_date as birthDate',
      'p.case_number as caseNumber',
      'p.municipality_code as municipalityCode',
      'p.status as status',
      'p.updated_at as updatedAt',
    ])
    .orderBy('p.name_kana')
    .orderBy('p.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

export async function countParticipants(
  db: Executor,
  actor: Actor,
  filter: ParticipantFilter,
): Promise<number> {
  const row = await filtered(db, actor, filter)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Possible duplicates in one agency: the same reading key and date of birth. */
export async function findDuplicatesInAgency(
  db: Executor,
  agencyId: string,
  kanaKey: string,
  birthDate: string,
): Promise<{ id: string; name: string; caseNumber: string | null }[]> {
  return db
    .selectFrom('participant as p')
    .select(['p.id as id', 'p.name as name', 'p.case_number as caseNumber'])
    .where('p.agency_id', '=', agencyId)
    .where('p.kana_key', '=', kanaKey)
    .where('p.birth_date', '=', birthDate)
    .where('p.status', '!=', 'anonymised')
    .orderBy('p.created_at')
    .execute();
}

/**
 * Possible duplicates at other agencies: ids only, never a name or any other field, for the
 * council's audit row. The caller may learn only that there is one.
 */
export async function findDuplicatesElsewhere(
  db: Executor,
  agencyId: string,
  kanaKey: string,
  birthDate: string,
): Promise<{ id: string; agencyId: string }[]> {
  return db
    .selectFrom('participant as p')
    .select(['p.id as id', 'p.agency_id as agencyId'])
    .where('p.agency_id', '!=', agencyId)
    .where('p.kana_key', '=', kanaKey)
    .where('p.birth_date', '=', birthDate)
    .where('p.status', '!=', 'anonymised')
    .execute();
}

export type ParticipantInsert = ParticipantValues & {
  id: string;
  agency_id: string;
  kana_key: string;
  search_text: string;
  is_demo: number;
  created_by: string | null;
  created_at: string;
};

export async function insertParticipant(db: Executor, row: ParticipantInsert): Promise<void> {
  await db
    .insertInto('participant')
    .values({
      ...row,
      closed_at: null,
      closed_reason: null,
      anonymised_at: null,
      updated_at: row.created_at,
    })
    .execute();
}

export async function updateParticipantRow(
  db: Executor,
  id: string,
  changes: ParticipantValues & { kana_key: string; search_text: string; updated_at: string },
): Promise<void> {
  await db.updateTable('participant').set(changes).where('id', '=', id).execute();
}

/** Finds a demo participant by its case number in an agency (keeps the demo seed idempotent). */
export async function findParticipantIdByCaseNumber(
  db: Executor,
  agencyId: string,
  caseNumber: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('participant')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('case_number', '=', caseNumber)
    .executeTakeFirst();
  return row?.id;
}

// ── Assessments ─────────────────────────────────────────────────────────────────────────────

export type AssessmentRow = {
  id: string;
  version: number;
  assessedOn: string;
  recordedAt: string;
  recordedByName: string | null;
  values: AssessmentValues;
};

const parseList = <T>(json: string): T[] => {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? (value as T[]) : [];
};

/** Every assessment version of a participant the actor may see, newest (counting) first. */
export async function listAssessments(
  db: Executor,
  actor: Actor,
  participantId: string,
): Promise<AssessmentRow[]> {
  const rows = await db
    .selectFrom('assessment as a')
    .innerJoin('participant as p', 'p.id', 'a.participant_id')
    .leftJoin('app_user as u', 'u.id', 'a.recorded_by')
    .select([
      'a.id',
      'a.version',
      'a.assessed_on',
      'a.tasks',
      'a.windows',
      'a.min_daily_minutes',
      'a.max_daily_minutes',
      'a.min_days_per_week',
      'a.max_days_per_week',
      'a.travel_max_minutes',
      'a.travel_max_metres',
      'a.travel_modes',
      'a.strengths',
      'a.difficulties',
      'a.supports',
      'a.health_note',
      'a.goal_short',
      'a.goal_long',
      'a.notes',
      'a.recorded_at',
      'u.name as recorded_by_name',
    ])
    .where('a.participant_id', '=', participantId)
    .where(visibleTo(actor))
    .orderBy('a.assessed_on', 'desc')
    .orderBy('a.version', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    assessedOn: r.assessed_on,
    recordedAt: r.recorded_at,
    recordedByName: r.recorded_by_name,
    values: {
      assessed_on: r.assessed_on,
      tasks: parseList(r.tasks),
      windows: parseList(r.windows),
      min_daily_minutes: r.min_daily_minutes,
      max_daily_minutes: r.max_daily_minutes,
      min_days_per_week: r.min_days_per_week,
      max_days_per_week: r.max_days_per_week,
      travel_max_minutes: r.travel_max_minutes,
      travel_max_metres: r.travel_max_metres,
      travel_modes: parseList(r.travel_modes),
      strengths: r.strengths,
      difficulties: r.difficulties,
      supports: parseList(r.supports),
      health_note: r.health_note,
      goal_short: r.goal_short,
      goal_long: r.goal_long,
      notes: r.notes,
    },
  }));
}

export async function nextAssessmentVersion(db: Executor, participantId: string): Promise<number> {
  const row = await db
    .selectFrom('assessment')
    .select((eb) => eb.fn.max<number>('version').as('latest'))
    .where('participant_id', '=', participantId)
    .executeTakeFirst();
  return Number(row?.latest ?? 0) + 1;
}

export async function insertAssessment(
  db: Executor,
  row: {
    id: string;
    participant_id: string;
    version: number;
    recorded_by: string | null;
    recorded_at: string;
  },
  values: AssessmentValues,
): Promise<void> {
  await db
    .insertInto('assessment')
    .values({
      ...row,
      ...values,
      tasks: JSON.stringify(values.tasks),
      windows: JSON.stringify(values.windows),
      travel_modes: JSON.stringify(values.travel_modes),
      supports: JSON.stringify(values.supports),
    })
    .execute();
}

// ── Support log ─────────────────────────────────────────────────────────────────────────────

export type SupportLogRow = {
  id: string;
  occurredOn: string;
  kind: SupportLogKind;
  body: string;
  recordedAt: string;
  recordedByName: string | null;
};

/** A participant's support log, newest first. */
export async function listSupportLog(
  db: Executor,
  actor: Actor,
  participantId: string,
  limit = 200,
): Promise<SupportLogRow[]> {
  return db
    .selectFrom('support_log_entry as s')
    .innerJoin('participant as p', 'p.id', 's.participant_id')
    .leftJoin('app_user as u', 'u.id', 's.recorded_by')
    .select([
      's.id as id',
      's.occurred_on as occurredOn',
      's.kind as kind',
      's.body as body',
      's.recorded_at as recordedAt',
      'u.name as recordedByName',
    ])
    .where('s.participant_id', '=', participantId)
    .where(visibleTo(actor))
    .orderBy('s.occurred_on', 'desc')
    .orderBy('s.recorded_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(limit)
    .execute();
}

export async function insertSupportLogEntry(
  db: Executor,
  row: {
    id: string;
    participant_id: string;
    occurred_on: string;
    kind: SupportLogKind;
    body: string;
    recorded_by: string | null;
    recorded_at: string;
  },
): Promise<void> {
  await db.insertInto('support_log_entry').values(row).execute();
}
