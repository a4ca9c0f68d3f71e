/**
 * The SQL of appointments (and the only place it lives). Lists are scoped by the caller: the
 * agency's referrals for a counsellor, the assigned facilities for a coordinator, the
 * corporation's facilities for its admin, every referral for council staff.
 */
import type { Kysely, Transaction } from 'kysely';
import type { AppointmentKind, Database, Role } from '../../platform/db/schema';
import type { Attendee } from './appointment';

export type Executor = Kysely<Database> | Transaction<Database>;

export type AppointmentRow = {
  id: string;
  referralId: string;
  kind: AppointmentKind;
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  attendees: Attendee[];
  note: string | null;
  sequence: number;
  createdBy: string | null;
  createdAt: string;
  cancelledAt: string | null;
};

const columns = [
  'appointment.id',
  'appointment.referral_id',
  'appointment.kind',
  'appointment.date',
  'appointment.start_time',
  'appointment.end_time',
  'appointment.place',
  'appointment.attendees',
  'appointment.note',
  'appointment.sequence',
  'appointment.created_by',
  'appointment.created_at',
  'appointment.cancelled_at',
] as const;

type Raw = {
  id: string;
  referral_id: string;
  kind: AppointmentKind;
  date: string;
  start_time: string;
  end_time: string;
  place: string;
  attendees: string;
  note: string | null;
  sequence: number;
  created_by: string | null;
  created_at: string;
  cancelled_at: string | null;
};

function parseAttendees(json: string): Attendee[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? (value as Attendee[]) : [];
  } catch {
    return [];
  }
}

function toRow(r: Raw): AppointmentRow {
  return {
    id: r.id,
    referralId: r.referral_id,
    kind: r.kind,
    date: r.date,
    startTime: r.start_time,
    endTime: r.end_time,
    place: r.place,
    attendees: parseAttendees(r.attendees),
    note: r.note,
    sequence: Number(r.sequence),
    createdBy: r.created_by,
    createdAt: r.created_at,
    cancelledAt: r.cancelled_at,
  };
}

export async function insertAppointment(
  db: Executor,
  row: {
    id: string;
    referralId: string;
    kind: AppointmentKind;
    date: string;
    startTime: string;
    endTime: string;
    place: string;
    attendees: Attendee[];
    note: string | null;
    createdBy: string;
    now: string;
  },
): Promise<void> {
  await db
    .insertInto('appointment')
    .values({
      id: row.id,
      referral_id: row.referralId,
      kind: row.kind,
      date: row.date,
      start_time: row.startTime,
      end_time: row.endTime,
      place: row.place,
      attendees: JSON.stringify(row.attendees),
      note: row.note,
      sequence: 0,
      created_by: row.createdBy,
      created_at: row.now,
      updated_at: row.now,
      cancelled_at: null,
      cancelled_by: null,
    })
    .execute();
}

/** The appointments of one referral (the caller has already been allowed to see it), by date. */
export async function listAppointmentsOfReferral(
  db: Executor,
  referralId: string,
): Promise<AppointmentRow[]> {
  const rows = await db
    .selectFrom('appointment')
    .select(columns)
    .where('appointment.referral_id', '=', referralId)
    .orderBy('appointment.date')
    .orderBy('appointment.start_time')
    .execute();
  return rows.map(toRow);
}

export async function findAppointmentOfReferral(
  db: Executor,
  referralId: string,
  appointmentId: string,
): Promise<AppointmentRow | undefined> {
  const row = await db
    .selectFrom('appointment')
    .select(columns)
    .where('appointment.referral_id', '=', referralId)
    .where('appointment.id', '=', appointmentId)
    .executeTakeFirst();
  return row ? toRow(row) : undefined;
}

/** Marks an appointment cancelled and bumps its SEQUENCE; false when it already was. */
export async function cancelAppointmentRow(
  db: Executor,
  input: { id: string; by: string; now: string },
): Promise<number | undefined> {
  const row = await db
    .updateTable('appointment')
    .set((eb) => ({
      cancelled_at: input.now,
      cancelled_by: input.by,
      updated_at: input.now,
      sequence: eb('sequence', '+', 1),
    }))
    .where('id', '=', input.id)
    .where('cancelled_at', 'is', null)
    .returning('sequence')
    .executeTakeFirst();
  return row ? Number(row.sequence) : undefined;
}

/** Changes an appointment that is not cancelled and bumps its SEQUENCE; the new one, or undefined. */
export async function updateAppointmentRow(
  db: Executor,
  input: {
    id: string;
    date: string;
    startTime: string;
    endTime: string;
    place: string;
    attendees: Attendee[];
    note: string | null;
    now: string;
  },
): Promise<number | undefined> {
  const row = await db
    .updateTable('appointment')
    .set((eb) => ({
      date: input.date,
      start_time: input.startTime,
      end_time: input.endTime,
      place: input.place,
      attendees: JSON.stringify(input.attendees),
      note: input.note,
      updated_at: input.now,
      sequence: eb('sequence', '+', 1),
    }))
    .where('id', '=', input.id)
    .where('cancelled_at', 'is', null)
    .returning('sequence')
    .executeTakeFirst();
  return row ? Number(row.sequence) : undefined;
}

