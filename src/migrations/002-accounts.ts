/**
 * Accounts and access: organisation details, facilities and their coordinators, two-factor
 * authentication, invitations, password resets, API tokens, sign-in throttling, and an
 * append-only audit trail (enforced by the database itself, not only by the app).
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  for (const [name, type] of [
    ['agency_type', 'text'],
    ['municipality_code', 'text'],
    ['postal_code', 'text'],
    ['address', 'text'],
    ['phone', 'text'],
    ['website', 'text'],
    ['participation_as_of', 'text'],
  ] as const) {
    await db.schema.alterTable('organisation').addColumn(name, type).execute();
  }
  await db.schema
    .alterTable('organisation')
    .addColumn('is_reference', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('organisation')
    .addColumn('two_factor_required', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('organisation')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('organisation_kind_name')
    .on('organisation')
    .columns(['kind', 'name'])
    .execute();

  await db.schema
    .createTable('facility')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('corporation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_kana', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('service_type', 'text', (c) => c.notNull())
    .addColumn('postal_code', 'text')
    .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipality.code'))
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('lat', 'double precision')
    .addColumn('lng', 'double precision')
    .addColumn('nearest_station', 'text')
    .addColumn('walk_minutes', 'integer')
    .addColumn('phone', 'text')
    .addColumn('contact_name', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('facility_corporation').on('facility').column('corporation_id').execute();
  await db.schema.createIndex('facility_municipality').on('facility').column('municipality_code').execute();

  await db.schema
    .createTable('facility_assignment')
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('facility_id', 'text', (c) => c.notNull().references('facility.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('facility_assignment_pk', ['user_id', 'facility_id'])
    .execute();
  await db.schema
    .createIndex('facility_assignment_facility')
    .on('facility_assignment')
    .column('facility_id')
    .execute();

  for (const name of [
    'totp_secret',
    'totp_enabled_at',
    'locked_until',
    'deactivated_at',
    'last_sign_in_at',
  ]) {
    await db.schema.alterTable('app_user').addColumn(name, 'text').execute();
  }
  await db.schema
    .alterTable('app_user')
    .addColumn('failed_sign_ins', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // 'full' sessions may do everything their role allows; the others only finish two-factor.
  await db.schema
    .alterTable('user_session')
    .addColumn('stage', 'text', (c) => c.notNull().defaultTo('full'))
    .execute();
  await db.schema.alterTable('user_session').addColumn('ip', 'text').execute();
  await db.schema.alterTable('user_session').addColumn('user_agent', 'text').execute();

  await db.schema
    .createTable('recovery_code')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('recovery_code_user').on('recovery_code').column('user_id').execute();

  await db.schema
    .createTable('invitation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('facility_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('invited_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('invitation_organisation').on('invitation').column('organisation_id').execute();

  await db.schema
    .createTable('password_reset')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();

  await db.schema
    .createTable('api_token')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('token_prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('api_token_user').on('api_token').column('user_id').execute();

  // Fixed windows per key (an IP address, or an e-mail address): shared by every instance.
  await db.schema
    .createTable('rate_limit')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('audit_event').addColumn('ip', 'text').execute();
  await db.schema.createIndex('audit_event_user').on('audit_event').columns(['user_id', 'at']).execute();
  if (postgres) {
    await sql`create function audit_event_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_event is append-only'; end $$`.execute(db);
    await sql`create trigger audit_event_no_update before update or delete on audit_event
      for each row execute function audit_event_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_event_no_update before update on audit_event
      begin select raise(abort, 'audit_event is append-only'); end`.execute(db);
    await sql`create trigger audit_event_no_delete before delete on audit_event
      begin select raise(abort, 'audit_event is append-only'); end`.execute(db);
  }
}
