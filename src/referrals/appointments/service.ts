/**
 * Appointment use cases: scheduling one (with the referral's transition, in one transaction)
 * and cancelling one. Each writes its audit row and queues the invitation mails (.ics attached,
 * METHOD:REQUEST or METHOD:CANCEL) in the same transaction, so an appointment without its
 * invitations, or a transition without its appointment, cannot happen.
 *
 * Scheduling a second appointment of a kind the referral is already at (a second visit, a
 * rescheduled meeting) adds the appointment without a transition; any other step the state
 * machine refuses is refused here too.
 */
import type { Kysely, Transaction } from 'kysely';
import { facilityStaffIds } from '../../notifications/notify';
import { todayInTokyo } from '../../participants/japanese-date';
import type { AuditEntry } from '../../platform/audit/audit';
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/policy';
import type { Database } from '../../platform/db/schema';
import { newId, nowIso } from '../../platform/db/time';
import { queueMail } from '../../platform/mail/outbox';
import { applyReferralEvent, findReferralForActor } from '../service';
import { nextState, partyOfRole, transitions } from '../state-machine';
import { agencyRecipients } from '../store';
import {
  type AppointmentErrors,
  type AppointmentInput,
  type Attendee,
  eventOfKind,
  isUpcoming,
  validateAppointment,
} from './appointment';
import { invitationIcs } from './ics';
import { appointmentMessages, whenText } from './messages';
import {
  type AppointmentRow,
  cancelAppointmentRow,
  findAppointmentOfReferral,
  insertAppointment,
  invitableStaff,
  listAppointmentsOfReferral,
  listCalendarEntries,
  opportunityOffers,
  referralPlaceFacts,
  updateAppointmentRow,
  userContacts,
} from './store';

export type AuditActor = Pick<AuditEntry, 'userId' | 'organisationId' | 'requestId' | 'ip'>;
export type MailSettings = { baseUrl: string; mailFrom: string };

export type ScheduleOutcome =
  | { status: 'ok'; id: string }
  | { status: 'invalid'; errors: AppointmentErrors }
  | { status: 'not_found' }
  | { status: 'not_allowed' }
  | { status: 'wrong_party' };

export type CancelOutcome = { status: 'ok' } | { status: 'not_found' } | { status: 'already_cancelled' };

/** Thrown inside a transaction to roll it back with an outcome for the caller. */
class Refusal<T> extends Error {
  constructor(readonly outcome: T) {
    super('refused');
  }
}

function referralLink(settings: MailSettings, referralId: string): string {
  return `${settings.baseUrl}/referrals/${referralId}`;
}

/** Which user ids get the invitation: staff attending, the case's counsellor, the facility's staff. */
async function recipientsOf(
  db: Kysely<Database> | Transaction<Database>,
  referral: { counsellorUserId: string; agencyId: string; facilityId: string; corporationId: string },
  attendees: readonly Attendee[],
): Promise<{ id: string; name: string; email: string }[]> {
  const staff = await invitableStaff(db, referral);
  const coordinators = staff.filter((s) => s.party === 'facility').map((s) => s.id);
  const facilitySide =
    coordinators.length > 0 ? coordinators : await facilityStaffIds(db, referral.facilityId);
  const ids = new Set<string>([
    ...(await agencyRecipients(db, referral)),
    ...facilitySide,
    ...attendees.flatMap((a) => (a.userId ? [a.userId] : [])),
  ]);
  return userContacts(db, [...ids]);
}

async function queueInvitations(
  trx: Transaction<Database>,
  appointment: Pick<
    AppointmentRow,
    'id' | 'kind' | 'date' | 'startTime' | 'endTime' | 'place' | 'sequence'
  > & {
    referralId: string;
  },
  recipients: { name: string; email: string }[],
  invited: { name: string; email: string }[],
  settings: MailSettings,
  cancelled: boolean,
): Promise<void> {
  const m = appointmentMessages.ja;
  const facts = await referralPlaceFacts(trx, appointment.referralId);
  const facility = facts?.facilityName ?? '';
  const kind = m.kinds[appointment.kind];
  const link = referralLink(settings, appointment.referralId);
  const when = whenText(appointment.date, appointment.startTime, appointment.endTime);
  const ics = invitationIcs(
    {
      id: appointment.id,
      sequence: appointment.sequence,
      date: appointment.date,
      startTime: appointment.startTime,
      endTime: appointment.endTime,
      summary: m.mail.summary(kind, facility),
      description: m.mail.description(link),
      location: appointment.place,
      url: link,
      cancelled,
      attendees: invited,
    },
    { baseUrl: settings.baseUrl, organizer: { name: m.mail.organizer, email: settings.mailFrom } },
  );
  const body = { kind, when, place: appointment.place, facility, link, changed: appointment.sequence > 0 };
  for (const recipient of recipients) {
    await queueMail(trx, {
      to: recipient.email,
      subject: cancelled
        ? m.mail.cancelSubject(kind)
        : appointment.sequence > 0
          ? m.mail.changedSubject(kind)
          : m.mail.subject(kind),
      text: cancelled ? m.mail.cancelBody(body) : m.mail.body(body),
      attachments: [
        {
          filename: cancelled ? 'cancel.ics' : 'invite.ics',
          contentType: `text/calendar; charset=utf-8; method=${cancelled ? 'CANCEL' : 'REQUEST'}`,
          content: Buffer.from(ics, 'utf8'),
        },
      ],
    });
  }
}

