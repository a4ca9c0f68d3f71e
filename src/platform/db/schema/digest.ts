/** Tables of the はたらく場情報 e-mail digest: subscribers, editions, their items and deliveries. */
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

/** The digest tables by name, merged into Database (../schema.ts). */
export interface DigestTables {
  digest_subscriber: DigestSubscriberTable;
  digest_edition: DigestEditionTable;
  digest_edition_item: DigestEditionItemTable;
  digest_delivery: DigestDeliveryTable;
}
