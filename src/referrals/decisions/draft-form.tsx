/**
 * The draft form of the decision record (三者協議の記録): the meeting and its attendees, then what
 * was agreed — work form, start date, the person's weekly schedule as a labelled table (the
 * opportunity's windows named in its hint, the row errors listed above it), tasks, supports, pay,
 * travel, first review and insurance. Also the form values of a saved record.
 */
import type { Locale, Messages } from '../../platform/i18n';
import { CheckboxGrid, Flag, Textarea } from '../../platform/ui/fields';
import {
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  RadioField,
  SelectField,
  TextField,
} from '../../platform/ui/form';
import { WeeklyScheduleTable } from '../../platform/ui/weekly-schedule-field';
import { opportunityMessages } from '../../registry/opportunities/messages';
import { supportCodes, taskCategories, type WorkFormOffer } from '../../registry/opportunities/opportunity';
import { scheduleText } from '../views/common';
import type { DecisionMessages } from './messages';
import type { MeetingRecordRow } from './store';

export type DecisionFormState = {
  values: FormValues;
  tasks: readonly string[];
  supports: readonly string[];
  errors: FieldErrors;
};

type Window = { weekday: number; start: string; end: string };

const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;
const times = ['start', 'end'] as const;
const attendeeFields = ['attendee_agency', 'attendee_facility', 'attendee_council'] as const;
const costNoteFields = ['pay_note', 'transport_note'] as const;

/** The form values of a saved record (or of an empty one). */
export function formStateOf(
  record: MeetingRecordRow | undefined,
  defaults: FormValues = {},
): DecisionFormState {
  if (!record)
    return {
      values: { insurance_needed: '1', attendee_participant: '1', ...defaults },
      tasks: [],
      supports: [],
      errors: {},
    };
  const names = (party: string) =>
    record.attendees
      .filter((a) => a.party === party)
      .map((a) => a.name)
      .join('、');
  const values: FormValues = {
    held_on: record.heldOn ?? '',
    attendee_participant: record.attendees.some((a) => a.party === 'participant') ? '1' : '',
    attendee_agency: names('agency'),
    attendee_facility: names('facility'),
    attendee_council: names('council'),
    work_form: record.workForm ?? '',
    start_date: record.startDate ?? '',
    task_note: record.taskNote ?? '',
    support_note: record.supportNote ?? '',
    pay_note: record.payNote ?? '',
    transport_note: record.transportNote ?? '',
    first_review_on: record.firstReviewOn ?? '',
    insurance_needed: record.insuranceNeeded ? '1' : '0',
  };
  for (const s of record.schedule) {
    values[`schedule_${s.weekday}_start`] = s.start;
    values[`schedule_${s.weekday}_end`] = s.end;
  }
  return { values, tasks: record.tasks, supports: record.supports, errors: {} };
}

/** "月曜日 開始": a schedule cell's label, in the table and in the error summary alike. */
function cellLabel(
  m: DecisionMessages,
  locale: Locale,
  day: (typeof weekdays)[number],
  part: 'start' | 'end',
) {
  return `${opportunityMessages[locale].weekdaysLong[day]} ${m.fields[part]}`;
}

function ScheduleTable(props: {
  m: DecisionMessages;
  locale: Locale;
  values: FormValues;
  errors: FieldErrors;
  windows: readonly Window[];
}) {
  const { m, values, errors } = props;
  const days = opportunityMessages[props.locale].weekdaysLong;
  const rowErrors = weekdays.flatMap((d) =>
    times.flatMap((part) => {
      const message = errors[`schedule_${d}_${part}`];
      return message ? [`${cellLabel(m, props.locale, d, part)}: ${message}`] : [];
    }),
  );
  return (
    <div class={errors.schedule || rowErrors.length > 0 ? 'field field-error' : 'field'}>
      <fieldset class="fieldset" aria-describedby="field-schedule-hint">
        <legend id="field-schedule">{m.fields.schedule}</legend>
        <p class="hint" id="field-schedule-hint">
          {m.hints.schedule}
          {props.windows.length > 0 ? (
            <>
              <br />
              {m.windows(scheduleText(props.windows, props.locale))}
            </>
          ) : null}
        </p>
        {errors.schedule ? <p class="error-message">{errors.schedule}</p> : null}
        {rowErrors.map((e) => (
          <p class="error-message">{e}</p>
        ))}
        <WeeklyScheduleTable
          rowHeader={m.fields.weekday}
          columns={times.map((part) => ({ part, label: m.fields[part] }))}
          rows={weekdays.map((d) => ({
            label: days[d],
            name: (part) => `schedule_${d}_${part}`,
            values: { start: values[`schedule_${d}_start`], end: values[`schedule_${d}_end`] },
          }))}
          errors={errors}
          inputmode="numeric"
          errorsShown={false}
        />
      </fieldset>
    </div>
  );
}

