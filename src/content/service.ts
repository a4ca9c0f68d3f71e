/**
 * Use cases of the site's content, one transaction each, audited: create and edit (every save is a
 * revision), upload a story photo, publish now or at a set time, withdraw, restore a revision,
 * and keep the furigana corrections. Who may call them is checked by the routes
 * ('content.manage'); the rules of what may be published are in content.ts.
 */
import type { Kysely } from 'kysely';
import { type AuditEntry, recordAudit } from '../platform/audit/audit';
import type { Database, SiteContentKind } from '../platform/db/schema';
import { newId, nowIso } from '../platform/db/time';
import {
  type ContentErrors,
  type ContentFields,
  type ContentInput,
  MAX_PHOTO_BYTES,
  type PublishRefusal,
  publishRefusals,
  sniffPhotoType,
  validateContent,
} from './content';
import { toHiragana } from './furigana';
import { stripPhotoMetadata } from './photo-metadata';
import {
  type ContentItem,
  type Executor,
  findContent,
  findRevision,
  insertRevision,
  slugTaken,
} from './store';

export type AuditInfo = Pick<AuditEntry, 'userId' | 'organisationId' | 'requestId' | 'ip'>;

export type SaveOutcome = { status: 'ok'; id: string } | { status: 'invalid'; errors: ContentErrors };

const todayInTokyo = (now: Date) => new Date(now.getTime() + 9 * 3600_000).toISOString().slice(0, 10);

function fieldsOf(item: ContentItem): ContentFields {
  return {
    slug: item.slug,
    title_ja: item.title_ja,
    title_en: item.title_en,
    summary_ja: item.summary_ja,
    summary_en: item.summary_en,
    body_ja: item.body_ja,
    body_en: item.body_en,
    video_url: item.video_url,
    speakers: item.speakers,
    transcript_ja: item.transcript_ja,
    transcript_en: item.transcript_en,
    photo_alt_ja: item.photo_alt_ja,
    photo_alt_en: item.photo_alt_en,
    consent_person: item.consent_person,
    consent_date: item.consent_date,
    consent_scope: item.consent_scope,
    photo_id: item.photo_id,
  };
}

function isUniqueViolation(error: unknown): boolean {
  const text = String((error as { message?: string })?.message ?? error);
  return /UNIQUE constraint failed|duplicate key value/i.test(text);
}

