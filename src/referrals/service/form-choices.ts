/**
 * What the new-request form offers: the participant's candidate opportunities, the chosen
 * opportunity, and a first proposal of days and times.
 */
import type { Kysely } from 'kysely';
import { latestOf } from '../../participants/assessment';
import { listAssessmentsOf } from '../../participants/service';
import type { Actor } from '../../platform/auth/policy';
import type { Database } from '../../platform/db/schema';
import { proposeSchedule } from '../referral-form';
import type { ScheduleEntry } from '../store/referrals';
import { candidateOpportunities, opportunityFacts, opportunityWindows } from '../store/registry-facts';

/** The form's first proposal of days and times (the person's availability within the opportunity's windows). */
export async function proposedScheduleFor(
  db: Kysely<Database>,
  actor: Actor,
  participantId: string,
  opportunityId: string,
): Promise<ScheduleEntry[]> {
  const latest = latestOf(await listAssessmentsOf(db, actor, participantId));
  if (!latest) return [];
  const available = latest.values.windows.map((w) => ({
    weekday: Number(w.weekday),
    start: w.start,
    end: w.end,
  }));
  return proposeSchedule(available, await opportunityWindows(db, opportunityId));
}

export function candidatesForReferral(db: Kysely<Database>, participantId: string) {
  return candidateOpportunities(db, participantId);
}

export function opportunityForReferral(db: Kysely<Database>, opportunityId: string) {
  return opportunityFacts(db, opportunityId);
}
