/**
 * Use cases of はたらく場: create, update, change status, confirm, and the scoped reads. Each
 * change checks the policy, validates, writes the row, one opportunity_version (who, when, which
 * fields before/after, full snapshot) and one audit row, all in one transaction.
 */
import type { Kysely, Transaction } from 'kysely';
import { syncOpenPlacesIn } from '../../placements/service';
import { type AuditEntry, recordAudit } from '../../platform/audit/audit';
import { type Actor, can } from '../../platform/auth/policy';
import type { Database } from '../../platform/db/schema';
import { newId, nowIso } from '../../platform/db/time';
import { toSearchText } from '../../platform/text/normalise';
import { facilityHasValidCertification } from '../certifications/service';
import { getFacility } from '../facilities/service';
import {
  diffValues,
  needsCertification,
  type OpportunityErrors,
  type OpportunityInput,
  type OpportunityStatus,
  type OpportunityValues,
  type TaskCategory,
  taskCategoryLabels,
  transitionStatus,
  validateOpportunity,
} from './opportunity';
import {
  columnsOf,
  countOpportunities,
  findOpportunity,
  findOpportunitySubject,
  insertOpportunity,
  insertVersion,
  listOpportunities,
  listOpportunityDetails,
  listSearchSources,
  listVersions,
  type OpportunityDetail,
  type OpportunityFilter,
  type OpportunitySummary,
  replaceWindows,
  updateOpportunityRow,
  type VersionEntry,
} from './store';

export type { OpportunityDetail, OpportunitySummary, VersionEntry };

export type AuditContext = Pick<AuditEntry, 'userId' | 'organisationId' | 'requestId' | 'ip'>;

export type OpportunityOutcome =
  | { status: 'ok'; id: string }
  | { status: 'invalid'; errors: OpportunityErrors }
  | { status: 'not_found' }
  | { status: 'forbidden' }
  /** Someone else saved the opportunity after the form was opened. */
  | { status: 'conflict' };

/** The stored search form: title, description, task labels and facility name (toSearchText). */
export function opportunitySearchText(
  values: Pick<OpportunityValues, 'title' | 'description' | 'tasks'>,
  facilityName: string,
): string {
  return toSearchText(
    values.title,
    values.description,
    ...values.tasks.map((t) => taskCategoryLabels[t]),
    facilityName,
  );
}

/** What a version row keeps: every value (windows included) and the status. */
function snapshotOf(values: OpportunityValues, status: OpportunityStatus) {
  return { ...values, status };
}

type Options = { now?: Date; isDemo?: boolean };

/** Registers a はたらく場 at a facility, as a draft (or published at once, e.g. demo data). */
export async function createOpportunity(
  db: Kysely<Database>,
  actor: Actor,
  facilityId: string,
  input: OpportunityInput,
  audit: AuditContext,
  options: Options & { status?: 'draft' | 'published' } = {},
): Promise<OpportunityOutcome> {
  return db
    .transaction()
    .execute((trx) => createOpportunityIn(trx, actor, facilityId, input, audit, options));
}

/**
 * createOpportunity inside a transaction the caller holds, so a use case that registers many
 * (the spreadsheet import) writes them all, with their versions and audit rows, or none.
 */
export async function createOpportunityIn(
  trx: Transaction<Database>,
  actor: Actor,
  facilityId: string,
  input: OpportunityInput,
  audit: AuditContext,
  options: Options & { status?: 'draft' | 'published' } = {},
): Promise<OpportunityOutcome> {
  const now = nowIso(options.now);
  const facility = await getFacility(trx, actor, facilityId);
  if (!facility) return { status: 'not_found' };
  if (
    !can(actor, 'opportunity.create', {
      kind: 'facility',
      id: facility.id,
      corporationId: facility.corporationId,
    })
  ) {
    return { status: 'forbidden' };
  }
  const parsed = validateOpportunity(input, {
    hasValidCertification: await facilityHasValidCertification(trx, facility.id),
  });
  if (!parsed.ok) return { status: 'invalid', errors: parsed.errors };
  const id = newId();
  const status = options.status ?? 'draft';
  await insertOpportunity(trx, {
    ...columnsOf(parsed.value),
    id,
    facility_id: facility.id,
    status,
    search_text: opportunitySearchText(parsed.value, facility.name),
    is_demo: options.isDemo ? 1 : 0,
    created_at: now,
    updated_at: now,
    published_at: status === 'published' ? now : null,
    status_changed_at: now,
    last_confirmed_at: now,
  });
  await replaceWindows(trx, id, parsed.value.windows);
  const changes = diffValues({}, { ...parsed.value, status });
  await insertVersion(trx, {
    opportunityId: id,
    version: 1,
    kind: 'create',
    changedBy: audit.userId ?? null,
    changedAt: now,
    changes,
    snapshot: snapshotOf(parsed.value, status),
  });
  await recordAudit(trx, {
    ...audit,
    action: 'opportunity.create',
    subjectType: 'opportunity',
    subjectId: id,
    detail: {
      facilityId: facility.id,
      corporationId: facility.corporationId,
      version: 1,
      fields: Object.keys(changes),
    },
  });
  return { status: 'ok', id };
}