/** Staff of a referral who may be invited: its counsellor and the facility's active coordinators. */
export async function invitableStaff(
  db: Executor,
  referral: { counsellorUserId: string; agencyId: string; facilityId: string; corporationId: string },
): Promise<{ id: string; name: string; email: string; party: 'agency' | 'facility' }[]> {
  const counsellors = await db
    .selectFrom('app_user')
    .select(['id', 'name', 'email'])
    .where('organisation_id', '=', referral.agencyId)
    .where('role', '=', 'counsellor')
    .where('active', '=', 1)
    .orderBy('name')
    .execute();
  const coordinators = await db
    .selectFrom('app_user')
    .innerJoin('facility_assignment', 'facility_assignment.user_id', 'app_user.id')
    .select(['app_user.id', 'app_user.name', 'app_user.email'])
    .where('facility_assignment.facility_id', '=', referral.facilityId)
    .where('app_user.organisation_id', '=', referral.corporationId)
    .where('app_user.active', '=', 1)
    .orderBy('app_user.name')
    .execute();
  // The referral's own counsellor first.
  counsellors.sort(
    (a, b) => Number(b.id === referral.counsellorUserId) - Number(a.id === referral.counsellorUserId),
  );
  return [
    ...counsellors.map((u) => ({ ...u, party: 'agency' as const })),
    ...coordinators.map((u) => ({ ...u, party: 'facility' as const })),
  ];
}

export async function userContacts(
  db: Executor,
  ids: readonly string[],
): Promise<{ id: string; name: string; email: string }[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('app_user')
    .select(['id', 'name', 'email'])
    .where('id', 'in', [...ids])
    .where('active', '=', 1)
    .execute();
}

/** What an invitation names: the facility, its address and the opportunity (no personal data). */
export async function referralPlaceFacts(
  db: Executor,
  referralId: string,
): Promise<{ facilityName: string; facilityAddress: string; opportunityTitle: string } | undefined> {
  return db
    .selectFrom('referral')
    .innerJoin('facility', 'facility.id', 'referral.facility_id')
    .innerJoin('opportunity', 'opportunity.id', 'referral.opportunity_id')
    .select([
      'facility.name as facilityName',
      'facility.address as facilityAddress',
      'opportunity.title as opportunityTitle',
    ])
    .where('referral.id', '=', referralId)
    .executeTakeFirst();
}

/** Whether the referral's opportunity offers a visit (見学) and a trial day (体験), per its listing. */
export async function opportunityOffers(
  db: Executor,
  referralId: string,
): Promise<{ visit: boolean; trial: boolean } | undefined> {
  const row = await db
    .selectFrom('referral')
    .innerJoin('opportunity', 'opportunity.id', 'referral.opportunity_id')
    .select(['opportunity.visit_possible', 'opportunity.trial_possible'])
    .where('referral.id', '=', referralId)
    .executeTakeFirst();
  return row ? { visit: row.visit_possible === 1, trial: row.trial_possible === 1 } : undefined;
}

export type CalendarActor = {
  userId: string;
  role: Role;
  organisationId: string;
  facilityIds: readonly string[];
};

export type CalendarEntry = AppointmentRow & {
  facilityName: string;
  opportunityTitle: string;
  referralState: string;
};

/**
 * The caller's upcoming appointments (from `fromDate`, not cancelled) across the referrals they
 * may see, by date and time; at most `limit`.
 */
export async function listCalendarEntries(
  db: Executor,
  actor: CalendarActor,
  options: { fromDate: string; limit: number; includeCancelled?: boolean },
): Promise<CalendarEntry[]> {
  let query = db
    .selectFrom('appointment')
    .innerJoin('referral', 'referral.id', 'appointment.referral_id')
    .innerJoin('facility', 'facility.id', 'referral.facility_id')
    .innerJoin('opportunity', 'opportunity.id', 'referral.opportunity_id')
    .select([
      ...columns,
      'facility.name as facility_name',
      'opportunity.title as opportunity_title',
      'referral.state as referral_state',
    ])
    .where('appointment.date', '>=', options.fromDate);
  if (!options.includeCancelled) query = query.where('appointment.cancelled_at', 'is', null);
  // The same scope as the referrals the caller may see.
  if (actor.role === 'counsellor') query = query.where('referral.agency_id', '=', actor.organisationId);
  else if (actor.role === 'corporation_admin')
    query = query.where('referral.corporation_id', '=', actor.organisationId);
  else if (actor.role === 'facility_coordinator')
    query =
      actor.facilityIds.length === 0
        ? query.where('referral.id', '=', '')
        : query
            .where('referral.corporation_id', '=', actor.organisationId)
            .where('referral.facility_id', 'in', [...actor.facilityIds]);
  const rows = await query
    .orderBy('appointment.date')
    .orderBy('appointment.start_time')
    .orderBy('appointment.id')
    .limit(options.limit)
    .execute();
  return rows.map((r) => ({
    ...toRow(r),
    facilityName: r.facility_name,
    opportunityTitle: r.opportunity_title,
    referralState: r.referral_state,
  }));
}
