/**
 * The facility's view of the participant's data under consent (docs/decisions/016), and which
 * data groups today's consents cover for a recipient. Every read that shows something is audited.
 */
import type { Kysely } from 'kysely';
import type { ConsentDataGroup } from '../../participants/consents/consent';
import { checkConsent } from '../../participants/consents/service';
import { todayInTokyo } from '../../participants/japanese-date';
import { recordAudit } from '../../platform/audit/audit';
import { type Actor, can } from '../../platform/auth/policy';
import type { Database } from '../../platform/db/schema';
import { isTerminal } from '../state-machine';
import type { Executor, ReferralSummary } from '../store/referrals';
import {
  overrideValidUntil,
  type SharedAssessment,
  type SharedPerson,
  sharedDataOf,
} from '../store/shared-data';
import type { AuditActor } from './actors';

export type SharedData =
  | {
      status: 'shown';
      groups: ConsentDataGroup[];
      person: Partial<SharedPerson>;
      assessment: Partial<SharedAssessment> | undefined;
    }
  | { status: 'closed' | 'consent_ended' };

/**
 * What the facility may see of the participant now (docs/decisions/016): the referral's data
 * groups that consent still covers today (or, for a share made under a council override, while
 * that override's period lasts); nothing once the referral closed without agreement. Every
 * read that shows something is audited (referral.shared_data_read).
 */
export async function readSharedData(
  db: Kysely<Database>,
  actor: Actor,
  referral: ReferralSummary,
  audit: AuditActor,
  options: { today?: string } = {},
): Promise<SharedData | undefined> {
  if (!can(actor, 'referral.shared_data', { kind: 'referral', ...referral })) return undefined;
  const today = options.today ?? todayInTokyo();
  if (isTerminal(referral.state) && referral.state !== 'agreed') return { status: 'closed' };
  return db.transaction().execute(async (trx): Promise<SharedData> => {
    let groups: ConsentDataGroup[] = [];
    if (referral.overrideId) {
      const until = await overrideValidUntil(trx, referral.overrideId);
      if (until && today <= until) groups = referral.dataGroups;
    } else {
      groups = await coveredGroups(
        trx,
        referral.participantId,
        { corporationId: referral.corporationId, facilityId: referral.facilityId },
        referral.dataGroups,
        today,
      );
    }
    if (groups.length === 0) return { status: 'consent_ended' };
    const { person, assessment } = await sharedDataOf(trx, referral.participantId);
    if (person?.status !== 'active') return { status: 'consent_ended' };
    const has = (g: ConsentDataGroup) => groups.includes(g);
    const shownPerson: Partial<SharedPerson> = {
      ...(has('basic_identity')
        ? {
            name: person.name,
            name_kana: person.name_kana,
            birth_date: person.birth_date,
            gender: person.gender,
          }
        : {}),
      ...(has('contact')
        ? {
            phone: person.phone,
            email: person.email,
            postal_code: person.postal_code,
            address: person.address,
            nearest_station: person.nearest_station,
          }
        : {}),
    };
    const shownAssessment: Partial<SharedAssessment> | undefined =
      assessment && (has('assessment_summary') || has('health_and_support'))
        ? {
            assessed_on: assessment.assessed_on,
            ...(has('assessment_summary')
              ? {
                  tasks: assessment.tasks,
                  windows: assessment.windows,
                  min_daily_minutes: assessment.min_daily_minutes,
                  max_daily_minutes: assessment.max_daily_minutes,
                  min_days_per_week: assessment.min_days_per_week,
                  max_days_per_week: assessment.max_days_per_week,
                  travel_max_minutes: assessment.travel_max_minutes,
                  travel_modes: assessment.travel_modes,
                  strengths: assessment.strengths,
                  goal_short: assessment.goal_short,
                  goal_long: assessment.goal_long,
                }
              : {}),
            ...(has('health_and_support')
              ? {
                  supports: assessment.supports,
                  health_note: assessment.health_note,
                  difficulties: assessment.difficulties,
                }
              : {}),
          }
        : undefined;
    await recordAudit(trx, {
      ...audit,
      action: 'referral.shared_data_read',
      subjectType: 'participant',
      subjectId: referral.participantId,
      detail: {
        referralId: referral.id,
        agencyId: referral.agencyId,
        facilityId: referral.facilityId,
        groups,
      },
    });
    return { status: 'shown', groups, person: shownPerson, assessment: shownAssessment };
  });
}

/** Which data groups today's consents cover for this recipient, one check per group. */
export async function coveredGroups(
  db: Executor,
  participantId: string,
  recipient: { corporationId: string; facilityId: string },
  groups: readonly ConsentDataGroup[],
  today: string = todayInTokyo(),
): Promise<ConsentDataGroup[]> {
  const covered: ConsentDataGroup[] = [];
  for (const group of groups) {
    const check = await checkConsent(db, { participantId, recipient, dataGroups: [group], on: today });
    if (check.ok) covered.push(group);
  }
  return covered;
}
