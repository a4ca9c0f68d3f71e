/**
 * The three-party decision record (三者協議の記録): its fields, validation of a draft and of a
 * record ready to agree, each party's agreement, and whether the municipality's 支援決定 is in
 * place. Pure: no I/O.
 *
 * Rules: the start date must not be before the meeting; the first review not before the start;
 * an agreement's date not before the meeting and not in the future; changing what was agreed
 * clears the agreements already given (they agreed to something else).
 */

import { overlaps } from '../../placements/schedule';
import type { SupportDecisionStatus } from '../../platform/db/schema';
import { normaliseInput } from '../../platform/text/normalise';
import {
  minutesOfTime,
  needsCertification,
  parseDate,
  parseTime,
  type SupportCode,
  supportCodes,
  type TaskCategory,
  taskCategories,
  type WorkFormOffer,
  workFormOffers,
} from '../../registry/opportunities/opportunity';

export const agreementParties = ['participant', 'agency', 'facility'] as const;
export type AgreementParty = (typeof agreementParties)[number];

export type RecordAttendee = { name: string; party: 'participant' | 'agency' | 'facility' | 'council' };
export type ScheduleEntry = { weekday: number; start: string; end: string };

export const MAX_TEXT = 1000;
export const MAX_NAMES = 300;

/** What a form or API client sends; every value optional (a draft may be partial). */
export type DecisionInput = {
  held_on?: string;
  attendee_participant?: boolean;
  attendee_agency?: string;
  attendee_facility?: string;
  attendee_council?: string;
  work_form?: string;
  start_date?: string;
  /** weekday (1–7) → start/end 'HH:MM' as typed. */
  schedule?: Partial<Record<number, { start?: string; end?: string }>>;
  tasks?: readonly string[];
  task_note?: string;
  supports?: readonly string[];
  support_note?: string;
  pay_note?: string;
  transport_note?: string;
  first_review_on?: string;
  insurance_needed?: boolean;
};

export type DecisionValues = {
  heldOn: string | null;
  attendees: RecordAttendee[];
  workForm: WorkFormOffer | null;
  startDate: string | null;
  schedule: ScheduleEntry[];
  tasks: TaskCategory[];
  taskNote: string | null;
  supports: SupportCode[];
  supportNote: string | null;
  payNote: string | null;
  transportNote: string | null;
  firstReviewOn: string | null;
  insuranceNeeded: boolean;
};

export type DecisionErrorCode =
  | 'required'
  | 'invalid_date'
  | 'invalid_time'
  | 'end_before_start'
  | 'invalid_choice'
  | 'form_not_offered'
  | 'start_before_meeting'
  | 'review_before_start'
  | 'too_long'
  | 'agreed_in_future'
  | 'agreed_before_meeting'
  | 'outside_windows';

export type DecisionErrors = Record<string, DecisionErrorCode>;

function optionalText(
  raw: string | undefined,
  max: number,
  field: string,
  errors: DecisionErrors,
): string | null {
  const value = normaliseInput(raw ?? '');
  if (value.length > max) errors[field] = 'too_long';
  return value === '' ? null : value;
}

function optionalDate(raw: string | undefined, field: string, errors: DecisionErrors): string | null {
  const value = normaliseInput(raw ?? '');
  if (value === '') return null;
  const date = parseDate(value);
  if (!date) {
    errors[field] = 'invalid_date';
    return null;
  }
  return date;
}

/** Names separated by 、, commas or line breaks. */
export function splitNames(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(/[\n,、,]/)
    .map((n) => normaliseInput(n))
    .filter((n) => n !== '');
}

/**
 * Checks the formats of a draft (nothing is required yet) and the order of its dates.
 * `offeredForms` are the work forms the opportunity offers.
 */
