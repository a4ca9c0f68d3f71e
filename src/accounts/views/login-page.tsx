import type { Messages } from '../../platform/i18n';
import {
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  TextField,
} from '../../platform/ui/form';

export function LoginForm(props: {
  t: Messages;
  csrfToken: string;
  values: FormValues;
  errors: FieldErrors;
  next: string;
  /** A short status line above the form, e.g. after signing out on every device. */
  notice?: string;
}) {
  const { t, values, errors } = props;
  const labels = { email: t.login.email, password: t.login.password, _form: '' };
  return (
    <div class="narrow">
      <h1>{t.login.title}</h1>
      {props.notice ? (
        <p role="status">
          <strong>{props.notice}</strong>
        </p>
      ) : null}
      <p>{t.login.intro}</p>
      <ErrorSummary t={t} errors={errors} labels={labels} />
      <form method="post" action="/login" novalidate>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="next" value={props.next} />
        <TextField
          t={t}
          name="email"
          label={t.login.email}
          type="email"
          autocomplete="username"
          required
          values={values}
          errors={errors}
          width="full"
        />
        <TextField
          t={t}
          name="password"
          label={t.login.password}
          type="password"
          autocomplete="current-password"
          required
          values={values}
          errors={errors}
          width="full"
        />
        <button type="submit" class="button">
          {t.login.submit}
        </button>
      </form>
      <p>
        <a href="/password/forgot">{t.login.forgotPassword}</a>
      </p>
    </div>
  );
}
