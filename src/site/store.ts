/**
 * The public site's read-only view of the registry: participating corporations and the public
 * summaries of their work places. Only what the public summary page (/p/opportunities/:id) already
 * shows is selected — no contacts, no capacity, no open-place counts (docs/decisions/027).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema';
import { publicStatuses, type TaskCategory, type WorkFormOffer } from '../registry/opportunities/opportunity';

export type PublicWorkPlace = {
  id: string;
  title: string;
  status: string;
  tasks: TaskCategory[];
  workForms: WorkFormOffer[];
  facilityName: string;
  municipalityCode: string;
  corporationId: string;
  corporationName: string;
};

function parseList<T>(json: string): T[] {
  try {
    const value = JSON.parse(json);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

/**
 * Work places the public may see: listed statuses (accepting, full, paused) at active facilities
 * of active corporations; `acceptingOnly` keeps those accepting people now.
 */
export async function listPublicWorkPlaces(
  db: Kysely<Database>,
  options: { acceptingOnly: boolean },
): Promise<PublicWorkPlace[]> {
  const rows = await db
    .selectFrom('opportunity as o')
    .innerJoin('facility as f', 'f.id', 'o.facility_id')
    .innerJoin('organisation as c', 'c.id', 'f.corporation_id')
    .select([
      'o.id',
      'o.title',
      'o.status',
      'o.tasks',
      'o.work_forms',
      'f.name as facilityName',
      'f.municipality_code as municipalityCode',
      'c.id as corporationId',
      'c.name as corporationName',
    ])
    .where('o.status', 'in', options.acceptingOnly ? ['published'] : publicStatuses)
    .where('f.active', '=', 1)
    .where('c.active', '=', 1)
    .orderBy('f.municipality_code')
    .orderBy('o.title')
    .orderBy('o.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    status: row.status,
    tasks: parseList<TaskCategory>(row.tasks),
    workForms: parseList<WorkFormOffer>(row.work_forms),
    facilityName: row.facilityName,
    municipalityCode: row.municipalityCode,
    corporationId: row.corporationId,
    corporationName: row.corporationName,
  }));
}

/** The participating corporations from the program's public list, with the month it was read. */
export async function listParticipatingCorporations(db: Kysely<Database>) {
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'participation_as_of'])
    .where('kind', '=', 'corporation')
    .where('is_reference', '=', 1)
    .where('active', '=', 1)
    .execute();
}
