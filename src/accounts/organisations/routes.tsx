/**
 * Organisation pages (法人・機関): the council's list and registration form, an organisation's
 * page (with a corporation's facilities and the two-factor setting), its edit form, and
 * /organisations/mine, the 自法人 menu entry of a corporation's staff.
 */

import { type Context, Hono } from 'hono';
import { auditActor } from '../../platform/audit/audit';
import { actorOf, authorize, authorizeCouncil, forbidden, notFound } from '../../platform/auth/guard';
import { can } from '../../platform/auth/policy';
import type { OrganisationKind } from '../../platform/db/schema';
import { currentUser, dbOf, ID_PARAM } from '../../platform/http/context';
import type { AppEnv, CurrentUser } from '../../platform/http/env';
import { readForm } from '../../platform/http/form';
import { renderPage } from '../../platform/http/render';
import { toSearchText } from '../../platform/text/normalise';
import type { FieldErrors, FormValues } from '../../platform/ui/form';
import { PAGE_SIZE, Pagination, pageFromQuery } from '../../platform/ui/pagination';
import { fillAddressFromPostalCode } from '../../registry/facilities/fields';
import { facilityMessages, fieldMessages } from '../../registry/facilities/messages';
import { listFacilitiesFor } from '../../registry/facilities/service';
import { type OrganisationMessages, organisationMessages } from './messages';
import {
  createOrganisation,
  getOrganisation,
  getOrganisationSubject,
  listOrganisationsFor,
  organisationFormValues,
  organisationKinds,
  updateOrganisation,
  updateOrganisationSettings,
} from './service';
import { OrganisationForm, OrganisationPage, OrganisationTable } from './views/organisation-views';

const ID = ID_PARAM;

function messagesOf(c: Context<AppEnv>): OrganisationMessages {
  return organisationMessages[c.get('locale')];
}

function loadOrganisation(c: Context<AppEnv>, user: CurrentUser) {
  return getOrganisationSubject(dbOf(c), actorOf(user), c.req.param('id') ?? '');
}

function loadOwnOrganisation(c: Context<AppEnv>, user: CurrentUser) {
  return getOrganisationSubject(dbOf(c), actorOf(user), user.organisationId);
}

