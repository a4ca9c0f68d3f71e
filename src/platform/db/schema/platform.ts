/** Tables the platform itself keeps: reference municipalities, settings, jobs, mail, audit and rate limits. */
import type { Selectable } from 'kysely';

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

/** The platform tables by name, merged into Database (../schema.ts). */
export interface PlatformTables {
  municipality: MunicipalityTable;
  setting: SettingTable;
  job: JobTable;
  mail_message: MailMessageTable;
  audit_event: AuditEventTable;
  rate_limit: RateLimitTable;
}

export type Job = Selectable<JobTable>;
export type MailMessage = Selectable<MailMessageTable>;
