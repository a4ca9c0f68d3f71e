/**
 * The はたらく場 form (register and edit): one form in fieldsets — 仕事の内容, 就労形態, 曜日と時間
 * (numbered rows, spares included, so no script is needed), 条件, 配慮・支援, 見学・体験. Errors
 * show at their field (a time window's at its row) and in the summary at the top.
 */
import type { Messages } from '../../../platform/i18n';
import { Flag, Textarea } from '../../../platform/ui/fields';
import {
  CheckboxesField,
  CsrfField,
  describedByOf,
  ErrorSummary,
  type FieldErrors,
  FieldNotes,
  RadioField,
  SelectField,
  TextField,
} from '../../../platform/ui/form';
import { ScheduleFieldset, ScheduleInput } from '../../../platform/ui/weekly-schedule-field';
import { type OpportunityForm, supportField, windowRowsToShow } from '../form';
import type { OpportunityMessages } from '../messages';
import {
  mealOptions,
  payTypes,
  physicalLoads,
  supportCodes,
  taskCategories,
  uniformOptions,
  weekdays,
  workFormOffers,
  workSettings,
} from '../opportunity';

/** Labels for the error summary, including each window row's cells. */
export function opportunityErrorLabels(m: OpportunityMessages, errors: FieldErrors): Record<string, string> {
  const labels: Record<string, string> = { ...m.fields };
  for (const key of Object.keys(errors)) {
    const match = /^windows\.(\d+)\.(weekday|start|end|capacity)$/.exec(key);
    if (match)
      labels[key] = `${m.fields.windows} ${m.row(Number(match[1]) + 1)} ${m.fields[match[2] as 'start']}`;
    const support = /^support_(\w+)$/.exec(key);
    const supportLabel = support ? (m.supports as Record<string, string>)[support[1] ?? ''] : undefined;
    if (supportLabel) labels[key] = supportLabel;
  }
  return labels;
}

function WindowRows(props: { m: OpportunityMessages; form: OpportunityForm; errors: FieldErrors }) {
  const { m, errors } = props;
  const rows = windowRowsToShow(props.form.windows);
  return (
    <>
      {rows.map((row, index) => {
        const key = (part: string) => `windows.${index}.${part}`;
        const cell = (part: 'start' | 'end' | 'capacity', value: string) => (
          <ScheduleInput
            in="field"
            errorKey={key(part)}
            name={`window_${index}_${part}`}
            label={m.fields[part]}
            value={value}
            errors={errors}
            inputmode={part === 'capacity' ? 'numeric' : undefined}
            placeholder={part === 'capacity' ? undefined : '8:30'}
          />
        );
        const weekdayId = `field-${key('weekday')}`;
        const weekdayError = errors[key('weekday')];
        return (
          <fieldset class="fieldset window-row">
            <legend>{m.row(index + 1)}</legend>
            <div class="field-row">
              <div class={weekdayError ? 'field field-error' : 'field'}>
                <label for={weekdayId}>{m.fields.weekday}</label>
                <FieldNotes id={weekdayId} error={weekdayError} />
                <select
                  id={weekdayId}
                  name={`window_${index}_weekday`}
                  class="input input-short"
                  aria-invalid={weekdayError ? 'true' : undefined}
                  aria-describedby={describedByOf(weekdayId, undefined, weekdayError)}
                >
                  <option value="">{m.choose}</option>
                  {weekdays.map((d) => (
                    <option value={String(d)} selected={row.weekday === String(d)}>
                      {m.weekdaysLong[d]}
                    </option>
                  ))}
                </select>
              </div>
              {cell('start', row.start)}
              {cell('end', row.end)}
              {cell('capacity', row.capacity)}
            </div>
          </fieldset>
        );
      })}
    </>
  );
}

