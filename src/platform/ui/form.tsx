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
