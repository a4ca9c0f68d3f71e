/**
 * The opportunity form as posted: plain fields, checkbox lists (tasks, work forms, flags), one
 * select per support (yes / no / unknown) and numbered time-window rows
 * (`window_<row>_weekday|start|end|capacity`). Converts between that, the domain's input and the
 * stored values, so an invalid post is shown again exactly as typed.
 */
import type { FormValues } from '../../platform/ui/form';
import {
  hoursOfMinutes,
  MAX_WINDOWS,
  type OpportunityInput,
  type OpportunityValues,
  supportCodes,
} from './opportunity';

export type WindowRow = { weekday: string; start: string; end: string; capacity: string };

export type OpportunityForm = {
  values: FormValues;
  tasks: string[];
  workForms: string[];
  windows: WindowRow[];
};

/** Yes/no fields shown as single checkboxes. */
export const flagFields = [
  'works_on_holidays',
  'year_end_closed',
  'transport_allowance',
  'health_check_required',
  'visit_possible',
  'trial_possible',
  'interview_required',
] as const;

const textFields = [
  'title',
  'description',
  'setting',
  'physical_load',
  'min_daily_minutes',
  'max_daily_minutes',
  'min_days_per_week',
  'max_days_per_week',
  'holiday_note',
  'earliest_start_date',
  'pay_type',
  'pay_yen',
  'transport_cap_yen',
  'meals',
  'uniform',
  'what_to_bring',
  'documents_required',
  'support_note',
] as const;

/** Spare empty window rows a form shows below the filled ones. */
export const SPARE_WINDOW_ROWS = 5;

export const supportField = (code: string) => `support_${code}`;

export function emptyForm(): OpportunityForm {
  return {
    values: { year_end_closed: '1', pay_type: 'none', meals: 'none', uniform: 'none' },
    tasks: [],
    workForms: [],
    windows: [],
  };
}

type Body = Record<string, string | File | (string | File)[]>;

function all(body: Body, name: string): string[] {
  const value = body[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === 'string');
}

function one(body: Body, name: string): string {
  return all(body, name)[0] ?? '';
}

/** Reads a posted form (parseBody({ all: true })). */
export function formFromBody(body: Body): OpportunityForm {
  const values: FormValues = {};
  for (const field of textFields) values[field] = one(body, field);
  for (const field of flagFields) values[field] = one(body, field) === '1' ? '1' : '';
  for (const code of supportCodes) values[supportField(code)] = one(body, supportField(code));
  values.version = one(body, 'version');
  const windows: WindowRow[] = [];
  for (let row = 0; row < MAX_WINDOWS + SPARE_WINDOW_ROWS; row += 1) {
    const cell = (part: string) => one(body, `window_${row}_${part}`);
    if (!(`window_${row}_weekday` in body)) break;
    windows.push({
      weekday: cell('weekday'),
      start: cell('start'),
      end: cell('end'),
      capacity: cell('capacity'),
    });
  }
  return { values, tasks: all(body, 'tasks'), workForms: all(body, 'work_forms'), windows };
}

/** The form as the domain's input. Rows keep their position so errors land on the right row. */
export function inputOfForm(form: OpportunityForm): OpportunityInput {
  const v = form.values;
  const supports: Record<string, string> = {};
  for (const code of supportCodes) supports[code] = v[supportField(code)] ?? '';
  const input: OpportunityInput = {
    tasks: form.tasks,
    work_forms: form.workForms,
    supports,
    windows: form.windows,
  };
  for (const field of textFields) input[field] = v[field] ?? '';
  for (const field of flagFields) input[field] = v[field] === '1' ? 1 : 0;
  return input;
}

/** Stored values as a form to edit. */
export function formOfValues(values: OpportunityValues, version: number): OpportunityForm {
  const form: FormValues = {
    title: values.title,
    description: values.description,
    setting: values.setting,
    physical_load: values.physical_load,
    min_daily_minutes: hoursOfMinutes(values.min_daily_minutes),
    max_daily_minutes: hoursOfMinutes(values.max_daily_minutes),
    min_days_per_week: values.min_days_per_week?.toString() ?? '',
    max_days_per_week: values.max_days_per_week?.toString() ?? '',
    holiday_note: values.holiday_note ?? '',
    earliest_start_date: values.earliest_start_date ?? '',
    pay_type: values.pay_type,
    pay_yen: values.pay_yen?.toString() ?? '',
    transport_cap_yen: values.transport_cap_yen?.toString() ?? '',
    meals: values.meals,
    uniform: values.uniform,
    what_to_bring: values.what_to_bring ?? '',
    documents_required: values.documents_required ?? '',
    support_note: values.support_note ?? '',
    version: String(version),
  };
  for (const field of flagFields) form[field] = values[field] ? '1' : '';
  for (const code of values.supports) form[supportField(code)] = 'yes';
  for (const code of values.supports_unavailable) form[supportField(code)] = 'no';
  return {
    values: form,
    tasks: [...values.tasks],
    workForms: [...values.work_forms],
    windows: values.windows.map((w) => ({
      weekday: String(w.weekday),
      start: w.start,
      end: w.end,
      capacity: String(w.capacity),
    })),
  };
}

/** The rows a form shows: the filled ones, then spares (at most MAX_WINDOWS + spares). */
export function windowRowsToShow(rows: readonly WindowRow[]): WindowRow[] {
  const lastFilled = rows.reduce(
    (last, row, index) => (row.weekday || row.start || row.end || row.capacity ? index : last),
    -1,
  );
  const count = Math.min(
    Math.max(rows.length, lastFilled + 1 + SPARE_WINDOW_ROWS),
    MAX_WINDOWS + SPARE_WINDOW_ROWS,
  );
  return Array.from(
    { length: count },
    (_, i) => rows[i] ?? { weekday: '', start: '', end: '', capacity: '' },
  );
}
