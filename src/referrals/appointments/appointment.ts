/**
 * Appointments on a referral (見学・面接・体験・三者協議): the kinds, which referral event each
 * kind schedules, and validation of what a person typed or an API client sent. Pure: no I/O.
 *
 * Rules (issue 7, bad input): the date must not be in the past (Tokyo), the end after the start,
 * and a 三者協議 must not be after the referral's proposed start date when one is set.
 */
import type { AppointmentKind } from '../../platform/db/schema';
import { normaliseInput } from '../../platform/text/normalise';
import { minutesOfTime, parseDate, parseTime } from '../../registry/opportunities/opportunity';
import { nextState, type Party, type ReferralState, transitions } from '../state-machine';

export const appointmentKinds = [
  'visit',
  'interview',
  'trial',
  'meeting',
] as const satisfies readonly AppointmentKind[];

/** The referral event that scheduling an appointment of each kind applies. */
export const eventOfKind = {
  visit: 'schedule_visit',
  interview: 'schedule_visit',
  trial: 'schedule_trial',
  meeting: 'schedule_meeting',
} as const satisfies Record<AppointmentKind, string>;

/**
 * The kinds `party` may schedule on a referral in `state`: those whose event the state machine
 * allows now, and the kind the referral is already at (a second visit, a rescheduled meeting).
 */
export function schedulableKinds(state: ReferralState, party: Party): AppointmentKind[] {
  return appointmentKinds.filter((kind) => {
    const event = eventOfKind[kind];
    return (
      nextState(state, event, party).ok ||
      (transitions[event].to === state && transitions[event].by.includes(party))
    );
  });
}

export type AttendeeParty = 'participant' | 'agency' | 'facility' | 'council' | 'other';
export const attendeeParties = ['participant', 'agency', 'facility', 'council', 'other'] as const;

/** One attendee: staff who are users carry their user id (they get the invitation). */
export type Attendee = { name: string; party: AttendeeParty; userId?: string };

export const MAX_PLACE = 200;
export const MAX_NOTE = 1000;
export const MAX_ATTENDEE_NAME = 60;
export const MAX_ATTENDEES = 20;

export type AppointmentInput = {
  kind?: string;
  date?: string;
  start_time?: string;
  end_time?: string;
  place?: string;
  note?: string;
  /** User ids of staff chosen as attendees (checked against the referral's staff by the service). */
  staff?: readonly string[];
  /** Whether the person themself attends. */
  participant?: boolean;
  /** Other attendees, one per line: "name" (party 'other') or "協議会: name" (party 'council'). */
  others?: string;
};

export type AppointmentValues = {
  kind: AppointmentKind;
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  note: string | null;
  staffIds: string[];
  participant: boolean;
  others: Attendee[];
};

export type AppointmentErrorCode =
  | 'required'
  | 'invalid_kind'
  | 'invalid_date'
  | 'date_past'
  | 'after_proposed_start'
  | 'invalid_time'
  | 'end_before_start'
  | 'too_long'
  | 'too_many'
  | 'visit_not_offered'
  | 'trial_not_offered';

export type AppointmentErrors = Partial<Record<keyof AppointmentInput, AppointmentErrorCode>>;

export type AppointmentContext = {
  /** Today in Tokyo, 'YYYY-MM-DD'. */
  today: string;
  /** The referral's proposed start date, if any. */
  proposedStartDate: string | null;
};

const councilPrefix = /^(協議会|事務局|council)\s*[:：]\s*/i;

/** "協議会: 山田" → council attendee; any other line → 'other'. Blank lines are skipped. */
export function parseOtherAttendees(raw: string | undefined): Attendee[] {
  return (raw ?? '')
    .split(/\r?\n/)
    .map((line) => normaliseInput(line))
    .filter((line) => line !== '')
    .map((line) =>
      councilPrefix.test(line)
        ? { name: line.replace(councilPrefix, ''), party: 'council' as const }
        : { name: line, party: 'other' as const },
    );
}

export function formatOtherAttendees(attendees: readonly Attendee[]): string {
  return attendees
    .filter((a) => a.party === 'council' || a.party === 'other')
    .map((a) => (a.party === 'council' ? `協議会: ${a.name}` : a.name))
    .join('\n');
}

export function validateAppointment(
  input: AppointmentInput,
  context: AppointmentContext,
): { ok: true; value: AppointmentValues } | { ok: false; errors: AppointmentErrors } {
  const errors: AppointmentErrors = {};
  const kind = normaliseInput(input.kind ?? '');
  if (kind === '') errors.kind = 'required';
  else if (!(appointmentKinds as readonly string[]).includes(kind)) errors.kind = 'invalid_kind';

  const rawDate = normaliseInput(input.date ?? '');
  const date = parseDate(rawDate);
  if (rawDate === '') errors.date = 'required';
  else if (!date) errors.date = 'invalid_date';
  else if (date < context.today) errors.date = 'date_past';
  else if (kind === 'meeting' && context.proposedStartDate && date > context.proposedStartDate)
    errors.date = 'after_proposed_start';

  const start = parseTime(normaliseInput(input.start_time ?? ''));
  const end = parseTime(normaliseInput(input.end_time ?? ''));
  if (!normaliseInput(input.start_time ?? '')) errors.start_time = 'required';
  else if (!start) errors.start_time = 'invalid_time';
  if (!normaliseInput(input.end_time ?? '')) errors.end_time = 'required';
  else if (!end) errors.end_time = 'invalid_time';
  else if (start && minutesOfTime(end) <= minutesOfTime(start)) errors.end_time = 'end_before_start';

  const place = normaliseInput(input.place ?? '');
  if (place === '') errors.place = 'required';
  else if (place.length > MAX_PLACE) errors.place = 'too_long';

  const note = normaliseInput(input.note ?? '');
  if (note.length > MAX_NOTE) errors.note = 'too_long';

  const others = parseOtherAttendees(input.others);
  if (others.some((a) => a.name.length > MAX_ATTENDEE_NAME)) errors.others = 'too_long';
  const staffIds = [...new Set(input.staff ?? [])];
  if (others.length + staffIds.length > MAX_ATTENDEES) errors.others = 'too_many';

  if (Object.keys(errors).length > 0 || !date || !start || !end) return { ok: false, errors };
  return {
    ok: true,
    value: {
      kind: kind as AppointmentKind,
      date,
      startTime: start,
      endTime: end,
      place,
      note: note === '' ? null : note,
      staffIds,
      participant: Boolean(input.participant),
      others,
    },
  };
}

/** Whether an appointment has not yet ended, compared in Tokyo time. */
export function isUpcoming(appointment: { date: string; endTime: string }, now: Date = new Date()): boolean {
  const end = new Date(`${appointment.date}T${appointment.endTime}:00+09:00`);
  return end.getTime() >= now.getTime();
}
