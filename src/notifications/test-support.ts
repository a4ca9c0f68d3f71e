/** Test data for the notification tests: a world with one user per role, plus a few extra. */
import type { Kysely } from 'kysely';
import { createUser } from '../accounts/service';
import { setOrganisationTwoFactorRequired } from '../accounts/store';
import type { Database, Role } from '../platform/db/schema';
import { nowIso } from '../platform/db/time';
import { buildWorld } from '../registry/facilities/test-world';

export const TEST_PASSWORD = 'notify-test-password-2026';

export async function buildNotifyWorld(db: Kysely<Database>, suffix: string) {
  const world = await buildWorld(db, suffix);
  for (const id of [world.councilId, world.corpA, world.corpB, world.agency]) {
    await setOrganisationTwoFactorRequired(db, id, false);
  }
  const user = async (key: string, role: Role, organisationId: string, facilityIds: string[] = []) => {
    const email = `${key}-${suffix}@notify.example.jp`.toLowerCase();
    const id = await createUser(db, {
      organisationId,
      email,
      name: `通知 ${key}`,
      password: TEST_PASSWORD,
      role,
    });
    for (const facilityId of facilityIds) {
      await db
        .insertInto('facility_assignment')
        .values({ user_id: id, facility_id: facilityId, created_at: nowIso() })
        .execute();
    }
    return { id, email };
  };
  const users = {
    councilAdmin: await user('council-admin', 'council_admin', world.councilId),
    councilStaff: await user('council-staff', 'council_staff', world.councilId),
    corpAdminA: await user('corp-admin-a', 'corporation_admin', world.corpA),
    coordinatorA: await user('coordinator-a', 'facility_coordinator', world.corpA, [world.facilityA]),
    coordinatorUnassigned: await user('coordinator-none', 'facility_coordinator', world.corpA),
    corpAdminB: await user('corp-admin-b', 'corporation_admin', world.corpB),
    counsellor: await user('counsellor', 'counsellor', world.agency),
    formerCounsellor: await user('former', 'counsellor', world.agency),
  };
  await db
    .updateTable('app_user')
    .set({ active: 0, deactivated_at: nowIso() })
    .where('id', '=', users.formerCounsellor.id)
    .execute();
  return { world, users };
}

/** Mails queued to one address, oldest first. */
export async function mailsTo(db: Kysely<Database>, to: string) {
  return db
    .selectFrom('mail_message')
    .select(['to_address', 'subject', 'text_body', 'html_body'])
    .where('to_address', '=', to)
    .orderBy('created_at')
    .execute();
}
