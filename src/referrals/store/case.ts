/**
 * The case behind a participant's referrals: who on the agency side hears of them, the ones a
 * transfer (移管) or a closure touches, handing them to a new agency, and the retention rule that
 * empties their free text when the participant is anonymised.
 */
import type { Executor } from './referrals';

/**
 * Who on the agency side hears of a referral: its counsellor while they are an active
 * counsellor of the agency that keeps the case; otherwise (the case was transferred, or the
 * counsellor left) the active counsellors of that agency.
 */
export async function agencyRecipients(
  db: Executor,
  referral: { agencyId: string; counsellorUserId: string },
): Promise<string[]> {
  const rows = await db
    .selectFrom('app_user')
    .select('id')
    .where('organisation_id', '=', referral.agencyId)
    .where('role', '=', 'counsellor')
    .where('active', '=', 1)
    .execute();
  const ids = rows.map((r) => r.id);
  return ids.includes(referral.counsellorUserId) ? [referral.counsellorUserId] : ids;
}

/** The ids of a participant's referrals kept by `agencyId` (every state). */
export async function referralIdsOfCase(
  db: Executor,
  participantId: string,
  agencyId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('referral')
    .select('id')
    .where('participant_id', '=', participantId)
    .where('agency_id', '=', agencyId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** A participant's referrals that are still open (drafts included). */
export async function openReferralIdsOfParticipant(db: Executor, participantId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('referral')
    .select('id')
    .where('participant_id', '=', participantId)
    .where('closed_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Whether the participant's case is open (not closed or anonymised). */
export async function isCaseActive(db: Executor, participantId: string): Promise<boolean> {
  const row = await db
    .selectFrom('participant')
    .select('status')
    .where('id', '=', participantId)
    .executeTakeFirst();
  return row?.status === 'active';
}

/** Hands a referral to the agency that keeps the case now. */
export async function setReferralAgency(
  db: Executor,
  id: string,
  fromAgencyId: string,
  toAgencyId: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('referral')
    .set({ agency_id: toAgencyId, updated_at: at })
    .where('id', '=', id)
    .where('agency_id', '=', fromAgencyId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

const ANONYMISED_NAME = '(匿名化済み)';

function anonymisedAttendees(json: string): string {
  try {
    const list: unknown = JSON.parse(json);
    if (!Array.isArray(list)) return '[]';
    return JSON.stringify(
      list.map((a) =>
        a && typeof a === 'object' && (a as { party?: unknown }).party === 'participant'
          ? { ...(a as object), name: ANONYMISED_NAME }
          : a,
      ),
    );
  } catch {
    return '[]';
  }
}

/**
 * The retention rule on a participant's referrals: free text that may describe the person is
 * emptied — the request's message and closing note, the thread, timeline notes, appointment
 * notes and the person's name among attendees, the meeting record's notes. States, dates, codes
 * and the schedule stay for anonymous statistics.
 */
export async function anonymiseReferralText(db: Executor, participantId: string): Promise<void> {
  const ids = (
    await db.selectFrom('referral').select('id').where('participant_id', '=', participantId).execute()
  ).map((r) => r.id);
  if (ids.length === 0) return;
  await db.updateTable('referral').set({ message: '', close_note: null }).where('id', 'in', ids).execute();
  await db.updateTable('referral_message').set({ body: '' }).where('referral_id', 'in', ids).execute();
  await db.updateTable('referral_event').set({ note: null }).where('referral_id', 'in', ids).execute();
  const appointments = await db
    .selectFrom('appointment')
    .select(['id', 'attendees'])
    .where('referral_id', 'in', ids)
    .execute();
  for (const a of appointments)
    await db
      .updateTable('appointment')
      .set({ note: null, attendees: anonymisedAttendees(a.attendees) })
      .where('id', '=', a.id)
      .execute();
  const records = await db
    .selectFrom('meeting_record')
    .select(['id', 'attendees'])
    .where('referral_id', 'in', ids)
    .execute();
  for (const r of records)
    await db
      .updateTable('meeting_record')
      .set({
        attendees: anonymisedAttendees(r.attendees),
        task_note: null,
        support_note: null,
        pay_note: null,
        transport_note: null,
        not_agreed_note: null,
      })
      .where('id', '=', r.id)
      .execute();
}
