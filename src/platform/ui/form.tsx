/**
 * Form components used by every page: the error summary at the top, a labelled field with its
 * hint and error, and the hidden CSRF field. Errors link to their field, and a field with an
 * error says so to screen readers (aria-invalid + aria-describedby).
 */
import type { Messages } from '../i18n';

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string>;

export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

export function ErrorSummary(props: { t: Messages; errors: FieldErrors; labels: Record<string, string> }) {
  const entries = Object.entries(props.errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">{props.t.form.errorSummaryTitle}</h2>
      <ul>
        {entries.map(([name, message]) =>
          // An error about the whole form (e.g. a failed sign-in) has no field to jump to.
          props.labels[name] ? (
            <li>
              <a href={`#field-${name}`}>
                {props.labels[name]}: {message}
              </a>
            </li>
          ) : (
            <li>{message}</li>
          ),
        )}
      </ul>
    </div>
  );
}

export function TextField(props: {
  t: Messages;
  name: string;
  label: string;
  values: FormValues;
  errors: FieldErrors;
  type?: 'text' | 'email' | 'password' | 'tel' | 'date' | 'number' | 'search';
  required?: boolean;
  hint?: string;
  autocomplete?: string;
  inputmode?: 'numeric' | 'tel' | 'email' | 'text';
  width?: 'short' | 'medium' | 'full';
}) {
  const { name, errors, t } = props;
  const id = `field-${name}`;
  const error = errors[name];
  const describedBy = [props.hint ? `${id}-hint` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={id}>
        {props.label}
        <span class={props.required ? 'tag tag-required' : 'tag'}>
          {props.required ? t.form.required : t.form.optional}
        </span>
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
      <input
        id={id}
        name={name}
        type={props.type ?? 'text'}
        value={props.type === 'password' ? '' : (props.values[name] ?? '')}
        required={props.required}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        class={`input input-${props.width ?? 'medium'}`}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      />
    </div>
  );
}

export type Choice = { value: string; label: string; hint?: string };

export function describedByOf(
  id: string,
  hint: string | undefined,
  error: string | undefined,
): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

/** A labelled drop-down; `placeholder` adds a first, empty option ("選択してください"). */
export function SelectField(props: {
  t: Messages;
  name: string;
  label: string;
  options: readonly Choice[];
  values: FormValues;
  errors: FieldErrors;
  required?: boolean;
  hint?: string;
  placeholder?: string;
  width?: 'short' | 'medium' | 'full';
}) {
  const { name, errors, t } = props;
  const id = `field-${name}`;
  const error = errors[name];
  const selected = props.values[name] ?? '';
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={id}>
        {props.label}
        <span class={props.required ? 'tag tag-required' : 'tag'}>
          {props.required ? t.form.required : t.form.optional}
        </span>
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
      <select
        id={id}
        name={name}
        required={props.required}
        class={`input input-${props.width ?? 'medium'}`}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedByOf(id, props.hint, error)}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === selected}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * One choice of a few, as radio buttons in a fieldset whose legend is the question. The error
 * summary links to the first radio (`field-<name>`). Each input sits inside its label, so the
 * whole label is the click target and the choice reads on one line without extra CSS.
 */
export function RadioField(props: {
  t: Messages;
  name: string;
  legend: string;
  options: readonly Choice[];
  values: FormValues;
  errors: FieldErrors;
  required?: boolean;
  hint?: string;
}) {
  const { name, errors, t } = props;
  const id = `field-${name}`;
  const error = errors[name];
  const selected = props.values[name] ?? '';
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <fieldset class="fieldset" aria-describedby={describedByOf(id, props.hint, error)}>
        <legend>
          {props.legend}
          <span class={props.required ? 'tag tag-required' : 'tag'}>
            {props.required ? t.form.required : t.form.optional}
          </span>
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
        {props.options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${index}`;
          return (
            <div class="choice">
              <label for={optionId}>
                <input
                  type="radio"
                  id={optionId}
                  name={name}
                  value={option.value}
                  checked={option.value === selected}
                  aria-invalid={error ? 'true' : undefined}
                  aria-describedby={option.hint ? `${optionId}-hint` : undefined}
                />{' '}
                {option.label}
              </label>
              {option.hint ? (
                <p class="hint" id={`${optionId}-hint`}>
                  {option.hint}
                </p>
              ) : null}
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

/**
 * Several choices as checkboxes in a fieldset. All boxes share `name`, so read the posted values
 * with `c.req.parseBody({ all: true })`; `checked` lists the values to show ticked.
 */
export function CheckboxesField(props: {
  t: Messages;
  name: string;
  legend: string;
  options: readonly Choice[];
  checked: readonly string[];
  errors: FieldErrors;
  hint?: string;
}) {
  const { name, errors, t } = props;
  const id = `field-${name}`;
  const error = errors[name];
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <fieldset class="fieldset" aria-describedby={describedByOf(id, props.hint, error)}>
        <legend>
          {props.legend}
          <span class="tag">{t.form.optional}</span>
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
        {props.options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${index}`;
          return (
            <div class="choice">
              <label for={optionId}>
                <input
                  type="checkbox"
                  id={optionId}
                  name={name}
                  value={option.value}
                  checked={props.checked.includes(option.value)}
                />{' '}
                {option.label}
              </label>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}
