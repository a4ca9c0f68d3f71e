/**
 * The export use case: read the opportunities in the actor's scope for a download, and record
 * in the audit trail who took which list (the files carry facility contacts), in one transaction.
 */
import type { Kysely } from 'kysely';
import { type AuditEntry, recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/policy';
import type { Database } from '../../platform/db/schema';
import type { OpportunityStatus } from '../opportunities/opportunity';
import { listOpportunityDetailsFor } from '../opportunities/service';
import { listOpportunityDetailsByIds } from '../opportunities/store';
import type { ListingEntry } from './listing';

export type ExportFormat = 'pdf' | 'xlsx' | 'csv';

/**
 * The opportunities for an export (scope as on /opportunities, at most `limit`), how many
 * matched in all, and an 'opportunity.export' audit row (format, statuses, count).
 */
export async function exportOpportunityListing(
  db: Kysely<Database>,
  actor: Actor,
  request: { format: ExportFormat; statuses?: OpportunityStatus[]; limit: number },
  audit: Pick<AuditEntry, 'userId' | 'organisationId' | 'requestId' | 'ip'>,
): Promise<{ items: ListingEntry[]; total: number }> {
  return db.transaction().execute(async (trx) => {
    const result = await listOpportunityDetailsFor(trx, actor, {
      statuses: request.statuses,
      limit: request.limit,
    });
    await recordAudit(trx, {
      ...audit,
      action: 'opportunity.export',
      subjectType: 'opportunity',
      detail: {
        format: request.format,
        statuses: request.statuses ?? 'all',
        count: result.items.length,
        total: result.total,
      },
    });
    return result;
  });
}

/**
 * The opportunities of a search result for an export (registry/search/routes.tsx): their details
 * in the search's order (ids out of the actor's scope are left out), and an 'opportunity.export'
 * audit row naming the search (its canonical query), in one transaction.
 */
export async function exportSearchListing(
  db: Kysely<Database>,
  actor: Actor,
  request: { format: ExportFormat; ids: readonly string[]; total: number; query: string },
  audit: Pick<AuditEntry, 'userId' | 'organisationId' | 'requestId' | 'ip'>,
): Promise<{ items: ListingEntry[]; total: number }> {
  return db.transaction().execute(async (trx) => {
    const items = await listOpportunityDetailsByIds(trx, actor, request.ids);
    await recordAudit(trx, {
      ...audit,
      action: 'opportunity.export',
      subjectType: 'opportunity',
      detail: { format: request.format, search: request.query, count: items.length, total: request.total },
    });
    return { items, total: request.total };
  });
}
