/**
 * The assessment form as posted: plain fields, checkbox lists (tasks, supports, travel modes)
 * and numbered time-window rows (`window_<row>_weekday|start|end`). Converts between that, the
 * domain's input and stored values, so an invalid post comes back exactly as typed.
 */
import type { FormValues } from '../platform/ui/form';
import { hoursOfMinutes } from '../registry/opportunities/opportunity';
import { type AssessmentInput, type AssessmentValues, kmOfMetres } from './assessment';
import type { AssessmentForm, WindowRow } from './views/assessment-views';

const textFields = [
  'assessed_on',
  'min_daily_minutes',
  'max_daily_minutes',
  'min_days_per_week',
  'max_days_per_week',
  'travel_max_minutes',
  'travel_max_km',
  'strengths',
  'difficulties',
  'health_note',
  'goal_short',
  'goal_long',
  'notes',
] as const;

const MAX_ROWS = 40;

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
export function assessmentFormFromBody(body: Body): AssessmentForm {
  const values: FormValues = {};
  for (const field of textFields) values[field] = one(body, field);
  const windows: WindowRow[] = [];
  for (let row = 0; row < MAX_ROWS; row += 1) {
    if (!(`window_${row}_weekday` in body)) break;
    windows.push({
      weekday: one(body, `window_${row}_weekday`),
      start: one(body, `window_${row}_start`),
      end: one(body, `window_${row}_end`),
    });
  }
  return {
    values,
    tasks: all(body, 'tasks'),
    supports: all(body, 'supports'),
    modes: all(body, 'travel_modes'),
    windows,
  };
}

/** The form as the domain's input; rows keep their position so errors land on the right row. */
export function inputOfAssessmentForm(form: AssessmentForm): AssessmentInput {
  const input: AssessmentInput = {
    tasks: form.tasks,
    supports: form.supports,
    travel_modes: form.modes,
    windows: form.windows,
  };
  for (const field of textFields) input[field] = form.values[field] ?? '';
  return input;
}

/** Stored values as a form (a new version starts from the latest); `assessedOn` replaces the date. */
export function assessmentFormOfValues(
  values: AssessmentValues | undefined,
  assessedOn: string,
): AssessmentForm {
  if (!values)
    return { values: { assessed_on: assessedOn }, tasks: [], supports: [], modes: [], windows: [] };
  const text = (value: string | null) => value ?? '';
  return {
    values: {
      assessed_on: assessedOn,
      min_daily_minutes: hoursOfMinutes(values.min_daily_minutes),
      max_daily_minutes: hoursOfMinutes(values.max_daily_minutes),
      min_days_per_week: values.min_days_per_week?.toString() ?? '',
      max_days_per_week: values.max_days_per_week?.toString() ?? '',
      travel_max_minutes: values.travel_max_minutes?.toString() ?? '',
      travel_max_km: kmOfMetres(values.travel_max_metres),
      strengths: text(values.strengths),
      difficulties: text(values.difficulties),
      health_note: text(values.health_note),
      goal_short: text(values.goal_short),
      goal_long: text(values.goal_long),
      notes: text(values.notes),
    },
    tasks: [...values.tasks],
    supports: [...values.supports],
    modes: [...values.travel_modes],
    windows: values.windows.map((w) => ({ weekday: String(w.weekday), start: w.start, end: w.end })),
  };
}
