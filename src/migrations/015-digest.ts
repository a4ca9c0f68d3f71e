/**
 * はたらく場情報 by e-mail (issue 8): subscribers (配信登録者) with their preferences and
 * confirmation state, editions (a frozen snapshot of the registry per edition), and one delivery
 * row per edition and subscriber, which the sender claims with a lease (docs/decisions/025).
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('digest_subscriber')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('organisation_name', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('organisation_id', 'text', (c) => c.references('organisation.id').onDelete('set null'))
    // pending_confirmation → pending_approval → active; unsubscribed; paused (3 permanent failures)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('municipalities', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('work_forms', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('tasks', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('weekly', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skip_empty', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('confirm_token_hash', 'text')
    .addColumn('confirm_expires_at', 'text')
    .addColumn('confirmed_at', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('approved_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('unsubscribed_at', 'text')
    .addColumn('permanent_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('paused_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('digest_subscriber_status').on('digest_subscriber').column('status').execute();
  await db.schema.createIndex('digest_subscriber_user').on('digest_subscriber').column('user_id').execute();
  await db.schema
    .createIndex('digest_subscriber_confirm')
    .on('digest_subscriber')
    .column('confirm_token_hash')
    .execute();

  await db.schema
    .createTable('digest_edition')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // 'edition' (はたらく場情報) or 'weekly' (今週の新着)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    // scheduled → sending → sent; cancelled
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('scheduled_for', 'text', (c) => c.notNull())
    .addColumn('since', 'text')
    .addColumn('frozen_at', 'text')
    .addColumn('recipients', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('cancelled_at', 'text')
    .execute();
  await db.schema
    .createIndex('digest_edition_status')
    .on('digest_edition')
    .columns(['status', 'scheduled_for'])
    .execute();

  await db.schema
    .createTable('digest_edition_item')
    .addColumn('edition_id', 'text', (c) => c.notNull().references('digest_edition.id').onDelete('cascade'))
    .addColumn('opportunity_id', 'text', (c) => c.notNull())
    // 'new' | 'changed' | 'closed' | null (open, unchanged)
    .addColumn('change', 'text')
    .addColumn('is_open', 'integer', (c) => c.notNull())
    .addColumn('municipality_code', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    // The opportunity as it read when the edition was frozen (JSON).
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('digest_edition_item_pk', ['edition_id', 'opportunity_id'])
    .execute();

  await db.schema
    .createTable('digest_delivery')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('edition_id', 'text', (c) => c.notNull().references('digest_edition.id').onDelete('cascade'))
    .addColumn('subscriber_id', 'text', (c) =>
      c.notNull().references('digest_subscriber.id').onDelete('cascade'),
    )
    .addColumn('email', 'text', (c) => c.notNull())
    // waiting → sending (leased) → sent | failed | skipped
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('message_id', 'text', (c) => c.notNull())
    // The recipient's preference set: claimed in this order, so each set's attachments are
    // rendered once and used for all its recipients in a row.
    .addColumn('content_key', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('digest_delivery_once', ['edition_id', 'subscriber_id'])
    .execute();
  await db.schema
    .createIndex('digest_delivery_due')
    .on('digest_delivery')
    .columns(['edition_id', 'status', 'next_attempt_at'])
    .execute();
}
