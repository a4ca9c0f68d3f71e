/**
 * Reads and writes of the confirmation reminders (freshness): the published opportunities due
 * a reminder, who at a facility hears about them, and marking them reminded.
 */
import type { Executor } from './scope';

export type ReminderDue = {
  id: string;
  title: string;
  facilityId: string;
  facilityName: string;
  corporationId: string;
  lastConfirmedAt: string;
};

/** Published opportunities unconfirmed since `confirmedBefore` and not reminded since `remindedBefore`. */
export async function listDueForReminder(
  db: Executor,
  confirmedBefore: string,
  remindedBefore: string,
): Promise<ReminderDue[]> {
  return db
    .selectFrom('opportunity as o')
    .innerJoin('facility as f', 'f.id', 'o.facility_id')
    .select([
      'o.id as id',
      'o.title as title',
      'o.facility_id as facilityId',
      'f.name as facilityName',
      'f.corporation_id as corporationId',
      'o.last_confirmed_at as lastConfirmedAt',
    ])
    .where('o.status', '=', 'published')
    .where('f.active', '=', 1)
    .where('o.last_confirmed_at', '<=', confirmedBefore)
    .where((eb) =>
      eb.or([eb('o.last_reminded_at', 'is', null), eb('o.last_reminded_at', '<=', remindedBefore)]),
    )
    .orderBy('o.facility_id')
    .orderBy('o.title')
    .execute();
}

/**
 * Who hears about a facility's opportunities: its 就労支援担当者 address and its assigned,
 * active coordinators; when it has neither, the corporation's active admins. Lower-cased, unique.
 */
export async function facilityContactEmails(
  db: Executor,
  facilityId: string,
  corporationId: string,
): Promise<string[]> {
  const facility = await db
    .selectFrom('facility')
    .select('contact_email')
    .where('id', '=', facilityId)
    .executeTakeFirst();
  const coordinators = await db
    .selectFrom('facility_assignment as a')
    .innerJoin('app_user as u', 'u.id', 'a.user_id')
    .select('u.email')
    .where('a.facility_id', '=', facilityId)
    .where('u.active', '=', 1)
    .where('u.role', '=', 'facility_coordinator')
    .execute();
  let emails = [facility?.contact_email, ...coordinators.map((c) => c.email)].filter((e): e is string =>
    Boolean(e),
  );
  if (emails.length === 0) {
    const admins = await db
      .selectFrom('app_user')
      .select('email')
      .where('organisation_id', '=', corporationId)
      .where('role', '=', 'corporation_admin')
      .where('active', '=', 1)
      .execute();
    emails = admins.map((a) => a.email);
  }
  return [...new Set(emails.map((e) => e.toLowerCase()))].sort();
}

export async function markReminded(db: Executor, ids: readonly string[], at: string): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('opportunity').set({ last_reminded_at: at }).where('id', 'in', ids).execute();
}
