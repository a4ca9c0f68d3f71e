/**
 * The row types of every table, as Kysely sees them. One interface per table; columns follow
 * the data rules in docs/decisions/001: text ids, ISO-8601 UTC text timestamps, 0/1 booleans.
 */
import type { Insertable, Selectable, Updateable } from 'kysely';

export type Role =
  | 'council_admin'
  | 'council_staff'
  | 'corporation_admin'
  | 'facility_coordinator'
  | 'counsellor';
export type OrganisationKind = 'council' | 'corporation' | 'agency';

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
}

export interface SessionTable {
  /** SHA-256 of the cookie token, so a leaked table does not hand out sessions. */
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
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
}

export type Organisation = Selectable<OrganisationTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Job = Selectable<JobTable>;
export type MailMessage = Selectable<MailMessageTable>;
