/** Tables of participants: the person, assessments, consents, candidate lists and the support log. */
import type { Generated } from 'kysely';

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

/** The participants tables by name, merged into Database (../schema.ts). */
export interface ParticipantsTables {
  participant: ParticipantTable;
  assessment: AssessmentTable;
  consent: ConsentTable;
  consent_override: ConsentOverrideTable;
  support_log_entry: SupportLogEntryTable;
  participant_candidate: ParticipantCandidateTable;
}
