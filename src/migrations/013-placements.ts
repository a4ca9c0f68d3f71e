/**
 * はたらく場の決定 (Placement): who works where, from when, on which days and times, and the
 * opportunity time windows each placement occupies. `opportunity_window.open_places` is kept equal
 * to capacity minus the holding placements (active or awaiting the municipality's 支援決定) in
 * that window, so search and matching read one indexed column instead of counting placements.
 * See docs/decisions/020-placements-and-open-places.md.
 *
 * The referral id is not a foreign key: referrals (011) may be written by another migration and
 * a placement can also be recorded without one.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('placement')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participant.id'))
    .addColumn('opportunity_id', 'text', (c) => c.notNull().references('opportunity.id'))
    .addColumn('facility_id', 'text', (c) => c.notNull().references('facility.id'))
    .addColumn('corporation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('referral_id', 'text')
    .addColumn('work_form', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('schedule', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('counsellor_user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('facility_contact_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema
    .createIndex('placement_participant')
    .on('placement')
    .columns(['participant_id', 'start_date'])
    .execute();
  await db.schema
    .createIndex('placement_opportunity')
    .on('placement')
    .columns(['opportunity_id', 'status'])
    .execute();
  await db.schema
    .createIndex('placement_facility')
    .on('placement')
    .columns(['facility_id', 'status'])
    .execute();
  await db.schema.createIndex('placement_agency').on('placement').columns(['agency_id', 'status']).execute();
  await db.schema.createIndex('placement_corporation').on('placement').column('corporation_id').execute();
  // One placement per referral: a repeated agreement cannot place the person twice.
  await db.schema.createIndex('placement_referral').on('placement').column('referral_id').unique().execute();

  await db.schema
    .createTable('placement_window')
    .addColumn('placement_id', 'text', (c) => c.notNull().references('placement.id').onDelete('cascade'))
    .addColumn('window_id', 'text', (c) =>
      c.notNull().references('opportunity_window.id').onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('placement_window_pk', ['placement_id', 'window_id'])
    .execute();
  await db.schema.createIndex('placement_window_window').on('placement_window').column('window_id').execute();

  await db.schema
    .alterTable('opportunity_window')
    .addColumn('open_places', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update opportunity_window set open_places = capacity`.execute(db);
}
