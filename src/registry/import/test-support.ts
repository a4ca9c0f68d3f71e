/** Test helpers for the import: demo actors, and sheets built from the template's example row. */
import { stringify } from 'csv-stringify/sync';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/auth/policy';
import type { Database } from '../../platform/db/schema';
import { type ColumnKey, columnHeaders, columnKeys } from './layout';
import { exampleRow } from './template';

export const CARE_CENTRE = 'みどりの杜 ケアセンター(架空)';
export const WORK_CENTRE = 'みどりの杜 ワークセンター(架空)';

/** The Actor of a demo user, as the routes build it. */
export async function actorOf(db: Kysely<Database>, email: string): Promise<Actor> {
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'role', 'organisation_id'])
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  const assigned = await db
    .selectFrom('facility_assignment')
    .select('facility_id')
    .where('user_id', '=', user.id)
    .execute();
  return {
    userId: user.id,
    role: user.role,
    organisationId: user.organisation_id,
    facilityIds: assigned.map((a) => a.facility_id),
  };
}

/** A sheet row: the example row with some cells changed. */
export function sheetRow(overrides: Partial<Record<ColumnKey, string>> = {}): Record<ColumnKey, string> {
  return { ...exampleRow(CARE_CENTRE), ...overrides };
}

/** CSV text (no BOM) with the layout's headers, minus `without`, and the rows. */
export function csvOf(rows: Record<ColumnKey, string>[], options: { without?: ColumnKey[] } = {}): string {
  const keys = columnKeys.filter((k) => !options.without?.includes(k));
  return stringify([keys.map((k) => columnHeaders[k]), ...rows.map((r) => keys.map((k) => r[k]))], {
    record_delimiter: '\r\n',
    quoted_match: /[\r\n]/,
  });
}

export const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

export const audit = { userId: null, organisationId: null, requestId: 'import-test', ip: '127.0.0.1' };
