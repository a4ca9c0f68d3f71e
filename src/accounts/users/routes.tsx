/**
 * アカウント管理 (/users): council admins manage every organisation's accounts, corporation admins
 * their own corporation's. The list, one account, deactivation and facility assignments.
 */
import { type Context, Hono } from 'hono';
import { auditActor } from '../../platform/audit/audit';
import { actorOf, authorize, forbidden, notFound } from '../../platform/auth/guard';
import { can } from '../../platform/auth/policy';
import type { Role } from '../../platform/db/schema';
import type { AppEnv, CurrentUser } from '../../platform/http/env';
import { renderPage } from '../../platform/http/render';
import type { FieldErrors } from '../../platform/ui/form';
import { PAGE_SIZE, pageFromQuery } from '../../platform/ui/pagination';
import { listOpenInvitations } from '../invitations/store';
import { roles } from '../service';
import { userMessages } from './messages';
import {
  assignFacilities,
  deactivateUser,
  FacilityNotOfCorporationError,
  reactivateUser,
  UserActionRefusedError,
  UserNotFoundError,
} from './service';
import {
  countUsers,
  findUser,
  listCorporationFacilities,
  listOrganisationChoices,
  listUserFacilities,
  listUsers,
} from './store';
import { UserList } from './views/user-list';
import { UserPage } from './views/user-page';

const INVITATIONS_SHOWN = 100;

function parseRole(value: string | undefined): Role | undefined {
  return roles.find((r) => r === value);
}

type Notice = keyof (typeof userMessages)['ja']['notices'];
function noticeOf(c: Context<AppEnv>): string | undefined {
  const key = c.req.query('notice');
  const notices = userMessages[c.get('locale')].notices;
  return key && key in notices ? notices[key as Notice] : undefined;
}

/** The policy subject of a user: for pages about them, their organisation; for actions, the user. */
async function loadUser(c: Context<AppEnv>, caller: CurrentUser) {
  return findUser(c.get('services').database.db, actorOf(caller), c.req.param('id') ?? '');
}

async function renderUserPage(
  c: Context<AppEnv>,
  options: { errors?: FieldErrors; checked?: readonly string[]; status?: 200 | 400 } = {},
): Promise<Response> {
  const caller = c.get('user');
  const db = c.get('services').database.db;
  const user = caller ? await loadUser(c, caller) : undefined;
  if (!caller || !user) return notFound(c);
  const t = c.get('t');
  const m = userMessages[c.get('locale')];
  const actor = actorOf(caller);
  const subject = {
    kind: 'user',
    id: user.id,
    organisationId: user.organisationId,
    role: user.role,
  } as const;
  const mayAssign = can(actor, 'user.assign_facilities', subject);
  const [assigned, facilityChoices] = await Promise.all([
    user.role === 'facility_coordinator' ? listUserFacilities(db, user.id) : Promise.resolve([]),
    mayAssign ? listCorporationFacilities(db, user.organisationId) : Promise.resolve(undefined),
  ]);
  return renderPage(
    c,
    {
      title: user.name,
      status: options.status,
      breadcrumbs: [
        { label: t.home, href: '/dashboard' },
        { label: m.title, href: '/users' },
        { label: user.name },
      ],
    },
    <UserPage
      t={t}
      m={m}
      locale={c.get('locale')}
      csrfToken={c.get('csrfToken')}
      user={user}
      notice={noticeOf(c)}
      isSelf={user.id === caller.id}
      mayDeactivate={can(actor, 'user.deactivate', subject)}
      facilityChoices={facilityChoices}
      assigned={assigned}
      checked={options.checked ?? assigned.map((f) => f.id)}
      errors={options.errors ?? {}}
    />,
  );
}

/** Runs a service call and turns its refusals into the guard's answers. */
async function guarded(c: Context<AppEnv>, action: () => Promise<unknown>): Promise<Response | null> {
  try {
    await action();
    return null;
  } catch (error) {
    if (error instanceof UserNotFoundError) return notFound(c);
    if (error instanceof UserActionRefusedError) return forbidden(c);
    throw error;
  }
}

