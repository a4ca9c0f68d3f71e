/** Tables of the registry: facilities, their certifications, はたらく場 (opportunities) and the search bookkeeping. */
import type { Generated, Selectable } from 'kysely';

export type ServiceType = 'elderly' | 'disability' | 'children' | 'nursery' | 'relief' | 'other';

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

/** The registry tables by name, merged into Database (../schema.ts). */
export interface RegistryTables {
  facility: FacilityTable;
  facility_certification: FacilityCertificationTable;
  opportunity: OpportunityTable;
  opportunity_window: OpportunityWindowTable;
  opportunity_version: OpportunityVersionTable;
  opportunity_search_doc: OpportunitySearchDocTable;
  registry_change: RegistryChangeTable;
}

export type Facility = Selectable<FacilityTable>;
