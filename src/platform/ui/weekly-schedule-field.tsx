/**
 * The weekly schedule block several forms share (an assessment's availability, a referral's
 * proposed days, the 三者協議の記録's agreed week, an opportunity's time windows): a fieldset whose
 * hint and whole-schedule error sit under the legend, a table with one row per day (the day as the
 * row header, a labelled input per column), and the single input each cell is made of. Every form
 * keeps its own field names (the parsers read them), given per row; an error is keyed like its
 * input's id (`field-<key>`), so the error summary's links land on the input.
 */
import type { Child } from 'hono/jsx';
import type { FieldErrors } from './form';

/**
 * The frame: legend, hint (`field-<name>-hint`, which the fieldset is described by) and the error
 * about the schedule as a whole (`field-<name>`, where the summary links), then the rows.
 */
export function ScheduleFieldset(props: {
  name: string;
  legend: Child;
  hint: Child;
  errors: FieldErrors;
  children?: Child;
}) {
  const id = `field-${props.name}`;
  const error = props.errors[props.name];
  return (
    <fieldset class="fieldset" aria-describedby={`${id}-hint`}>
      <legend>{props.legend}</legend>
      <p class="hint" id={`${id}-hint`}>
        {props.hint}
      </p>
      {error ? (
        <p class="error-message" id={id}>
          {error}
        </p>
      ) : null}
      {props.children}
    </fieldset>
  );
}

/**
 * One input of a schedule row with its label and error, in a table cell (label hidden: the row
 * and column headers say it on screen) or in a `field` box of its own (label shown).
 * `errorShown: false` leaves the message to the caller, which lists the row errors together.
 */
export function ScheduleInput(props: {
  errorKey: string;
  name: string;
  label: string;
  value: string;
  errors: FieldErrors;
  in: 'cell' | 'field';
  inputmode?: 'numeric';
  placeholder?: string;
  errorShown?: boolean;
}) {
  const id = `field-${props.errorKey}`;
  const error = props.errors[props.errorKey];
  const shown = props.errorShown === false ? undefined : error;
  const children = (
    <>
      <label for={id} class={props.in === 'cell' ? 'visually-hidden' : undefined}>
        {props.label}
      </label>
      {shown ? (
        <p class="error-message" id={`${id}-error`}>
          {shown}
        </p>
      ) : null}
      <input
        id={id}
        name={props.name}
        type="text"
        inputmode={props.inputmode}
        value={props.value}
        class="input input-short"
        placeholder={props.placeholder}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={shown ? `${id}-error` : undefined}
      />
    </>
  );
  if (props.in === 'field') return <div class={error ? 'field field-error' : 'field'}>{children}</div>;
  return <td class={shown ? 'field-error' : undefined}>{children}</td>;
}

export type ScheduleColumn = { part: string; label: string };

export type ScheduleRow = {
  /** The day: the row header, and the start of each cell's label ("月曜日 開始"). */
  label: string;
  /** The posted field name of each column's input. */
  name: (part: string) => string;
  /** The key of each input's error and id; the posted name when not given. */
  errorKey?: (part: string) => string;
  values: Readonly<Record<string, string | undefined>>;
  /** A value the row posts unseen, e.g. the weekday of a fixed row. */
  hidden?: { name: string; value: string };
};

/** The week as a table: a column per part (start, end, …), a row per day. */
export function WeeklyScheduleTable(props: {
  /** Read by screen readers only; the legend already names the table on screen. */
  caption?: string;
  rowHeader: string;
  columns: readonly ScheduleColumn[];
  rows: readonly ScheduleRow[];
  errors: FieldErrors;
  inputmode?: 'numeric';
  errorsShown?: boolean;
}) {
  return (
    <div class="table-wrap">
      <table>
        {props.caption ? <caption class="visually-hidden">{props.caption}</caption> : null}
        <thead>
          <tr>
            <th scope="col">{props.rowHeader}</th>
            {props.columns.map((column) => (
              <th scope="col">{column.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              <th scope="row">
                {row.label}
                {row.hidden ? <input type="hidden" name={row.hidden.name} value={row.hidden.value} /> : null}
              </th>
              {props.columns.map((column) => (
                <ScheduleInput
                  in="cell"
                  errorKey={(row.errorKey ?? row.name)(column.part)}
                  name={row.name(column.part)}
                  label={`${row.label} ${column.label}`}
                  value={row.values[column.part] ?? ''}
                  errors={props.errors}
                  inputmode={props.inputmode}
                  errorShown={props.errorsShown}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
