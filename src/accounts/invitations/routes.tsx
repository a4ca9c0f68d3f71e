/**
 * Invitations: the form administrators invite staff with (/users/invite), revoking an open
 * invitation, and the public page an invitee opens from the e-mail (/invitations/:token).
 */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { auditActor } from '../../platform/audit/audit';
import { actorOf, authorize, forbidden } from '../../platform/auth/guard';
import { type Actor, can, rolesOfOrganisationKind } from '../../platform/auth/policy';
import type { Role } from '../../platform/db/schema';
import type { AppEnv, CurrentUser } from '../../platform/http/env';
import { readForm, validateForm } from '../../platform/http/form';
import { renderPage } from '../../platform/http/render';
import { normaliseEmail, normaliseInput } from '../../platform/text/normalise';
import type { FieldErrors, FormValues } from '../../platform/ui/form';
import { checkPassword, passwordHint, passwordProblemMessage } from '../password-policy';
import { roles } from '../service';
import { userMessages } from '../users/messages';
import { FacilityNotOfCorporationError } from '../users/service';
import { findOrganisationChoice, listCorporationFacilities, listOrganisationChoices } from '../users/store';
import { invitationMessages } from './messages';
import {
  acceptInvitation,
  EmailInUseError,
  findInvitationForToken,
  InvitationGoneError,
  InvitationPendingError,
  InvitationRefusedError,
  invitationSubject,
  inviteUser,
  OrganisationNotFoundError,
  revokeInvitation,
} from './service';
import { findInvitation } from './store';
import { AcceptPage, LinkGonePage } from './views/accept-page';
import { ChooseOrganisationForm, InviteForm, type OrganisationChoice } from './views/invite-form';

const inviteSchema = z.object({
  name: z.string().transform(normaliseInput).pipe(z.string().min(1).max(100)),
  email: z.string().transform(normaliseEmail).pipe(z.string().min(1).max(254).email()),
});

/** Roles of the organisation's kind that the caller may invite into it. */
function invitableRoles(actor: Actor, organisation: OrganisationChoice): Role[] {
  return rolesOfOrganisationKind[organisation.kind].filter((role) =>
    can(actor, 'user.invite', invitationSubject(organisation, role)),
  );
}

/** Organisations the caller may invite someone into: the council's admin any, others their own. */
async function invitableOrganisations(c: Context<AppEnv>, actor: Actor): Promise<OrganisationChoice[]> {
  const choices = await listOrganisationChoices(c.get('services').database.db, actor);
  return choices.filter((o) => invitableRoles(actor, o).length > 0);
}

/** The gate of the form: may the caller invite anyone into their own organisation at all. */
function ownOrganisationSubject(_c: Context<AppEnv>, user: CurrentUser) {
  const kindRoles = rolesOfOrganisationKind[user.organisationKind];
  return invitationSubject(
    { id: user.organisationId, kind: user.organisationKind },
    kindRoles[kindRoles.length - 1] ?? user.role,
  );
}

function readFacilityIds(body: Record<string, unknown>): string[] {
  const raw = body.facilityIds;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.filter((v): v is string => typeof v === 'string');
}

async function renderInviteForm(
  c: Context<AppEnv>,
  organisation: OrganisationChoice,
  options: {
    mayChange: boolean;
    values: FormValues;
    checked: readonly string[];
    errors: FieldErrors;
    status?: 400;
  },
): Promise<Response> {
  const t = c.get('t');
  const m = invitationMessages[c.get('locale')];
  const actor = actorOf(c.get('user') as CurrentUser);
  const facilities =
    organisation.kind === 'corporation'
      ? await listCorporationFacilities(c.get('services').database.db, organisation.id)
      : undefined;
  return renderPage(
    c,
    {
      title: m.form.title,
      status: options.status,
      breadcrumbs: [
        { label: t.home, href: '/dashboard' },
        { label: userMessages[c.get('locale')].title, href: '/users' },
        { label: m.form.title },
      ],
    },
    <InviteForm
      t={t}
      m={m}
      csrfToken={c.get('csrfToken')}
      organisation={organisation}
      mayChangeOrganisation={options.mayChange}
      roles={invitableRoles(actor, organisation)}
      facilities={facilities}
      values={options.values}
      checkedFacilities={options.checked}
      errors={options.errors}
    />,
  );
}

/** The page for a link that cannot be used: 410 Gone (409 when the address got an account meanwhile). */
function renderGone(
  c: Context<AppEnv>,
  reason: InvitationGoneError['state'] | 'emailInUse',
): Promise<Response> {
  const m = invitationMessages[c.get('locale')];
  const toLogin = reason === 'accepted' || reason === 'emailInUse';
  return renderPage(
    c,
    { title: m.gone.title, status: reason === 'emailInUse' ? 409 : 410 },
    <LinkGonePage
      title={m.gone.title}
      reason={m.gone[reason]}
      link={
        toLogin
          ? { href: '/login', label: m.gone.toLogin }
          : { href: '/', label: c.get('t').errorPages.backHome }
      }
    />,
  );
}

/** A page whose URL holds a secret: not cached, and the URL not sent on to other sites. */
function noStore(c: Context<AppEnv>): void {
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
}