/**
 * Replaces an opportunity's values with `input` (every field; a form or a merged PATCH). Saving
 * also confirms the information as current. `expectedVersion` (the version the form showed)
 * refuses to overwrite someone else's later save.
 */
export async function updateOpportunity(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  input: OpportunityInput,
  audit: AuditContext,
  options: Options & { expectedVersion?: number } = {},
): Promise<OpportunityOutcome> {
  const now = nowIso(options.now);
  return db.transaction().execute(async (trx): Promise<OpportunityOutcome> => {
    const before = await findOpportunity(trx, actor, id);
    if (!before) return { status: 'not_found' };
    if (!can(actor, 'opportunity.update', subjectOf(before))) return { status: 'forbidden' };
    if (options.expectedVersion !== undefined && options.expectedVersion !== before.version) {
      return { status: 'conflict' };
    }
    const parsed = validateOpportunity(input, {
      hasValidCertification: await facilityHasValidCertification(trx, before.facilityId),
    });
    if (!parsed.ok) return { status: 'invalid', errors: parsed.errors };
    const changes = diffValues(before.values, parsed.value);
    if (Object.keys(changes).length === 0) return { status: 'ok', id };
    const version = before.version + 1;
    await updateOpportunityRow(trx, id, {
      ...columnsOf(parsed.value),
      search_text: opportunitySearchText(parsed.value, before.facilityName),
      version,
      updated_at: now,
      last_confirmed_at: now,
    });
    if (changes.windows) {
      await replaceWindows(trx, id, parsed.value.windows);
      await syncOpenPlacesIn(trx, id);
    }
    await insertVersion(trx, {
      opportunityId: id,
      version,
      kind: 'update',
      changedBy: audit.userId ?? null,
      changedAt: now,
      changes,
      snapshot: snapshotOf(parsed.value, before.status),
    });
    await recordAudit(trx, {
      ...audit,
      action: 'opportunity.update',
      subjectType: 'opportunity',
      subjectId: id,
      detail: {
        facilityId: before.facilityId,
        corporationId: before.corporationId,
        version,
        fields: Object.keys(changes),
      },
    });
    return { status: 'ok', id };
  });
}

function subjectOf(o: Pick<OpportunityDetail, 'id' | 'facilityId' | 'corporationId' | 'status'>) {
  return {
    kind: 'opportunity',
    id: o.id,
    facilityId: o.facilityId,
    corporationId: o.corporationId,
    status: o.status,
  } as const;
}

/**
 * Moves an opportunity to another status (draft → published → paused | full → archived).
 * Publishing checks again that forms B–D still have the facility's valid 認定.
 */
