/**
 * The assessment form — one compact page a counsellor fills during a conversation: the date,
 * tasks wanted (checkboxes in columns), a table of the seven weekdays with from/until, hours a
 * day and days a week, travel, strengths and difficulties, support needs (the registry's list),
 * goals and notes; only the date is required. And the history of versions.
 */
import type { Locale, Messages } from '../../platform/i18n';
import { formatDateTime } from '../../platform/i18n/format';
import { CheckboxGrid, Textarea } from '../../platform/ui/fields';
import {
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  TextField,
} from '../../platform/ui/form';
import { ScheduleFieldset, WeeklyScheduleTable } from '../../platform/ui/weekly-schedule-field';
import type { OpportunityMessages } from '../../registry/opportunities/messages';
import { supportCodes, taskCategories, weekdays } from '../../registry/opportunities/opportunity';
import { travelModes } from '../assessment';
import type { ParticipantMessages } from '../messages';
import type { AssessmentRow } from '../service';
import { AssessmentSummary } from './participant-pages';

export type WindowRow = { weekday: string; start: string; end: string };

export type AssessmentForm = {
  values: FormValues;
  tasks: string[];
  supports: string[];
  modes: string[];
  windows: WindowRow[];
};

/** One row per weekday, plus any further rows the form already holds for a day. */
export function windowRowsToShow(rows: readonly WindowRow[]): WindowRow[] {
  const shown: WindowRow[] = [];
  for (const day of weekdays) {
    const ofDay = rows.filter((r) => r.weekday === String(day));
    if (ofDay.length === 0) shown.push({ weekday: String(day), start: '', end: '' });
    else shown.push(...ofDay);
  }
  return shown;
}

function labelsOf(
  m: ParticipantMessages,
  om: OpportunityMessages,
  form: AssessmentForm,
  errors: FieldErrors,
) {
  const labels: Record<string, string> = { ...m.assessment.fields };
  const rows = windowRowsToShow(form.windows);
  for (const key of Object.keys(errors)) {
    const match = /^windows\.(\d+)\.(weekday|start|end)$/.exec(key);
    if (!match) continue;
    const row = rows[Number(match[1])];
    const day = om.weekdaysLong[Number(row?.weekday ?? 0) as 1] ?? '';
    labels[key] = `${day} ${m.assessment.fields[match[2] as 'start']}`;
  }
  return labels;
}

function WindowTable(props: {
  m: ParticipantMessages;
  om: OpportunityMessages;
  form: AssessmentForm;
  errors: FieldErrors;
}) {
  const f = props.m.assessment.fields;
  return (
    <WeeklyScheduleTable
      caption={f.windows}
      rowHeader={f.weekday}
      columns={[
        { part: 'start', label: f.start },
        { part: 'end', label: f.end },
      ]}
      rows={windowRowsToShow(props.form.windows).map((row, index) => ({
        label: props.om.weekdaysLong[Number(row.weekday) as 1] ?? '',
        name: (part) => `window_${index}_${part}`,
        errorKey: (part) => `windows.${index}.${part}`,
        values: row,
        hidden: { name: `window_${index}_weekday`, value: row.weekday },
      }))}
      errors={props.errors}
    />
  );
}

