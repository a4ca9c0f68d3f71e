/**
 * The council's side of the subscriber list, each change in one transaction with its audit row:
 * approving a confirmed application (the subscriber is told by mail), resuming an address paused
 * after permanent failures, adding, changing and removing subscribers (API), and reading the list.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit/audit';
import type { Database } from '../../platform/db/schema';
import { newId, nowIso } from '../../platform/db/time';
import type { Locale } from '../../platform/i18n';
import { queueMail } from '../../platform/mail/outbox';
import { digestMessages } from '../messages';
import { type DigestPreferences, preferenceColumns } from '../preferences';
import * as store from '../store';
import type { AuditContext } from './audit-context';

/** Council staff approve a confirmed application; the subscriber is told by mail. */
export async function approveSubscriber(
  db: Kysely<Database>,
  id: string,
  { audit, locale }: { audit: AuditContext; locale: Locale },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await store.findSubscriber(trx, id);
    if (row?.status !== 'pending_approval') return false;
    const at = nowIso();
    await store.updateSubscriber(trx, id, {
      status: 'active',
      approved_at: at,
      approved_by: audit.userId ?? null,
      updated_at: at,
    });
    const m = digestMessages[locale];
    await queueMail(trx, {
      to: row.email,
      subject: m.approvalNoticeSubject,
      text: m.approvalNoticeText(row.name),
    });
    await recordAudit(trx, {
      ...audit,
      action: 'digest.approve',
      subjectType: 'digest_subscriber',
      subjectId: id,
    });
    return true;
  });
}

/** Council staff resume an address paused after three permanent failures. */
export async function resumeSubscriber(
  db: Kysely<Database>,
  id: string,
  audit: AuditContext,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await store.findSubscriber(trx, id);
    if (row?.status !== 'paused') return false;
    await store.updateSubscriber(trx, id, {
      status: 'active',
      permanent_failures: 0,
      paused_at: null,
      updated_at: nowIso(),
    });
    await recordAudit(trx, {
      ...audit,
      action: 'digest.resume',
      subjectType: 'digest_subscriber',
      subjectId: id,
    });
    return true;
  });
}

export async function getSubscriber(db: Kysely<Database>, id: string) {
  return store.findSubscriber(db, id);
}

export async function listSubscribers(
  db: Kysely<Database>,
  filter: Parameters<typeof store.listSubscribers>[1],
) {
  return store.listSubscribers(db, filter);
}

export async function countSubscribers(
  db: Kysely<Database>,
  status?: Parameters<typeof store.countSubscribers>[1],
) {
  return store.countSubscribers(db, status);
}

/** Council staff add a subscriber directly (API): active at once. */
export async function createSubscriber(
  db: Kysely<Database>,
  input: {
    name: string;
    organisation: string;
    email: string;
    preferences: DigestPreferences;
    weekly: boolean;
    skipEmpty: boolean;
  },
  audit: AuditContext,
): Promise<{ ok: true; id: string } | { ok: false; reason: 'emailTaken' }> {
  return db.transaction().execute(async (trx) => {
    if (await store.findSubscriberByEmail(trx, input.email))
      return { ok: false as const, reason: 'emailTaken' as const };
    const at = nowIso();
    const id = newId();
    await store.insertSubscriber(trx, {
      id,
      email: input.email,
      name: input.name,
      organisation_name: input.organisation,
      user_id: null,
      organisation_id: null,
      status: 'active',
      ...preferenceColumns(input.preferences),
      weekly: input.weekly ? 1 : 0,
      skip_empty: input.skipEmpty ? 1 : 0,
      confirm_token_hash: null,
      confirm_expires_at: null,
      confirmed_at: null,
      approved_at: at,
      approved_by: audit.userId ?? null,
      unsubscribed_at: null,
      permanent_failures: 0,
      paused_at: null,
      created_at: at,
      updated_at: at,
    });
    await recordAudit(trx, {
      ...audit,
      action: 'digest.subscriber.create',
      subjectType: 'digest_subscriber',
      subjectId: id,
    });
    return { ok: true as const, id };
  });
}

export async function updateSubscriberPreferences(
  db: Kysely<Database>,
  id: string,
  settings: { preferences?: DigestPreferences; weekly?: boolean; skipEmpty?: boolean },
  audit: AuditContext,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await store.findSubscriber(trx, id);
    if (!row) return false;
    await store.updateSubscriber(trx, id, {
      ...(settings.preferences ? preferenceColumns(settings.preferences) : {}),
      ...(settings.weekly === undefined ? {} : { weekly: settings.weekly ? 1 : 0 }),
      ...(settings.skipEmpty === undefined ? {} : { skip_empty: settings.skipEmpty ? 1 : 0 }),
      updated_at: nowIso(),
    });
    await recordAudit(trx, {
      ...audit,
      action: 'digest.subscriber.update',
      subjectType: 'digest_subscriber',
      subjectId: id,
    });
    return true;
  });
}

export async function removeSubscriber(
  db: Kysely<Database>,
  id: string,
  audit: AuditContext,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const removed = await store.deleteSubscriber(trx, id);
    if (removed === 0) return false;
    await recordAudit(trx, {
      ...audit,
      action: 'digest.subscriber.delete',
      subjectType: 'digest_subscriber',
      subjectId: id,
    });
    return true;
  });
}
