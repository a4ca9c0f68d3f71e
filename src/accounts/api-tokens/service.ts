/**
 * API tokens: personal bearer tokens for /api/v1, made on the account page. A token acts as its
 * user, with exactly the user's role and organisation, so the API applies the same policy as
 * the pages. The token is shown once; the database keeps its SHA-256 and a display prefix.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditEntry } from '../../platform/audit/audit';
import { recordAudit } from '../../platform/audit/audit';
import { hashToken } from '../../platform/auth/tokens';
import type { Database } from '../../platform/db/schema';
import { newId, nowIso } from '../../platform/db/time';
import type { CurrentUser } from '../../platform/http/env';
import { normaliseInput } from '../../platform/text/normalise';
import { listAssignedFacilityIds } from '../store';
import { findApiTokenUser, insertApiToken, revokeApiToken as revokeStored, touchApiToken } from './store';

export const API_TOKEN_PREFIX = 'hk_';
/** The choices offered on the form, in days. */
export const API_TOKEN_LIFETIMES = [30, 90, 365] as const;
export type ApiTokenLifetime = (typeof API_TOKEN_LIFETIMES)[number];
/** How much of the token is kept in clear, to tell tokens apart: "hk_" and 6 characters. */
const DISPLAY_PREFIX_LENGTH = 9;
/** Writing last_used_at on every call would make every API read a write; once a minute is enough. */
const TOUCH_AFTER_MS = 60 * 1000;
const tokenPattern = /^hk_[A-Za-z0-9_-]{43}$/;

type AuditActor = Pick<AuditEntry, 'userId' | 'organisationId' | 'requestId' | 'ip'>;

export async function createApiToken(
  db: Kysely<Database>,
  user: Pick<CurrentUser, 'id'>,
  input: { name: string; lifetimeDays: ApiTokenLifetime },
  audit: AuditActor,
  now = new Date(),
): Promise<{ id: string; token: string; expiresAt: string }> {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const id = newId();
  const expiresAt = nowIso(new Date(now.getTime() + input.lifetimeDays * 24 * 60 * 60 * 1000));
  const name = normaliseInput(input.name);
  await db.transaction().execute(async (trx) => {
    await insertApiToken(trx, {
      id,
      user_id: user.id,
      name,
      token_hash: hashToken(token),
      token_prefix: token.slice(0, DISPLAY_PREFIX_LENGTH),
      created_at: nowIso(now),
      expires_at: expiresAt,
    });
    await recordAudit(trx, {
      action: 'api_token.create',
      subjectType: 'api_token',
      subjectId: id,
      ...audit,
      detail: { name, expiresAt },
    });
  });
  return { id, token, expiresAt };
}

/** Revokes one of the caller's own tokens; false when it is not theirs or already revoked. */
export async function revokeApiToken(
  db: Kysely<Database>,
  user: Pick<CurrentUser, 'id'>,
  tokenId: string,
  audit: AuditActor,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const revoked = await revokeStored(trx, user.id, tokenId, nowIso());
    if (revoked) {
      await recordAudit(trx, {
        action: 'api_token.revoke',
        subjectType: 'api_token',
        subjectId: tokenId,
        ...audit,
      });
    }
    return revoked;
  });
}

/**
 * The user a bearer token acts as, or null for a token that is malformed, unknown, revoked,
 * expired, or whose user is deactivated.
 */
export async function authenticateApiToken(
  db: Kysely<Database>,
  token: string,
  now = new Date(),
): Promise<CurrentUser | null> {
  if (!tokenPattern.test(token)) return null;
  const row = await findApiTokenUser(db, hashToken(token), nowIso(now));
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - Date.parse(row.lastUsedAt) > TOUCH_AFTER_MS) {
    await touchApiToken(db, row.tokenId, nowIso(now));
  }
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    organisationKind: row.organisationKind,
    facilityIds: row.role === 'facility_coordinator' ? await listAssignedFacilityIds(db, row.id) : [],
    sessionId: null,
  };
}
