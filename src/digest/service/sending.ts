/**
 * Control over when an edition is sent, each change in one transaction with its audit row:
 * scheduling (its 'digest.send' job is enqueued for then), sending a scheduled edition now,
 * cancelling one not yet started, and reading its delivery progress. The sending itself is the
 * job's (jobs.ts, sender.ts).
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit/audit';
import type { Database, DigestEditionKind } from '../../platform/db/schema';
import { newId, nowIso } from '../../platform/db/time';
import { enqueueJob } from '../../platform/jobs/queue';
import * as store from '../store';
import type { AuditContext } from './audit-context';
import { editionTitle } from './editions';

export const digestSendJobName = 'digest.send';

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

/** Starts a scheduled edition at once; the job at the scheduled time then finds it sending or sent. */
export async function sendEditionNow(db: Kysely<Database>, edition: store.EditionRow): Promise<void> {
  if (edition.status !== 'scheduled') return;
  await enqueueJob(db, {
    name: digestSendJobName,
    payload: { editionId: edition.id },
    dedupeKey: `${digestSendJobName}:${edition.id}:now`,
  });
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
