/** Tables of accounts: organisations, users, sessions, sign-in secrets, invitations, API tokens and facility assignments. */
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

export type SessionStage = 'full' | 'two_factor' | 'two_factor_setup';

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

/** The accounts tables by name, merged into Database (../schema.ts). */
export interface AccountsTables {
  organisation: OrganisationTable;
  app_user: UserTable;
  user_session: SessionTable;
  facility_assignment: FacilityAssignmentTable;
  recovery_code: RecoveryCodeTable;
  invitation: InvitationTable;
  password_reset: PasswordResetTable;
  api_token: ApiTokenTable;
}

export type Organisation = Selectable<OrganisationTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
