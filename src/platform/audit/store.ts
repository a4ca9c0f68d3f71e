/** Reading the audit trail (writing is audit.ts). Only council admins reach these queries. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export type AuditFilter = {
  /** Inclusive ISO-8601 UTC bounds. */
  from?: string;
  to?: string;
  /** Matches the action exactly or as a prefix ending in a dot, e.g. 'auth.' */
  action?: string;
  userEmail?: string;
  subjectType?: string;
  subjectId?: string;
};

function filtered(db: Kysely<Database>, filter: AuditFilter) {
  let query = db
    .selectFrom('audit_event as a')
    .leftJoin('app_user as u', 'u.id', 'a.user_id')
    .leftJoin('organisation as o', 'o.id', 'a.organisation_id');
  if (filter.from) query = query.where('a.at', '>=', filter.from);
  if (filter.to) query = query.where('a.at', '<=', filter.to);
  if (filter.action) {
    const action = filter.action;
    query = action.endsWith('.')
      ? query.where('a.action', 'like', `${action.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`)
      : query.where('a.action', '=', action);
  }
  if (filter.userEmail) query = query.where('u.email', '=', filter.userEmail);
  if (filter.subjectType) query = query.where('a.subject_type', '=', filter.subjectType);
  if (filter.subjectId) query = query.where('a.subject_id', '=', filter.subjectId);
  return query;
}

const columns = [
  'a.id as id',
  'a.at as at',
  'a.action as action',
  'a.subject_type as subjectType',
  'a.subject_id as subjectId',
  'a.detail as detail',
  'a.ip as ip',
  'a.request_id as requestId',
  'u.email as userEmail',
  'u.name as userName',
  'o.name as organisationName',
] as const;

/** Newest first; ids are UUID v7, so they break ties between events of the same millisecond. */
export async function listAuditEvents(
  db: Kysely<Database>,
  filter: AuditFilter,
  page: { limit: number; offset: number },
) {
  return filtered(db, filter)
    .select(columns)
    .orderBy('a.at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export type AuditRow = Awaited<ReturnType<typeof listAuditEvents>>[number];

export async function countAuditEvents(db: Kysely<Database>, filter: AuditFilter): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Streams every matching event in pages, oldest first, so an export never holds the whole log. */
export async function* iterateAuditEvents(db: Kysely<Database>, filter: AuditFilter, pageSize = 1000) {
  let after: { at: string; id: string } | undefined;
  for (;;) {
    let query = filtered(db, filter).select(columns).orderBy('a.at').orderBy('a.id').limit(pageSize);
    if (after) {
      const cursor = after;
      query = query.where((eb) =>
        eb.or([eb('a.at', '>', cursor.at), eb.and([eb('a.at', '=', cursor.at), eb('a.id', '>', cursor.id)])]),
      );
    }
    const rows = await query.execute();
    for (const row of rows) yield row;
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return;
    after = { at: last.at, id: last.id };
  }
}
