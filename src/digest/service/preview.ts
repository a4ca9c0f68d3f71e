/**
 * An edition as one recipient sees it, before or after sending: the preview the council reads
 * (as any subscriber, or with every preference) and the test mail sent to one's own address
 * through the outbox, attachments included.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit/audit';
import type { Database } from '../../platform/db/schema';
import { nowIso } from '../../platform/db/time';
import type { Locale } from '../../platform/i18n';
import { queueMail } from '../../platform/mail/outbox';
import { renderDigestAttachments } from '../attachments';
import { contentFor, type EditionContent } from '../edition';
import { composeDigestMail, type DigestMail, describePreferences } from '../mail';
import { digestMessages } from '../messages';
import { type DigestPreferences, everything, municipalityName, preferencesOfRow } from '../preferences';
import * as store from '../store';
import { signUnsubscribeToken } from '../tokens';
import type { AuditContext } from './audit-context';
import { editionItems } from './editions';

export type PreviewRecipient = { id: string; name: string; preferences: DigestPreferences };

/** Who a preview is for: the chosen subscriber, or else the viewer with every preference. */
export function previewRecipientOf(
  subscriber: store.SubscriberRow | undefined,
  viewer: { id: string; name: string },
): PreviewRecipient {
  return subscriber
    ? { id: subscriber.id, name: subscriber.name, preferences: preferencesOfRow(subscriber) }
    : { id: viewer.id, name: viewer.name, preferences: everything };
}

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
