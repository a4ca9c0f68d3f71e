/**
 * The council's closing reasons: the list, the reasons that fit a closing event, and saving the
 * edited list (referral_reason.manage; codes are never deleted).
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit/audit';
import { type Actor, can } from '../../platform/auth/policy';
import type { Database } from '../../platform/db/schema';
import { nowIso } from '../../platform/db/time';
import { type ReferralEvent, reasonRequired } from '../state-machine';
import { type CloseReason, listCloseReasons, upsertCloseReason } from '../store/close-reasons';
import type { Executor } from '../store/referrals';
import type { AuditActor } from './actors';

type Closing = NonNullable<(typeof reasonRequired)[ReferralEvent]>;

export function closeReasons(db: Executor): Promise<CloseReason[]> {
  return listCloseReasons(db);
}

/** The active reasons that fit an event that closes a referral. */
export function reasonsFor(reasons: readonly CloseReason[], event: ReferralEvent): CloseReason[] {
  const closing = reasonRequired[event];
  if (!closing) return [];
  return reasons.filter((r) => r.active && fitsClosing(r, closing));
}

/** Whether a reason is offered for this way of closing (declined, not agreed or withdrawn). */
export function fitsClosing(reason: CloseReason, closing: Closing): boolean {
  return (
    (closing === 'declined' && reason.forDeclined) ||
    (closing === 'not_agreed' && reason.forNotAgreed) ||
    (closing === 'withdrawn' && reason.forWithdrawn)
  );
}

export type ReasonErrors = Record<string, 'required' | 'tooLong' | 'invalidChoice'>;

/** Saves the council's edited list (referral_reason.manage); codes are never deleted. */
export async function saveCloseReasons(
  db: Kysely<Database>,
  actor: Actor,
  reasons: CloseReason[],
  audit: AuditActor,
): Promise<{ status: 'ok' } | { status: 'forbidden' } | { status: 'invalid'; errors: ReasonErrors }> {
  if (!can(actor, 'referral_reason.manage', { kind: 'council' })) return { status: 'forbidden' };
  const errors: ReasonErrors = {};
  reasons.forEach((r, index) => {
    if (!/^[a-z][a-z0-9_]{1,39}$/.test(r.code)) errors[`reason_${index}_code`] = 'invalidChoice';
    if (r.labelJa.trim() === '') errors[`reason_${index}_label_ja`] = 'required';
    else if (r.labelJa.length > 100) errors[`reason_${index}_label_ja`] = 'tooLong';
    if (r.labelEn.trim() === '') errors[`reason_${index}_label_en`] = 'required';
    else if (r.labelEn.length > 100) errors[`reason_${index}_label_en`] = 'tooLong';
  });
  if (Object.keys(errors).length > 0) return { status: 'invalid', errors };
  await db.transaction().execute(async (trx) => {
    const at = nowIso();
    for (const reason of reasons) await upsertCloseReason(trx, reason, at);
    await recordAudit(trx, {
      ...audit,
      action: 'referral_reason.update',
      subjectType: 'referral_close_reason',
      subjectId: null,
      detail: { codes: reasons.map((r) => r.code) },
    });
  });
  return { status: 'ok' };
}
