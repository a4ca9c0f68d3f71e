/** /invitations/:token: who is invited where, and the password to finish registering. */
import type { Role } from '../../../platform/db/schema';
import type { Locale, Messages } from '../../../platform/i18n';
import { formatDateTime } from '../../../platform/i18n/format';
import { CsrfField, ErrorSummary, type FieldErrors, TextField } from '../../../platform/ui/form';
import type { InvitationMessages } from '../messages';

export function AcceptPage(props: {
  t: Messages;
  m: InvitationMessages;
  locale: Locale;
  csrfToken: string;
  action: string;
  passwordHint: string;
  invitation: { name: string; email: string; role: Role; organisationName: string; expiresAt: string };
  errors: FieldErrors;
}) {
  const { t, m, invitation, errors } = props;
  const labels = { password: m.accept.password, passwordConfirmation: m.accept.passwordConfirmation };
  return (
    <div class="narrow">
      <h1>{m.accept.title}</h1>
      <p>{m.accept.intro(invitation.organisationName)}</p>
      <ErrorSummary t={t} errors={errors} labels={labels} />
      <dl class="summary-list">
        <div>
          <dt>{m.accept.name}</dt>
          <dd>{invitation.name}</dd>
        </div>
        <div>
          <dt>{m.accept.email}</dt>
          <dd>{invitation.email}</dd>
        </div>
        <div>
          <dt>{m.accept.organisation}</dt>
          <dd>{invitation.organisationName}</dd>
        </div>
        <div>
          <dt>{m.accept.role}</dt>
          <dd>{t.roles[invitation.role]}</dd>
        </div>
        <div>
          <dt>{m.accept.expiresAt}</dt>
          <dd>{formatDateTime(invitation.expiresAt, props.locale)}</dd>
        </div>
      </dl>
      <form method="post" action={props.action} novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField
          t={t}
          name="password"
          label={m.accept.password}
          hint={props.passwordHint}
          type="password"
          autocomplete="new-password"
          required
          values={{}}
          errors={errors}
          width="full"
        />
        <TextField
          t={t}
          name="passwordConfirmation"
          label={m.accept.passwordConfirmation}
          hint={m.accept.passwordConfirmationHint}
          type="password"
          autocomplete="new-password"
          required
          values={{}}
          errors={errors}
          width="full"
        />
        <p class="hint">{m.accept.twoFactorNote}</p>
        <button type="submit" class="button">
          {m.accept.submit}
        </button>
      </form>
    </div>
  );
}

export function LinkGonePage(props: {
  title: string;
  reason: string;
  link: { href: string; label: string };
}) {
  return (
    <div class="narrow">
      <h1>{props.title}</h1>
      <p>{props.reason}</p>
      <p>
        <a href={props.link.href}>{props.link.label}</a>
      </p>
    </div>
  );
}