export function validateDecisionDraft(
  input: DecisionInput,
  context: {
    offeredForms: readonly string[];
    /** The opportunity's time windows: a day of the person's schedule must overlap one (to hold a place). */
    windows?: readonly ScheduleEntry[];
  },
): { ok: true; value: DecisionValues } | { ok: false; errors: DecisionErrors } {
  const errors: DecisionErrors = {};
  const heldOn = optionalDate(input.held_on, 'held_on', errors);
  const startDate = optionalDate(input.start_date, 'start_date', errors);
  const firstReviewOn = optionalDate(input.first_review_on, 'first_review_on', errors);
  if (heldOn && startDate && startDate < heldOn) errors.start_date = 'start_before_meeting';
  if (startDate && firstReviewOn && firstReviewOn < startDate) errors.first_review_on = 'review_before_start';

  const rawForm = normaliseInput(input.work_form ?? '');
  let workForm: WorkFormOffer | null = null;
  if (rawForm !== '') {
    if (!(workFormOffers as readonly string[]).includes(rawForm)) errors.work_form = 'invalid_choice';
    else if (!context.offeredForms.includes(rawForm)) errors.work_form = 'form_not_offered';
    else workForm = rawForm as WorkFormOffer;
  }

  const schedule: ScheduleEntry[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    const row = input.schedule?.[weekday];
    const rawStart = normaliseInput(row?.start ?? '');
    const rawEnd = normaliseInput(row?.end ?? '');
    if (rawStart === '' && rawEnd === '') continue;
    const start = parseTime(rawStart);
    const end = parseTime(rawEnd);
    if (!start) errors[`schedule_${weekday}_start`] = rawStart === '' ? 'required' : 'invalid_time';
    if (!end) errors[`schedule_${weekday}_end`] = rawEnd === '' ? 'required' : 'invalid_time';
    else if (start && minutesOfTime(end) <= minutesOfTime(start))
      errors[`schedule_${weekday}_end`] = 'end_before_start';
    if (start && end && minutesOfTime(end) > minutesOfTime(start)) {
      const entry = { weekday, start, end };
      if (context.windows && !context.windows.some((w) => overlaps(entry, w)))
        errors[`schedule_${weekday}_start`] = 'outside_windows';
      schedule.push(entry);
    }
  }

  const tasks = [...new Set(input.tasks ?? [])];
  if (tasks.some((t) => !(taskCategories as readonly string[]).includes(t))) errors.tasks = 'invalid_choice';
  const supports = [...new Set(input.supports ?? [])];
  if (supports.some((s) => !(supportCodes as readonly string[]).includes(s)))
    errors.supports = 'invalid_choice';

  const attendees: RecordAttendee[] = [];
  if (input.attendee_participant) attendees.push({ name: '本人', party: 'participant' });
  for (const party of ['agency', 'facility', 'council'] as const) {
    const raw = input[`attendee_${party}`];
    if ((raw ?? '').length > MAX_NAMES) errors[`attendee_${party}`] = 'too_long';
    for (const name of splitNames(raw)) attendees.push({ name, party });
  }

  const value: DecisionValues = {
    heldOn,
    attendees,
    workForm,
    startDate,
    schedule,
    tasks: tasks as TaskCategory[],
    taskNote: optionalText(input.task_note, MAX_TEXT, 'task_note', errors),
    supports: supports as SupportCode[],
    supportNote: optionalText(input.support_note, MAX_TEXT, 'support_note', errors),
    payNote: optionalText(input.pay_note, MAX_TEXT, 'pay_note', errors),
    transportNote: optionalText(input.transport_note, MAX_TEXT, 'transport_note', errors),
    firstReviewOn,
    insuranceNeeded: input.insurance_needed !== false,
  };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value };
}

/** What a record still lacks before anyone can agree to it (field → 'required'). */
export function missingForAgreement(value: DecisionValues): DecisionErrors {
  const errors: DecisionErrors = {};
  if (!value.heldOn) errors.held_on = 'required';
  if (!value.workForm) errors.work_form = 'required';
  if (!value.startDate) errors.start_date = 'required';
  if (value.schedule.length === 0) errors.schedule = 'required';
  if (value.tasks.length === 0 && !value.taskNote) errors.tasks = 'required';
  if (!value.attendees.some((a) => a.party === 'agency')) errors.attendee_agency = 'required';
  if (!value.attendees.some((a) => a.party === 'facility')) errors.attendee_facility = 'required';
  return errors;
}

/** Whether two versions of a record say the same thing (agreements then stay). */
export function sameAgreedContent(a: DecisionValues, b: DecisionValues): boolean {
  const key = (v: DecisionValues) =>
    JSON.stringify([
      v.heldOn,
      v.workForm,
      v.startDate,
      v.schedule,
      [...v.tasks].sort(),
      v.taskNote,
      [...v.supports].sort(),
      v.supportNote,
      v.payNote,
      v.transportNote,
      v.firstReviewOn,
      v.insuranceNeeded,
    ]);
  return key(a) === key(b);
}

/** 支援決定 for the record: B–D need the municipality's decision; A (短期就労型) does not. */
export function supportDecisionStatus(
  workForm: WorkFormOffer | null,
  participant: { supportDecisionOn: string | null },
): SupportDecisionStatus {
  if (!workForm || !needsCertification(workForm)) return 'not_needed';
  return participant.supportDecisionOn ? 'in_place' : 'pending';
}

/** Which agreements a party may record: its own, and the person's (signed in front of them). */
export function mayRecordAgreement(actorParty: string, party: AgreementParty): boolean {
  if (party === 'participant') return actorParty === 'agency' || actorParty === 'facility';
  return actorParty === party;
}

export function validateAgreementDate(
  raw: string | undefined,
  context: { today: string; heldOn: string | null },
): { ok: true; date: string } | { ok: false; error: DecisionErrorCode } {
  const value = normaliseInput(raw ?? '');
  if (value === '') return { ok: false, error: 'required' };
  const date = parseDate(value);
  if (!date) return { ok: false, error: 'invalid_date' };
  if (date > context.today) return { ok: false, error: 'agreed_in_future' };
  if (context.heldOn && date < context.heldOn) return { ok: false, error: 'agreed_before_meeting' };
  return { ok: true, date };
}
