/**
 * The enrolment form (QR code, the secret as text in groups of four, the confirming code) and the
 * one-time list of recovery codes; used on the account page and in the sign-in enrolment.
 */
import type { Messages } from '../../platform/i18n';
import { CsrfField, ErrorSummary, type FieldErrors, TextField } from '../../platform/ui/form';
import type { TwoFactorMessages } from './messages';
import { formatSecretForDisplay } from './totp';

export function EnrolmentForm(props: {
  t: Messages;
  m: TwoFactorMessages;
  csrfToken: string;
  action: string;
  secret: string;
  qrCode: string;
  errors: FieldErrors;
  hidden?: Record<string, string>;
}) {
  const { t, m, errors } = props;
  return (
    <>
      <ErrorSummary t={t} errors={errors} labels={{ code: m.enrol.code }} />
      <h2>{m.enrol.stepApp}</h2>
      <p>{m.enrol.stepAppText}</p>
      <h2>{m.enrol.stepScan}</h2>
      <p>{m.enrol.stepScanText}</p>
      <p>
        <img src={props.qrCode} alt={m.enrol.qrAlt} width={200} height={200} />
      </p>
      <p>
        <strong>{m.enrol.secretLabel}</strong>
      </p>
      <p class="hint">{m.enrol.secretHint}</p>
      <p>
        <code id="totp-secret" class="detail" lang="en">
          {formatSecretForDisplay(props.secret)}
        </code>
      </p>
      <h2>{m.enrol.stepConfirm}</h2>
      <form method="post" action={props.action} novalidate>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="secret" value={props.secret} />
        {Object.entries(props.hidden ?? {}).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <TextField
          t={t}
          name="code"
          label={m.enrol.code}
          hint={m.enrol.codeHint}
          required
          autocomplete="one-time-code"
          inputmode="numeric"
          values={{}}
          errors={errors}
          width="short"
        />
        <button type="submit" class="button">
          {m.enrol.submit}
        </button>
      </form>
    </>
  );
}

/** Shown once, right after the codes are made; `continueTo` is where the person goes next. */
export function RecoveryCodeList(props: { m: TwoFactorMessages; codes: string[]; continueTo: string }) {
  const { m } = props;
  return (
    <>
      <p>{m.recovery.intro}</p>
      <p role="status">
        <strong>{m.recovery.once}</strong>
      </p>
      <ol aria-label={m.recovery.listLabel} class="recovery-codes" lang="en">
        {props.codes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p>
        <a class="button" href={props.continueTo}>
          {m.recovery.continue}
        </a>
      </p>
    </>
  );
}
