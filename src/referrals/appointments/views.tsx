/**
 * Appointment views: the list on a referral (a table, cancelled ones marked in words), the
 * scheduling form and the cancel confirmation. Every input is labelled; groups are fieldsets.
 */
import type { Messages } from '../../platform/i18n';
import { Flag, Textarea } from '../../platform/ui/fields';
import {
  CheckboxesField,
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  RadioField,
  TextField,
} from '../../platform/ui/form';
import type { AppointmentMessages } from './messages';
import { whenText } from './messages';
import type { AppointmentRow } from './store';

export function attendeeText(m: AppointmentMessages, appointment: AppointmentRow): string {
  return appointment.attendees
    .map((a) => (a.party === 'participant' ? a.name : `${a.name}(${m.parties[a.party]})`))
    .join('、');
}

export function AppointmentTable(props: {
  m: AppointmentMessages;
  referralId: string;
  appointments: readonly AppointmentRow[];
  mayCancel: boolean;
  headingLevel?: 2 | 3;
}) {
  const { m } = props;
  if (props.appointments.length === 0) return <p>{m.none}</p>;
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{m.section}</caption>
        <thead>
          <tr>
            <th scope="col">{m.fields.kind}</th>
            <th scope="col">{m.fields.date}</th>
            <th scope="col">{m.fields.place}</th>
            <th scope="col">{m.fields.attendees}</th>
            <th scope="col">{m.fields.status}</th>
          </tr>
        </thead>
        <tbody>
          {props.appointments.map((a) => (
            <tr>
              <th scope="row">{m.kinds[a.kind]}</th>
              <td>{whenText(a.date, a.startTime, a.endTime)}</td>
              <td>
                {a.place}
                {a.note ? <p class="hint">{a.note}</p> : null}
              </td>
              <td>{attendeeText(m, a)}</td>
              <td>
                {a.cancelledAt ? (
                  <span class="tag">{m.cancelled}</span>
                ) : props.mayCancel ? (
                  <>
                    <a href={`/referrals/${props.referralId}/appointments/${a.id}/edit`}>
                      {m.editLink}
                      <span class="visually-hidden">
                        ({m.kinds[a.kind]} {whenText(a.date, a.startTime, a.endTime)})
                      </span>
                    </a>{' '}
                    <a href={`/referrals/${props.referralId}/appointments/${a.id}/cancel`}>
                      {m.cancelAppointment}
                      <span class="visually-hidden">
                        ({m.kinds[a.kind]} {whenText(a.date, a.startTime, a.endTime)})
                      </span>
                    </a>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AppointmentForm(props: {
  t: Messages;
  m: AppointmentMessages;
  csrfToken: string;
  action: string;
  cancelHref: string;
  kinds: readonly string[];
  staff: readonly { id: string; name: string; party: 'agency' | 'facility' }[];
  values: FormValues;
  checkedStaff: readonly string[];
  errors: FieldErrors;
  submitLabel?: string;
}) {
  const { t, m, values, errors } = props;
  const labels: Record<string, string> = {
    kind: m.fields.kind,
    date: m.fields.date,
    start_time: m.fields.start_time,
    end_time: m.fields.end_time,
    place: m.fields.place,
    staff: m.fields.staff,
    others: m.fields.others,
    note: m.fields.note,
  };
  return (
    <form method="post" action={props.action} novalidate>
      <CsrfField token={props.csrfToken} />
      <ErrorSummary t={t} errors={errors} labels={labels} />
      <RadioField
        t={t}
        name="kind"
        legend={m.fields.kind}
        required
        options={props.kinds.map((k) => ({ value: k, label: m.kinds[k as keyof typeof m.kinds] }))}
        values={values}
        errors={errors}
      />
      <TextField
        t={t}
        name="date"
        label={m.fields.date}
        type="date"
        required
        hint={m.hints.date}
        values={values}
        errors={errors}
        width="short"
      />
      <TextField
        t={t}
        name="start_time"
        label={m.fields.start_time}
        required
        hint={m.hints.start_time}
        values={values}
        errors={errors}
        width="short"
      />
      <TextField
        t={t}
        name="end_time"
        label={m.fields.end_time}
        required
        hint={m.hints.end_time}
        values={values}
        errors={errors}
        width="short"
      />
      <TextField
        t={t}
        name="place"
        label={m.fields.place}
        required
        hint={m.hints.place}
        values={values}
        errors={errors}
        width="full"
      />
      <CheckboxesField
        t={t}
        name="staff"
        legend={m.fields.staff}
        options={props.staff.map((s) => ({ value: s.id, label: `${s.name}(${m.parties[s.party]})` }))}
        checked={props.checkedStaff}
        errors={errors}
      />
      <Flag
        name="participant"
        label={m.fields.participant}
        checked={values.participant === '1'}
        errors={errors}
      />
      <Textarea
        t={t}
        name="others"
        label={m.fields.others}
        hint={m.hints.others}
        value={values.others ?? ''}
        errors={errors}
        rows={2}
      />
      <Textarea
        t={t}
        name="note"
        label={m.fields.note}
        hint={m.hints.note}
        value={values.note ?? ''}
        errors={errors}
        rows={3}
      />
      <div class="button-row">
        <button type="submit" class="button">
          {props.submitLabel ?? m.add}
        </button>
        <a href={props.cancelHref}>{m.cancel}</a>
      </div>
    </form>
  );
}
