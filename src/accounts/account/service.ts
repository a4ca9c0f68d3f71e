/** What the user's own account page shows about their security: two-factor state and sessions. */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import { nowIso } from '../../platform/db/time';
import { SESSION_IDLE_MS } from '../sessions';
import { type ActiveSession, listActiveSessions } from '../sign-in/store';
import { countUnusedRecoveryCodes, findTwoFactorOfUser } from '../two-factor/store';

export type AccountSecurity = {
  totpEnabledAt: string | null;
  twoFactorRequired: boolean;
  unusedRecoveryCodes: number;
  sessions: ActiveSession[];
};

export async function loadAccountSecurity(
  db: Kysely<Database>,
  userId: string,
  now = new Date(),
): Promise<AccountSecurity> {
  const [state, unusedRecoveryCodes, sessions] = await Promise.all([
    findTwoFactorOfUser(db, userId),
    countUnusedRecoveryCodes(db, userId),
    listActiveSessions(db, userId, nowIso(new Date(now.getTime() - SESSION_IDLE_MS)), nowIso(now)),
  ]);
  return {
    totpEnabledAt: state?.totpEnabledAt ?? null,
    twoFactorRequired: state?.twoFactorRequired === 1,
    unusedRecoveryCodes,
    sessions,
  };
}