export function organisationRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/organisations', authorizeCouncil('organisation.list'), async (c) => {
    const t = c.get('t');
    const m = messagesOf(c);
    const actor = actorOf(currentUser(c));
    const page = pageFromQuery(c.req.query('page'));
    const q = (c.req.query('q') ?? '').slice(0, 100);
    const kind = organisationKinds.find((k) => k === c.req.query('kind'));
    const { items, total } = await listOrganisationsFor(dbOf(c), actor, {
      q: toSearchText(q),
      kind,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    const href = (p: number) =>
      `/organisations?${new URLSearchParams({ ...(kind ? { kind } : {}), ...(q ? { q } : {}), page: String(p) })}`;
    return renderPage(
      c,
      { title: m.listTitle, breadcrumbs: [{ label: t.home, href: '/dashboard' }, { label: m.listTitle }] },
      <>
        <h1>{m.listTitle}</h1>
        <p>{m.listIntro}</p>
        {can(actor, 'organisation.create', { kind: 'council' }) ? (
          <p>
            <a class="button" href="/organisations/new">
              {m.add}
            </a>
          </p>
        ) : null}
        <form method="get" action="/organisations" class="filter-form">
          <label for="organisation-kind">{m.kindFilter}</label>
          <select id="organisation-kind" name="kind" class="input input-short">
            <option value="">{m.allKinds}</option>
            {organisationKinds.map((k) => (
              <option value={k} selected={k === kind}>
                {m.kinds[k]}
              </option>
            ))}
          </select>
          <label for="organisation-q">{m.search}</label>
          <input
            id="organisation-q"
            name="q"
            type="search"
            value={q}
            class="input input-medium"
            aria-describedby="organisation-q-hint"
          />
          <span class="hint" id="organisation-q-hint">
            {m.searchHint}
          </span>
          <button type="submit" class="button button-secondary button-small">
            {m.filter}
          </button>
        </form>
        <p>{m.count(total)}</p>
        {items.length === 0 ? <p>{m.empty}</p> : <OrganisationTable m={m} items={items} />}
        <Pagination t={t} page={page} total={total} href={href} />
      </>,
    );
  });

  async function renderNew(
    c: Context<AppEnv>,
    form: { values: FormValues; errors: FieldErrors; notice?: string },
    status: 200 | 400 = 200,
  ) {
    const t = c.get('t');
    const m = messagesOf(c);
    return renderPage(
      c,
      {
        title: m.newTitle,
        status,
        breadcrumbs: [
          { label: t.home, href: '/dashboard' },
          { label: m.listTitle, href: '/organisations' },
          { label: m.newTitle },
        ],
      },
      <>
        <h1>{m.newTitle}</h1>
        <p>{m.newIntro}</p>
        <OrganisationForm
          t={t}
          m={m}
          fm={facilityMessages[c.get('locale')]}
          csrfToken={c.get('csrfToken')}
          action="/organisations/new"
          values={form.values}
          errors={form.errors}
          notice={form.notice}
          chooseKind
          showAgencyType
          submitLabel={m.create}
          cancelHref="/organisations"
        />
      </>,
    );
  }

  app.get('/organisations/new', authorizeCouncil('organisation.create'), (c) =>
    renderNew(c, { values: { kind: 'corporation' }, errors: {} }),
  );

  app.post('/organisations/new', authorizeCouncil('organisation.create'), async (c) => {
    const fm = facilityMessages[c.get('locale')];
    const posted = await readForm(c);
    const lookup = fillAddressFromPostalCode(posted);
    if (lookup.filled) return renderNew(c, { values: lookup.values, errors: {}, notice: fm.postalFilled });
    const outcome = await createOrganisation(dbOf(c), actorOf(currentUser(c)), posted, auditActor(c));
    switch (outcome.status) {
      case 'ok':
        return c.redirect(`/organisations/${outcome.id}?created=1`, 303);
      case 'invalid':
        return renderNew(c, { values: posted, errors: fieldMessages(fm, outcome.errors) }, 400);
      case 'forbidden':
        return forbidden(c);
      case 'not_found':
        return notFound(c);
    }
  });

  async function renderDetail(
    c: Context<AppEnv>,
    id: string,
    options: { settings?: { values: FormValues; errors: FieldErrors }; status?: 200 | 400 } = {},
  ) {
    const t = c.get('t');
    const m = messagesOf(c);
    const fm = facilityMessages[c.get('locale')];
    const user = currentUser(c);
    const actor = actorOf(user);
    const organisation = await getOrganisation(dbOf(c), actor, id);
    if (!organisation) return notFound(c);
    const subject = { kind: 'organisation', id, organisationKind: organisation.kind } as const;
    const facilities =
      organisation.kind === 'corporation'
        ? await listFacilitiesFor(dbOf(c), actor, { corporationId: id, limit: 200, offset: 0 })
        : undefined;
    const own = id === user.organisationId;
    const notice = c.req.query('created')
      ? m.created
      : c.req.query('saved')
        ? m.saved
        : c.req.query('settings')
          ? m.settingsSaved
          : undefined;
    return renderPage(
      c,
      {
        title: organisation.name,
        status: options.status,
        breadcrumbs: [
          { label: t.home, href: '/dashboard' },
          ...(can(actor, 'organisation.list', { kind: 'council' })
            ? [{ label: m.listTitle, href: '/organisations' }]
            : []),
          { label: own && organisation.kind === 'corporation' ? m.ownTitle : organisation.name },
        ],
      },
      <OrganisationPage
        t={t}
        m={m}
        fm={fm}
        organisation={organisation}
        facilities={facilities}
        notice={notice}
        editHref={can(actor, 'organisation.update', subject) ? `/organisations/${id}/edit` : undefined}
        addFacilityHref={
          organisation.kind === 'corporation' && can(actor, 'facility.create', subject)
            ? `/organisations/${id}/facilities/new`
            : undefined
        }
        settings={
          can(actor, 'organisation.settings', subject)
            ? {
                csrfToken: c.get('csrfToken'),
                values: options.settings?.values ?? {
                  two_factor_required: String(organisation.twoFactorRequired),
                },
                errors: options.settings?.errors ?? {},
              }
            : undefined
        }
      />,
    );
  }

  // The 自法人 entry of the menu: the caller's own organisation, at an address that never changes.
  app.get('/organisations/mine', authorize('organisation.read', loadOwnOrganisation), (c) =>
    renderDetail(c, currentUser(c).organisationId),
  );

  app.get(`/organisations/${ID}`, authorize('organisation.read', loadOrganisation), (c) =>
    renderDetail(c, c.req.param('id')),
  );

  app.post(
    `/organisations/${ID}/settings`,
    authorize('organisation.settings', loadOrganisation),
    async (c) => {
      const fm = facilityMessages[c.get('locale')];
      const id = c.req.param('id');
      const posted = await readForm(c);
      const outcome = await updateOrganisationSettings(
        dbOf(c),
        actorOf(currentUser(c)),
        id,
        posted,
        auditActor(c),
      );
      switch (outcome.status) {
        case 'ok':
          return c.redirect(`/organisations/${id}?settings=1`, 303);
        case 'invalid':
          return renderDetail(c, id, {
            settings: { values: posted, errors: fieldMessages(fm, outcome.errors) },
            status: 400,
          });
        case 'forbidden':
          return forbidden(c);
        case 'not_found':
          return notFound(c);
      }
    },
  );

  async function renderEdit(
    c: Context<AppEnv>,
    id: string,
    form: { values: FormValues; errors: FieldErrors; notice?: string },
    status: 200 | 400 = 200,
  ) {
    const t = c.get('t');
    const m = messagesOf(c);
    const organisation = await getOrganisation(dbOf(c), actorOf(currentUser(c)), id);
    if (!organisation) return notFound(c);
    const title = m.editTitle(organisation.name);
    const kind: OrganisationKind = organisation.kind;
    return renderPage(
      c,
      {
        title,
        status,
        breadcrumbs: [
          { label: t.home, href: '/dashboard' },
          { label: organisation.name, href: `/organisations/${id}` },
          { label: m.edit },
        ],
      },
      <>
        <h1>{title}</h1>
        <OrganisationForm
          t={t}
          m={m}
          fm={facilityMessages[c.get('locale')]}
          csrfToken={c.get('csrfToken')}
          action={`/organisations/${id}/edit`}
          values={form.values}
          errors={form.errors}
          notice={form.notice}
          chooseKind={false}
          showAgencyType={kind === 'agency'}
          fixedName={organisation.isReference === 1 ? organisation.name : undefined}
          submitLabel={m.save}
          cancelHref={`/organisations/${id}`}
        />
      </>,
    );
  }

  app.get(`/organisations/${ID}/edit`, authorize('organisation.update', loadOrganisation), async (c) => {
    const id = c.req.param('id');
    const values = await organisationFormValues(dbOf(c), actorOf(currentUser(c)), id);
    if (!values) return notFound(c);
    return renderEdit(c, id, { values, errors: {} });
  });

  app.post(`/organisations/${ID}/edit`, authorize('organisation.update', loadOrganisation), async (c) => {
    const fm = facilityMessages[c.get('locale')];
    const id = c.req.param('id');
    const posted = await readForm(c);
    const lookup = fillAddressFromPostalCode(posted);
    if (lookup.filled)
      return renderEdit(c, id, { values: lookup.values, errors: {}, notice: fm.postalFilled });
    const outcome = await updateOrganisation(dbOf(c), actorOf(currentUser(c)), id, posted, auditActor(c));
    switch (outcome.status) {
      case 'ok':
        return c.redirect(`/organisations/${id}?saved=1`, 303);
      case 'invalid':
        return renderEdit(c, id, { values: posted, errors: fieldMessages(fm, outcome.errors) }, 400);
      case 'forbidden':
        return forbidden(c);
      case 'not_found':
        return notFound(c);
    }
  });

  return app;
}
