/**
 * Notifications (issue 7, item 8): the in-app inbox (通知) — one row per user and notice,
 * with a title in both languages, an in-app link, and when it was read, e-mailed or included in
 * a daily summary — and each user's choice of immediate mail or a daily summary. Rows hold no
 * participant data (titles name the facility, the opportunity and the state only). See
 * docs/decisions/022-notifications.md.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title_ja', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    /** An in-app path such as '/referrals/…'; mails make it absolute with BASE_URL. */
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    /** Set when an immediate mail was queued for it. */
    .addColumn('emailed_at', 'text')
    /** Set when the daily summary took it (mailed or, when already read, skipped). */
    .addColumn('summarised_at', 'text')
    .execute();
  // The header badge counts a user's unread rows on every page view.
  await db.schema
    .createIndex('notification_user_read')
    .on('notification')
    .columns(['user_id', 'read_at'])
    .execute();
  // The inbox lists a user's rows newest first.
  await db.schema
    .createIndex('notification_user_created')
    .on('notification')
    .columns(['user_id', 'created_at'])
    .execute();
  // The daily summary looks for rows neither mailed nor summarised yet.
  await db.schema
    .createIndex('notification_pending_summary')
    .on('notification')
    .columns(['summarised_at', 'emailed_at'])
    .execute();

  await db.schema
    .createTable('notification_preference')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('app_user.id').onDelete('cascade'))
    .addColumn('delivery', 'text', (c) => c.notNull().defaultTo('immediate'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
