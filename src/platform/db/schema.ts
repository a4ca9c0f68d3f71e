/**
 * The row types of every table, as Kysely sees them. One interface per table; columns follow
 * the data rules in docs/decisions/001: text ids, ISO-8601 UTC text timestamps, 0/1 booleans.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export type Role =
  | 'council_admin'
  | 'council_staff'
  | 'corporation_admin'
  | 'facility_coordinator'
  | 'counsellor';
export type OrganisationKind = 'council' | 'corporation' | 'agency';
export type AgencyType =
  | 'independence_support'
  | 'welfare_office'
  | 'social_welfare_council'
  | 'community_support_centre'
  | 'disability_support'
  | 'youth_support_station'
  | 'other';
export type ServiceType = 'elderly' | 'disability' | 'children' | 'nursery' | 'relief' | 'other';
export type SessionStage = 'full' | 'two_factor' | 'two_factor_setup';

export interface MunicipalityTable {
  code: string;
  name: string;
  kana: string;
  name_en: string;
  kind: 'ward' | 'city' | 'town' | 'village';
  lat: number;
  lng: number;
}

export interface SettingTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface OrganisationTable {
  id: string;
  kind: OrganisationKind;
  name: string;
  name_kana: string;
  /** NFKC, hiragana, lower-case form of name and kana, for search. */
  search_text: string;
  is_demo: number;
  created_at: string;
  updated_at: string;
  agency_type: AgencyType | null;
  municipality_code: string | null;
  postal_code: string | null;
  address: string | null;
  phone: string | null;
  website: string | null;
  /** For the program's participating corporations: the month the public list was read, e.g. '2025-01'. */
  participation_as_of: string | null;
  /** Loaded from the program's public list of participating corporations. */
  is_reference: Generated<number>;
  two_factor_required: Generated<number>;
  active: Generated<number>;
}

