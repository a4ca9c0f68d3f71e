/**
 * Every query over the site's content: items, revisions, photos and furigana corrections.
 * Public reads take `now` and return only visible items (published and due); council reads
 * return everything (the content is the program's, not an organisation's).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database, SiteContentKind } from '../platform/db/schema';
import type { ContentFields } from './content';

export type Executor = Kysely<Database> | Transaction<Database>;

export const contentColumns = [
  'id',
  'kind',
  'slug',
  'status',
  'publish_at',
  'first_published_at',
  'title_ja',
  'title_en',
  'summary_ja',
  'summary_en',
  'body_ja',
  'body_en',
  'video_url',
  'speakers',
  'transcript_ja',
  'transcript_en',
  'photo_id',
  'photo_alt_ja',
  'photo_alt_en',
  'consent_person',
  'consent_date',
  'consent_scope',
  'revision',
  'is_demo',
  'created_at',
  'updated_at',
] as const;

export type ContentItem = {
  id: string;
  kind: SiteContentKind;
  slug: string;
  status: 'draft' | 'published';
  publish_at: string | null;
  first_published_at: string | null;
  revision: number;
  is_demo: number;
  created_at: string;
  updated_at: string;
} & ContentFields;

export type ContentSummary = Pick<
  ContentItem,
  | 'id'
  | 'kind'
  | 'slug'
  | 'status'
  | 'publish_at'
  | 'title_ja'
  | 'title_en'
  | 'summary_ja'
  | 'summary_en'
  | 'photo_id'
  | 'photo_alt_ja'
  | 'photo_alt_en'
  | 'speakers'
  | 'updated_at'
  | 'is_demo'
>;

const summaryColumns = [
  'id',
  'kind',
  'slug',
  'status',
  'publish_at',
  'title_ja',
  'title_en',
  'summary_ja',
  'summary_en',
  'photo_id',
  'photo_alt_ja',
  'photo_alt_en',
  'speakers',
  'updated_at',
  'is_demo',
] as const;

export async function findContent(db: Executor, id: string): Promise<ContentItem | undefined> {
  return db.selectFrom('site_content').select(contentColumns).where('id', '=', id).executeTakeFirst();
}

export async function slugTaken(db: Executor, kind: SiteContentKind, slug: string, exceptId?: string) {
  let query = db.selectFrom('site_content').select('id').where('kind', '=', kind).where('slug', '=', slug);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** One visible item by its friendly URL; drafts and items not yet due are not found. */
export async function findVisibleContent(
  db: Executor,
  kind: SiteContentKind,
  slug: string,
  now: string,
): Promise<ContentItem | undefined> {
  return db
    .selectFrom('site_content')
    .select(contentColumns)
    .where('kind', '=', kind)
    .where('slug', '=', slug)
    .where('status', '=', 'published')
    .where('publish_at', '<=', now)
    .executeTakeFirst();
}

/** Visible items of a kind, newest first. */
export async function listVisibleContent(
  db: Executor,
  kind: SiteContentKind,
  now: string,
  limit = 100,
): Promise<ContentSummary[]> {
  return db
    .selectFrom('site_content')
    .select(summaryColumns)
    .where('kind', '=', kind)
    .where('status', '=', 'published')
    .where('publish_at', '<=', now)
    .orderBy('publish_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Every visible item's URL parts and last change, for sitemap.xml. */
export async function listVisibleForSitemap(db: Executor, now: string) {
  return db
    .selectFrom('site_content')
    .select(['kind', 'slug', 'updated_at'])
    .where('status', '=', 'published')
    .where('publish_at', '<=', now)
    .orderBy('kind')
    .orderBy('slug')
    .execute();
}

/** The council's list: every item, optionally of one kind, last changed first. */
export async function listAllContent(db: Executor, kind?: SiteContentKind): Promise<ContentSummary[]> {
  let query = db.selectFrom('site_content').select(summaryColumns);
  if (kind) query = query.where('kind', '=', kind);
  return query.orderBy('updated_at', 'desc').orderBy('id').execute();
}

export async function listRevisions(db: Executor, contentId: string) {
  return db
    .selectFrom('site_content_revision as r')
    .leftJoin('app_user as u', 'u.id', 'r.changed_by')
    .select(['r.revision', 'r.note', 'r.changed_at', 'u.name as changed_by_name'])
    .where('r.content_id', '=', contentId)
    .orderBy('r.revision', 'desc')
    .execute();
}

export async function findRevision(db: Executor, contentId: string, revision: number) {
  const row = await db
    .selectFrom('site_content_revision')
    .select(['revision', 'snapshot', 'note', 'changed_at'])
    .where('content_id', '=', contentId)
    .where('revision', '=', revision)
    .executeTakeFirst();
  return row ? { ...row, fields: JSON.parse(row.snapshot) as ContentFields } : undefined;
}

export async function insertRevision(
  db: Executor,
  row: {
    contentId: string;
    revision: number;
    fields: ContentFields;
    note: string;
    userId: string | null;
    at: string;
  },
) {
  await db
    .insertInto('site_content_revision')
    .values({
      content_id: row.contentId,
      revision: row.revision,
      snapshot: JSON.stringify(row.fields),
      note: row.note,
      changed_by: row.userId,
      changed_at: row.at,
    })
    .execute();
}

/** A photo for the public: only when a visible story shows it. */
export async function findVisiblePhoto(db: Executor, id: string, now: string) {
  return db
    .selectFrom('site_photo as p')
    .innerJoin('site_content as c', 'c.photo_id', 'p.id')
    .select(['p.media_type', 'p.data'])
    .where('p.id', '=', id)
    .where('c.status', '=', 'published')
    .where('c.publish_at', '<=', now)
    .executeTakeFirst();
}

/** A photo for council staff (drafts and previews included). */
export async function findPhoto(db: Executor, id: string) {
  return db.selectFrom('site_photo').select(['media_type', 'data']).where('id', '=', id).executeTakeFirst();
}

export async function listCorrections(db: Executor) {
  return db
    .selectFrom('furigana_correction')
    .select(['surface', 'reading', 'updated_at'])
    .orderBy('surface')
    .execute();
}