export async function changeOpportunityStatus(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  to: OpportunityStatus,
  audit: AuditContext,
  options: Options = {},
): Promise<OpportunityOutcome> {
  const now = nowIso(options.now);
  return db.transaction().execute(async (trx): Promise<OpportunityOutcome> => {
    const before = await findOpportunity(trx, actor, id);
    if (!before) return { status: 'not_found' };
    if (!can(actor, 'opportunity.update', subjectOf(before))) return { status: 'forbidden' };
    const moved = transitionStatus(before.status, to);
    if (!moved.ok) return { status: 'invalid', errors: { status: 'invalidChoice' } };
    if (
      to === 'published' &&
      before.values.work_forms.some(needsCertification) &&
      !(await facilityHasValidCertification(trx, before.facilityId))
    ) {
      return { status: 'invalid', errors: { work_forms: 'certificationRequired' } };
    }
    const version = before.version + 1;
    const changes: Record<string, { before: unknown; after: unknown }> = {
      status: { before: before.status, after: to },
    };
    const publishedAt = before.publishedAt ?? (to === 'published' ? now : null);
    if (publishedAt !== before.publishedAt)
      changes.published_at = { before: before.publishedAt, after: publishedAt };
    await updateOpportunityRow(trx, id, {
      status: to,
      version,
      published_at: publishedAt,
      status_changed_at: now,
      updated_at: now,
      last_confirmed_at: now,
    });
    await insertVersion(trx, {
      opportunityId: id,
      version,
      kind: 'status',
      changedBy: audit.userId ?? null,
      changedAt: now,
      changes,
      snapshot: snapshotOf(before.values, to),
    });
    await recordAudit(trx, {
      ...audit,
      action: 'opportunity.status',
      subjectType: 'opportunity',
      subjectId: id,
      detail: {
        facilityId: before.facilityId,
        corporationId: before.corporationId,
        version,
        from: before.status,
        to,
      },
    });
    return { status: 'ok', id };
  });
}

/** 「内容に変更はありません」: one click that records the information as still current. */
export async function confirmOpportunity(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  audit: AuditContext,
  options: Options = {},
): Promise<OpportunityOutcome> {
  const now = nowIso(options.now);
  return db.transaction().execute(async (trx): Promise<OpportunityOutcome> => {
    const before = await findOpportunity(trx, actor, id);
    if (!before) return { status: 'not_found' };
    if (!can(actor, 'opportunity.confirm', subjectOf(before))) return { status: 'forbidden' };
    const version = before.version + 1;
    await updateOpportunityRow(trx, id, { version, last_confirmed_at: now });
    await insertVersion(trx, {
      opportunityId: id,
      version,
      kind: 'confirm',
      changedBy: audit.userId ?? null,
      changedAt: now,
      changes: { last_confirmed_at: { before: before.lastConfirmedAt, after: now } },
      snapshot: snapshotOf(before.values, before.status),
    });
    await recordAudit(trx, {
      ...audit,
      action: 'opportunity.confirm',
      subjectType: 'opportunity',
      subjectId: id,
      detail: { facilityId: before.facilityId, corporationId: before.corporationId, version },
    });
    return { status: 'ok', id };
  });
}

export function getOpportunity(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<OpportunityDetail | undefined> {
  return findOpportunity(db, actor, id);
}

/** The policy subject for authorize(): undefined when out of the actor's scope (a 404). */
export function getOpportunitySubject(db: Kysely<Database>, actor: Actor, id: string) {
  return findOpportunitySubject(db, actor, id);
}

/** The history of an opportunity the actor may read, newest first. */
export async function getOpportunityHistory(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<VersionEntry[] | undefined> {
  const subject = await findOpportunitySubject(db, actor, id);
  if (!subject || !can(actor, 'opportunity.read', subject)) return undefined;
  return listVersions(db, id);
}

export async function listOpportunitiesFor(
  db: Kysely<Database>,
  actor: Actor,
  filter: OpportunityFilter & { limit: number; offset: number },
): Promise<{ items: OpportunitySummary[]; total: number }> {
  const [items, total] = await Promise.all([
    listOpportunities(db, actor, filter),
    countOpportunities(db, actor, filter),
  ]);
  return { items, total };
}

/** Keeps the stored search text true after a facility is renamed (facilities' service calls it). */
export async function refreshOpportunitySearchText(
  db: Kysely<Database>,
  facilityId: string,
  facilityName: string,
) {
  for (const row of await listSearchSources(db, facilityId)) {
    const tasks = JSON.parse(row.tasks) as TaskCategory[];
    await updateOpportunityRow(db, row.id, {
      search_text: opportunitySearchText(
        { title: row.title, description: row.description, tasks },
        facilityName,
      ),
    });
  }
}

/**
 * Every opportunity in the actor's scope matching `filter` (up to `limit`), with contacts and
 * windows, in printed-list order; and how many match in all (so a capped export can say so).
 */
export async function listOpportunityDetailsFor(
  db: Kysely<Database>,
  actor: Actor,
  filter: OpportunityFilter & { limit: number },
): Promise<{ items: OpportunityDetail[]; total: number }> {
  const [items, total] = await Promise.all([
    listOpportunityDetails(db, actor, filter),
    countOpportunities(db, actor, filter),
  ]);
  return { items, total };
}
