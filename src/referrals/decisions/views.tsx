/**
 * Views of the decision record (三者協議の記録): the draft form (attendees, what was agreed, the
 * person's weekly schedule as a labelled table), the read-only record, the agreements with their
 * dates, the form to record one, and the "not agreed" form. Every input has a label; groups are
 * fieldsets; the 支援決定 status is said in words.
 */
import type { Locale, Messages } from '../../platform/i18n';
import { formatDate, formatJapaneseEraDate } from '../../platform/i18n/format';
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
import { opportunityMessages } from '../../registry/opportunities/messages';
import {
  needsCertification,
  supportCodes,
  taskCategories,
  type WorkFormOffer,
} from '../../registry/opportunities/opportunity';
import { scheduleText } from '../views/common';
import { type AgreementParty, agreementParties } from './decision';
import type { DecisionMessages } from './messages';
import type { MeetingRecordRow } from './store';

export type DecisionFormState = {
  values: FormValues;
  tasks: readonly string[];
  supports: readonly string[];
  errors: FieldErrors;
};

const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

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

export function dateWithEra(date: string | null, locale: Locale): string {
  if (!date) return '';
  return locale === 'ja'
    ? `${formatDate(date, locale)}(${formatJapaneseEraDate(date)})`
    : formatDate(date, locale);
}

export function SupportDecisionNote(props: {
  m: DecisionMessages;
  workForm: string | null;
  inPlace: boolean;
}) {
  const { m } = props;
  const status = !props.workForm
    ? 'unknown'
    : !needsCertification(props.workForm as WorkFormOffer)
      ? 'not_needed'
      : props.inPlace
        ? 'in_place'
        : 'pending';
  return (
    <section aria-labelledby="support-decision-title">
      <h2 id="support-decision-title">{m.sections.supportDecision}</h2>
      <p class={status === 'pending' ? 'notice' : undefined}>
        <strong>{m.supportDecision[status]}</strong>
      </p>
    </section>
  );
}