export function OpportunityFormView(props: {
  t: Messages;
  m: OpportunityMessages;
  csrfToken: string;
  action: string;
  form: OpportunityForm;
  errors: FieldErrors;
  submitLabel: string;
  cancelHref: string;
  /** Shown under 就労形態: the facility's 認定 and where to register it. */
  certificationNote?: { text: string; href?: string; linkLabel?: string };
}) {
  const { t, m, form, errors } = props;
  const v = form.values;
  const common = { t, values: v, errors };
  const options = <K extends string>(codes: readonly K[], labels: Record<K, string>) =>
    codes.map((code) => ({ value: code, label: labels[code] }));
  return (
    <>
      <ErrorSummary t={t} errors={errors} labels={opportunityErrorLabels(m, errors)} />
      <form method="post" action={props.action} novalidate>
        <CsrfField token={props.csrfToken} />
        {v.version ? <input type="hidden" name="version" value={v.version} /> : null}

        <fieldset class="fieldset">
          <legend>
            <h2>{m.sections.work}</h2>
          </legend>
          <TextField
            {...common}
            name="title"
            label={m.fields.title}
            hint={m.hints.title}
            required
            width="full"
          />
          <Textarea
            t={t}
            name="description"
            label={m.fields.description}
            hint={m.hints.description}
            value={v.description ?? ''}
            errors={errors}
            rows={4}
          />
          <CheckboxesField
            t={t}
            name="tasks"
            legend={m.fields.tasks}
            options={options(taskCategories, m.tasks)}
            checked={form.tasks}
            errors={errors}
          />
          <RadioField
            {...common}
            name="setting"
            legend={m.fields.setting}
            options={options(workSettings, m.settings)}
            required
          />
          <RadioField
            {...common}
            name="physical_load"
            legend={m.fields.physical_load}
            options={options(physicalLoads, m.loads)}
            required
          />
        </fieldset>

        <fieldset class="fieldset">
          <legend>
            <h2>{m.sections.forms}</h2>
          </legend>
          {props.certificationNote ? (
            <p class="hint">
              {props.certificationNote.text}
              {props.certificationNote.href ? (
                <>
                  {' '}
                  <a href={props.certificationNote.href}>{props.certificationNote.linkLabel}</a>
                </>
              ) : null}
            </p>
          ) : null}
          <CheckboxesField
            t={t}
            name="work_forms"
            legend={m.fields.work_forms}
            hint={m.hints.work_forms}
            options={options(workFormOffers, m.workForms)}
            checked={form.workForms}
            errors={errors}
          />
        </fieldset>

        <ScheduleFieldset
          name="windows"
          legend={<h2>{m.sections.times}</h2>}
          hint={`${m.hints.windows} ${m.hints.time}`}
          errors={errors}
        >
          <WindowRows m={m} form={form} errors={errors} />
          <div class="field-row">
            <TextField
              {...common}
              name="min_daily_minutes"
              label={m.fields.min_daily_minutes}
              hint={m.hints.hours}
              width="short"
            />
            <TextField
              {...common}
              name="max_daily_minutes"
              label={m.fields.max_daily_minutes}
              hint={m.hints.hours}
              width="short"
            />
          </div>
          <div class="field-row">
            <TextField
              {...common}
              name="min_days_per_week"
              label={m.fields.min_days_per_week}
              inputmode="numeric"
              width="short"
            />
            <TextField
              {...common}
              name="max_days_per_week"
              label={m.fields.max_days_per_week}
              inputmode="numeric"
              width="short"
            />
          </div>
          <Flag
            name="works_on_holidays"
            label={m.fields.works_on_holidays}
            checked={v.works_on_holidays === '1'}
            errors={errors}
          />
          <Flag
            name="year_end_closed"
            label={m.fields.year_end_closed}
            checked={v.year_end_closed === '1'}
            errors={errors}
          />
          <TextField {...common} name="holiday_note" label={m.fields.holiday_note} width="full" />
          <TextField
            {...common}
            name="earliest_start_date"
            label={m.fields.earliest_start_date}
            hint={m.hints.earliest_start_date}
            width="short"
          />
        </ScheduleFieldset>

        <fieldset class="fieldset">
          <legend>
            <h2>{m.sections.conditions}</h2>
          </legend>
          <RadioField
            {...common}
            name="pay_type"
            legend={m.fields.pay_type}
            options={options(payTypes, m.payTypes)}
          />
          <TextField
            {...common}
            name="pay_yen"
            label={m.fields.pay_yen}
            hint={m.hints.yen}
            inputmode="numeric"
            width="short"
          />
          <Flag
            name="transport_allowance"
            label={m.fields.transport_allowance}
            checked={v.transport_allowance === '1'}
            errors={errors}
          />
          <TextField
            {...common}
            name="transport_cap_yen"
            label={m.fields.transport_cap_yen}
            hint={m.hints.yen}
            inputmode="numeric"
            width="short"
          />
          <SelectField
            {...common}
            name="meals"
            label={m.fields.meals}
            options={options(mealOptions, m.meals)}
            width="short"
          />
          <SelectField
            {...common}
            name="uniform"
            label={m.fields.uniform}
            options={options(uniformOptions, m.uniforms)}
            width="short"
          />
          <TextField {...common} name="what_to_bring" label={m.fields.what_to_bring} width="full" />
          <Flag
            name="health_check_required"
            label={m.fields.health_check_required}
            checked={v.health_check_required === '1'}
            errors={errors}
          />
          <TextField {...common} name="documents_required" label={m.fields.documents_required} width="full" />
        </fieldset>

        <fieldset class="fieldset" aria-describedby="field-supports-hint">
          <legend>
            <h2>{m.sections.support}</h2>
          </legend>
          <p class="hint" id="field-supports-hint">
            {m.hints.supports}
          </p>
          {errors.supports ? (
            <p class="error-message" id="field-supports">
              {errors.supports}
            </p>
          ) : null}
          {supportCodes.map((code) => (
            <SelectField
              {...common}
              name={supportField(code)}
              label={m.supports[code]}
              options={[
                { value: '', label: m.supportAnswers.unknown },
                { value: 'yes', label: m.supportAnswers.yes },
                { value: 'no', label: m.supportAnswers.no },
              ]}
              width="short"
            />
          ))}
          <Textarea
            t={t}
            name="support_note"
            label={m.fields.support_note}
            value={v.support_note ?? ''}
            errors={errors}
            rows={4}
          />
        </fieldset>

        <fieldset class="fieldset">
          <legend>
            <h2>{m.sections.visit}</h2>
          </legend>
          {(['visit_possible', 'trial_possible', 'interview_required'] as const).map((name) => (
            <Flag name={name} label={m.fields[name]} checked={v[name] === '1'} errors={errors} />
          ))}
        </fieldset>

        <div class="button-row">
          <button type="submit" class="button">
            {props.submitLabel}
          </button>
          <a href={props.cancelHref}>{m.cancel}</a>
        </div>
      </form>
    </>
  );
}
