/** Tables of referrals: the referral, its timeline, messages, close reasons, appointments and meeting records. */
import type { Generated } from 'kysely';

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

/** The referrals tables by name, merged into Database (../schema.ts). */
export interface ReferralsTables {
  referral: ReferralTable;
  referral_event: ReferralEventTable;
  referral_message: ReferralMessageTable;
  referral_close_reason: ReferralCloseReasonTable;
  appointment: AppointmentTable;
  meeting_record: MeetingRecordTable;
}
