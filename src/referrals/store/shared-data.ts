/**
 * The participant's data a facility may be shown through a referral, and the period of a council
 * override that carried a share. Personal data: the caller (service/shared-data.ts) decides what
 * is shown and audits the read.
 */
import type { Executor } from './referrals';

export type SharedPerson = {
  name: string;
  name_kana: string;
  birth_date: string;
  gender: string | null;
  phone: string | null;
  email: string | null;
  postal_code: string | null;
  address: string | null;
  nearest_station: string | null;
  status: string;
};

export type SharedAssessment = {
  assessed_on: string;
  tasks: string;
  windows: string;
  min_daily_minutes: number | null;
  max_daily_minutes: number | null;
  min_days_per_week: number | null;
  max_days_per_week: number | null;
  travel_max_minutes: number | null;
  travel_modes: string;
  strengths: string | null;
  difficulties: string | null;
  supports: string;
  health_note: string | null;
  goal_short: string | null;
  goal_long: string | null;
};

/**
 * The participant's fields and latest assessment that the data groups can name. The caller
 * (service.readSharedData) decides which of them are shown and audits the read.
 */
export async function sharedDataOf(
  db: Executor,
  participantId: string,
): Promise<{ person: SharedPerson | undefined; assessment: SharedAssessment | undefined }> {
  const person = await db
    .selectFrom('participant')
    .select([
      'name',
      'name_kana',
      'birth_date',
      'gender',
      'phone',
      'email',
      'postal_code',
      'address',
      'nearest_station',
      'status',
    ])
    .where('id', '=', participantId)
    .executeTakeFirst();
  const assessment = await db
    .selectFrom('assessment')
    .select([
      'assessed_on',
      'tasks',
      'windows',
      'min_daily_minutes',
      'max_daily_minutes',
      'min_days_per_week',
      'max_days_per_week',
      'travel_max_minutes',
      'travel_modes',
      'strengths',
      'difficulties',
      'supports',
      'health_note',
      'goal_short',
      'goal_long',
    ])
    .where('participant_id', '=', participantId)
    .orderBy('assessed_on', 'desc')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return { person, assessment };
}

/** The last day a council override that carried a referral's share may be used to show it. */
export async function overrideValidUntil(db: Executor, overrideId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('consent_override')
    .select('valid_until')
    .where('id', '=', overrideId)
    .executeTakeFirst();
  return row?.valid_until;
}
