/**
 * はたらく場 (opportunities) under facilities: the opportunity with its controlled lists as JSON
 * arrays, its weekly time windows with a capacity each, its version history (who changed which
 * fields when, with a full snapshot), and the facility's 就労訓練事業 認定 that work forms B–D need.
 * See docs/decisions/010-opportunity-model.md.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('facility_certification')
    .addColumn('facility_id', 'text', (c) => c.primaryKey().references('facility.id').onDelete('cascade'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('certified_on', 'text', (c) => c.notNull())
    .addColumn('authority', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('opportunity')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('facility_id', 'text', (c) => c.notNull().references('facility.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('tasks', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('setting', 'text', (c) => c.notNull())
    .addColumn('physical_load', 'text', (c) => c.notNull())
    .addColumn('work_forms', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('min_daily_minutes', 'integer')
    .addColumn('max_daily_minutes', 'integer')
    .addColumn('min_days_per_week', 'integer')
    .addColumn('max_days_per_week', 'integer')
    .addColumn('works_on_holidays', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('year_end_closed', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('holiday_note', 'text')
    .addColumn('earliest_start_date', 'text')
    .addColumn('pay_type', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('pay_yen', 'integer')
    .addColumn('transport_allowance', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('transport_cap_yen', 'integer')
    .addColumn('meals', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('uniform', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('what_to_bring', 'text')
    .addColumn('health_check_required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('documents_required', 'text')
    .addColumn('supports', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('supports_unavailable', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('support_note', 'text')
    .addColumn('visit_possible', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('trial_possible', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('interview_required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('status_changed_at', 'text', (c) => c.notNull())
    .addColumn('last_confirmed_at', 'text', (c) => c.notNull())
    .addColumn('last_reminded_at', 'text')
    .execute();
  await db.schema.createIndex('opportunity_facility').on('opportunity').column('facility_id').execute();
  await db.schema
    .createIndex('opportunity_status_confirmed')
    .on('opportunity')
    .columns(['status', 'last_confirmed_at'])
    .execute();
  await db.schema.createIndex('opportunity_updated').on('opportunity').column('updated_at').execute();

  await db.schema
    .createTable('opportunity_window')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('opportunity_id', 'text', (c) => c.notNull().references('opportunity.id').onDelete('cascade'))
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('opportunity_window_opportunity')
    .on('opportunity_window')
    .columns(['opportunity_id', 'position'])
    .execute();
  await db.schema
    .createIndex('opportunity_window_weekday')
    .on('opportunity_window')
    .columns(['weekday', 'start_time', 'end_time'])
    .execute();

  await db.schema
    .createTable('opportunity_version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('opportunity_id', 'text', (c) => c.notNull().references('opportunity.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('opportunity_version_number')
    .on('opportunity_version')
    .columns(['opportunity_id', 'version'])
    .unique()
    .execute();
  await db.schema
    .createIndex('opportunity_version_changed')
    .on('opportunity_version')
    .column('changed_at')
    .execute();
}
