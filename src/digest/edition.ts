/**
 * What an edition holds: the registry frozen when sending starts (every opportunity that is open,
 * and those closed since the previous edition, each with its change: 新着 / 変更あり / 受付終了,
 * from the registry's publish, update and status times — see classifyChange), and the part of it
 * each subscriber's preferences select. `snapshotRegistry` reads; `contentFor` is pure.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema';
import { groupByMunicipality, type ListingEntry } from '../registry/listing/listing';
import { classifyChange, closedStatuses } from '../registry/opportunities/opportunity';
import { listOpportunityDetails } from '../registry/opportunities/store';
import { type DigestPreferences, matchesPreferences } from './preferences';

export type ChangeKind = 'new' | 'changed' | 'closed';

export type FrozenItem = { change: ChangeKind | null; isOpen: boolean; entry: ListingEntry };

/** The most opportunities one edition holds (the whole registry is far smaller). */
const MAX_ITEMS = 100_000;

/**
 * The registry as agencies see it (published at some time), classified against `since`: open
 * opportunities (status published) and those that closed after `since`.
 */
export async function snapshotRegistry(db: Kysely<Database>, since: string): Promise<FrozenItem[]> {
  const entries = await listOpportunityDetails(db, 'published', {
    statuses: ['published', ...closedStatuses],
    limit: MAX_ITEMS,
  });
  const items: FrozenItem[] = [];
  for (const entry of entries) {
    const change = classifyChange(entry, since) ?? null;
    const isOpen = entry.status === 'published';
    if (isOpen || change === 'closed') items.push({ change, isOpen, entry });
  }
  return items;
}

export type MunicipalityCount = { code: string; name: string; count: number };

export type EditionContent = {
  /** Open opportunities matching the preferences: the attached list. */
  open: ListingEntry[];
  new: ListingEntry[];
  changed: ListingEntry[];
  closed: ListingEntry[];
  counts: MunicipalityCount[];
};

export function contentFor(items: readonly FrozenItem[], preferences: DigestPreferences): EditionContent {
  const content: EditionContent = { open: [], new: [], changed: [], closed: [], counts: [] };
  for (const item of items) {
    if (!matchesPreferences(item.entry, preferences)) continue;
    if (item.isOpen) content.open.push(item.entry);
    if (item.change === 'new' && item.isOpen) content.new.push(item.entry);
    else if (item.change === 'changed' && item.isOpen) content.changed.push(item.entry);
    else if (item.change === 'closed') content.closed.push(item.entry);
  }
  content.counts = groupByMunicipality(content.open).map((g) => ({
    code: g.code,
    name: g.name,
    count: g.entries.length,
  }));
  return content;
}

/** Nothing to tell this subscriber: no open place and no change. */
export function isEmptyContent(content: EditionContent, kind: 'edition' | 'weekly'): boolean {
  if (kind === 'weekly') return content.new.length === 0;
  return content.open.length === 0 && content.closed.length === 0;
}
