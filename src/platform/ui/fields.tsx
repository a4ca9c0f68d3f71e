/**
 * Form pieces beyond form.tsx: a textarea, a single checkbox, and a checkbox list laid out in
 * wrapping columns (for compact forms a counsellor fills during a conversation). Same markup
 * conventions: `field-<name>` ids, hint and error linked with aria-describedby.
 */
import type { Messages } from '../i18n';
import { type Choice, describedByOf, type FieldErrors } from './form';

function Tag(props: { t: Messages; required?: boolean }) {
  return (
    <span class={props.required ? 'tag tag-required' : 'tag'}>
      {props.required ? props.t.form.required : props.t.form.optional}
    </span>
  );
}

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
        <Tag t={props.t} required={props.required} />
      </label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {error ? (
        <p class="error-message" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
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
    <div class={error ? 'field field-error' : 'field'}>
      <fieldset class="fieldset" aria-describedby={describedByOf(id, props.hint, error)}>
        <legend>
          {props.legend}
          <Tag t={props.t} />
        </legend>
        {props.hint ? (
          <p class="hint" id={`${id}-hint`}>
            {props.hint}
          </p>
        ) : null}
        {error ? (
          <p class="error-message" id={`${id}-error`}>
            {error}
          </p>
        ) : null}
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
      </fieldset>
    </div>
  );
}
