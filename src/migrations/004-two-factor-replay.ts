/**
 * Two-factor replay guard: the last 30-second TOTP step a user's code was accepted for, so the
 * same code (or an older one) is refused if it is sent again.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('app_user').addColumn('totp_last_step', 'integer').execute();
}
