/**
 * The new-referral page: first the opportunity (from the candidate list, unless a match result
 * or the opportunity page chose it), then the request — message, proposed start (西暦 or 和暦),
 * proposed days and times, and the data groups the consent covers for that corporation today.
 * A hidden idempotency key makes a double-clicked send one request.
 */
import type { ConsentDataGroup } from '../../participants/consents/consent';
import { consentMessages } from '../../participants/consents/messages';
import type { Locale, Messages } from '../../platform/i18n';
import { Textarea } from '../../platform/ui/fields';
import {
  CheckboxesField,
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  TextField,
} from '../../platform/ui/form';
import { ScheduleFieldset, WeeklyScheduleTable } from '../../platform/ui/weekly-schedule-field';
import { opportunityMessages } from '../../registry/opportunities/messages';
import type { ReferralMessages } from '../messages';
import { type DayRows, WEEKDAYS } from '../referral-form';

export type OpportunityChoice = { id: string; title: string; facilityName: string; status: string };

export function ChooseOpportunity(props: {
  m: ReferralMessages;
  participantId: string;
  choices: readonly OpportunityChoice[];
}) {
  const { m } = props;
  if (props.choices.length === 0) {
    return (
      <>
        <p>{m.noCandidates}</p>
        <p>
          <a class="button button-secondary" href={`/participants/${props.participantId}/matches`}>
            {m.toMatching}
          </a>
        </p>
      </>
    );
  }
  return (
    <form method="get" action={`/participants/${props.participantId}/referrals/new`}>
      <div class="field">
        <label for="field-opportunity">{m.fields.opportunity_id}</label>
        <select id="field-opportunity" name="opportunity" class="input input-full">
          {props.choices.map((o) => (
            <option value={o.id}>
              {o.title}({o.facilityName})
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="button">
        {m.next}
      </button>
    </form>
  );
}

function ScheduleTable(props: { m: ReferralMessages; locale: Locale; rows: DayRows; errors: FieldErrors }) {
  const { m, errors } = props;
  const days = opportunityMessages[props.locale].weekdaysLong as Record<number, string>;
  return (
    <ScheduleFieldset name="schedule" legend={m.fields.schedule} hint={m.hints.schedule} errors={errors}>
      <WeeklyScheduleTable
        caption={m.fields.schedule}
        rowHeader={m.fields.weekday}
        columns={[
          { part: 'start', label: m.fields.start },
          { part: 'end', label: m.fields.end },
        ]}
        rows={WEEKDAYS.map((day) => ({
          label: days[day] ?? '',
          name: (part) => `day_${day}_${part}`,
          values: props.rows[day] ?? {},
        }))}
        errors={errors}
        inputmode="numeric"
      />
    </ScheduleFieldset>
  );
}

export function ReferralFormView(props: {
  t: Messages;
  m: ReferralMessages;
  locale: Locale;
  csrfToken: string;
  participantId: string;
  opportunity: { id: string; title: string; facilityName: string };
  values: FormValues;
  dayRows: DayRows;
  checkedGroups: readonly string[];
  coveredGroups: readonly ConsentDataGroup[];
  uncoveredGroups: readonly ConsentDataGroup[];
  errors: FieldErrors;
  /** Why sending was refused (consent or a paused opportunity), shown above the form. */
  refusal?: { message: string; details: string[]; consentLink: boolean };
}) {
  const { t, m, errors, values } = props;
  const cm = consentMessages[props.locale];
  const labels: Record<string, string> = {
    message: m.fields.message,
    proposed_start_date: m.fields.proposed_start_date,
    schedule: m.fields.schedule,
    data_groups: m.fields.data_groups,
    opportunity_id: m.fields.opportunity_id,
  };
  const days = opportunityMessages[props.locale].weekdaysLong as Record<number, string>;
  for (const day of WEEKDAYS) {
    labels[`day_${day}_start`] = `${days[day]} ${m.fields.start}`;
    labels[`day_${day}_end`] = `${days[day]} ${m.fields.end}`;
  }
  const consentHref = `/participants/${props.participantId}/consents/new`;
  return (
    <>
      {props.refusal ? (
        <div class="notice notice-warning" role="alert">
          <p>{props.refusal.message}</p>
          {props.refusal.details.length > 0 ? (
            <ul>
              {props.refusal.details.map((d) => (
                <li>{d}</li>
              ))}
            </ul>
          ) : null}
          {props.refusal.consentLink ? (
            <p>
              <a href={consentHref}>{m.consentLink}</a>
            </p>
          ) : null}
        </div>
      ) : null}
      <ErrorSummary t={t} errors={errors} labels={labels} />
      <form method="post" action={`/participants/${props.participantId}/referrals`} novalidate>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="opportunity_id" value={props.opportunity.id} />
        <input type="hidden" name="idempotency_key" value={values.idempotency_key ?? ''} />
        <dl class="summary-list">
          <div>
            <dt>{m.fields.opportunity_id}</dt>
            <dd>
              <a href={`/opportunities/${props.opportunity.id}`}>{props.opportunity.title}</a>(
              {props.opportunity.facilityName})
            </dd>
          </div>
        </dl>
        <Textarea
          t={t}
          name="message"
          label={m.fields.message}
          value={values.message ?? ''}
          errors={errors}
          hint={m.hints.message}
          rows={5}
          required
        />
        <TextField
          t={t}
          name="proposed_start_date"
          label={m.fields.proposed_start_date}
          values={values}
          errors={errors}
          hint={m.hints.proposed_start_date}
          required
          width="medium"
        />
        <ScheduleTable m={m} locale={props.locale} rows={props.dayRows} errors={errors} />
        {props.coveredGroups.length > 0 ? (
          <CheckboxesField
            t={t}
            name="data_groups"
            legend={m.fields.data_groups}
            hint={m.hints.data_groups}
            options={props.coveredGroups.map((g) => ({ value: g, label: cm.groups[g] }))}
            checked={props.checkedGroups}
            errors={errors}
          />
        ) : (
          <div class={errors.data_groups ? 'field field-error' : 'field'} id="field-data_groups">
            <p>
              <strong>{m.fields.data_groups}</strong>
            </p>
            {errors.data_groups ? <p class="error-message">{errors.data_groups}</p> : null}
            <p>{m.consentRefused}</p>
          </div>
        )}
        {props.uncoveredGroups.length > 0 ? (
          <p class="hint">
            {m.consentMissing(props.uncoveredGroups.map((g) => cm.groups[g]).join('、'))} —{' '}
            <a href={consentHref}>{m.consentLink}</a>
          </p>
        ) : null}
        <div class="button-row">
          <button type="submit" name="intent" value="send" class="button">
            {m.send}
          </button>
          <button type="submit" name="intent" value="draft" class="button button-secondary">
            {m.saveDraft}
          </button>
          <a href={`/participants/${props.participantId}`}>{m.cancel}</a>
        </div>
      </form>
    </>
  );
}