function ScheduleTable(props: {
  t: Messages;
  m: DecisionMessages;
  locale: Locale;
  values: FormValues;
  errors: FieldErrors;
  windows: readonly { weekday: number; start: string; end: string }[];
}) {
  const { m, values, errors } = props;
  const days = opportunityMessages[props.locale].weekdaysLong;
  const rowErrors = weekdays.flatMap((d) =>
    ['start', 'end'].flatMap((part) => {
      const message = errors[`schedule_${d}_${part}`];
      return message ? [`${days[d]} ${part === 'start' ? m.fields.start : m.fields.end}: ${message}`] : [];
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
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{m.fields.weekday}</th>
                <th scope="col">{m.fields.start}</th>
                <th scope="col">{m.fields.end}</th>
              </tr>
            </thead>
            <tbody>
              {weekdays.map((d) => (
                <tr>
                  <th scope="row">{days[d]}</th>
                  {(['start', 'end'] as const).map((part) => {
                    const name = `schedule_${d}_${part}`;
                    return (
                      <td>
                        <label class="visually-hidden" for={`field-${name}`}>
                          {days[d]} {part === 'start' ? m.fields.start : m.fields.end}
                        </label>
                        <input
                          id={`field-${name}`}
                          name={name}
                          type="text"
                          inputmode="numeric"
                          class="input input-short"
                          value={values[name] ?? ''}
                          aria-invalid={errors[name] ? 'true' : undefined}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
  windows: readonly { weekday: number; start: string; end: string }[];
  state: DecisionFormState;
}) {
  const { t, m, locale } = props;
  const { values, errors } = props.state;
  const om = opportunityMessages[locale];
  const labels: Record<string, string> = Object.fromEntries(
    Object.entries(m.fields).map(([k, v]) => [k, v as string]),
  );
  for (const d of weekdays) {
    labels[`schedule_${d}_start`] = `${om.weekdaysLong[d]} ${m.fields.start}`;
    labels[`schedule_${d}_end`] = `${om.weekdaysLong[d]} ${m.fields.end}`;
  }
  return (
    <form method="post" action={props.action} novalidate>
      <CsrfField token={props.csrfToken} />
      <ErrorSummary t={t} errors={errors} labels={labels} />
      <p class="hint">{m.draftHint}</p>
      <h2>{m.sections.meeting}</h2>
      <TextField
        t={t}
        name="held_on"
        label={m.fields.held_on}
        type="date"
        hint={m.hints.held_on}
        values={values}
        errors={errors}
        width="short"
      />
      <Flag
        name="attendee_participant"
        label={m.fields.attendee_participant}
        checked={values.attendee_participant === '1'}
        errors={errors}
      />
      <TextField
        t={t}
        name="attendee_agency"
        label={m.fields.attendee_agency}
        hint={m.hints.attendee_names}
        values={values}
        errors={errors}
        width="full"
      />
      <TextField
        t={t}
        name="attendee_facility"
        label={m.fields.attendee_facility}
        hint={m.hints.attendee_names}
        values={values}
        errors={errors}
        width="full"
      />
      <TextField
        t={t}
        name="attendee_council"
        label={m.fields.attendee_council}
        hint={m.hints.attendee_names}
        values={values}
        errors={errors}
        width="full"
      />

      <h2>{m.sections.agreed}</h2>
      <SelectField
        t={t}
        name="work_form"
        label={m.fields.work_form}
        placeholder={m.placeholder}
        options={props.offeredForms.map((f) => ({ value: f, label: om.workForms[f as WorkFormOffer] ?? f }))}
        values={values}
        errors={errors}
      />
      <TextField
        t={t}
        name="start_date"
        label={m.fields.start_date}
        type="date"
        hint={m.hints.start_date}
        values={values}
        errors={errors}
        width="short"
      />
      <ScheduleTable t={t} m={m} locale={locale} values={values} errors={errors} windows={props.windows} />
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
      <TextField
        t={t}
        name="pay_note"
        label={m.fields.pay_note}
        hint={m.hints.pay_note}
        values={values}
        errors={errors}
        width="full"
      />
      <TextField
        t={t}
        name="transport_note"
        label={m.fields.transport_note}
        hint={m.hints.transport_note}
        values={values}
        errors={errors}
        width="full"
      />
      <TextField
        t={t}
        name="first_review_on"
        label={m.fields.first_review_on}
        type="date"
        values={values}
        errors={errors}
        width="short"
      />
      <RadioField
        t={t}
        name="insurance_needed"
        legend={m.fields.insurance_needed}
        options={[
          { value: '1', label: m.insurance.yes },
          { value: '0', label: m.insurance.no },
        ]}
        values={values}
        errors={errors}
      />
      <div class="button-row">
        <button type="submit" class="button">
          {m.saveDraft}
        </button>
      </div>
    </form>
  );
}

/** The record as text, for the parties once it is decided (or for the council). */
export function DecisionSummary(props: { m: DecisionMessages; locale: Locale; record: MeetingRecordRow }) {
  const { m, locale, record: r } = props;
  const om = opportunityMessages[locale];
  const names = (party: string) =>
    r.attendees
      .filter((a) => a.party === party)
      .map((a) => a.name)
      .join('、');
  const row = (label: string, value: string) => (
    <div>
      <dt>{label}</dt>
      <dd>{value || '—'}</dd>
    </div>
  );
  return (
    <>
      <h2>{m.sections.meeting}</h2>
      <dl class="summary-list">
        {row(m.fields.held_on, dateWithEra(r.heldOn, locale))}
        {row(m.fields.attendee_participant, r.attendees.some((a) => a.party === 'participant') ? '○' : '—')}
        {row(m.fields.attendee_agency, names('agency'))}
        {row(m.fields.attendee_facility, names('facility'))}
        {row(m.fields.attendee_council, names('council'))}
      </dl>
      <h2>{m.sections.agreed}</h2>
      <dl class="summary-list">
        {row(m.fields.work_form, r.workForm ? om.workForms[r.workForm] : '')}
        {row(m.fields.start_date, dateWithEra(r.startDate, locale))}
        {row(
          m.fields.schedule,
          r.schedule.map((s) => `${om.weekdays[s.weekday as 1]} ${s.start}〜${s.end}`).join('、'),
        )}
        {row(
          m.fields.tasks,
          [r.tasks.map((c) => om.tasks[c]).join('、'), r.taskNote ?? ''].filter(Boolean).join(' / '),
        )}
        {row(
          m.fields.supports,
          [r.supports.map((c) => om.supports[c]).join('、'), r.supportNote ?? ''].filter(Boolean).join(' / '),
        )}
        {row(m.fields.pay_note, r.payNote ?? '')}
        {row(m.fields.transport_note, r.transportNote ?? '')}
        {row(m.fields.first_review_on, dateWithEra(r.firstReviewOn, locale))}
        {row(m.fields.insurance_needed, r.insuranceNeeded ? m.insurance.yes : m.insurance.no)}
      </dl>
    </>
  );
}

export function AgreementList(props: {
  m: DecisionMessages;
  locale: Locale;
  record: MeetingRecordRow | undefined;
}) {
  const { m } = props;
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{m.sections.agreements}</caption>
        <thead>
          <tr>
            <th scope="col">{m.fields.party}</th>
            <th scope="col">{m.fields.status}</th>
          </tr>
        </thead>
        <tbody>
          {agreementParties.map((party) => {
            const a = props.record?.agreements[party];
            return (
              <tr>
                <th scope="row">{m.parties[party]}</th>
                <td>{a?.on ? m.agreedOn(dateWithEra(a.on, props.locale), a.byName) : m.agreementNone}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function AgreementForm(props: {
  t: Messages;
  m: DecisionMessages;
  csrfToken: string;
  action: string;
  parties: readonly AgreementParty[];
  values: FormValues;
  errors: FieldErrors;
}) {
  const { t, m } = props;
  return (
    <form method="post" action={props.action} novalidate>
      <CsrfField token={props.csrfToken} />
      <ErrorSummary
        t={t}
        errors={props.errors}
        labels={{ party: m.fields.party, agreed_on: m.fields.agreed_on }}
      />
      <RadioField
        t={t}
        name="party"
        legend={m.fields.party}
        required
        options={props.parties.map((p) => ({ value: p, label: m.parties[p] }))}
        values={props.values}
        errors={props.errors}
      />
      <TextField
        t={t}
        name="agreed_on"
        label={m.fields.agreed_on}
        type="date"
        required
        hint={m.hints.agreed_on}
        values={props.values}
        errors={props.errors}
        width="short"
      />
      <div class="button-row">
        <button type="submit" class="button">
          {m.recordAgreement}
        </button>
      </div>
    </form>
  );
}

export function NotAgreedForm(props: {
  t: Messages;
  m: DecisionMessages;
  locale: Locale;
  csrfToken: string;
  action: string;
  reasons: readonly { code: string; labelJa: string; labelEn: string }[];
  values: FormValues;
  errors: FieldErrors;
}) {
  const { t, m } = props;
  return (
    <form method="post" action={props.action} novalidate>
      <CsrfField token={props.csrfToken} />
      <p>{m.notAgreeIntro}</p>
      <SelectField
        t={t}
        name="reason"
        label={m.fields.reason}
        required
        placeholder={m.placeholder}
        options={props.reasons.map((r) => ({
          value: r.code,
          label: props.locale === 'ja' ? r.labelJa : r.labelEn,
        }))}
        values={props.values}
        errors={props.errors}
      />
      <Textarea
        t={t}
        name="note"
        label={m.fields.note}
        value={props.values.note ?? ''}
        errors={props.errors}
        rows={2}
      />
      <div class="button-row">
        <button type="submit" class="button button-secondary">
          {m.notAgree}
        </button>
      </div>
    </form>
  );
}
