/**
 * Every query of the notifications area (通知). Inbox queries take the caller's user id and
 * filter by it in SQL, so one user never reads another's rows.
 */
import type { Kysely, Transaction } from 'kysely';
import { compiledOnce } from '../platform/db/compiled-once';
import type { Database, NotificationDelivery } from '../platform/db/schema';

export type Executor = Kysely<Database> | Transaction<Database>;

export type NotificationRow = {
  id: string;
  kind: string;
  titleJa: string;
  titleEn: string;
  link: string;
  createdAt: string;
  readAt: string | null;
};

export type Recipient = { id: string; email: string; locale: 'ja' | 'en'; delivery: NotificationDelivery };

/** The active users among `userIds`, with their mail address and delivery choice. */
export async function activeRecipients(db: Executor, userIds: readonly string[]): Promise<Recipient[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('app_user')
    .leftJoin('notification_preference', 'notification_preference.user_id', 'app_user.id')
    .select(['app_user.id', 'app_user.email', 'app_user.locale', 'notification_preference.delivery'])
    .where('app_user.id', 'in', [...userIds])
    .where('app_user.active', '=', 1)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    locale: row.locale,
    delivery: row.delivery === 'daily' ? 'daily' : 'immediate',
  }));
}

export async function insertNotification(
  db: Executor,
  row: {
    id: string;
    userId: string;
    kind: string;
    titleJa: string;
    titleEn: string;
    link: string;
    createdAt: string;
    emailedAt: string | null;
  },
): Promise<void> {
  await db
    .insertInto('notification')
    .values({
      id: row.id,
      user_id: row.userId,
      kind: row.kind,
      title_ja: row.titleJa,
      title_en: row.titleEn,
      link: row.link,
      created_at: row.createdAt,
      emailed_at: row.emailedAt,
    })
    .execute();
}

const listColumns = [
  'id',
  'kind',
  'title_ja as titleJa',
  'title_en as titleEn',
  'link',
  'created_at as createdAt',
  'read_at as readAt',
] as const;

/** The caller's notifications, newest first. */
export async function listNotifications(
  db: Executor,
  userId: string,
  options: { unreadOnly?: boolean; limit: number; offset: number },
): Promise<NotificationRow[]> {
  let query = db.selectFrom('notification').select(listColumns).where('user_id', '=', userId);
  if (options.unreadOnly) query = query.where('read_at', 'is', null);
  return query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
}

export async function countNotifications(
  db: Executor,
  userId: string,
  options: { unreadOnly?: boolean } = {},
): Promise<number> {
  let query = db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId);
  if (options.unreadOnly) query = query.where('read_at', 'is', null);
  const row = await query.executeTakeFirst();
  return Number(row?.n ?? 0);
}

const unreadQuery = compiledOnce<{ userId: string }>()((db, value) =>
  db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', value('userId'))
    .where('read_at', 'is', null),
);

/** The header badge on every page: one COUNT over the (user_id, read_at) index, compiled once. */
export async function countUnread(db: Executor, userId: string): Promise<number> {
  return Number((await unreadQuery(db, { userId }))[0]?.n ?? 0);
}

/** One of the caller's notifications; undefined for another user's (or no such) id. */
export async function findNotification(
  db: Executor,
  userId: string,
  id: string,
): Promise<NotificationRow | undefined> {
  return db
    .selectFrom('notification')
    .select(listColumns)
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Marks one of the caller's notifications read (keeps the first read time). */
export async function markRead(db: Executor, userId: string, id: string, at: string): Promise<void> {
  await db
    .updateTable('notification')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .execute();
}

export async function markAllRead(db: Executor, userId: string, at: string): Promise<number> {
  const result = await db
    .updateTable('notification')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function readDelivery(db: Executor, userId: string): Promise<NotificationDelivery> {
  const row = await db
    .selectFrom('notification_preference')
    .select('delivery')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.delivery === 'daily' ? 'daily' : 'immediate';
}

export async function writeDelivery(
  db: Executor,
  userId: string,
  delivery: NotificationDelivery,
  at: string,
): Promise<void> {
  await db
    .insertInto('notification_preference')
    .values({ user_id: userId, delivery, updated_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ delivery, updated_at: at }))
    .execute();
}

/** Users with notices neither mailed at once nor summarised yet, created up to `until`. */
export async function usersWithPendingSummary(db: Executor, until: string): Promise<string[]> {
  const rows = await db
    .selectFrom('notification')
    .select('user_id')
    .distinct()
    .where('summarised_at', 'is', null)
    .where('emailed_at', 'is', null)
    .where('created_at', '<=', until)
    .execute();
  return rows.map((row) => row.user_id);
}

/**
 * Claims a user's pending notices for the summary: marks them summarised and returns them, in
 * one conditional UPDATE. A second run (another instance, a retry) finds nothing left to claim.
 */
export async function claimPendingSummary(
  db: Executor,
  userId: string,
  until: string,
  at: string,
): Promise<NotificationRow[]> {
  const rows = await db
    .updateTable('notification')
    .set({ summarised_at: at })
    .where('user_id', '=', userId)
    .where('summarised_at', 'is', null)
    .where('emailed_at', 'is', null)
    .where('created_at', '<=', until)
    .returning(listColumns)
    .execute();
  return rows.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}

/** Deletes read notices created before `before` (the inbox keeps a year of history). */
export async function deleteReadBefore(db: Executor, before: string): Promise<number> {
  const result = await db
    .deleteFrom('notification')
    .where('read_at', 'is not', null)
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Active facility coordinators assigned to the facility, and its corporation's active admins. */
export async function facilityStaffIds(db: Executor, facilityId: string): Promise<string[]> {
  const coordinators = await db
    .selectFrom('app_user')
    .innerJoin('facility_assignment', 'facility_assignment.user_id', 'app_user.id')
    .innerJoin('facility', 'facility.id', 'facility_assignment.facility_id')
    .select('app_user.id')
    .where('facility_assignment.facility_id', '=', facilityId)
    .where('app_user.role', '=', 'facility_coordinator')
    .where('app_user.active', '=', 1)
    .whereRef('app_user.organisation_id', '=', 'facility.corporation_id')
    .execute();
  const admins = await db
    .selectFrom('app_user')
    .innerJoin('facility', 'facility.corporation_id', 'app_user.organisation_id')
    .select('app_user.id')
    .where('facility.id', '=', facilityId)
    .where('app_user.role', '=', 'corporation_admin')
    .where('app_user.active', '=', 1)
    .execute();
  return unique([...coordinators, ...admins].map((row) => row.id));
}

/** Every active user of the organisation (an agency's counsellors, a corporation's staff). */
export async function organisationStaffIds(db: Executor, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('app_user')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('active', '=', 1)
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}

/** The council's active admins and staff. */
export async function councilStaffIds(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('app_user')
    .select('id')
    .where('role', 'in', ['council_admin', 'council_staff'])
    .where('active', '=', 1)
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)].sort();
}