export interface FacilityTable {
  id: string;
  corporation_id: string;
  name: string;
  name_kana: string;
  service_type: ServiceType;
  postal_code: string | null;
  municipality_code: string;
  address: string;
  lat: number | null;
  lng: number | null;
  nearest_station: string | null;
  walk_minutes: number | null;
  phone: string | null;
  /** The facility's 就労支援担当者. */
  contact_name: string | null;
  contact_email: string | null;
  search_text: string;
  is_demo: number;
  active: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface FacilityAssignmentTable {
  user_id: string;
  facility_id: string;
  created_at: string;
}

export interface UserTable {
  id: string;
  organisation_id: string;
  email: string;
  name: string;
  password_hash: string;
  role: Role;
  locale: 'ja' | 'en';
  active: number;
  is_demo: number;
  created_at: string;
  updated_at: string;
  totp_secret: string | null;
  totp_enabled_at: string | null;
  failed_sign_ins: Generated<number>;
  locked_until: string | null;
  deactivated_at: string | null;
  last_sign_in_at: string | null;
  /** The last 30-second TOTP step a code was accepted for (replay guard). */
  totp_last_step: number | null;
}

export interface SessionTable {
  /** SHA-256 of the cookie token, so a leaked table does not hand out sessions. */
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  stage: Generated<SessionStage>;
  ip: string | null;
  user_agent: string | null;
}

export interface RecoveryCodeTable {
  id: string;
  user_id: string;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

export interface InvitationTable {
  id: string;
  token_hash: string;
  email: string;
  name: string;
  role: Role;
  organisation_id: string;
  /** JSON array of facility ids, for facility coordinators. */
  facility_ids: string;
  invited_by: string | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
}

export interface PasswordResetTable {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  /** The first characters of the token, shown so a user can tell tokens apart. */
  token_prefix: string;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface RateLimitTable {
  key: string;
  window_start: string;
  count: number;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobTable {
  id: string;
  name: string;
  payload: string;
  status: JobStatus;
  run_at: string;
  attempts: number;
  max_attempts: number;
  /** Set for jobs that must exist once, e.g. one run of a schedule at one time. */
  dedupe_key: string | null;
  last_error: string | null;
  locked_by: string | null;
  locked_at: string | null;
  created_at: string;
  finished_at: string | null;
}

export type MailStatus = 'queued' | 'sent' | 'kept' | 'failed';

export interface MailMessageTable {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  /** JSON object of extra headers (e.g. List-Unsubscribe). */
  headers: string;
  /** JSON array of { filename, contentType, contentBase64 }. */
  attachments: string;
  status: MailStatus;
  attempts: number;
  last_error: string | null;
  message_id: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface AuditEventTable {
  id: string;
  at: string;
  user_id: string | null;
  organisation_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  detail: string;
  request_id: string | null;
  ip: string | null;
}

/** A facility's 認定 as a 生活困窮者就労訓練事業所 (needed for work forms B–D); one per facility. */
export interface FacilityCertificationTable {
  facility_id: string;
  /** The 認定番号 as the authority wrote it. */
  number: string;
  /** 'YYYY-MM-DD'. */
  certified_on: string;
  /** Who certified it, e.g. 東京都, 八王子市. */
  authority: string;
  status: 'applying' | 'certified' | 'suspended' | 'revoked';
  created_at: string;
  updated_at: string;
}

/** はたらく場: one kind of work at a facility (see registry/opportunities/opportunity.ts). */
export interface OpportunityTable {
  id: string;
  facility_id: string;
  title: string;
  description: string;
  /** JSON array of task category codes. */
  tasks: string;
  setting: 'indoor' | 'outdoor' | 'both';
  physical_load: 'light' | 'moderate' | 'heavy';
  /** JSON array of work form codes, e.g. ["a_unpaid","b_employed"]. */
  work_forms: string;
  min_daily_minutes: number | null;
  max_daily_minutes: number | null;
  min_days_per_week: number | null;
  max_days_per_week: number | null;
  works_on_holidays: number;
  year_end_closed: number;
  holiday_note: string | null;
  earliest_start_date: string | null;
  pay_type: 'none' | 'hourly' | 'daily';
  pay_yen: number | null;
  transport_allowance: number;
  /** Per day. */
  transport_cap_yen: number | null;
  meals: 'none' | 'provided' | 'paid';
  uniform: 'none' | 'lent' | 'own';
  what_to_bring: string | null;
  health_check_required: number;
  documents_required: string | null;
  /** JSON array of support codes offered. */
  supports: string;
  /** JSON array of support codes explicitly not available (e.g. 車椅子不可). */
  supports_unavailable: string;
  support_note: string | null;
  visit_possible: number;
  trial_possible: number;
  interview_required: number;
  status: 'draft' | 'published' | 'paused' | 'full' | 'archived';
  /** The number of the latest opportunity_version row. */
  version: number;
  /** toSearchText over title, description, task labels and facility name. */
  search_text: string;
  is_demo: number;
  created_at: string;
  /** Last change of content or status (not a mere confirmation). */
  updated_at: string;
  /** First publication; never reset. */
  published_at: string | null;
  status_changed_at: string;
  last_confirmed_at: string;
  last_reminded_at: string | null;
}

/** A weekly time window of an opportunity; weekday is ISO 1 (月) … 7 (日). */
export interface OpportunityWindowTable {
  id: string;
  opportunity_id: string;
  weekday: number;
  /** 'HH:MM'. */
  start_time: string;
  end_time: string;
  /** Headcount, 0–99. */
  capacity: number;
  position: number;
  /**
   * capacity − holding placements (active or awaiting_support_decision) occupying this window
   * (migration 013; kept by src/placements). Negative when capacity was lowered below them.
   */
  open_places: number;
}

/** One change of an opportunity: who, when, which fields (before/after), and the full snapshot. */
export interface OpportunityVersionTable {
  id: string;
  opportunity_id: string;
  version: number;
  kind: 'create' | 'update' | 'status' | 'confirm';
  changed_by: string | null;
  changed_at: string;
  /** JSON {field: {before, after}}. */
  changes: string;
  /** JSON of the opportunity's values (incl. windows and status) after the change. */
  snapshot: string;
}

export type ParticipantStatus = 'active' | 'closed' | 'anonymised';

/**
 * 就労希望者: a person an agency supports (要配慮個人情報). Owned by one agency; every read is
 * scoped to it and audited (docs/decisions/011).
 */
export interface ParticipantTable {
  id: string;
  agency_id: string;
  name: string;
  /** フリガナ in full-width katakana, single spaces. */
  name_kana: string;
  /** Duplicate-check key: the reading in hiragana without spaces (width and kana folded). */
  kana_key: string;
  /** 'YYYY-MM-DD'. */
  birth_date: string;
  gender: string | null;
  phone: string | null;
  email: string | null;
  /** 7 digits; may be outside Tokyo. */
  postal_code: string | null;
  /** One of Tokyo's 62; null when the person lives outside Tokyo (the address then says where). */
  municipality_code: string | null;
  address: string | null;
  nearest_station: string | null;
  emergency_name: string | null;
  emergency_relation: string | null;
  emergency_phone: string | null;
  /** The agency's own case number. */
  case_number: string | null;
  preferred_language: string | null;
  /** やさしい日本語・ふりがなを希望. */
  easy_japanese: number;
  /** The municipality's 支援決定 that makes 就労訓練 (forms B–D) possible: date and municipality. */
  support_decision_on: string | null;
  support_decision_municipality_code: string | null;
  status: Generated<ParticipantStatus>;
  closed_at: string | null;
  closed_reason: string | null;
  anonymised_at: string | null;
  /** toSearchText of name and reading. */
  search_text: string;
  is_demo: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** One dated version of a participant's assessment; the latest (by assessed_on, then version) counts. */
export interface AssessmentTable {
  id: string;
  participant_id: string;
  version: number;
  /** 'YYYY-MM-DD'. */
  assessed_on: string;
  /** JSON array of the registry's task category codes. */
  tasks: string;
  /** JSON array of { weekday (ISO 1–7), start 'HH:MM', end 'HH:MM' }. */
  windows: string;
  min_daily_minutes: number | null;
  max_daily_minutes: number | null;
  min_days_per_week: number | null;
  max_days_per_week: number | null;
  travel_max_minutes: number | null;
  travel_max_metres: number | null;
  /** JSON array of 'walk' | 'bicycle' | 'train' | 'bus'. */
  travel_modes: string;
  strengths: string | null;
  difficulties: string | null;
  /** JSON array of the registry's support codes the person needs. */
  supports: string;
  health_note: string | null;
  goal_short: string | null;
  goal_long: string | null;
  notes: string | null;
  recorded_by: string | null;
  recorded_at: string;
}

export type ConsentRecipientKind = 'corporation' | 'facility';
export type ConsentDataGroup = 'basic_identity' | 'contact' | 'assessment_summary' | 'health_and_support';

/** What a participant agreed may be shared with one recipient, for what, and for how long. */
export interface ConsentTable {
  id: string;
  participant_id: string;
  recipient_kind: ConsentRecipientKind;
  /** An organisation id (corporation) or a facility id. */
  recipient_id: string;
  /** JSON array of ConsentDataGroup. */
  data_groups: string;
  purpose: string;
  /** 'YYYY-MM-DD', inclusive. */
  valid_from: string;
  valid_until: string;
  recorded_by: string | null;
  recorded_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revocation_reason: string | null;
}

/** A council admin's one-time permission to share without a covering consent (migration 008). */
export interface ConsentOverrideTable {
  id: string;
  participant_id: string;
  recipient_kind: ConsentRecipientKind;
  recipient_id: string;
  /** JSON array of ConsentDataGroup. */
  data_groups: string;
  reason: string;
  granted_by: string | null;
  granted_at: string;
  /** 'YYYY-MM-DD', inclusive. */
  valid_until: string;
  used_at: string | null;
  used_for: string | null;
}

/** A work place saved to a participant's candidate list (候補リスト) from matching (migration 009). */
export interface ParticipantCandidateTable {
  participant_id: string;
  opportunity_id: string;
  saved_by: string | null;
  saved_at: string;
  note: string | null;
}

export type SupportLogKind = 'phone' | 'visit' | 'meeting' | 'note';

/** 支援経過記録: one dated contact or event on a participant's case. */
export interface SupportLogEntryTable {
  id: string;
  participant_id: string;
  /** 'YYYY-MM-DD'. */
  occurred_on: string;
  kind: SupportLogKind;
  body: string;
  recorded_by: string | null;
  recorded_at: string;
}

/** お知らせ: one notice in a user's inbox (migration 012). Holds no participant data. */
export interface NotificationTable {
  id: string;
  user_id: string;
  /** What it is about, e.g. 'referral.sent'; for filtering and tests, not shown. */
  kind: string;
  title_ja: string;
  title_en: string;
  /** An in-app path, e.g. '/referrals/…'. */
  link: string;
  created_at: string;
  read_at: string | null;
  emailed_at: string | null;
  summarised_at: string | null;
}

export type NotificationDelivery = 'immediate' | 'daily';

/** How a user wants notices by mail: each at once, or one summary a day (migration 012). */
export interface NotificationPreferenceTable {
  user_id: string;
  delivery: Generated<NotificationDelivery>;
  updated_at: string;
}

/** The kinds of appointment on a referral (migration 014): 見学, 面接, 体験, 三者協議. */
export type AppointmentKind = 'visit' | 'interview' | 'trial' | 'meeting';

/** An appointment on a referral: when, where, who (issue 7; src/referrals/appointments). */
export interface AppointmentTable {
  id: string;
  referral_id: string;
  kind: AppointmentKind;
  /** 'YYYY-MM-DD' (Tokyo). */
  date: string;
  /** 'HH:MM'. */
  start_time: string;
  end_time: string;
  place: string;
  /** JSON array of { name, party: 'participant'|'agency'|'facility'|'council', userId? }. */
  attendees: string;
  note: string | null;
  /** iCalendar SEQUENCE of the last invitation (0, then +1 per change). */
  sequence: Generated<number>;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
  cancelled_by: string | null;
}

export type MeetingOutcome = 'draft' | 'agreed' | 'not_agreed';
export type SupportDecisionStatus = 'in_place' | 'pending' | 'not_needed';

/** 三者協議の記録: what the three parties agreed on a referral (src/referrals/decisions). */
export interface MeetingRecordTable {
  id: string;
  referral_id: string;
  held_on: string | null;
  /** JSON array of { name, party }. */
  attendees: string;
  /** WorkFormOffer a_employed … d_unpaid. */
  work_form: string | null;
  start_date: string | null;
  /** JSON array of { weekday (ISO 1–7), start 'HH:MM', end 'HH:MM' }. */
  schedule: string;
  /** JSON array of task category codes. */
  tasks: string;
  task_note: string | null;
  /** JSON array of support codes. */
  supports: string;
  support_note: string | null;
  pay_note: string | null;
  transport_note: string | null;
  first_review_on: string | null;
  insurance_needed: number;
  support_decision_status: SupportDecisionStatus;
  participant_agreed_on: string | null;
  participant_agreement_recorded_by: string | null;
  agency_agreed_on: string | null;
  agency_agreed_by: string | null;
  facility_agreed_on: string | null;
  facility_agreed_by: string | null;
  outcome: MeetingOutcome;
  not_agreed_reason: string | null;
  not_agreed_note: string | null;
  placement_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_by: string | null;
  updated_at: string;
}

export type ReferralStateCode =
  | 'draft'
  | 'sent'
  | 'viewed'
  | 'questions'
  | 'visit_scheduled'
  | 'trial_scheduled'
  | 'meeting_scheduled'
  | 'agreed'
  | 'not_agreed'
  | 'declined'
  | 'withdrawn'
  | 'expired';
export type ReferralParty = 'agency' | 'facility' | 'council' | 'system';

/** 受け入れ依頼 (migration 011): a counsellor's request that a facility accept a participant. */
export interface ReferralTable {
  id: string;
  participant_id: string;
  agency_id: string;
  counsellor_user_id: string;
  opportunity_id: string;
  facility_id: string;
  corporation_id: string;
  state: ReferralStateCode;
  message: string;
  /** 'YYYY-MM-DD'. */
  proposed_start_date: string | null;
  /** JSON array of { weekday (ISO 1–7), start 'HH:MM', end 'HH:MM' }. */
  proposed_schedule: string;
  /** JSON array of ConsentDataGroup shared with the facility. */
  data_groups: string;
  /** JSON array of consent ids that covered the share when it was sent. */
  consent_ids: string;
  consent_override_id: string | null;
  idempotency_key: string;
  sent_at: string | null;
  viewed_at: string | null;
  last_transition_at: string;
  closed_at: string | null;
  close_reason_code: string | null;
  close_note: string | null;
  reminded_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One step of a referral's timeline: who (user, organisation, party), when, which event, from → to. */
export interface ReferralEventTable {
  id: string;
  referral_id: string;
  at: string;
  actor_user_id: string | null;
  actor_organisation_id: string | null;
  party: ReferralParty;
  event: string;
  from_state: ReferralStateCode | null;
  to_state: ReferralStateCode;
  reason_code: string | null;
  note: string | null;
}

/** The thread of a referral: messages between counsellor and facility, and council mediation notes. */
export interface ReferralMessageTable {
  id: string;
  referral_id: string;
  kind: 'message' | 'mediation_note';
  author_user_id: string | null;
  author_organisation_id: string | null;
  party: ReferralParty;
  body: string;
  created_at: string;
}

/** A reason for closing a referral (declined, not agreed, withdrawn), edited by council staff. */
export interface ReferralCloseReasonTable {
  code: string;
  label_ja: string;
  label_en: string;
  for_declined: number;
  for_not_agreed: number;
  for_withdrawn: number;
  active: number;
  sort_order: number;
  updated_at: string;
}

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

/** はたらく場の決定 (migration 013): 'active' and 'awaiting_support_decision' hold places. */
export type PlacementStatus = 'active' | 'awaiting_support_decision' | 'ended';

/** はたらく場の決定: who works where, from when, on which days and times (src/placements). */
export interface PlacementTable {
  id: string;
  participant_id: string;
  opportunity_id: string;
  facility_id: string;
  corporation_id: string;
  agency_id: string;
  referral_id: string | null;
  /** WorkFormOffer ('a_employed' … 'd_unpaid'). */
  work_form: string;
  /** 'YYYY-MM-DD'. */
  start_date: string;
  end_date: string | null;
  /** JSON [{ weekday 1–7, start 'HH:MM', end 'HH:MM' }]: the person's own weekly schedule. */
  schedule: string;
  status: PlacementStatus;
  counsellor_user_id: string;
  facility_contact_name: string | null;
  created_at: string;
  updated_at: string;
  ended_at: string | null;
}

/** The opportunity time windows a placement occupies (its schedule overlaps them). */
export interface PlacementWindowTable {
  placement_id: string;
  window_id: string;
}

/** はたらく場情報 by e-mail (issue 8, migration 015). */
export type DigestSubscriberStatus =
  | 'pending_confirmation'
  | 'pending_approval'
  | 'active'
  | 'unsubscribed'
  | 'paused';

export interface DigestSubscriberTable {
  id: string;
  email: string;
  name: string;
  organisation_name: string;
  user_id: string | null;
  organisation_id: string | null;
  status: DigestSubscriberStatus;
  /** JSON arrays of codes; an empty list means every one. */
  municipalities: string;
  work_forms: string;
  tasks: string;
  weekly: number;
  skip_empty: number;
  confirm_token_hash: string | null;
  confirm_expires_at: string | null;
  confirmed_at: string | null;
  approved_at: string | null;
  approved_by: string | null;
  unsubscribed_at: string | null;
  permanent_failures: number;
  paused_at: string | null;
  created_at: string;
  updated_at: string;
}

export type DigestEditionKind = 'edition' | 'weekly';
export type DigestEditionStatus = 'scheduled' | 'sending' | 'sent' | 'cancelled';

export interface DigestEditionTable {
  id: string;
  kind: DigestEditionKind;
  title: string;
  status: DigestEditionStatus;
  scheduled_for: string;
  since: string | null;
  frozen_at: string | null;
  recipients: number;
  created_by: string | null;
  created_at: string;
  finished_at: string | null;
  cancelled_at: string | null;
}

export interface DigestEditionItemTable {
  edition_id: string;
  opportunity_id: string;
  change: 'new' | 'changed' | 'closed' | null;
  is_open: number;
  municipality_code: string;
  position: number;
  snapshot: string;
}

export type DigestDeliveryStatus = 'waiting' | 'sending' | 'sent' | 'failed' | 'skipped';

export interface DigestDeliveryTable {
  id: string;
  edition_id: string;
  subscriber_id: string;
  email: string;
  status: DigestDeliveryStatus;
  attempts: number;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  message_id: string;
  content_key: string;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
}

/**
 * Kept by database triggers (migration 017): SQLite maps an opportunity to its FTS5 bigram row
 * (`opportunity_search_gram`, a virtual table queried with raw SQL); PostgreSQL holds the bigrams
 * in a text[] (`opportunity_search_gram.grams`). Read by registry/search only; never written by code.
 */
export interface OpportunitySearchDocTable {
  key: number;
  opportunity_id: string;
}

/** A write to the registry, logged by triggers (migration 017); both ids null = everything. */
export interface RegistryChangeTable {
  seq: Generated<number>;
  opportunity_id: string | null;
  facility_id: string | null;
}

export interface Database {
  municipality: MunicipalityTable;
  setting: SettingTable;
  organisation: OrganisationTable;
  app_user: UserTable;
  user_session: SessionTable;
  job: JobTable;
  mail_message: MailMessageTable;
  audit_event: AuditEventTable;
  facility: FacilityTable;
  facility_assignment: FacilityAssignmentTable;
  recovery_code: RecoveryCodeTable;
  invitation: InvitationTable;
  password_reset: PasswordResetTable;
  api_token: ApiTokenTable;
  rate_limit: RateLimitTable;
  facility_certification: FacilityCertificationTable;
  opportunity: OpportunityTable;
  opportunity_window: OpportunityWindowTable;
  opportunity_version: OpportunityVersionTable;
  participant: ParticipantTable;
  assessment: AssessmentTable;
  consent: ConsentTable;
  consent_override: ConsentOverrideTable;
  support_log_entry: SupportLogEntryTable;
  participant_candidate: ParticipantCandidateTable;
  referral: ReferralTable;
  referral_event: ReferralEventTable;
  referral_message: ReferralMessageTable;
  referral_close_reason: ReferralCloseReasonTable;
  notification: NotificationTable;
  notification_preference: NotificationPreferenceTable;
  appointment: AppointmentTable;
  meeting_record: MeetingRecordTable;
  site_content: SiteContentTable;
  site_content_revision: SiteContentRevisionTable;
  site_photo: SitePhotoTable;
  furigana_correction: FuriganaCorrectionTable;
  placement: PlacementTable;
  placement_window: PlacementWindowTable;
  digest_subscriber: DigestSubscriberTable;
  digest_edition: DigestEditionTable;
  digest_edition_item: DigestEditionItemTable;
  digest_delivery: DigestDeliveryTable;
  opportunity_search_doc: OpportunitySearchDocTable;
  registry_change: RegistryChangeTable;
}

export type Organisation = Selectable<OrganisationTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Job = Selectable<JobTable>;
export type Facility = Selectable<FacilityTable>;
export type MailMessage = Selectable<MailMessageTable>;