export function DecisionForm(props: {
  t: Messages;
  m: DecisionMessages;
  locale: Locale;
  csrfToken: string;
  action: string;
  offeredForms: readonly string[];
  windows: readonly Window[];
  state: DecisionFormState;
}) {
  const { t, m, locale } = props;
  const { values, errors } = props.state;
  const common = { t, values, errors };
  const om = opportunityMessages[locale];
  const labels: Record<string, string> = Object.fromEntries(
    Object.entries(m.fields).map(([k, v]) => [k, v as string]),
  );
  for (const d of weekdays)
    for (const part of times) labels[`schedule_${d}_${part}`] = cellLabel(m, locale, d, part);
  return (
    <form method="post" action={props.action} novalidate>
      <CsrfField token={props.csrfToken} />
      <ErrorSummary t={t} errors={errors} labels={labels} />
      <p class="hint">{m.draftHint}</p>
      <h2>{m.sections.meeting}</h2>
      <TextField
        {...common}
        name="held_on"
        label={m.fields.held_on}
        type="date"
        hint={m.hints.held_on}
        width="short"
      />
      <Flag
        name="attendee_participant"
        label={m.fields.attendee_participant}
        checked={values.attendee_participant === '1'}
        errors={errors}
      />
      {attendeeFields.map((name) => (
        <TextField
          {...common}
          name={name}
          label={m.fields[name]}
          hint={m.hints.attendee_names}
          width="full"
        />
      ))}

      <h2>{m.sections.agreed}</h2>
      <SelectField
        {...common}
        name="work_form"
        label={m.fields.work_form}
        placeholder={m.placeholder}
        options={props.offeredForms.map((f) => ({ value: f, label: om.workForms[f as WorkFormOffer] ?? f }))}
      />
      <TextField
        {...common}
        name="start_date"
        label={m.fields.start_date}
        type="date"
        hint={m.hints.start_date}
        width="short"
      />
      <ScheduleTable m={m} locale={locale} values={values} errors={errors} windows={props.windows} />
      <CheckboxGrid
        t={t}
        name="tasks"
        legend={m.fields.tasks}
        options={taskCategories.map((code) => ({ value: code, label: om.tasks[code] }))}
        checked={props.state.tasks}
        errors={errors}
      />
      <Textarea
        t={t}
        name="task_note"
        label={m.fields.task_note}
        value={values.task_note ?? ''}
        errors={errors}
        rows={2}
      />
      <CheckboxGrid
        t={t}
        name="supports"
        legend={m.fields.supports}
        options={supportCodes.map((code) => ({ value: code, label: om.supports[code] }))}
        checked={props.state.supports}
        errors={errors}
      />
      <Textarea
        t={t}
        name="support_note"
        label={m.fields.support_note}
        value={values.support_note ?? ''}
        errors={errors}
        rows={2}
      />
      {costNoteFields.map((name) => (
        <TextField {...common} name={name} label={m.fields[name]} hint={m.hints[name]} width="full" />
      ))}
      <TextField
        {...common}
        name="first_review_on"
        label={m.fields.first_review_on}
        type="date"
        width="short"
      />
      <RadioField
        {...common}
        name="insurance_needed"
        legend={m.fields.insurance_needed}
        options={[
          { value: '1', label: m.insurance.yes },
          { value: '0', label: m.insurance.no },
        ]}
      />
      <div class="button-row">
        <button type="submit" class="button">
          {m.saveDraft}
        </button>
      </div>
    </form>
  );
}
