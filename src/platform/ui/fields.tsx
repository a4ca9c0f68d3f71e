/**
 * Form pieces beyond form.tsx: a textarea, a single checkbox, and a checkbox list laid out in
 * wrapping columns (for compact forms a counsellor fills during a conversation). Same markup
 * conventions: `field-<name>` ids, hint and error linked with aria-describedby.
 */
import type { Messages } from '../i18n';
import {
  type Choice,
  ChoiceFieldset,
  describedByOf,
  type FieldErrors,
  FieldNotes,
  RequiredTag,
} from './form';

export function Textarea(props: {
  t: Messages;
  name: string;
  label: string;
  value: string;
  errors: FieldErrors;
  hint?: string;
  rows?: number;
  required?: boolean;
}) {
  const id = `field-${props.name}`;
  const error = props.errors[props.name];
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={id}>
        {props.label}
        <RequiredTag t={props.t} required={props.required} />
      </label>
      <FieldNotes id={id} hint={props.hint} error={error} />
      <textarea
        required={props.required}
        id={id}
        name={props.name}
        rows={props.rows ?? 3}
        class="input input-full"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedByOf(id, props.hint, error)}
      >
        {props.value}
      </textarea>
    </div>
  );
}

/** One yes/no question as a single checkbox (value "1"). */
export function Flag(props: {
  name: string;
  label: string;
  checked: boolean;
  errors: FieldErrors;
  hint?: string;
}) {
  const id = `field-${props.name}`;
  const error = props.errors[props.name];
  return (
    <div class={error ? 'field field-error choice' : 'field choice'}>
      {error ? (
        <p class="error-message" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <label for={id}>
        <input
          type="checkbox"
          id={id}
          name={props.name}
          value="1"
          checked={props.checked}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedByOf(id, props.hint, error)}
        />{' '}
        {props.label}
      </label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

/** Several choices as checkboxes that wrap into columns; all share `name`. */
export function CheckboxGrid(props: {
  t: Messages;
  name: string;
  legend: string;
  options: readonly Choice[];
  checked: readonly string[];
  errors: FieldErrors;
  hint?: string;
}) {
  const id = `field-${props.name}`;
  const error = props.errors[props.name];
  return (
    <ChoiceFieldset t={props.t} id={id} legend={props.legend} hint={props.hint} error={error}>
      <div class="field-row choice-grid">
        {props.options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${index}`;
          return (
            <div class="choice">
              <label for={optionId}>
                <input
                  type="checkbox"
                  id={optionId}
                  name={props.name}
                  value={option.value}
                  checked={props.checked.includes(option.value)}
                />{' '}
                {option.label}
              </label>
            </div>
          );
        })}
      </div>
    </ChoiceFieldset>
  );
}
