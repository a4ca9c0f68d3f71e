/** Who a referral use case acts for: the audit fields, and the party that makes a transition. */
import type { AuditEntry } from '../../platform/audit/audit';
import type { Party } from '../state-machine';

export type AuditActor = Pick<AuditEntry, 'userId' | 'organisationId' | 'requestId' | 'ip'>;
/** Who makes a transition: a user of the agency or the facility side, or the system (job). */
export type ReferralActor = { userId: string; organisationId: string; party: Party } & AuditActor;
