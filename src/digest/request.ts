/**
 * What the digest's pages and API handlers take from a request: the messages in its locale, the
 * :id path parameter, the signed-in user as a subscriber, and the key that signs unsubscribe
 * links (read once per database, so the pages, the API and the public links sign alike).
 */
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema';
import type { AppEnv, CurrentUser } from '../platform/http/env';
import { digestMessages } from './messages';
import type { AccountSubscriber } from './service';
import { digestSecret } from './tokens';

export function messagesOf(c: Context<AppEnv>) {
  return digestMessages[c.get('locale')];
}

export function idParam(c: Context<AppEnv>) {
  return c.req.param('id') ?? '';
}

/** The signed-in user as the subscriber of their own account's subscription. */
export function accountSubscriberOf(user: CurrentUser): AccountSubscriber {
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    organisationId: user.organisationId,
    organisationName: user.organisationName,
  };
}

const secrets = new WeakMap<object, Promise<string>>();

/** The key that signs unsubscribe links, read once per database. */
export function secretOf(c: Context<AppEnv>): Promise<string> {
  const services = c.get('services');
  const db: Kysely<Database> = services.database.db;
  let secret = secrets.get(db);
  if (!secret) {
    secret = digestSecret(db, services.config.digest.tokenSecret);
    secret.catch(() => secrets.delete(db));
    secrets.set(db, secret);
  }
  return secret;
}
