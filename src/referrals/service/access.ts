/**
 * A referral as the caller may see it, and the policy subject the guards check. Another
 * facility's, agency's or corporation's referral is simply not there (undefined).
 */
import { type Executor, findReferral, type ReferralSummary, type ScopeActor } from '../store/referrals';

/** The referral, if the caller may see it (another facility, agency or corporation: undefined). */
export async function findReferralForActor(
  db: Executor,
  actor: ScopeActor,
  id: string,
): Promise<ReferralSummary | undefined> {
  return findReferral(db, actor, id);
}

/** The policy subject of a referral the caller may see. */
export async function referralSubject(db: Executor, actor: ScopeActor, id: string) {
  const r = await findReferral(db, actor, id);
  return r
    ? ({
        kind: 'referral',
        id: r.id,
        agencyId: r.agencyId,
        facilityId: r.facilityId,
        corporationId: r.corporationId,
        state: r.state,
      } as const)
    : undefined;
}
