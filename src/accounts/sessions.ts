/**
 * Sessions live in the database so several app instances share them. A session ends after
 * SESSION_IDLE of inactivity or SESSION_ABSOLUTE after sign-in, whichever comes first. A session
 * still owing a second factor (stage 'two_factor' or 'two_factor_setup') is not a signed-in user:
 * resumeSession ignores it, and it lives minutes, not hours.
 */
import type { Kysely, Transaction } from 'kysely';
import { hashToken, newToken } from '../platform/auth/tokens';
import type { Database, SessionStage } from '../platform/db/schema';
import { nowIso } from '../platform/db/time';
import type { CurrentUser } from '../platform/http/env';
import { stageAfterPassword } from './sign-in/rules';
import { findPendingSession, findTwoFactorState } from './sign-in/store';
import {
  deleteSession,
  findSessionUser,
  insertSession,
  listAssignedFacilityIds,
  touchSession,
} from './store';

type Executor = Kysely<Database> | Transaction<Database>;

export const SESSION_COOKIE = 'hataraku_session';
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** Writing last_seen on every request would make every page a write; once a minute is enough. */
const TOUCH_AFTER_MS = 60 * 1000;

/** How long a session may sit between the password and the second factor. */
export const PENDING_TWO_FACTOR_MS = 10 * 60 * 1000;
/** Enrolling (scanning the QR code, typing the first code) takes longer. */
export const PENDING_SETUP_MS = 30 * 60 * 1000;
const USER_AGENT_MAX = 300;

const lifetimeOf: Record<SessionStage, number> = {
  full: SESSION_ABSOLUTE_MS,
  two_factor: PENDING_TWO_FACTOR_MS,
  two_factor_setup: PENDING_SETUP_MS,
};

/**
 * Starts a session with a new token and returns the token (only its hash is stored). Without an
 * explicit stage, the user's two-factor state decides it (accounts/sign-in/rules), so no caller
 * can hand out a full session to someone who still owes a second factor.
 */
export async function startSession(
  db: Executor,
  userId: string,
  now = new Date(),
  options: { stage?: SessionStage; ip?: string | null; userAgent?: string | null } = {},
): Promise<string> {
  let stage = options.stage;
  if (!stage) {
    const state = await findTwoFactorState(db, userId);
    stage = state ? stageAfterPassword(state) : 'full';
  }
  const token = newToken();
  await insertSession(db, {
    id: hashToken(token),
    user_id: userId,
    created_at: nowIso(now),
    expires_at: nowIso(new Date(now.getTime() + lifetimeOf[stage])),
    stage,
    ip: options.ip ?? null,
    user_agent: options.userAgent ? options.userAgent.slice(0, USER_AGENT_MAX) : null,
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

export async function endSession(db: Executor, sessionId: string): Promise<void> {
  await deleteSession(db, sessionId);
}

export type PendingSession = NonNullable<Awaited<ReturnType<typeof findPendingSession>>>;

/** A session between the password and the second factor; the sign-in routes read it themselves. */
export async function resumePendingSession(
  db: Executor,
  token: string,
  now = new Date(),
): Promise<PendingSession | null> {
  const row = await findPendingSession(
    db,
    hashToken(token),
    nowIso(new Date(now.getTime() - SESSION_IDLE_MS)),
    nowIso(now),
  );
  return row ?? null;
}
