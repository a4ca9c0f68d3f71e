/**
 * The public site's content (issue 9): pages, news, stories (インタビュー) and videos (動画) kept
 * by council staff, with every saved version (revisions), the photos of stories, and the manual
 * furigana corrections. See docs/decisions/027–029.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('site_content')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('publish_at', 'text')
    .addColumn('first_published_at', 'text')
    .addColumn('title_ja', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('summary_ja', 'text', (c) => c.notNull())
    .addColumn('summary_en', 'text', (c) => c.notNull())
    .addColumn('body_ja', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('video_url', 'text')
    .addColumn('speakers', 'text', (c) => c.notNull())
    .addColumn('transcript_ja', 'text', (c) => c.notNull())
    .addColumn('transcript_en', 'text', (c) => c.notNull())
    .addColumn('photo_id', 'text')
    .addColumn('photo_alt_ja', 'text', (c) => c.notNull())
    .addColumn('photo_alt_en', 'text', (c) => c.notNull())
    .addColumn('consent_person', 'text', (c) => c.notNull())
    .addColumn('consent_date', 'text')
    .addColumn('consent_scope', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('updated_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('site_content_kind_slug')
    .on('site_content')
    .columns(['kind', 'slug'])
    .unique()
    .execute();
  await db.schema
    .createIndex('site_content_public')
    .on('site_content')
    .columns(['kind', 'status', 'publish_at'])
    .execute();

  await db.schema
    .createTable('site_content_revision')
    .addColumn('content_id', 'text', (c) => c.notNull().references('site_content.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('site_content_revision_pk', ['content_id', 'revision'])
    .execute();

  // Photos are kept in the database as base64 text: one backup holds everything, and both
  // dialects store text the same way (docs/decisions/028).
  await db.schema
    .createTable('site_photo')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('furigana_correction')
    .addColumn('surface', 'text', (c) => c.primaryKey())
    .addColumn('reading', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
