/**
 * Organisations and facilities: a name is unique per kind of organisation, and a facility's name
 * unique within its corporation. Besides catching duplicates typed by hand, this lets the
 * reference corporations be loaded by several instances starting at once without doubling.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('organisation_kind_name').execute();
  await db.schema
    .createIndex('organisation_kind_name')
    .on('organisation')
    .columns(['kind', 'name'])
    .unique()
    .execute();
  await db.schema
    .createIndex('facility_corporation_name')
    .on('facility')
    .columns(['corporation_id', 'name'])
    .unique()
    .execute();
}
