/**
 * The SQL of the digest's editions and their frozen items: scheduling, starting (exactly one
 * caller wins), cancelling and finishing an edition, and the items stored when it was frozen.
 * Columns are named, never selectAll.
 */
import type { Kysely, Transaction } from 'kysely';
import type {
  Database,
  DigestEditionItemTable,
  DigestEditionKind,
  DigestEditionStatus,
  DigestEditionTable,
} from '../../platform/db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

const editionColumns = [
  'id',
  'kind',
  'title',
  'status',
  'scheduled_for',
  'since',
  'frozen_at',
  'recipients',
  'created_by',
  'created_at',
  'finished_at',
  'cancelled_at',
] as const;

export type EditionRow = Pick<DigestEditionTable, (typeof editionColumns)[number]>;

export async function insertEdition(db: Executor, row: DigestEditionTable): Promise<void> {
  await db.insertInto('digest_edition').values(row).execute();
}

export async function findEdition(db: Executor, id: string): Promise<EditionRow | undefined> {
  return db.selectFrom('digest_edition').select(editionColumns).where('id', '=', id).executeTakeFirst();
}

export async function listEditions(
  db: Executor,
  { statuses, limit, offset }: { statuses?: readonly DigestEditionStatus[]; limit: number; offset: number },
): Promise<EditionRow[]> {
  let query = db
    .selectFrom('digest_edition')
    .select(editionColumns)
    .orderBy('scheduled_for', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset);
  if (statuses && statuses.length > 0) query = query.where('status', 'in', statuses);
  return query.execute();
}

export async function countEditions(
  db: Executor,
  statuses?: readonly DigestEditionStatus[],
): Promise<number> {
  let query = db.selectFrom('digest_edition').select((eb) => eb.fn.countAll<number | string>().as('n'));
  if (statuses && statuses.length > 0) query = query.where('status', 'in', statuses);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/** Whether an edition of `kind` (not cancelled) is scheduled between `from` and `to`. */
export async function hasEditionBetween(
  db: Executor,
  kind: DigestEditionKind,
  { from, to }: { from: string; to: string },
): Promise<boolean> {
  const row = await db
    .selectFrom('digest_edition')
    .select('id')
    .where('kind', '=', kind)
    .where('status', '!=', 'cancelled')
    .where('scheduled_for', '>=', from)
    .where('scheduled_for', '<=', to)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** When the last frozen edition of `kind` was taken: the start of the next one's changes. */
export async function lastFrozenAt(db: Executor, kind: DigestEditionKind): Promise<string | undefined> {
  const row = await db
    .selectFrom('digest_edition')
    .select('frozen_at')
    .where('kind', '=', kind)
    .where('frozen_at', 'is not', null)
    .orderBy('frozen_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.frozen_at ?? undefined;
}

/**
 * Takes a scheduled edition for sending: true for exactly one caller. Inside the freezing
 * transaction, so the items and deliveries are written by the one that won.
 */
export async function startEdition(
  db: Executor,
  id: string,
  { since, frozenAt, recipients }: { since: string; frozenAt: string; recipients: number },
): Promise<boolean> {
  const result = await db
    .updateTable('digest_edition')
    .set({ status: 'sending', since, frozen_at: frozenAt, recipients })
    .where('id', '=', id)
    .where('status', '=', 'scheduled')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function cancelScheduledEdition(db: Executor, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('digest_edition')
    .set({ status: 'cancelled', cancelled_at: now })
    .where('id', '=', id)
    .where('status', '=', 'scheduled')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function finishEdition(db: Executor, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('digest_edition')
    .set({ status: 'sent', finished_at: now })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Editions still sending: the resume schedule enqueues a sender for each. */
export async function listSendingEditionIds(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('digest_edition').select('id').where('status', '=', 'sending').execute();
  return rows.map((r) => r.id);
}

export async function insertItems(db: Executor, rows: readonly DigestEditionItemTable[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 100) {
    await db
      .insertInto('digest_edition_item')
      .values(rows.slice(start, start + 100))
      .execute();
  }
}

export async function listItems(db: Executor, editionId: string) {
  return db
    .selectFrom('digest_edition_item')
    .select(['opportunity_id', 'change', 'is_open', 'municipality_code', 'snapshot'])
    .where('edition_id', '=', editionId)
    .orderBy('position')
    .execute();
}
