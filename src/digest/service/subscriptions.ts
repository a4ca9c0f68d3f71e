/**
 * A subscriber's own side of はたらく場情報, each in one transaction with its audit row: applying
 * on the public form and confirming by link (double opt-in), subscribing from an account (known
 * people, active at once), and unsubscribing from the account or by the signed one-click link
 * (docs/decisions/024). The council's side is in subscriber-admin.ts.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit/audit';
import { hashToken, newToken } from '../../platform/auth/tokens';
import type { Database } from '../../platform/db/schema';
import { newId, nowIso } from '../../platform/db/time';
import type { Locale } from '../../platform/i18n';
import { queueMail } from '../../platform/mail/outbox';
import { digestMessages } from '../messages';
import { type DigestPreferences, preferenceColumns } from '../preferences';
import * as store from '../store';
import { verifyUnsubscribeToken } from '../tokens';
import type { AuditContext } from './audit-context';

export const CONFIRM_TTL_MS = 72 * 3_600_000;

export type Application = {
  name: string;
  organisation: string;
  email: string;
  preferences: DigestPreferences;
  weekly: boolean;
  skipEmpty: boolean;
};

/**
 * A public application: the address gets a confirmation link (72 h). An address already
 * subscribed or waiting for approval is refused ('emailTaken'); one that unsubscribed, or whose
 * earlier link expired, may apply again.
 */
export async function applyForDigest(
  db: Kysely<Database>,
  application: Application,
  {
    baseUrl,
    locale,
    audit,
    now = new Date(),
  }: { baseUrl: string; locale: Locale; audit: AuditContext; now?: Date },
): Promise<{ ok: true; subscriberId: string } | { ok: false; reason: 'emailTaken' }> {
  return db.transaction().execute(async (trx) => {
    const existing = await store.findSubscriberByEmail(trx, application.email);
    const at = nowIso(now);
    const reusable =
      existing &&
      (existing.status === 'unsubscribed' ||
        (existing.status === 'pending_confirmation' && (existing.confirm_expires_at ?? '') < at));
    if (existing && !reusable) return { ok: false as const, reason: 'emailTaken' as const };
    const token = newToken();
    const fields = {
      name: application.name,
      organisation_name: application.organisation,
      status: 'pending_confirmation' as const,
      ...preferenceColumns(application.preferences),
      weekly: application.weekly ? 1 : 0,
      skip_empty: application.skipEmpty ? 1 : 0,
      confirm_token_hash: hashToken(token),
      confirm_expires_at: nowIso(new Date(now.getTime() + CONFIRM_TTL_MS)),
      confirmed_at: null,
      approved_at: null,
      approved_by: null,
      unsubscribed_at: null,
      updated_at: at,
    };
    let id: string;
    if (existing) {
      id = existing.id;
      await store.updateSubscriber(trx, id, fields);
    } else {
      id = newId();
      await store.insertSubscriber(trx, {
        id,
        email: application.email,
        user_id: null,
        organisation_id: null,
        permanent_failures: 0,
        paused_at: null,
        created_at: at,
        ...fields,
      });
    }
    const m = digestMessages[locale];
    await queueMail(trx, {
      to: application.email,
      subject: m.confirmMailSubject,
      text: m.confirmMailText(application.name, `${baseUrl}/digest/confirm/${token}`),
    });
    await recordAudit(trx, {
      ...audit,
      action: 'digest.apply',
      subjectType: 'digest_subscriber',
      subjectId: id,
    });
    return { ok: true as const, subscriberId: id };
  });
}

export type ConfirmationState =
  | { state: 'valid'; subscriberId: string; email: string }
  | { state: 'expired' }
  | { state: 'invalid' };

export async function checkConfirmation(
  db: Kysely<Database>,
  token: string,
  now = new Date(),
): Promise<ConfirmationState> {
  const row = await store.findSubscriberByConfirmHash(db, hashToken(token));
  if (row?.status !== 'pending_confirmation') return { state: 'invalid' };
  if ((row.confirm_expires_at ?? '') < nowIso(now)) return { state: 'expired' };
  return { state: 'valid', subscriberId: row.id, email: row.email };
}

