/**
 * The use cases of はたらく場情報 by e-mail, each in one transaction with its audit row:
 * applying on the public form and confirming by link (double opt-in), council approval,
 * subscribing from an account, unsubscribing (one click), scheduling, freezing and cancelling an
 * edition, previews and a test to oneself.
 */
import type { Kysely } from 'kysely';
import { type AuditEntry, recordAudit } from '../platform/audit/audit';
import { hashToken, newToken } from '../platform/auth/tokens';
import type { Database, DigestDeliveryTable, DigestEditionKind } from '../platform/db/schema';
import { newId, nowIso } from '../platform/db/time';
import type { Locale } from '../platform/i18n';
import { enqueueJob } from '../platform/jobs/queue';
import { queueMail } from '../platform/mail/outbox';
import { findMunicipality } from '../reference/municipalities';
import { tokyoDate } from '../registry/listing/listing';
import { renderDigestAttachments } from './attachments';
import {
  contentFor,
  type EditionContent,
  type FrozenItem,
  isEmptyContent,
  snapshotRegistry,
} from './edition';
import { composeDigestMail, type DigestMail, describePreferences } from './mail';
import { digestMessages } from './messages';
import {
  type DigestPreferences,
  everything,
  preferenceColumns,
  preferenceKey,
  preferencesOfRow,
} from './preferences';
import { messageIdOf } from './sender';
import * as store from './store';
import { signUnsubscribeToken, verifyUnsubscribeToken } from './tokens';

export type AuditContext = Pick<AuditEntry, 'userId' | 'organisationId' | 'requestId' | 'ip'>;

export const digestSendJobName = 'digest.send';
export const CONFIRM_TTL_MS = 72 * 3_600_000;

function municipalityName(code: string): string {
  return findMunicipality(code)?.name ?? code;
}

// ---- subscribers ---------------------------------------------------------------------------

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

// ---- editions ------------------------------------------------------------------------------

export async function listEditions(db: Kysely<Database>, filter: Parameters<typeof store.listEditions>[1]) {
  return store.listEditions(db, filter);
}

export async function countEditions(
  db: Kysely<Database>,
  statuses?: Parameters<typeof store.countEditions>[1],
) {
  return store.countEditions(db, statuses);
}

export async function getEdition(db: Kysely<Database>, id: string) {
  return store.findEdition(db, id);
}

export function editionTitle(kind: DigestEditionKind, at: Date, locale: Locale = 'ja'): string {
  const m = digestMessages[locale];
  const date = tokyoDate(at);
  if (kind === 'weekly') return m.weeklyTitle(date);
  const [year, month] = date.split('-');
  return m.editionTitle(locale === 'ja' ? `${year}年${Number(month)}月` : `${year}-${month}`);
}

/**
 * Creates an edition to be sent at `at` (now when left out) and enqueues its sending job then.
 * The registry is frozen when sending starts, not now.
 */
export async function scheduleEdition(
  db: Kysely<Database>,
  input: { kind: DigestEditionKind; at?: Date; title?: string },
  audit: AuditContext,
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const at = input.at ?? new Date();
    const id = newId();
    await store.insertEdition(trx, {
      id,
      kind: input.kind,
      title: input.title ?? editionTitle(input.kind, at),
      status: 'scheduled',
      scheduled_for: nowIso(at),
      since: null,
      frozen_at: null,
      recipients: 0,
      created_by: audit.userId ?? null,
      created_at: nowIso(),
      finished_at: null,
      cancelled_at: null,
    });
    await enqueueJob(trx, {
      name: digestSendJobName,
      payload: { editionId: id },
      runAt: at,
      dedupeKey: `${digestSendJobName}:${id}:start`,
    });
    await recordAudit(trx, {
      ...audit,
      action: 'digest.edition.schedule',
      subjectType: 'digest_edition',
      subjectId: id,
      detail: { kind: input.kind, at: nowIso(at) },
    });
    return id;
  });
}

export async function cancelEdition(db: Kysely<Database>, id: string, audit: AuditContext): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const cancelled = await store.cancelScheduledEdition(trx, id, nowIso());
    if (cancelled) {
      await recordAudit(trx, {
        ...audit,
        action: 'digest.edition.cancel',
        subjectType: 'digest_edition',
        subjectId: id,
      });
    }
    return cancelled;
  });
}

const DEFAULT_SINCE_DAYS: Record<DigestEditionKind, number> = { edition: 62, weekly: 7 };

/** The start of an edition's changes: the previous edition of its kind, or a period back. */
async function sinceOf(db: Kysely<Database>, kind: DigestEditionKind, now: Date): Promise<string> {
  return (
    (await store.lastFrozenAt(db, kind)) ??
    nowIso(new Date(now.getTime() - DEFAULT_SINCE_DAYS[kind] * 86_400_000))
  );
}

/**
 * Freezes a scheduled edition and starts it: the registry's items are stored with the edition
 * (later edits do not change what it says), and one delivery row per active subscriber (weekly:
 * per subscriber with something new) is written under the UNIQUE (edition, subscriber). Exactly
 * one caller wins; false for the others, or when the edition was cancelled.
 */
