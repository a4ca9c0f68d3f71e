/** The second sign-in step: a 6-digit code or a recovery code, and a way to start again. */
import type { Messages } from '../../platform/i18n';
import { CsrfField, ErrorSummary, type FieldErrors, TextField } from '../../platform/ui/form';
import type { SignInMessages } from './messages';

export function SecondFactorForm(props: {
  t: Messages;
  m: SignInMessages;
  csrfToken: string;
  errors: FieldErrors;
  next: string;
}) {
  const { t, m, errors } = props;
  return (
    <div class="narrow">
      <h1>{m.twoFactor.title}</h1>
      <p>{m.twoFactor.intro}</p>
      <ErrorSummary t={t} errors={errors} labels={{ code: m.twoFactor.code }} />
      <form method="post" action="/login/two-factor" novalidate>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="next" value={props.next} />
        <TextField
          t={t}
          name="code"
          label={m.twoFactor.code}
          hint={m.twoFactor.codeHint}
          required
          autocomplete="one-time-code"
          values={{}}
          errors={errors}
          width="medium"
        />
        <button type="submit" class="button">
          {m.twoFactor.submit}
        </button>
      </form>
      <RestartForm m={m} csrfToken={props.csrfToken} />
    </div>
  );
}

/** Ends the pending sign-in and goes back to the password form. */
export function RestartForm(props: { m: SignInMessages; csrfToken: string }) {
  return (
    <form method="post" action="/login/restart">
      <CsrfField token={props.csrfToken} />
      <p>
        <button type="submit" class="button button-secondary button-small">
          {props.m.twoFactor.restart}
        </button>
      </p>
    </form>
  );
}
