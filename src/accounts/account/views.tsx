/** The account page (details, two-factor authentication, signed-in devices) and its confirmations. */
import type { CurrentUser } from '../../platform/http/env';
import type { Locale, Messages } from '../../platform/i18n';
import { formatDateTime } from '../../platform/i18n/format';
import { CsrfField, ErrorSummary, type FieldErrors, TextField } from '../../platform/ui/form';
import type { AccountMessages } from './messages';
import type { AccountSecurity } from './service';
import { describeUserAgent } from './user-agent';

export function AccountPage(props: {
  t: Messages;
  m: AccountMessages;
  locale: Locale;
  user: CurrentUser;
  security: AccountSecurity;
  csrfToken: string;
  notice?: string;
}) {
  const { t, m, locale, user, security } = props;
  const enabled = security.totpEnabledAt !== null;
  return (
    <>
      <h1>{m.title}</h1>
      {props.notice ? (
        <p role="status">
          <strong>{props.notice}</strong>
        </p>
      ) : null}

      <h2>{m.profile}</h2>
      <dl class="summary-list">
        <div>
          <dt>{m.name}</dt>
          <dd>{user.name}</dd>
        </div>
        <div>
          <dt>{m.email}</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>{m.role}</dt>
          <dd>{t.roles[user.role]}</dd>
        </div>
        <div>
          <dt>{m.organisation}</dt>
          <dd>{user.organisationName}</dd>
        </div>
      </dl>

      <h2>{m.twoFactor.heading}</h2>
      <p>{m.twoFactor.about}</p>
      <dl class="summary-list">
        <div>
          <dt>{m.twoFactor.status}</dt>
          <dd>
            {security.totpEnabledAt
              ? m.twoFactor.on(formatDateTime(security.totpEnabledAt, locale))
              : m.twoFactor.off}
          </dd>
        </div>
        {enabled ? (
          <div>
            <dt>{m.twoFactor.recoveryCodes}</dt>
            <dd>{m.twoFactor.recoveryCodesLeft(security.unusedRecoveryCodes)}</dd>
          </div>
        ) : null}
      </dl>
      {security.twoFactorRequired ? <p>{m.twoFactor.required}</p> : null}
      {!enabled && !security.twoFactorRequired ? <p>{m.twoFactor.recommended}</p> : null}
      <p class="button-row">
        {enabled ? null : (
          <a class="button" href="/account/two-factor">
            {m.twoFactor.enable}
          </a>
        )}
        {enabled ? (
          <a class="button button-secondary" href="/account/recovery-codes">
            {m.twoFactor.regenerate}
          </a>
        ) : null}
        {enabled && !security.twoFactorRequired ? (
          <a class="button button-secondary" href="/account/two-factor/disable">
            {m.twoFactor.disable}
          </a>
        ) : null}
      </p>

      <h2>{m.apiTokens.heading}</h2>
      <p>{m.apiTokens.text}</p>
      <p>
        <a href="/account/tokens">{m.apiTokens.link}</a>
      </p>

      <h2>{m.notifications.heading}</h2>
      <p>{m.notifications.text}</p>
      <p>
        <a href="/account/notifications">{m.notifications.link}</a>
      </p>

      <h2>{m.sessions.heading}</h2>
      <p>{m.sessions.intro}</p>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{m.sessions.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{m.sessions.device}</th>
              <th scope="col">{m.sessions.ip}</th>
              <th scope="col">{m.sessions.createdAt}</th>
              <th scope="col">{m.sessions.lastSeenAt}</th>
            </tr>
          </thead>
          <tbody>
            {security.sessions.map((session) => (
              <tr>
                <th scope="row">
                  <span title={session.userAgent ?? undefined}>
                    {describeUserAgent(session.userAgent) ?? m.sessions.unknown}
                  </span>
                  {session.id === user.sessionId ? <span class="tag">{m.sessions.current}</span> : null}
                </th>
                <td>{session.ip ?? m.sessions.unknown}</td>
                <td>{formatDateTime(session.createdAt, locale)}</td>
                <td>{formatDateTime(session.lastSeenAt, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form method="post" action="/account/sign-out-everywhere">
        <CsrfField token={props.csrfToken} />
        <p class="hint" id="sign-out-everywhere-hint">
          {m.sessions.signOutEverywhereHint}
        </p>
        <button type="submit" class="button" aria-describedby="sign-out-everywhere-hint">
          {m.sessions.signOutEverywhere}
        </button>
      </form>
    </>
  );
}

/** A change to the account's security confirmed with the current password. */
export function ConfirmWithPassword(props: {
  t: Messages;
  m: AccountMessages;
  title: string;
  intro: string;
  action: string;
  submit: string;
  csrfToken: string;
  errors: FieldErrors;
}) {
  const { t, m, errors } = props;
  return (
    <div class="narrow">
      <h1>{props.title}</h1>
      <p>{props.intro}</p>
      <ErrorSummary t={t} errors={errors} labels={{ password: m.twoFactor.currentPassword }} />
      <form method="post" action={props.action} novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField
          t={t}
          name="password"
          label={m.twoFactor.currentPassword}
          type="password"
          autocomplete="current-password"
          required
          values={{}}
          errors={errors}
          width="full"
        />
        <p class="button-row">
          <button type="submit" class="button">
            {props.submit}
          </button>
          <a href="/account">{m.twoFactor.cancel}</a>
        </p>
      </form>
    </div>
  );
}
