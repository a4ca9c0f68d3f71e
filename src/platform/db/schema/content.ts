/** Tables of public site content: items, their revisions, story photos and furigana corrections. */
/** Public site content (issue 9): a page, news item, story (インタビュー) or video (動画). */
export type SiteContentKind = 'page' | 'news' | 'story' | 'video';
export interface SiteContentTable {
  id: string;
  kind: SiteContentKind;
  /** Friendly URL part, unique per kind: /stories/<slug>. */
  slug: string;
  status: 'draft' | 'published';
  /** Visible to the public once status is published and this moment has come (ISO UTC). */
  publish_at: string | null;
  first_published_at: string | null;
  title_ja: string;
  title_en: string;
  summary_ja: string;
  summary_en: string;
  /** Markdown; rendered through markdown-it (no raw HTML) and sanitize-html. */
  body_ja: string;
  body_en: string;
  /** Videos: a URL on an allow-listed host (content/video.ts). */
  video_url: string | null;
  speakers: string;
  transcript_ja: string;
  transcript_en: string;
  /** Stories: the photo and the recorded consent of the person shown. */
  photo_id: string | null;
  photo_alt_ja: string;
  photo_alt_en: string;
  consent_person: string;
  consent_date: string | null;
  consent_scope: string;
  revision: number;
  is_demo: number;
  created_by: string | null;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}

/** Every saved version of a content item: the editable fields as JSON. */
export interface SiteContentRevisionTable {
  content_id: string;
  revision: number;
  snapshot: string;
  note: string;
  changed_by: string | null;
  changed_at: string;
}

/** An uploaded story photo, kept in the database as base64 (docs/decisions/028). */
export interface SitePhotoTable {
  id: string;
  media_type: string;
  data: string;
  bytes: number;
  uploaded_by: string | null;
  created_at: string;
}

/** A manual furigana reading, applied before the morphological analyser's guess. */
export interface FuriganaCorrectionTable {
  surface: string;
  reading: string;
  updated_by: string | null;
  updated_at: string;
}

/** The content tables by name, merged into Database (../schema.ts). */
export interface ContentTables {
  site_content: SiteContentTable;
  site_content_revision: SiteContentRevisionTable;
  site_photo: SitePhotoTable;
  furigana_correction: FuriganaCorrectionTable;
}
