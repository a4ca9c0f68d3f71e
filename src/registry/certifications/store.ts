/** All SQL on facility_certification. Callers have checked the facility is in the actor's scope. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema';
import type { CertificationValues } from './certification';

type Executor = Kysely<Database> | Transaction<Database>;

export type CertificationRow = CertificationValues & { facility_id: string; updated_at: string };

export async function findCertification(
  db: Executor,
  facilityId: string,
): Promise<CertificationRow | undefined> {
  return db
    .selectFrom('facility_certification')
    .select(['facility_id', 'number', 'certified_on', 'authority', 'status', 'updated_at'])
    .where('facility_id', '=', facilityId)
    .executeTakeFirst();
}

export async function upsertCertification(
  db: Executor,
  facilityId: string,
  values: CertificationValues,
  now: string,
): Promise<void> {
  await db
    .insertInto('facility_certification')
    .values({ facility_id: facilityId, ...values, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('facility_id').doUpdateSet({ ...values, updated_at: now }))
    .execute();
}
