/**
 * Editions as they are built and kept: the title, the period an edition covers, freezing the
 * registry into it when sending starts (one delivery row per recipient, exactly one caller wins),
 * and reading editions and their items back for the archive, the control pages and previews
 * (docs/decisions/026). Scheduling, cancelling and progress are in sending.ts.
 */
import type { Kysely } from 'kysely';
import type { Database, DigestDeliveryTable, DigestEditionKind } from '../../platform/db/schema';
import { newId, nowIso } from '../../platform/db/time';
import type { Locale } from '../../platform/i18n';
import { tokyoDate } from '../../registry/listing/listing';
import {
  contentFor,
  type EditionContent,
  type FrozenItem,
  isEmptyContent,
  snapshotRegistry,
} from '../edition';
import { digestMessages } from '../messages';
import { preferenceKey, preferencesOfRow } from '../preferences';
import { messageIdOf } from '../sender';
import * as store from '../store';

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