export function AssessmentFormView(props: {
  t: Messages;
  m: ParticipantMessages;
  om: OpportunityMessages;
  csrfToken: string;
  action: string;
  form: AssessmentForm;
  errors: FieldErrors;
  cancelHref: string;
}) {
  const { t, m, om, form, errors } = props;
  const a = m.assessment;
  const v = form.values;
  const common = { t, values: v, errors };
  return (
    <>
      <ErrorSummary t={t} errors={errors} labels={labelsOf(m, om, form, errors)} />
      <form method="post" action={props.action} novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField
          {...common}
          name="assessed_on"
          label={a.fields.assessed_on}
          hint={a.hints.assessed_on}
          required
          width="short"
        />
        <CheckboxGrid
          t={t}
          name="tasks"
          legend={a.fields.tasks}
          options={taskCategories.map((c) => ({ value: c, label: om.tasks[c] }))}
          checked={form.tasks}
          errors={errors}
        />
        <ScheduleFieldset
          name="windows"
          legend={<h2>{a.sections.times}</h2>}
          hint={a.hints.windows}
          errors={errors}
        >
          <WindowTable m={m} om={om} form={form} errors={errors} />
          <div class="field-row">
            <TextField
              {...common}
              name="min_daily_minutes"
              label={a.fields.min_daily_minutes}
              hint={a.hints.hours}
              width="short"
            />
            <TextField
              {...common}
              name="max_daily_minutes"
              label={a.fields.max_daily_minutes}
              hint={a.hints.hours}
              width="short"
            />
            <TextField
              {...common}
              name="min_days_per_week"
              label={a.fields.min_days_per_week}
              inputmode="numeric"
              width="short"
            />
            <TextField
              {...common}
              name="max_days_per_week"
              label={a.fields.max_days_per_week}
              inputmode="numeric"
              width="short"
            />
          </div>
        </ScheduleFieldset>
        <fieldset class="fieldset">
          <legend>
            <h2>{a.sections.travel}</h2>
          </legend>
          <div class="field-row">
            <TextField
              {...common}
              name="travel_max_minutes"
              label={a.fields.travel_max_minutes}
              inputmode="numeric"
              width="short"
            />
            <TextField
              {...common}
              name="travel_max_km"
              label={a.fields.travel_max_km}
              hint={a.hints.travel_max_km}
              width="short"
            />
          </div>
          <CheckboxGrid
            t={t}
            name="travel_modes"
            legend={a.fields.travel_modes}
            options={travelModes.map((mode) => ({ value: mode, label: a.travelModes[mode] }))}
            checked={form.modes}
            errors={errors}
          />
        </fieldset>
        <fieldset class="fieldset">
          <legend>
            <h2>{a.sections.person}</h2>
          </legend>
          <Textarea
            t={t}
            name="strengths"
            label={a.fields.strengths}
            value={v.strengths ?? ''}
            errors={errors}
            rows={2}
          />
          <Textarea
            t={t}
            name="difficulties"
            label={a.fields.difficulties}
            value={v.difficulties ?? ''}
            errors={errors}
            rows={2}
          />
        </fieldset>
        <fieldset class="fieldset">
          <legend>
            <h2>{a.sections.support}</h2>
          </legend>
          <CheckboxGrid
            t={t}
            name="supports"
            legend={a.fields.supports}
            hint={a.hints.supports}
            options={supportCodes.map((c) => ({ value: c, label: om.supports[c] }))}
            checked={form.supports}
            errors={errors}
          />
          <Textarea
            t={t}
            name="health_note"
            label={a.fields.health_note}
            value={v.health_note ?? ''}
            errors={errors}
            rows={2}
          />
        </fieldset>
        <fieldset class="fieldset">
          <legend>
            <h2>{a.sections.goals}</h2>
          </legend>
          <Textarea
            t={t}
            name="goal_short"
            label={a.fields.goal_short}
            value={v.goal_short ?? ''}
            errors={errors}
            rows={2}
          />
          <Textarea
            t={t}
            name="goal_long"
            label={a.fields.goal_long}
            value={v.goal_long ?? ''}
            errors={errors}
            rows={2}
          />
          <Textarea
            t={t}
            name="notes"
            label={a.fields.notes}
            value={v.notes ?? ''}
            errors={errors}
            rows={3}
          />
        </fieldset>
        <div class="button-row">
          <button type="submit" class="button">
            {a.record}
          </button>
          <a href={props.cancelHref}>{m.cancel}</a>
        </div>
      </form>
    </>
  );
}

export function AssessmentHistory(props: {
  m: ParticipantMessages;
  om: OpportunityMessages;
  locale: Locale;
  versions: AssessmentRow[];
}) {
  const { m } = props;
  return (
    <>
      {props.versions.map((version, index) => (
        <section aria-labelledby={`assessment-${version.version}`}>
          <h2 id={`assessment-${version.version}`}>
            {m.assessment.version(version.version)}
            {index === 0 ? <span class="tag">{m.assessment.latest}</span> : null}
          </h2>
          <p class="hint">
            {m.assessment.recordedBy(
              version.recordedByName ?? '',
              formatDateTime(version.recordedAt, props.locale),
            )}
          </p>
          <AssessmentSummary m={m} om={props.om} locale={props.locale} assessment={version} />
        </section>
      ))}
    </>
  );
}
