import type { Child } from 'hono/jsx';
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
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={id}>
        {props.label}
        <RequiredTag t={t} required={props.required} />
      </label>
      <FieldNotes id={id} hint={props.hint} error={error} />
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
        aria-describedby={describedByOf(id, props.hint, error)}
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
        <RequiredTag t={t} required={props.required} />
      </label>
      <FieldNotes id={id} hint={props.hint} error={error} />
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
    <ChoiceFieldset
      t={t}
      id={id}
      legend={props.legend}
      hint={props.hint}
      error={error}
      required={props.required}
    >
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
    </ChoiceFieldset>
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
    <ChoiceFieldset t={t} id={id} legend={props.legend} hint={props.hint} error={error}>
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
    </ChoiceFieldset>
  );
}

/** 必須 / 任意 beside a label or legend. */
export function RequiredTag(props: { t: Messages; required?: boolean }) {
  return (
    <span class={props.required ? 'tag tag-required' : 'tag'}>
      {props.required ? props.t.form.required : props.t.form.optional}
    </span>
  );
}

/** A field's hint and error, with the ids its input names in aria-describedby. */
export function FieldNotes(props: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="error-message" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
    </>
  );
}

/** The frame of a group of choices: a fieldset whose legend is the question, then its notes. */
export function ChoiceFieldset(props: {
  t: Messages;
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  required?: boolean;
  children?: Child;
}) {
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <fieldset class="fieldset" aria-describedby={describedByOf(props.id, props.hint, props.error)}>
        <legend>
          {props.legend}
          <RequiredTag t={props.t} required={props.required} />
        </legend>
        <FieldNotes id={props.id} hint={props.hint} error={props.error} />
        {props.children}
      </fieldset>
    </div>
  );
}
