/**
 * SQL for moving a participant to another agency. The service finds the participant through the
 * scoped participant store first; these take its id. Agencies are listed by name only (the
 * registry of organisations, no personal data).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

/** Active consultation agencies other than `exceptId`, by reading. */
export async function listOtherAgencies(
  db: Executor,
  exceptId: string,
): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where('kind', '=', 'agency')
    .where('active', '=', 1)
    .where('id', '!=', exceptId)
    .orderBy('name_kana')
    .orderBy('name')
    .execute();
}

/** Moves the case: assessments, support log and consents hang off the participant and move with it. */
export async function moveParticipant(
  db: Executor,
  participantId: string,
  fromAgencyId: string,
  toAgencyId: string,
  updatedAt: string,
): Promise<boolean> {
  const result = await db
    .updateTable('participant')
    .set({ agency_id: toAgencyId, updated_at: updatedAt })
    .where('id', '=', participantId)
    .where('agency_id', '=', fromAgencyId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
