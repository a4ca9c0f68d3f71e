/**
 * Participants (就労希望者) and everything an agency holds about them — 要配慮個人情報: the
 * participant, dated assessment versions, consent records (what may be shared with which
 * corporation or facility, for what, from when until when, and revocation) and the support log
 * (支援経過記録). Every row hangs off a participant owned by one agency. See
 * docs/decisions/011-participants.md.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('participant')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_kana', 'text', (c) => c.notNull())
    /** Duplicate key: the reading in hiragana, without spaces or width differences. */
    .addColumn('kana_key', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('gender', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('municipality_code', 'text')
    .addColumn('address', 'text')
    .addColumn('nearest_station', 'text')
    .addColumn('emergency_name', 'text')
    .addColumn('emergency_relation', 'text')
    .addColumn('emergency_phone', 'text')
    .addColumn('case_number', 'text')
    .addColumn('preferred_language', 'text')
    .addColumn('easy_japanese', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('support_decision_on', 'text')
    .addColumn('support_decision_municipality_code', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('closed_at', 'text')
    .addColumn('closed_reason', 'text')
    .addColumn('anonymised_at', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('participant_agency_kana')
    .on('participant')
    .columns(['agency_id', 'name_kana'])
    .execute();
  await db.schema
    .createIndex('participant_duplicate_key')
    .on('participant')
    .columns(['kana_key', 'birth_date'])
    .execute();

  await db.schema
    .createTable('assessment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participant.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('assessed_on', 'text', (c) => c.notNull())
    .addColumn('tasks', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('windows', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('min_daily_minutes', 'integer')
    .addColumn('max_daily_minutes', 'integer')
    .addColumn('min_days_per_week', 'integer')
    .addColumn('max_days_per_week', 'integer')
    .addColumn('travel_max_minutes', 'integer')
    .addColumn('travel_max_metres', 'integer')
    .addColumn('travel_modes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('strengths', 'text')
    .addColumn('difficulties', 'text')
    .addColumn('supports', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('health_note', 'text')
    .addColumn('goal_short', 'text')
    .addColumn('goal_long', 'text')
    .addColumn('notes', 'text')
    .addColumn('recorded_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assessment_version')
    .on('assessment')
    .columns(['participant_id', 'version'])
    .unique()
    .execute();

  await db.schema
    .createTable('consent')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participant.id').onDelete('cascade'))
    .addColumn('recipient_kind', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('data_groups', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('revocation_reason', 'text')
    .execute();
  await db.schema.createIndex('consent_participant').on('consent').column('participant_id').execute();
  await db.schema
    .createIndex('consent_recipient')
    .on('consent')
    .columns(['recipient_kind', 'recipient_id'])
    .execute();

  await db.schema
    .createTable('support_log_entry')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participant.id').onDelete('cascade'))
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('support_log_entry_participant')
    .on('support_log_entry')
    .columns(['participant_id', 'occurred_on'])
    .execute();
}