/**
 * Schedules an appointment on a referral the actor may see, as the actor's party: validates,
 * applies the referral event (unless the referral is already at that step), writes the
 * appointment, the audit row and the invitations — all in one transaction.
 */
export async function scheduleAppointment(
  db: Kysely<Database>,
  actor: Actor,
  referralId: string,
  input: AppointmentInput,
  audit: AuditActor,
  settings: MailSettings,
  now: Date = new Date(),
): Promise<ScheduleOutcome> {
  try {
    return await db.transaction().execute(async (trx) => {
      const referral = await findReferralForActor(trx, actor, referralId);
      if (!referral) return { status: 'not_found' } as const;
      const checked = validateAppointment(input, {
        today: todayInTokyo(now),
        proposedStartDate: referral.proposedStartDate ?? null,
      });
      if (!checked.ok) return { status: 'invalid', errors: checked.errors } as const;
      const value = checked.value;
      // A visit or a trial day only where the opportunity's listing offers it.
      const offers = await opportunityOffers(trx, referral.id);
      if (value.kind === 'visit' && offers && !offers.visit)
        return { status: 'invalid', errors: { kind: 'visit_not_offered' } } as const;
      if (value.kind === 'trial' && offers && !offers.trial)
        return { status: 'invalid', errors: { kind: 'trial_not_offered' } } as const;

      const staff = await invitableStaff(trx, referral);
      const unknownStaff = value.staffIds.filter((id) => !staff.some((s) => s.id === id));
      if (unknownStaff.length > 0) return { status: 'invalid', errors: { staff: 'invalid_kind' } } as const;

      const party = partyOfRole(actor.role);
      const event = eventOfKind[value.kind];
      const step = nextState(referral.state, event, party);
      const alreadyThere = transitions[event].to === referral.state && transitions[event].by.includes(party);
      if (!step.ok && !alreadyThere) return { status: step.reason } as const;
      if (step.ok) {
        const applied = await applyReferralEvent(trx, {
          referralId: referral.id,
          event,
          actor: { ...audit, userId: actor.userId, organisationId: actor.organisationId, party },
        });
        if (!applied.ok) {
          if (applied.reason === 'not_found') throw new Refusal<ScheduleOutcome>({ status: 'not_found' });
          throw new Refusal<ScheduleOutcome>({
            status: applied.reason === 'wrong_party' ? 'wrong_party' : 'not_allowed',
          });
        }
      }

      const attendees = attendeesOf(value, staff);
      const id = newId();
      await insertAppointment(trx, {
        id,
        referralId: referral.id,
        kind: value.kind,
        date: value.date,
        startTime: value.startTime,
        endTime: value.endTime,
        place: value.place,
        attendees,
        note: value.note,
        createdBy: actor.userId,
        now: nowIso(now),
      });
      await recordAudit(trx, {
        ...audit,
        action: 'appointment.schedule',
        subjectType: 'referral',
        subjectId: referral.id,
        detail: { appointmentId: id, kind: value.kind, date: value.date, transition: step.ok ? event : null },
      });
      const recipients = await recipientsOf(trx, referral, attendees);
      const invited = staff
        .filter((s) => value.staffIds.includes(s.id))
        .map((s) => ({ name: s.name, email: s.email }));
      await queueInvitations(
        trx,
        {
          id,
          referralId: referral.id,
          kind: value.kind,
          date: value.date,
          startTime: value.startTime,
          endTime: value.endTime,
          place: value.place,
          sequence: 0,
        },
        recipients,
        invited,
        settings,
        false,
      );
      return { status: 'ok', id } as const;
    });
  } catch (error) {
    if (error instanceof Refusal) return error.outcome as ScheduleOutcome;
    throw error;
  }
}

export type UpdateOutcome =
  | { status: 'ok' }
  | { status: 'invalid'; errors: AppointmentErrors }
  | { status: 'not_found' }
  | { status: 'cancelled' };

/**
 * Changes an appointment's date, time, place, attendees or note (its kind stays): SEQUENCE + 1
 * and a new METHOD:REQUEST with the same UID to everyone invited before or now, in one
 * transaction. The referral's state does not change.
 */
