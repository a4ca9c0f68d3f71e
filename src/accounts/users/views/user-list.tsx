/** /users: the accounts the caller manages, a filter, and the invitations still open. */
import type { Role } from '../../../platform/db/schema';
import type { Locale, Messages } from '../../../platform/i18n';
import { formatDateTime } from '../../../platform/i18n/format';
import { CsrfField } from '../../../platform/ui/form';
import { Pagination } from '../../../platform/ui/pagination';
import type { UserMessages } from '../messages';

export type UserRow = {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: number;
  lastSignInAt: string | null;
  organisationName: string;
};

export type InvitationRow = {
  id: string;
  name: string;
  email: string;
  role: Role;
  organisationName: string;
  expiresAt: string;
  expired: boolean;
};

export type UserListFilter = { organisation: string; role: string; status: string };

export function UserList(props: {
  t: Messages;
  m: UserMessages;
  locale: Locale;
  csrfToken: string;
  intro: string;
  notice?: string;
  filter: UserListFilter;
  organisations: { id: string; name: string }[];
  roles: readonly Role[];
  users: UserRow[];
  total: number;
  page: number;
  pageHref: (page: number) => string;
  inviteHref: string;
  invitations: InvitationRow[];
}) {
  const { t, m, locale, filter } = props;
  return (
    <>
      <h1>{m.title}</h1>
      {props.notice ? (
        <div class="notice" role="status">
          <p>{props.notice}</p>
        </div>
      ) : null}
      <p>{props.intro}</p>
      <p>
        <a class="button" href={props.inviteHref}>
          {m.invite}
        </a>
      </p>
      <form method="get" action="/users" class="filter-form" aria-label={m.filter.legend}>
        {props.organisations.length > 1 ? (
          <>
            <label for="filter-organisation">{m.filter.organisation}</label>
            <select id="filter-organisation" name="organisation" class="input input-medium">
              <option value="">{m.filter.all}</option>
              {props.organisations.map((o) => (
                <option value={o.id} selected={o.id === filter.organisation}>
                  {o.name}
                </option>
              ))}
            </select>
          </>
        ) : null}
        <label for="filter-role">{m.filter.role}</label>
        <select id="filter-role" name="role" class="input input-short">
          <option value="">{m.filter.all}</option>
          {props.roles.map((role) => (
            <option value={role} selected={role === filter.role}>
              {t.roles[role]}
            </option>
          ))}
        </select>
        <label for="filter-status">{m.filter.status}</label>
        <select id="filter-status" name="status" class="input input-short">
          <option value="">{m.filter.all}</option>
          <option value="active" selected={filter.status === 'active'}>
            {m.status.active}
          </option>
          <option value="inactive" selected={filter.status === 'inactive'}>
            {m.status.inactive}
          </option>
        </select>
        <button type="submit" class="button button-secondary button-small">
          {m.filter.submit}
        </button>
      </form>
      <p>{m.count(props.total)}</p>
      {props.users.length === 0 ? (
        <p>{m.empty}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{m.title}</caption>
            <thead>
              <tr>
                <th scope="col">{m.columns.name}</th>
                <th scope="col">{m.columns.email}</th>
                <th scope="col">{m.columns.role}</th>
                <th scope="col">{m.columns.organisation}</th>
                <th scope="col">{m.columns.status}</th>
                <th scope="col">{m.columns.lastSignIn}</th>
              </tr>
            </thead>
            <tbody>
              {props.users.map((user) => (
                <tr>
                  <th scope="row">
                    <a href={`/users/${user.id}`}>{user.name}</a>
                  </th>
                  <td>{user.email}</td>
                  <td>{t.roles[user.role]}</td>
                  <td>{user.organisationName}</td>
                  <td>
                    <span class={user.active === 1 ? 'status status-active' : 'status status-inactive'}>
                      {user.active === 1 ? m.status.active : m.status.inactive}
                    </span>
                  </td>
                  <td>{user.lastSignInAt ? formatDateTime(user.lastSignInAt, locale) : m.neverSignedIn}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination t={t} page={props.page} total={props.total} href={props.pageHref} />

      <h2>{m.invitations.title}</h2>
      <p>{m.invitations.intro}</p>
      {props.invitations.length === 0 ? (
        <p>{m.invitations.empty}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{m.invitations.title}</caption>
            <thead>
              <tr>
                <th scope="col">{m.columns.name}</th>
                <th scope="col">{m.columns.email}</th>
                <th scope="col">{m.columns.role}</th>
                <th scope="col">{m.columns.organisation}</th>
                <th scope="col">{m.columns.expiresAt}</th>
                <th scope="col">{m.columns.status}</th>
                <th scope="col">{m.columns.actions}</th>
              </tr>
            </thead>
            <tbody>
              {props.invitations.map((invitation) => (
                <tr>
                  <th scope="row">{invitation.name}</th>
                  <td>{invitation.email}</td>
                  <td>{t.roles[invitation.role]}</td>
                  <td>{invitation.organisationName}</td>
                  <td>{formatDateTime(invitation.expiresAt, locale)}</td>
                  <td>
                    <span class={invitation.expired ? 'status status-expired' : 'status status-pending'}>
                      {invitation.expired ? m.invitations.expired : m.invitations.pending}
                    </span>
                  </td>
                  <td>
                    <form
                      method="post"
                      action={`/users/invitations/${invitation.id}/revoke`}
                      class="inline-form"
                    >
                      <CsrfField token={props.csrfToken} />
                      <button
                        type="submit"
                        class="button button-secondary button-small"
                        aria-label={m.invitations.revokeLabel(invitation.name)}
                      >
                        {m.invitations.revoke}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
