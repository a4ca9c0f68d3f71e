/**
 * The council's consent override (issue 5 item 4): a one-time permission, granted by a council
 * admin with a written reason, to share named data groups of one participant with one recipient
 * when no recorded consent covers it. Used at most once (`used_at`), then spent. See
 * docs/decisions/013-consent.md.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('consent_override')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participant.id').onDelete('cascade'))
    .addColumn('recipient_kind', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('data_groups', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('granted_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('granted_at', 'text', (c) => c.notNull())
    /** 'YYYY-MM-DD', inclusive: an unused permission lapses. */
    .addColumn('valid_until', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('used_for', 'text')
    .execute();
  await db.schema
    .createIndex('consent_override_participant')
    .on('consent_override')
    .column('participant_id')
    .execute();
}