export async function updateAppointment(
  db: Kysely<Database>,
  actor: Actor,
  referralId: string,
  appointmentId: string,
  input: AppointmentInput,
  audit: AuditActor,
  settings: MailSettings,
  now: Date = new Date(),
): Promise<UpdateOutcome> {
  return db.transaction().execute(async (trx): Promise<UpdateOutcome> => {
    const referral = await findReferralForActor(trx, actor, referralId);
    if (!referral) return { status: 'not_found' };
    const existing = await findAppointmentOfReferral(trx, referral.id, appointmentId);
    if (!existing) return { status: 'not_found' };
    if (existing.cancelledAt) return { status: 'cancelled' };
    const checked = validateAppointment(
      { ...input, kind: existing.kind },
      { today: todayInTokyo(now), proposedStartDate: referral.proposedStartDate ?? null },
    );
    if (!checked.ok) return { status: 'invalid', errors: checked.errors };
    const value = checked.value;
    const staff = await invitableStaff(trx, referral);
    if (value.staffIds.some((id) => !staff.some((s) => s.id === id)))
      return { status: 'invalid', errors: { staff: 'invalid_kind' } };
    const attendees = attendeesOf(value, staff);
    const sequence = await updateAppointmentRow(trx, {
      id: existing.id,
      date: value.date,
      startTime: value.startTime,
      endTime: value.endTime,
      place: value.place,
      attendees,
      note: value.note,
      now: nowIso(now),
    });
    if (sequence === undefined) return { status: 'cancelled' };
    await recordAudit(trx, {
      ...audit,
      action: 'appointment.update',
      subjectType: 'referral',
      subjectId: referral.id,
      detail: { appointmentId: existing.id, kind: existing.kind, date: value.date, sequence },
    });
    const recipients = await recipientsOf(trx, referral, [...existing.attendees, ...attendees]);
    const invited = staff
      .filter((s) => value.staffIds.includes(s.id))
      .map((s) => ({ name: s.name, email: s.email }));
    await queueInvitations(
      trx,
      {
        ...existing,
        date: value.date,
        startTime: value.startTime,
        endTime: value.endTime,
        place: value.place,
        sequence,
      },
      recipients,
      invited,
      settings,
      false,
    );
    return { status: 'ok' };
  });
}

function attendeesOf(
  value: { participant: boolean; staffIds: string[]; others: Attendee[] },
  staff: { id: string; name: string; party: 'agency' | 'facility' }[],
): Attendee[] {
  return [
    ...(value.participant
      ? [{ name: appointmentMessages.ja.participantName, party: 'participant' as const }]
      : []),
    ...staff
      .filter((s) => value.staffIds.includes(s.id))
      .map((s) => ({ name: s.name, party: s.party, userId: s.id })),
    ...value.others,
  ];
}

/** Cancels an appointment: SEQUENCE + 1, audit, and METHOD:CANCEL to everyone invited. */
export async function cancelAppointment(
  db: Kysely<Database>,
  actor: Actor,
  referralId: string,
  appointmentId: string,
  audit: AuditActor,
  settings: MailSettings,
  now: Date = new Date(),
): Promise<CancelOutcome> {
  return db.transaction().execute(async (trx) => {
    const referral = await findReferralForActor(trx, actor, referralId);
    if (!referral) return { status: 'not_found' } as const;
    const appointment = await findAppointmentOfReferral(trx, referral.id, appointmentId);
    if (!appointment) return { status: 'not_found' } as const;
    const sequence = await cancelAppointmentRow(trx, {
      id: appointment.id,
      by: actor.userId,
      now: nowIso(now),
    });
    if (sequence === undefined) return { status: 'already_cancelled' } as const;
    await recordAudit(trx, {
      ...audit,
      action: 'appointment.cancel',
      subjectType: 'referral',
      subjectId: referral.id,
      detail: { appointmentId: appointment.id, kind: appointment.kind, date: appointment.date },
    });
    const recipients = await recipientsOf(trx, referral, appointment.attendees);
    const invitedIds = appointment.attendees.flatMap((a) => (a.userId ? [a.userId] : []));
    const invited = (await userContacts(trx, invitedIds)).map((u) => ({ name: u.name, email: u.email }));
    await queueInvitations(trx, { ...appointment, sequence }, recipients, invited, settings, true);
    return { status: 'ok' } as const;
  });
}

/** The appointments of a referral the actor may see (undefined when they may not see it). */
export async function listAppointments(
  db: Kysely<Database>,
  actor: Actor,
  referralId: string,
): Promise<AppointmentRow[] | undefined> {
  const referral = await findReferralForActor(db, actor, referralId);
  if (!referral) return undefined;
  return listAppointmentsOfReferral(db, referral.id);
}

/** Staff who may be chosen as attendees on a referral's appointment form. */
export async function attendeeChoices(db: Kysely<Database>, actor: Actor, referralId: string) {
  const referral = await findReferralForActor(db, actor, referralId);
  if (!referral) return undefined;
  return { referral, staff: await invitableStaff(db, referral) };
}

/** The caller's upcoming appointments across the referrals they may see (the calendar page). */
export async function listUpcomingAppointments(
  db: Kysely<Database>,
  actor: Actor,
  options: { now?: Date; limit?: number } = {},
) {
  const now = options.now ?? new Date();
  const entries = await listCalendarEntries(db, actor, {
    fromDate: todayInTokyo(now),
    limit: options.limit ?? 200,
  });
  return entries.filter((e) => isUpcoming(e, now));
}
