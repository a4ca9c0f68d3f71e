/**
 * The content model of the public site (pure, no I/O): the four kinds, the fields council staff
 * edit, their validation, and when an item is visible to the public. Slugs are the friendly URL
 * part (/stories/<slug>), unique per kind.
 */
import type { SiteContentKind } from '../platform/db/schema';
import { normaliseInput } from '../platform/text/normalise';
import { parseVideoSource } from './video';

export const contentKinds = ['page', 'news', 'story', 'video'] as const satisfies readonly SiteContentKind[];

/** The public path of each kind; a page lives under /pages/. */
export const kindPaths: Record<SiteContentKind, string> = {
  page: '/pages',
  news: '/news',
  story: '/stories',
  video: '/videos',
};

export function publicPathOf(kind: SiteContentKind, slug: string): string {
  return `${kindPaths[kind]}/${slug}`;
}

export const editableFields = [
  'slug',
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
  'photo_alt_ja',
  'photo_alt_en',
  'consent_person',
  'consent_date',
  'consent_scope',
] as const;
export type EditableField = (typeof editableFields)[number];

/** What a revision keeps: the editable fields and the photo. */
export type ContentFields = {
  slug: string;
  title_ja: string;
  title_en: string;
  summary_ja: string;
  summary_en: string;
  body_ja: string;
  body_en: string;
  video_url: string | null;
  speakers: string;
  transcript_ja: string;
  transcript_en: string;
  photo_alt_ja: string;
  photo_alt_en: string;
  consent_person: string;
  consent_date: string | null;
  consent_scope: string;
  photo_id: string | null;
};

export type ContentErrorCode =
  | 'required'
  | 'too_long'
  | 'slug_format'
  | 'slug_taken'
  | 'video_host'
  | 'video_invalid'
  | 'date_invalid'
  | 'date_future';

export type ContentErrors = Partial<Record<EditableField | 'publish_at' | '_form', ContentErrorCode>>;

const limits: Record<EditableField, number> = {
  slug: 80,
  title_ja: 120,
  title_en: 160,
  summary_ja: 300,
  summary_en: 400,
  body_ja: 40_000,
  body_en: 40_000,
  video_url: 500,
  speakers: 1_000,
  transcript_ja: 60_000,
  transcript_en: 60_000,
  photo_alt_ja: 200,
  photo_alt_en: 300,
  consent_person: 200,
  consent_date: 10,
  consent_scope: 500,
};

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export type ContentInput = Partial<Record<EditableField, string>>;

/**
 * Validates what was typed for an item of `kind`; returns the cleaned fields or field errors.
 * Long text keeps its line breaks (Markdown); one-line fields are NFKC-normalised and trimmed.
 */
export function validateContent(
  kind: SiteContentKind,
  input: ContentInput,
  today: string,
): { ok: true; fields: Omit<ContentFields, 'photo_id'> } | { ok: false; errors: ContentErrors } {
  const errors: ContentErrors = {};
  const line = (field: EditableField) => normaliseInput(input[field] ?? '');
  const block = (field: EditableField) => (input[field] ?? '').replace(/\r\n?/g, '\n').trim();
  const fields = {
    slug: line('slug').toLowerCase(),
    title_ja: line('title_ja'),
    title_en: line('title_en'),
    summary_ja: block('summary_ja'),
    summary_en: block('summary_en'),
    body_ja: block('body_ja'),
    body_en: block('body_en'),
    video_url: null as string | null,
    speakers: block('speakers'),
    transcript_ja: block('transcript_ja'),
    transcript_en: block('transcript_en'),
    photo_alt_ja: line('photo_alt_ja'),
    photo_alt_en: line('photo_alt_en'),
    consent_person: line('consent_person'),
    consent_date: null as string | null,
    consent_scope: block('consent_scope'),
  };
  for (const field of editableFields) {
    if ((input[field] ?? '').length > limits[field]) errors[field] = 'too_long';
  }
  if (!fields.slug) errors.slug = 'required';
  else if (!SLUG_PATTERN.test(fields.slug)) errors.slug ??= 'slug_format';
  if (!fields.title_ja) errors.title_ja = 'required';

  const video = (input.video_url ?? '').trim();
  if (kind === 'video' && video) {
    const parsed = parseVideoSource(video);
    if (parsed.ok) fields.video_url = parsed.url;
    else errors.video_url = parsed.reason === 'host' ? 'video_host' : 'video_invalid';
  }
  const consentDate = normaliseInput(input.consent_date ?? '');
  if (kind === 'story' && consentDate) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(consentDate) || Number.isNaN(Date.parse(consentDate)))
      errors.consent_date = 'date_invalid';
    else if (consentDate > today) errors.consent_date = 'date_future';
    else fields.consent_date = consentDate;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, fields };
}

export type PublishRefusal = 'story_consent' | 'story_photo_alt' | 'video_url' | 'body_missing';

/**
 * What must be true before an item goes public: a story names the consent of the person shown
 * (who, when, for what) and describes its photo; a video has its URL; every item has a body
 * (or, for a video, a description).
 */
export function publishRefusals(
  kind: SiteContentKind,
  item: Pick<
    ContentFields,
    | 'body_ja'
    | 'video_url'
    | 'consent_person'
    | 'consent_date'
    | 'consent_scope'
    | 'photo_id'
    | 'photo_alt_ja'
  >,
): PublishRefusal[] {
  const refusals: PublishRefusal[] = [];
  if (!item.body_ja.trim()) refusals.push('body_missing');
  if (kind === 'story') {
    if (!item.consent_person.trim() || !item.consent_date || !item.consent_scope.trim())
      refusals.push('story_consent');
    if (item.photo_id && !item.photo_alt_ja.trim()) refusals.push('story_photo_alt');
  }
  if (kind === 'video' && !item.video_url) refusals.push('video_url');
  return refusals;
}

/** Visible to the public: published, and its publishing moment has come. */
export function isVisible(item: { status: string; publish_at: string | null }, nowIso: string): boolean {
  return item.status === 'published' && item.publish_at !== null && item.publish_at <= nowIso;
}

/** A `datetime-local` value typed in Tokyo time ('2026-12-01T09:00') → ISO UTC, or undefined. */
export function tokyoLocalToIso(value: string): string | undefined {
  const trimmed = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(trimmed)) return undefined;
  const date = new Date(`${trimmed}:00+09:00`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** ISO UTC → the `datetime-local` value in Tokyo time. */
export function isoToTokyoLocal(iso: string): string {
  const date = new Date(new Date(iso).getTime() + 9 * 3600_000);
  return date.toISOString().slice(0, 16);
}

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

/** The photo's real type from its first bytes (the declared type is not trusted). */
export function sniffPhotoType(bytes: Uint8Array): (typeof PHOTO_TYPES)[number] | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (
    bytes[0] === 0x52 &&
    bytes[1] === 0x49 &&
    bytes[2] === 0x46 &&
    bytes[3] === 0x46 &&
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  )
    return 'image/webp';
  return undefined;
}
