/**
 * Use cases of a facility's 認定: read it, record or update it (with its audit row, in one
 * transaction). The facility is looked up through the facilities service, so its scoping holds.
 */
import type { Kysely } from 'kysely';
import { type AuditEntry, recordAudit } from '../../platform/audit/audit';
import { type Actor, can } from '../../platform/auth/policy';
import type { Database } from '../../platform/db/schema';
import { nowIso } from '../../platform/db/time';
import { getFacility } from '../facilities/service';
import {
  type CertificationErrorCode,
  type CertificationField,
  isValidCertification,
  tokyoToday,
  validateCertification,
} from './certification';
import { type CertificationRow, findCertification, upsertCertification } from './store';

export type AuditContext = Pick<AuditEntry, 'userId' | 'organisationId' | 'requestId' | 'ip'>;

export type CertificationOutcome =
  | { status: 'ok' }
  | { status: 'invalid'; errors: Partial<Record<CertificationField, CertificationErrorCode>> }
  | { status: 'not_found' }
  | { status: 'forbidden' };

/** The facility's 認定, if the actor may see the facility and read it. */
export async function getCertification(
  db: Kysely<Database>,
  actor: Actor,
  facilityId: string,
): Promise<CertificationRow | undefined> {
  const facility = await getFacility(db, actor, facilityId);
  if (!facility) return undefined;
  if (
    !can(actor, 'certification.read', {
      kind: 'facility',
      id: facility.id,
      corporationId: facility.corporationId,
    })
  ) {
    return undefined;
  }
  return findCertification(db, facilityId);
}

/** Whether the facility may offer work forms B–D (no actor: callers have scoped the facility). */
export async function facilityHasValidCertification(
  db: Kysely<Database>,
  facilityId: string,
): Promise<boolean> {
  return isValidCertification(await findCertification(db, facilityId));
}

export async function recordCertification(
  db: Kysely<Database>,
  actor: Actor,
  facilityId: string,
  raw: Partial<Record<CertificationField, unknown>>,
  audit: AuditContext,
  now = new Date(),
): Promise<CertificationOutcome> {
  return db.transaction().execute(async (trx): Promise<CertificationOutcome> => {
    const facility = await getFacility(trx, actor, facilityId);
    if (!facility) return { status: 'not_found' };
    if (
      !can(actor, 'certification.update', {
        kind: 'facility',
        id: facility.id,
        corporationId: facility.corporationId,
      })
    ) {
      return { status: 'forbidden' };
    }
    const parsed = validateCertification(raw, tokyoToday(now));
    if (!parsed.ok) return { status: 'invalid', errors: parsed.errors };
    const before = await findCertification(trx, facilityId);
    await upsertCertification(trx, facilityId, parsed.value, nowIso(now));
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    for (const [key, value] of Object.entries(parsed.value)) {
      const was = before ? before[key as CertificationField] : null;
      if (was !== value) changes[key] = { before: was, after: value };
    }
    await recordAudit(trx, {
      ...audit,
      action: 'certification.update',
      subjectType: 'facility',
      subjectId: facilityId,
      detail: { corporationId: facility.corporationId, changes },
    });
    return { status: 'ok' };
  });
}