/** Creates a draft; its first revision is written with it. */
export async function createContent(
  db: Kysely<Database>,
  kind: SiteContentKind,
  input: ContentInput,
  audit: AuditInfo,
  options: { isDemo?: boolean; now?: Date } = {},
): Promise<SaveOutcome> {
  const now = options.now ?? new Date();
  const checked = validateContent(kind, input, todayInTokyo(now));
  if (!checked.ok) return { status: 'invalid', errors: checked.errors };
  const fields: ContentFields = { ...checked.fields, photo_id: null };
  const id = newId();
  try {
    return await db.transaction().execute(async (trx) => {
      if (await slugTaken(trx, kind, fields.slug))
        return { status: 'invalid', errors: { slug: 'slug_taken' } };
      const at = nowIso();
      await trx
        .insertInto('site_content')
        .values({
          id,
          kind,
          ...fields,
          status: 'draft',
          publish_at: null,
          first_published_at: null,
          revision: 1,
          is_demo: options.isDemo ? 1 : 0,
          created_by: audit.userId ?? null,
          updated_by: audit.userId ?? null,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await insertRevision(trx, {
        contentId: id,
        revision: 1,
        fields,
        note: 'create',
        userId: audit.userId ?? null,
        at,
      });
      await recordAudit(trx, {
        ...audit,
        action: 'content.create',
        subjectType: 'site_content',
        subjectId: id,
        detail: { kind, slug: fields.slug },
      });
      return { status: 'ok', id } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { status: 'invalid', errors: { slug: 'slug_taken' } };
    throw error;
  }
}

async function writeFields(
  trx: Executor,
  item: ContentItem,
  fields: ContentFields,
  note: string,
  audit: AuditInfo,
): Promise<number> {
  const revision = item.revision + 1;
  const at = nowIso();
  await trx
    .updateTable('site_content')
    .set({ ...fields, revision, updated_by: audit.userId ?? null, updated_at: at })
    .where('id', '=', item.id)
    .execute();
  await insertRevision(trx, { contentId: item.id, revision, fields, note, userId: audit.userId ?? null, at });
  return revision;
}

/** Saves an edit as a new revision; the status and publishing time stay as they are. */
export async function updateContent(
  db: Kysely<Database>,
  id: string,
  input: ContentInput,
  audit: AuditInfo,
  now = new Date(),
): Promise<SaveOutcome | { status: 'not_found' }> {
  try {
    return await db.transaction().execute(async (trx) => {
      const item = await findContent(trx, id);
      if (!item) return { status: 'not_found' } as const;
      const checked = validateContent(item.kind, input, todayInTokyo(now));
      if (!checked.ok) return { status: 'invalid', errors: checked.errors } as const;
      if (await slugTaken(trx, item.kind, checked.fields.slug, id))
        return { status: 'invalid', errors: { slug: 'slug_taken' } } as const;
      const fields: ContentFields = { ...checked.fields, photo_id: item.photo_id };
      const revision = await writeFields(trx, item, fields, 'update', audit);
      await recordAudit(trx, {
        ...audit,
        action: 'content.update',
        subjectType: 'site_content',
        subjectId: id,
        detail: { kind: item.kind, revision },
      });
      return { status: 'ok', id } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { status: 'invalid', errors: { slug: 'slug_taken' } };
    throw error;
  }
}

export type PublishOutcome =
  | { status: 'ok'; publishAt: string }
  | { status: 'not_found' }
  | { status: 'refused'; refusals: PublishRefusal[] };

/**
 * Publishes now, or at `publishAt` (scheduled: the public sees it from that moment — a query-time
 * check, no job needed). A story without the recorded consent of the person shown is refused.
 */
export async function publishContent(
  db: Kysely<Database>,
  id: string,
  audit: AuditInfo,
  options: { publishAt?: string; now?: Date } = {},
): Promise<PublishOutcome> {
  return db.transaction().execute(async (trx) => {
    const item = await findContent(trx, id);
    if (!item) return { status: 'not_found' } as const;
    const refusals = publishRefusals(item.kind, item);
    if (refusals.length > 0) return { status: 'refused', refusals } as const;
    const at = (options.now ?? new Date()).toISOString();
    const publishAt = options.publishAt && options.publishAt > at ? options.publishAt : at;
    await trx
      .updateTable('site_content')
      .set({
        status: 'published',
        publish_at: publishAt,
        first_published_at: item.first_published_at ?? publishAt,
        updated_by: audit.userId ?? null,
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      ...audit,
      action: 'content.publish',
      subjectType: 'site_content',
      subjectId: id,
      detail: { kind: item.kind, slug: item.slug, publishAt, scheduled: publishAt > at },
    });
    return { status: 'ok', publishAt } as const;
  });
}

/** Takes an item off the public site (back to draft). */
export async function unpublishContent(
  db: Kysely<Database>,
  id: string,
  audit: AuditInfo,
): Promise<{ status: 'ok' } | { status: 'not_found' }> {
  return db.transaction().execute(async (trx) => {
    const item = await findContent(trx, id);
    if (!item) return { status: 'not_found' } as const;
    await trx
      .updateTable('site_content')
      .set({ status: 'draft', publish_at: null, updated_by: audit.userId ?? null, updated_at: nowIso() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      ...audit,
      action: 'content.unpublish',
      subjectType: 'site_content',
      subjectId: id,
      detail: { kind: item.kind, slug: item.slug },
    });
    return { status: 'ok' } as const;
  });
}

/**
 * Brings back the fields of an earlier revision as a new revision (history is never rewritten).
 * A restored slug that another item took since is refused with the slug message.
 */
export async function restoreRevision(
  db: Kysely<Database>,
  id: string,
  revisionNumber: number,
  audit: AuditInfo,
): Promise<SaveOutcome | { status: 'not_found' }> {
  return db.transaction().execute(async (trx) => {
    const item = await findContent(trx, id);
    const revision = item ? await findRevision(trx, id, revisionNumber) : undefined;
    if (!item || !revision) return { status: 'not_found' } as const;
    if (await slugTaken(trx, item.kind, revision.fields.slug, id))
      return { status: 'invalid', errors: { slug: 'slug_taken' } } as const;
    const fields = { ...fieldsOf(item), ...revision.fields };
    const next = await writeFields(trx, item, fields, `restore:${revisionNumber}`, audit);
    await recordAudit(trx, {
      ...audit,
      action: 'content.restore',
      subjectType: 'site_content',
      subjectId: id,
      detail: { kind: item.kind, restored: revisionNumber, revision: next },
    });
    return { status: 'ok', id } as const;
  });
}

export type PhotoOutcome =
  | { status: 'ok'; photoId: string }
  | { status: 'not_found' }
  | { status: 'invalid'; reason: 'type' | 'size' | 'empty' };

/** Stores a story's photo (JPEG, PNG or WebP, up to 2 MB, type read from the bytes). */
export async function uploadStoryPhoto(
  db: Kysely<Database>,
  id: string,
  bytes: Uint8Array,
  audit: AuditInfo,
): Promise<PhotoOutcome> {
  if (bytes.length === 0) return { status: 'invalid', reason: 'empty' };
  if (bytes.length > MAX_PHOTO_BYTES) return { status: 'invalid', reason: 'size' };
  const mediaType = sniffPhotoType(bytes);
  if (!mediaType) return { status: 'invalid', reason: 'type' };
  // No place, device or owner of the picture is published with it.
  const cleaned = stripPhotoMetadata(bytes, mediaType);
  return db.transaction().execute(async (trx) => {
    const item = await findContent(trx, id);
    if (item?.kind !== 'story') return { status: 'not_found' } as const;
    const photoId = newId();
    await trx
      .insertInto('site_photo')
      .values({
        id: photoId,
        media_type: mediaType,
        data: Buffer.from(cleaned).toString('base64'),
        bytes: cleaned.length,
        uploaded_by: audit.userId ?? null,
        created_at: nowIso(),
      })
      .execute();
    const revision = await writeFields(trx, item, { ...fieldsOf(item), photo_id: photoId }, 'photo', audit);
    await recordAudit(trx, {
      ...audit,
      action: 'content.photo',
      subjectType: 'site_content',
      subjectId: id,
      detail: { photoId, bytes: cleaned.length, mediaType, revision },
    });
    return { status: 'ok', photoId } as const;
  });
}

/** Surfaces are kept as typed (NFKC); readings in hiragana. */
export async function saveFuriganaCorrection(
  db: Kysely<Database>,
  input: { surface: string; reading: string },
  audit: AuditInfo,
): Promise<{ status: 'ok' } | { status: 'invalid'; errors: { surface?: string; reading?: string } }> {
  const surface = input.surface.normalize('NFKC').trim();
  const reading = toHiragana(input.reading.normalize('NFKC').trim());
  const errors: { surface?: string; reading?: string } = {};
  if (!surface) errors.surface = 'required';
  else if (surface.length > 40) errors.surface = 'too_long';
  if (!reading) errors.reading = 'required';
  else if (!/^[\u3041-\u3096\u30fcー]+$/.test(reading)) errors.reading = 'kana';
  else if (reading.length > 80) errors.reading = 'too_long';
  if (Object.keys(errors).length > 0) return { status: 'invalid', errors };
  await db.transaction().execute(async (trx) => {
    const at = nowIso();
    await trx
      .insertInto('furigana_correction')
      .values({ surface, reading, updated_by: audit.userId ?? null, updated_at: at })
      .onConflict((oc) =>
        oc.column('surface').doUpdateSet({ reading, updated_by: audit.userId ?? null, updated_at: at }),
      )
      .execute();
    await recordAudit(trx, {
      ...audit,
      action: 'content.furigana',
      subjectType: 'furigana_correction',
      subjectId: surface,
      detail: { reading },
    });
  });
  return { status: 'ok' };
}

export async function deleteFuriganaCorrection(db: Kysely<Database>, surface: string, audit: AuditInfo) {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('furigana_correction').where('surface', '=', surface).execute();
    await recordAudit(trx, {
      ...audit,
      action: 'content.furigana.delete',
      subjectType: 'furigana_correction',
      subjectId: surface,
    });
  });
}

/** The corrections as a map, for the renderer. */
export async function furiganaCorrections(db: Executor): Promise<Map<string, string>> {
  const rows = await db.selectFrom('furigana_correction').select(['surface', 'reading']).execute();
  return new Map(rows.map((row) => [row.surface, row.reading]));
}
