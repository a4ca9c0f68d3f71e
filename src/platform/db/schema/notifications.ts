/** Tables of notifications: the in-app inbox and each user's mail preference. */
import type { Generated } from 'kysely';

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

/** The notifications tables by name, merged into Database (../schema.ts). */
export interface NotificationsTables {
  notification: NotificationTable;
  notification_preference: NotificationPreferenceTable;
}
