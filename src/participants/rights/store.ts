/**
 * SQL for the person's rights: closing a case, and anonymising closed cases after the retention
 * period. The participant row is found through the scoped participant store by the service
 * first; the writes here take its id. `findDueForAnonymisation` is the retention job's query
 * (not scoped: the job acts for every agency).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

export async function markParticipantClosed(
  db: Executor,
  participantId: string,
  closure: { closed_on: string; reason: string; updated_at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('participant')
    .set({
      status: 'closed',
      closed_at: closure.closed_on,
      closed_reason: closure.reason,
      updated_at: closure.updated_at,
    })
    .where('id', '=', participantId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Closed cases whose closing day is before `cutoff` ('YYYY-MM-DD'), oldest first. */
export async function findDueForAnonymisation(
  db: Executor,
  cutoff: string,
  limit: number,
): Promise<{ id: string; agencyId: string; closedAt: string }[]> {
  const rows = await db
    .selectFrom('participant')
    .select(['id', 'agency_id as agencyId', 'closed_at as closedAt'])
    .where('status', '=', 'closed')
    .where('closed_at', 'is not', null)
    .where('closed_at', '<', cutoff)
    .orderBy('closed_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, closedAt: r.closedAt ?? '' }));
}

export async function findBirthDate(db: Executor, participantId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('participant')
    .select('birth_date')
    .where('id', '=', participantId)
    .executeTakeFirst();
  return row?.birth_date;
}

/**
 * Replaces everything that names or describes the person with nothing, keeping what anonymous
 * statistics need: the agency, the birth year (stored as YYYY-01-01), the municipality and the
 * municipality of the 支援決定 with its date, the status and closing date, and the assessments'
 * coded lists (tasks, windows, hours, supports) without their free text.
 */
export async function anonymiseParticipantRows(
  db: Executor,
  participantId: string,
  at: { birthYear: string; now: string },
): Promise<void> {
  await db
    .updateTable('participant')
    .set({
      name: '(匿名化済み)',
      name_kana: '',
      kana_key: '',
      birth_date: `${at.birthYear}-01-01`,
      gender: null,
      phone: null,
      email: null,
      postal_code: null,
      address: null,
      nearest_station: null,
      emergency_name: null,
      emergency_relation: null,
      emergency_phone: null,
      case_number: null,
      preferred_language: null,
      closed_reason: null,
      search_text: '',
      status: 'anonymised',
      anonymised_at: at.now,
      updated_at: at.now,
    })
    .where('id', '=', participantId)
    .execute();
  await db
    .updateTable('assessment')
    .set({
      strengths: null,
      difficulties: null,
      health_note: null,
      goal_short: null,
      goal_long: null,
      notes: null,
    })
    .where('participant_id', '=', participantId)
    .execute();
  await db
    .updateTable('support_log_entry')
    .set({ body: '' })
    .where('participant_id', '=', participantId)
    .execute();
  await db
    .updateTable('consent')
    .set({ purpose: '', revocation_reason: null })
    .where('participant_id', '=', participantId)
    .execute();
  await db
    .updateTable('consent_override')
    .set({ reason: '' })
    .where('participant_id', '=', participantId)
    .execute();
}