export function userRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get(
    '/users',
    authorize('user.list', (_c, user) => ({
      kind: 'organisation',
      id: user.organisationId,
      organisationKind: user.organisationKind,
    })),
    async (c) => {
      const caller = c.get('user') as CurrentUser;
      const actor = actorOf(caller);
      const t = c.get('t');
      const m = userMessages[c.get('locale')];
      const db = c.get('services').database.db;
      const organisations = await listOrganisationChoices(db, actor);
      const organisationQuery = c.req.query('organisation') ?? '';
      const organisationId = organisations.some((o) => o.id === organisationQuery)
        ? organisationQuery
        : undefined;
      const role = parseRole(c.req.query('role'));
      const statusQuery = c.req.query('status');
      const active = statusQuery === 'active' ? 1 : statusQuery === 'inactive' ? 0 : undefined;
      const filter = { organisationId, role, active } as const;
      const page = pageFromQuery(c.req.query('page'));
      const [users, total, invitations] = await Promise.all([
        listUsers(db, actor, filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
        countUsers(db, actor, filter),
        listOpenInvitations(db, actor, { organisationId, role }, INVITATIONS_SHOWN),
      ]);
      const now = new Date().toISOString();
      const query = {
        ...(organisationId ? { organisation: organisationId } : {}),
        ...(role ? { role } : {}),
        ...(active !== undefined ? { status: statusQuery ?? '' } : {}),
      };
      const pageHref = (p: number) => `/users?${new URLSearchParams({ ...query, page: String(p) })}`;
      const seesAll = organisations.length > 1 || organisations[0]?.id !== caller.organisationId;
      return renderPage(
        c,
        { title: m.title, breadcrumbs: [{ label: t.home, href: '/dashboard' }, { label: m.title }] },
        <UserList
          t={t}
          m={m}
          locale={c.get('locale')}
          csrfToken={c.get('csrfToken')}
          intro={seesAll ? m.introAll : m.introOwn(caller.organisationName)}
          notice={noticeOf(c)}
          filter={{
            organisation: organisationId ?? '',
            role: role ?? '',
            status: active === undefined ? '' : (statusQuery ?? ''),
          }}
          organisations={organisations}
          roles={roles}
          users={users}
          total={total}
          page={page}
          pageHref={pageHref}
          inviteHref={
            organisationId
              ? `/users/invite?organisation=${encodeURIComponent(organisationId)}`
              : '/users/invite'
          }
          invitations={invitations.map((i) => ({ ...i, expired: i.expiresAt <= now }))}
        />,
      );
    },
  );

  app.get(
    '/users/:id',
    authorize('user.list', async (c, caller) => {
      const user = await loadUser(c, caller);
      return (
        user && { kind: 'organisation', id: user.organisationId, organisationKind: user.organisationKind }
      );
    }),
    (c) => renderUserPage(c),
  );

  const userSubject = async (c: Context<AppEnv>, caller: CurrentUser) => {
    const user = await loadUser(c, caller);
    return (
      user && ({ kind: 'user', id: user.id, organisationId: user.organisationId, role: user.role } as const)
    );
  };

  app.post('/users/:id/deactivate', authorize('user.deactivate', userSubject), async (c) => {
    const id = c.req.param('id');
    const caller = c.get('user') as CurrentUser;
    const refused = await guarded(c, () =>
      deactivateUser(c.get('services').database.db, actorOf(caller), id, auditActor(c)),
    );
    return refused ?? c.redirect(`/users/${id}?notice=deactivated`, 303);
  });

  app.post('/users/:id/reactivate', authorize('user.deactivate', userSubject), async (c) => {
    const id = c.req.param('id');
    const caller = c.get('user') as CurrentUser;
    const refused = await guarded(c, () =>
      reactivateUser(c.get('services').database.db, actorOf(caller), id, auditActor(c)),
    );
    return refused ?? c.redirect(`/users/${id}?notice=reactivated`, 303);
  });

  app.post('/users/:id/facilities', authorize('user.assign_facilities', userSubject), async (c) => {
    const id = c.req.param('id');
    const caller = c.get('user') as CurrentUser;
    const body = await c.req.parseBody({ all: true });
    const raw = body.facilityIds;
    const facilityIds = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
      (v): v is string => typeof v === 'string',
    );
    try {
      await assignFacilities(c.get('services').database.db, actorOf(caller), id, facilityIds, auditActor(c));
    } catch (error) {
      if (error instanceof FacilityNotOfCorporationError) {
        const m = userMessages[c.get('locale')];
        return renderUserPage(c, {
          status: 400,
          checked: facilityIds,
          errors: { facilityIds: m.user.facilityNotOfCorporation },
        });
      }
      const refused = await guarded(c, () => Promise.reject(error));
      if (refused) return refused;
    }
    return c.redirect(`/users/${id}?notice=facilities`, 303);
  });

  return app;
}
