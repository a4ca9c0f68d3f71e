/**
 * The inbox use cases: read one's own notices, open one (marks it read), mark all read, and
 * choose immediate mail or the daily summary. Every function takes the caller's user id; the
 * store filters by it, so another user's notice is simply not found.
 */
import type { Kysely } from 'kysely';
import { type AuditEntry, recordAudit } from '../platform/audit/audit';
import { safeNextPath } from '../platform/auth/guard';
import type { Database, NotificationDelivery } from '../platform/db/schema';
import { nowIso } from '../platform/db/time';
import {
  countNotifications,
  findNotification,
  listNotifications,
  markAllRead,
  markRead,
  type NotificationRow,
  writeDelivery,
} from './store';

export const INBOX_PAGE_SIZE = 20;

export type AuditActor = Pick<AuditEntry, 'userId' | 'organisationId' | 'requestId' | 'ip'>;

export type InboxPage = { items: NotificationRow[]; total: number; unread: number; page: number };

export async function loadInbox(
  db: Kysely<Database>,
  userId: string,
  options: { unreadOnly: boolean; page: number; pageSize?: number },
): Promise<InboxPage> {
  const pageSize = options.pageSize ?? INBOX_PAGE_SIZE;
  const [items, total, unread] = await Promise.all([
    listNotifications(db, userId, {
      unreadOnly: options.unreadOnly,
      limit: pageSize,
      offset: (options.page - 1) * pageSize,
    }),
    countNotifications(db, userId, { unreadOnly: options.unreadOnly }),
    countNotifications(db, userId, { unreadOnly: true }),
  ]);
  return { items, total, unread, page: options.page };
}

/** Marks the caller's notice read and returns where it points (an in-app path), or undefined. */
export async function openNotification(
  db: Kysely<Database>,
  userId: string,
  id: string,
): Promise<{ link: string } | undefined> {
  const row = await findNotification(db, userId, id);
  if (!row) return undefined;
  await markRead(db, userId, id, nowIso());
  // Links are checked when written; checked again here, so a bad row cannot send anyone away.
  return { link: safeNextPath(row.link, '/inbox') };
}

export async function readNotification(
  db: Kysely<Database>,
  userId: string,
  id: string,
): Promise<NotificationRow | undefined> {
  const row = await findNotification(db, userId, id);
  if (!row) return undefined;
  if (row.readAt === null) {
    const at = nowIso();
    await markRead(db, userId, id, at);
    return { ...row, readAt: at };
  }
  return row;
}

export function markAllNotificationsRead(db: Kysely<Database>, userId: string): Promise<number> {
  return markAllRead(db, userId, nowIso());
}

/** Saves the caller's choice, with its audit row, in one transaction. */
export async function chooseDelivery(
  db: Kysely<Database>,
  userId: string,
  delivery: NotificationDelivery,
  actor: AuditActor,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await writeDelivery(trx, userId, delivery, nowIso());
    await recordAudit(trx, {
      action: 'notification.settings',
      subjectType: 'user',
      subjectId: userId,
      detail: { delivery },
      ...actor,
    });
  });
}
