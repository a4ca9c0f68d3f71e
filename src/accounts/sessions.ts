/**
 * Sessions live in the database so several app instances share them. A session ends after
 * SESSION_IDLE of inactivity or SESSION_ABSOLUTE after sign-in, whichever comes first.
 */
import type { Kysely } from 'kysely';
import { hashToken, newToken } from '../platform/auth/tokens';
import type { Database } from '../platform/db/schema';
import { nowIso } from '../platform/db/time';
import type { CurrentUser } from '../platform/http/env';
import {
  deleteSession,
  findSessionUser,
  insertSession,
  listAssignedFacilityIds,
  touchSession,
} from './store';

export const SESSION_COOKIE = 'hataraku_session';
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** Writing last_seen on every request would make every page a write; once a minute is enough. */
const TOUCH_AFTER_MS = 60 * 1000;

export async function startSession(db: Kysely<Database>, userId: string, now = new Date()): Promise<string> {
  const token = newToken();
  await insertSession(db, {
    id: hashToken(token),
    user_id: userId,
    created_at: nowIso(now),
    expires_at: nowIso(new Date(now.getTime() + SESSION_ABSOLUTE_MS)),
  });
  return token;
}

export async function resumeSession(
  db: Kysely<Database>,
  token: string,
  now = new Date(),
): Promise<CurrentUser | null> {
  const sessionId = hashToken(token);
  const row = await findSessionUser(
    db,
    sessionId,
    nowIso(new Date(now.getTime() - SESSION_IDLE_MS)),
    nowIso(now),
  );
  // A session still in two-factor sign-in is not a signed-in user yet.
  if (row?.stage !== 'full') return null;
  if (now.getTime() - Date.parse(row.lastSeenAt) > TOUCH_AFTER_MS)
    await touchSession(db, sessionId, nowIso(now));
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    organisationKind: row.organisationKind,
    facilityIds: row.role === 'facility_coordinator' ? await listAssignedFacilityIds(db, row.id) : [],
    sessionId,
  };
}

export async function endSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await deleteSession(db, sessionId);
}
