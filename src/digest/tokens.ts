/**
 * Signed unsubscribe links: `<subscriber id>.<HMAC-SHA256 of it, 128 bits, base64url>`. A link
 * needs no database row, works without signing in, and a changed character fails the check
 * (docs/decisions/024). The key is DIGEST_TOKEN_SECRET, or one generated once and kept in the
 * `setting` table so every instance signs alike.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema';
import { readSetting } from '../platform/db/settings';
import { nowIso } from '../platform/db/time';

const SETTING_KEY = 'digest_token_secret';

export async function digestSecret(db: Kysely<Database>, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const stored = await readSetting(db, SETTING_KEY);
  if (stored) return stored;
  // Two instances racing here: the first insert wins, and both read the same key back.
  await db
    .insertInto('setting')
    .values({ key: SETTING_KEY, value: randomBytes(32).toString('base64url'), updated_at: nowIso() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const value = await readSetting(db, SETTING_KEY);
  if (!value) throw new Error('digest token secret could not be stored');
  return value;
}

function mac(secret: string, purpose: string, id: string): string {
  return createHmac('sha256', secret)
    .update(`${purpose}:${id}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}

export function signUnsubscribeToken(secret: string, subscriberId: string): string {
  return `${subscriberId}.${mac(secret, 'unsubscribe', subscriberId)}`;
}

/** The subscriber id of a genuine token; undefined for a malformed or tampered one. */
export function verifyUnsubscribeToken(secret: string, token: string): string | undefined {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return undefined;
  const [, id = '', signature = ''] = match;
  const expected = Buffer.from(mac(secret, 'unsubscribe', id));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : undefined;
}
