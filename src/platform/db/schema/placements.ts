/** Tables of placements: who works where and which opportunity windows that occupies. */
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

/** The placements tables by name, merged into Database (../schema.ts). */
export interface PlacementsTables {
  placement: PlacementTable;
  placement_window: PlacementWindowTable;
}