export function invitationRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/users/invite', authorize('user.invite', ownOrganisationSubject), async (c) => {
    const t = c.get('t');
    const m = invitationMessages[c.get('locale')];
    const actor = actorOf(c.get('user') as CurrentUser);
    const organisations = await invitableOrganisations(c, actor);
    const wanted = c.req.query('organisation');
    const chosen = organisations.length === 1 ? organisations[0] : organisations.find((o) => o.id === wanted);
    if (chosen) {
      return renderInviteForm(c, chosen, {
        mayChange: organisations.length > 1,
        values: {},
        checked: [],
        errors: {},
      });
    }
    const errors: FieldErrors = wanted ? { organisation: m.errors.organisationRequired } : {};
    return renderPage(
      c,
      {
        title: m.form.title,
        status: wanted ? 400 : 200,
        breadcrumbs: [
          { label: t.home, href: '/dashboard' },
          { label: userMessages[c.get('locale')].title, href: '/users' },
          { label: m.form.title },
        ],
      },
      <ChooseOrganisationForm t={t} m={m} organisations={organisations} values={{}} errors={errors} />,
    );
  });

  app.post('/users/invite', authorize('user.invite', ownOrganisationSubject), async (c) => {
    const m = invitationMessages[c.get('locale')];
    const caller = c.get('user') as CurrentUser;
    const actor = actorOf(caller);
    const db = c.get('services').database.db;
    const values = await readForm(c);
    const facilityIds = readFacilityIds(await c.req.parseBody({ all: true }));
    // An organisation outside the caller's reach, or a role they may not give, is refused
    // outright: the form never offers either.
    const organisation = await findOrganisationChoice(
      db,
      actor,
      values.organisation ?? caller.organisationId,
    );
    if (!organisation) return forbidden(c);
    const allowed = invitableRoles(actor, organisation);
    if (allowed.length === 0) return forbidden(c);
    const role = roles.find((r) => r === values.role);
    if (role && !allowed.includes(role)) return forbidden(c);
    const mayChange = (await invitableOrganisations(c, actor)).length > 1;

    const form = validateForm(inviteSchema, values, c.get('t'));
    const errors: FieldErrors = form.ok ? {} : { ...form.errors };
    if (!role) errors.role = m.errors.roleRequired;
    const rerender = (fieldErrors: FieldErrors) =>
      renderInviteForm(c, organisation, {
        mayChange,
        values,
        checked: facilityIds,
        errors: fieldErrors,
        status: 400,
      });
    if (!form.ok || !role) return rerender(errors);

    try {
      await inviteUser(
        db,
        caller,
        { ...form.data, role, organisationId: organisation.id, facilityIds },
        { baseUrl: c.get('services').config.baseUrl },
        auditActor(c),
      );
    } catch (error) {
      if (error instanceof EmailInUseError) return rerender({ email: m.errors.emailInUse });
      if (error instanceof InvitationPendingError) return rerender({ email: m.errors.invitationPending });
      if (error instanceof FacilityNotOfCorporationError) {
        return rerender({ facilityIds: m.errors.facilityNotOfOrganisation });
      }
      if (error instanceof InvitationRefusedError || error instanceof OrganisationNotFoundError) {
        return forbidden(c);
      }
      throw error;
    }
    return c.redirect('/users?notice=invited', 303);
  });

  app.post(
    '/users/invitations/:id/revoke',
    authorize('user.invite', async (c, caller) => {
      const invitation = await findInvitation(
        c.get('services').database.db,
        actorOf(caller),
        c.req.param('id') ?? '',
      );
      return (
        invitation &&
        invitationSubject(
          { id: invitation.organisationId, kind: invitation.organisationKind },
          invitation.role,
        )
      );
    }),
    async (c) => {
      const caller = c.get('user') as CurrentUser;
      const revoked = await revokeInvitation(
        c.get('services').database.db,
        actorOf(caller),
        c.req.param('id'),
        auditActor(c),
      );
      return c.redirect(`/users?notice=${revoked ? 'revoked' : 'alreadyClosed'}`, 303);
    },
  );

  // Public: the invitee has no account yet. The token in the path is the only credential.
  app.get('/invitations/:token', async (c) => {
    noStore(c);
    const m = invitationMessages[c.get('locale')];
    const token = c.req.param('token');
    const invitation = await findInvitationForToken(c.get('services').database.db, token);
    if (!invitation) return renderGone(c, 'unknown');
    if (invitation.state !== 'pending') return renderGone(c, invitation.state);
    return renderPage(
      c,
      { title: m.accept.title },
      <AcceptPage
        t={c.get('t')}
        m={m}
        locale={c.get('locale')}
        csrfToken={c.get('csrfToken')}
        action={`/invitations/${encodeURIComponent(token)}`}
        passwordHint={passwordHint(c.get('locale'))}
        invitation={invitation}
        errors={{}}
      />,
    );
  });

  app.post('/invitations/:token', async (c) => {
    noStore(c);
    const locale = c.get('locale');
    const m = invitationMessages[locale];
    const token = c.req.param('token');
    const db = c.get('services').database.db;
    const invitation = await findInvitationForToken(db, token);
    if (!invitation) return renderGone(c, 'unknown');
    if (invitation.state !== 'pending') return renderGone(c, invitation.state);
    const values = await readForm(c);
    const password = values.password ?? '';
    const problem = checkPassword(password, {
      email: invitation.email,
      confirmation: values.passwordConfirmation ?? '',
    });
    if (problem) {
      const field = problem === 'mismatch' ? 'passwordConfirmation' : 'password';
      return renderPage(
        c,
        { title: m.accept.title, status: 400 },
        <AcceptPage
          t={c.get('t')}
          m={m}
          locale={locale}
          csrfToken={c.get('csrfToken')}
          action={`/invitations/${encodeURIComponent(token)}`}
          passwordHint={passwordHint(locale)}
          invitation={invitation}
          errors={{ [field]: passwordProblemMessage(problem, locale) }}
        />,
      );
    }
    try {
      await acceptInvitation(db, token, password, auditActor(c));
    } catch (error) {
      if (error instanceof InvitationGoneError) return renderGone(c, error.state);
      if (error instanceof EmailInUseError) return renderGone(c, 'emailInUse');
      throw error;
    }
    return c.redirect('/login?notice=registered', 303);
  });

  return app;
}
