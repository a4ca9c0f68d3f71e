/**
 * The history of an opportunity (opportunity_version): one row per change, with who, when,
 * which fields before/after and a full snapshot.
 */
import { newId } from '../../../platform/db/time';
import type { Executor } from './scope';

export async function insertVersion(
  db: Executor,
  row: {
    opportunityId: string;
    version: number;
    kind: 'create' | 'update' | 'status' | 'confirm';
    changedBy: string | null;
    changedAt: string;
    changes: Record<string, { before: unknown; after: unknown }>;
    snapshot: unknown;
  },
): Promise<void> {
  await db
    .insertInto('opportunity_version')
    .values({
      id: newId(),
      opportunity_id: row.opportunityId,
      version: row.version,
      kind: row.kind,
      changed_by: row.changedBy,
      changed_at: row.changedAt,
      changes: JSON.stringify(row.changes),
      snapshot: JSON.stringify(row.snapshot),
    })
    .execute();
}

export type VersionEntry = {
  version: number;
  kind: 'create' | 'update' | 'status' | 'confirm';
  changedAt: string;
  changedByName: string | null;
  changes: Record<string, { before: unknown; after: unknown }>;
};

/** The history of an opportunity, newest first (the caller has checked it may read it). */
export async function listVersions(db: Executor, opportunityId: string, limit = 50): Promise<VersionEntry[]> {
  const rows = await db
    .selectFrom('opportunity_version as v')
    .leftJoin('app_user as u', 'u.id', 'v.changed_by')
    .select(['v.version', 'v.kind', 'v.changed_at', 'u.name as changedByName', 'v.changes'])
    .where('v.opportunity_id', '=', opportunityId)
    .orderBy('v.version', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    version: r.version,
    kind: r.kind,
    changedAt: r.changed_at,
    changedByName: r.changedByName,
    changes: JSON.parse(r.changes) as VersionEntry['changes'],
  }));
}
