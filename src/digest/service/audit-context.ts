/**
 * The request's part of the audit row that every digest use case writes with its change (who,
 * from which organisation, which request and address), taken by each use case from its caller.
 */
import type { AuditEntry } from '../../platform/audit/audit';

export type AuditContext = Pick<AuditEntry, 'userId' | 'organisationId' | 'requestId' | 'ip'>;
