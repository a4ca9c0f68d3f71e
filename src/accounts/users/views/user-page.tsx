/** /users/:id: one account, with deactivate/reactivate and a facility coordinator's facilities. */
import type { OrganisationKind, Role } from '../../../platform/db/schema';
import type { Locale, Messages } from '../../../platform/i18n';
import { formatDateTime } from '../../../platform/i18n/format';
import { CheckboxesField, CsrfField, ErrorSummary, type FieldErrors } from '../../../platform/ui/form';
import type { UserMessages } from '../messages';

export type UserDetail = {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: number;
  createdAt: string;
  deactivatedAt: string | null;
  lastSignInAt: string | null;
  organisationName: string;
  organisationKind: OrganisationKind;
};

export function UserPage(props: {
  t: Messages;
  m: UserMessages;
  locale: Locale;
  csrfToken: string;
  user: UserDetail;
  notice?: string;
  isSelf: boolean;
  mayDeactivate: boolean;
  /** Present when the caller may assign this coordinator's facilities. */
  facilityChoices?: { id: string; name: string }[];
  assigned: { id: string; name: string }[];
  checked: readonly string[];
  errors: FieldErrors;
}) {
  const { t, m, locale, user } = props;
  const labels = { facilityIds: m.user.facilitiesLegend };
  return (
    <>
      <h1>{user.name}</h1>
      {props.notice ? (
        <div class="notice" role="status">
          <p>{props.notice}</p>
        </div>
      ) : null}
      <ErrorSummary t={t} errors={props.errors} labels={labels} />
      <dl class="summary-list">
        <div>
          <dt>{m.user.email}</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>{m.user.role}</dt>
          <dd>{t.roles[user.role]}</dd>
        </div>
        <div>
          <dt>{m.user.organisation}</dt>
          <dd>{user.organisationName}</dd>
        </div>
        <div>
          <dt>{m.user.status}</dt>
          <dd>
            <span class={user.active === 1 ? 'status status-active' : 'status status-inactive'}>
              {user.active === 1 ? m.status.active : m.status.inactive}
            </span>
          </dd>
        </div>
        <div>
          <dt>{m.user.createdAt}</dt>
          <dd>{formatDateTime(user.createdAt, locale)}</dd>
        </div>
        <div>
          <dt>{m.user.lastSignIn}</dt>
          <dd>{user.lastSignInAt ? formatDateTime(user.lastSignInAt, locale) : m.neverSignedIn}</dd>
        </div>
        {user.deactivatedAt ? (
          <div>
            <dt>{m.user.deactivatedAt}</dt>
            <dd>{formatDateTime(user.deactivatedAt, locale)}</dd>
          </div>
        ) : null}
        {user.role === 'facility_coordinator' && !props.facilityChoices ? (
          <div>
            <dt>{m.user.assigned}</dt>
            <dd>{props.assigned.length > 0 ? props.assigned.map((f) => f.name).join('、') : m.user.none}</dd>
          </div>
        ) : null}
      </dl>

      {props.facilityChoices ? (
        <section aria-labelledby="facilities-title">
          <h2 id="facilities-title">{m.user.facilitiesTitle}</h2>
          {props.facilityChoices.length === 0 ? (
            <p>{m.user.noFacilities}</p>
          ) : (
            <form method="post" action={`/users/${user.id}/facilities`} novalidate>
              <CsrfField token={props.csrfToken} />
              <CheckboxesField
                t={t}
                name="facilityIds"
                legend={m.user.facilitiesLegend}
                hint={m.user.facilitiesHint}
                options={props.facilityChoices.map((f) => ({ value: f.id, label: f.name }))}
                checked={props.checked}
                errors={props.errors}
              />
              <button type="submit" class="button">
                {m.user.saveFacilities}
              </button>
            </form>
          )}
        </section>
      ) : null}

      {props.isSelf || props.mayDeactivate ? (
        <section aria-labelledby="access-title">
          <h2 id="access-title">{m.user.accessTitle}</h2>
          {props.isSelf ? (
            <p>{m.user.self}</p>
          ) : user.active === 1 ? (
            <form method="post" action={`/users/${user.id}/deactivate`}>
              <CsrfField token={props.csrfToken} />
              <p>{m.user.deactivateText}</p>
              <button type="submit" class="button button-secondary">
                {m.user.deactivate}
              </button>
            </form>
          ) : (
            <form method="post" action={`/users/${user.id}/reactivate`}>
              <CsrfField token={props.csrfToken} />
              <p>{m.user.reactivateText}</p>
              <button type="submit" class="button button-secondary">
                {m.user.reactivate}
              </button>
            </form>
          )}
        </section>
      ) : null}
    </>
  );
}