/** The link's second step (a POST, so mail scanners that open links confirm nothing). */
export async function confirmSubscription(
  db: Kysely<Database>,
  token: string,
  { audit, now = new Date() }: { audit: AuditContext; now?: Date },
): Promise<ConfirmationState['state']> {
  return db.transaction().execute(async (trx) => {
    const check = await checkConfirmation(trx, token, now);
    if (check.state !== 'valid') return check.state;
    const at = nowIso(now);
    await store.updateSubscriber(trx, check.subscriberId, {
      status: 'pending_approval',
      confirmed_at: at,
      confirm_token_hash: null,
      confirm_expires_at: null,
      updated_at: at,
    });
    await recordAudit(trx, {
      ...audit,
      action: 'digest.confirm',
      subjectType: 'digest_subscriber',
      subjectId: check.subscriberId,
    });
    return 'valid';
  });
}

export type AccountSubscriber = {
  userId: string;
  name: string;
  email: string;
  organisationId: string;
  organisationName: string;
};

/**
 * Staff of agencies and corporations subscribe from their account: known people, so the
 * subscription is active at once. An address that applied on the public form is taken over.
 */
export async function subscribeFromAccount(
  db: Kysely<Database>,
  user: AccountSubscriber,
  settings: { preferences: DigestPreferences; weekly: boolean; skipEmpty: boolean },
  audit: AuditContext,
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const at = nowIso();
    const existing =
      (await store.findSubscriberByUser(trx, user.userId)) ??
      (await store.findSubscriberByEmail(trx, user.email));
    const fields = {
      ...preferenceColumns(settings.preferences),
      weekly: settings.weekly ? 1 : 0,
      skip_empty: settings.skipEmpty ? 1 : 0,
      updated_at: at,
    };
    let id: string;
    if (existing) {
      id = existing.id;
      const reactivate =
        existing.status === 'paused' ? {} : { status: 'active' as const, unsubscribed_at: null };
      await store.updateSubscriber(trx, id, {
        ...fields,
        ...reactivate,
        user_id: user.userId,
        organisation_id: user.organisationId,
        confirm_token_hash: null,
        confirm_expires_at: null,
      });
    } else {
      id = newId();
      await store.insertSubscriber(trx, {
        id,
        email: user.email,
        name: user.name,
        organisation_name: user.organisationName,
        user_id: user.userId,
        organisation_id: user.organisationId,
        status: 'active',
        confirm_token_hash: null,
        confirm_expires_at: null,
        confirmed_at: at,
        approved_at: at,
        approved_by: null,
        unsubscribed_at: null,
        permanent_failures: 0,
        paused_at: null,
        created_at: at,
        ...fields,
      });
    }
    await recordAudit(trx, {
      ...audit,
      action: 'digest.subscribe',
      subjectType: 'digest_subscriber',
      subjectId: id,
    });
    return id;
  });
}

export async function getMySubscription(db: Kysely<Database>, userId: string) {
  return store.findSubscriberByUser(db, userId);
}

/** Stops sending to the subscriber (their own account page, or council staff). */
export async function unsubscribe(
  db: Kysely<Database>,
  id: string,
  { audit, via }: { audit: AuditContext; via: 'account' | 'link' | 'council' },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await store.findSubscriber(trx, id);
    if (!row) return false;
    if (row.status !== 'unsubscribed') {
      const at = nowIso();
      await store.updateSubscriber(trx, id, { status: 'unsubscribed', unsubscribed_at: at, updated_at: at });
      await recordAudit(trx, {
        ...audit,
        action: 'digest.unsubscribe',
        subjectType: 'digest_subscriber',
        subjectId: id,
        detail: { via },
      });
    }
    return true;
  });
}

export type UnsubscribeLink =
  | { state: 'valid'; subscriberId: string; email: string; unsubscribed: boolean }
  | { state: 'invalid' };

/** Reads a signed unsubscribe link: a tampered or unknown one is 'invalid' and changes nothing. */
export async function checkUnsubscribeLink(
  db: Kysely<Database>,
  secret: string,
  token: string,
): Promise<UnsubscribeLink> {
  const id = verifyUnsubscribeToken(secret, token);
  if (!id) return { state: 'invalid' };
  const row = await store.findSubscriber(db, id);
  if (!row) return { state: 'invalid' };
  return {
    state: 'valid',
    subscriberId: row.id,
    email: row.email,
    unsubscribed: row.status === 'unsubscribed',
  };
}