export async function freezeEdition(
  db: Kysely<Database>,
  editionId: string,
  { baseUrl, now = new Date() }: { baseUrl: string; now?: Date },
): Promise<boolean> {
  const edition = await store.findEdition(db, editionId);
  if (edition?.status !== 'scheduled') return false;
  const since = await sinceOf(db, edition.kind, now);
  const snapshot = await snapshotRegistry(db, since);
  const items = edition.kind === 'weekly' ? snapshot.filter((i) => i.change === 'new' && i.isOpen) : snapshot;
  return db.transaction().execute(async (trx) => {
    const recipients = await store.listActiveRecipients(trx, { weeklyOnly: edition.kind === 'weekly' });
    const at = nowIso(now);
    const contents = new Map<string, EditionContent>();
    const deliveries: DigestDeliveryTable[] = [];
    for (const recipient of recipients) {
      const preferences = preferencesOfRow(recipient);
      const key = preferenceKey(preferences);
      let content = contents.get(key);
      if (!content) {
        content = contentFor(items, preferences);
        contents.set(key, content);
      }
      const empty = isEmptyContent(content, edition.kind);
      // The weekly mail goes only to those with something new.
      if (empty && edition.kind === 'weekly') continue;
      const id = newId();
      deliveries.push({
        id,
        edition_id: editionId,
        subscriber_id: recipient.id,
        email: recipient.email,
        status: empty && recipient.skip_empty === 1 ? 'skipped' : 'waiting',
        attempts: 0,
        next_attempt_at: at,
        lease_owner: null,
        lease_until: null,
        message_id: messageIdOf(id, baseUrl),
        content_key: key,
        last_error: null,
        sent_at: null,
        created_at: at,
      });
    }
    const started = await store.startEdition(trx, editionId, {
      since,
      frozenAt: at,
      recipients: deliveries.length,
    });
    if (!started) return false;
    await store.insertItems(
      trx,
      items.map((item, position) => ({
        edition_id: editionId,
        opportunity_id: item.entry.id,
        change: item.change,
        is_open: item.isOpen ? 1 : 0,
        municipality_code: item.entry.municipalityCode,
        position,
        snapshot: JSON.stringify(item.entry),
      })),
    );
    await store.insertDeliveries(trx, deliveries);
    return true;
  });
}

/** The edition's items: frozen ones once sending started, else the registry as it is now. */
export async function editionItems(db: Kysely<Database>, edition: store.EditionRow): Promise<FrozenItem[]> {
  if (edition.frozen_at) {
    const rows = await store.listItems(db, edition.id);
    return rows.map((row) => ({
      change: row.change,
      isOpen: row.is_open === 1,
      entry: JSON.parse(row.snapshot),
    }));
  }
  const snapshot = await snapshotRegistry(db, await sinceOf(db, edition.kind, new Date()));
  return edition.kind === 'weekly' ? snapshot.filter((i) => i.change === 'new' && i.isOpen) : snapshot;
}

export async function editionProgress(db: Kysely<Database>, id: string) {
  return store.deliveryCounts(db, id);
}

export async function listEditionDeliveries(
  db: Kysely<Database>,
  id: string,
  filter: Parameters<typeof store.listDeliveries>[2],
) {
  return store.listDeliveries(db, id, filter);
}

export type PreviewRecipient = { id: string; name: string; preferences: DigestPreferences };

/** The mail a recipient gets (or got) for an edition, and the content it was built from. */
export async function previewEdition(
  db: Kysely<Database>,
  edition: store.EditionRow,
  recipient: PreviewRecipient,
  {
    baseUrl,
    secret,
    locale = 'ja',
    test = false,
  }: { baseUrl: string; secret: string; locale?: Locale; test?: boolean },
): Promise<{ mail: DigestMail; content: EditionContent }> {
  const items = await editionItems(db, edition);
  const content = contentFor(items, recipient.preferences);
  const m = digestMessages[locale];
  const mail = composeDigestMail({
    locale,
    kind: edition.kind,
    title: edition.title,
    asOf: edition.frozen_at ?? nowIso(),
    recipientName: recipient.name,
    preferencesText: describePreferences(m, locale, recipient.preferences, municipalityName),
    content,
    baseUrl,
    unsubscribeUrl: `${baseUrl}/digest/unsubscribe/${signUnsubscribeToken(secret, recipient.id)}`,
    hasAttachments: edition.kind === 'edition' && content.open.length > 0,
    test,
  });
  return { mail, content };
}

/**
 * Sends the edition as `user` would get it (their own subscription's preferences, or
 * everything) to the user's own address, through the outbox, attachments included.
 */
export async function sendTestToSelf(
  db: Kysely<Database>,
  edition: store.EditionRow,
  user: { id: string; name: string; email: string },
  { baseUrl, secret, audit }: { baseUrl: string; secret: string; audit: AuditContext },
): Promise<void> {
  const own = await store.findSubscriberByUser(db, user.id);
  const preferences = own ? preferencesOfRow(own) : everything;
  const recipient = { id: own?.id ?? user.id, name: user.name, preferences };
  const { mail, content } = await previewEdition(db, edition, recipient, { baseUrl, secret, test: true });
  const m = digestMessages.ja;
  const conditionsText = describePreferences(m, 'ja', preferences, municipalityName);
  const attachments =
    edition.kind === 'edition' && content.open.length > 0
      ? await renderDigestAttachments({
          key: 'test',
          locale: 'ja',
          entries: content.open,
          asOf: new Date(edition.frozen_at ?? nowIso()),
          baseUrl,
          conditions: conditionsText === m.anyPreference ? [] : [conditionsText],
        })
      : [];
  await db.transaction().execute(async (trx) => {
    await queueMail(trx, {
      to: user.email,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: mail.headers,
      attachments,
    });
    await recordAudit(trx, {
      ...audit,
      action: 'digest.edition.test',
      subjectType: 'digest_edition',
      subjectId: edition.id,
    });
  });
}
