/**
 * Facility pages (事業所): the scoped list, a facility's page, registering one in a corporation
 * and editing it. Every route names its policy action; the subject is loaded through the scoped
 * store, so another corporation's facility is a 404 that shows nothing of it.
 */

import { type Context, Hono } from 'hono';
import { getOrganisation, getOrganisationSubject } from '../../accounts/organisations/service';
import { facilityPlacementsSection } from '../../placements/routes';
import { auditActor } from '../../platform/audit/audit';
import { actorOf, authorize, forbidden, notFound } from '../../platform/auth/guard';
import { can } from '../../platform/auth/policy';
import { currentUser, dbOf, ID_PARAM } from '../../platform/http/context';
import type { AppEnv, CurrentUser } from '../../platform/http/env';
import { readForm } from '../../platform/http/form';
import { renderPage } from '../../platform/http/render';
import { toSearchText } from '../../platform/text/normalise';
import type { FieldErrors, FormValues } from '../../platform/ui/form';
import { PAGE_SIZE, Pagination, pageFromQuery } from '../../platform/ui/pagination';
import { opportunityMessages } from '../opportunities/messages';
import { listOpportunitiesFor } from '../opportunities/service';
import { FacilityOpportunities } from '../opportunities/views/opportunity-pages';
import { fillAddressFromPostalCode } from './fields';
import { type FacilityMessages, facilityMessages, fieldMessages } from './messages';
import {
  createFacility,
  facilityFormValues,
  getFacility,
  listFacilitiesFor,
  serviceTypes,
  updateFacility,
} from './service';
import { FacilityForm } from './views/facility-form';
import { FacilityPage, FacilityTable } from './views/facility-pages';

const ID = ID_PARAM;

function messagesOf(c: Context<AppEnv>): FacilityMessages {
  return facilityMessages[c.get('locale')];
}

function idParam(c: Context<AppEnv>): string {
  return c.req.param('id') ?? '';
}

async function loadFacility(c: Context<AppEnv>, user: CurrentUser) {
  const facility = await getFacility(dbOf(c), actorOf(user), idParam(c));
  return facility
    ? ({ kind: 'facility', id: facility.id, corporationId: facility.corporationId } as const)
    : undefined;
}

function loadCorporation(c: Context<AppEnv>, user: CurrentUser) {
  return getOrganisationSubject(dbOf(c), actorOf(user), idParam(c));
}

export function facilityRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get(
    '/facilities',
    authorize('facility.list', () => ({ kind: 'self' })),
    async (c) => {
      const t = c.get('t');
      const m = messagesOf(c);
      const user = currentUser(c);
      const actor = actorOf(user);
      const page = pageFromQuery(c.req.query('page'));
      const q = (c.req.query('q') ?? '').slice(0, 100);
      const serviceType = serviceTypes.find((s) => s === c.req.query('service_type'));
      const { items, total } = await listFacilitiesFor(dbOf(c), actor, {
        q: toSearchText(q),
        serviceType,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      });
      const assigned =
        user.role === 'facility_coordinator'
          ? (await Promise.all(user.facilityIds.map((id) => getFacility(dbOf(c), actor, id)))).filter(
              (f) => f !== undefined,
            )
          : [];
      const corporationStaff = user.role === 'corporation_admin' || user.role === 'facility_coordinator';
      const mayCreate =
        user.role === 'corporation_admin' &&
        can(actor, 'facility.create', {
          kind: 'organisation',
          id: user.organisationId,
          organisationKind: user.organisationKind,
        });
      const query = (p: number) =>
        `/facilities?${new URLSearchParams({ ...(q ? { q } : {}), ...(serviceType ? { service_type: serviceType } : {}), page: String(p) })}`;
      return renderPage(
        c,
        { title: m.listTitle, breadcrumbs: [{ label: t.home, href: '/dashboard' }, { label: m.listTitle }] },
        <>
          <h1>{m.listTitle}</h1>
          <p>{corporationStaff ? m.listIntroCorporation : m.listIntro}</p>
          {mayCreate ? (
            <p>
              <a class="button" href={`/organisations/${user.organisationId}/facilities/new`}>
                {m.add}
              </a>
            </p>
          ) : null}
          {user.role === 'facility_coordinator' ? (
            <>
              <h2>{m.assignedTitle}</h2>
              {assigned.length === 0 ? (
                <p>{m.noneAssigned}</p>
              ) : (
                <ul>
                  {assigned.map((f) => (
                    <li>
                      <a href={`/facilities/${f.id}`}>{f.name}</a>
                    </li>
                  ))}
                </ul>
              )}
              <h2>{m.otherTitle}</h2>
            </>
          ) : null}
          <form method="get" action="/facilities" class="filter-form">
            <label for="facility-q">{m.search}</label>
            <input
              id="facility-q"
              name="q"
              type="search"
              value={q}
              class="input input-medium"
              aria-describedby="facility-q-hint"
            />
            <span class="hint" id="facility-q-hint">
              {m.searchHint}
            </span>
            <label for="facility-service-type">{m.fields.serviceType}</label>
            <select id="facility-service-type" name="service_type" class="input input-short">
              <option value="">{m.allServiceTypes}</option>
              {serviceTypes.map((s) => (
                <option value={s} selected={s === serviceType}>
                  {m.serviceTypes[s]}
                </option>
              ))}
            </select>
            <button type="submit" class="button button-secondary button-small">
              {m.filter}
            </button>
          </form>
          <p>{m.count(total)}</p>
          {items.length === 0 ? (
            <p>{m.empty}</p>
          ) : (
            <FacilityTable
              m={m}
              caption={m.listTitle}
              items={items}
              showCorporation={!corporationStaff}
              assignedIds={user.facilityIds}
            />
          )}
          <Pagination t={t} page={page} total={total} href={query} />
        </>,
      );
    },
  );

  app.get(`/facilities/${ID}`, authorize('facility.read', loadFacility), async (c) => {
    const t = c.get('t');
    const m = messagesOf(c);
    const user = currentUser(c);
    const actor = actorOf(user);
    const facility = await getFacility(dbOf(c), actor, idParam(c));
    if (!facility) return notFound(c);
    const notice = c.req.query('created') ? m.created : c.req.query('saved') ? m.saved : undefined;
    const corporation = {
      kind: 'organisation',
      id: facility.corporationId,
      organisationKind: 'corporation',
    } as const;
    const facilitySubject = {
      kind: 'facility',
      id: facility.id,
      corporationId: facility.corporationId,
    } as const;
    const opportunities = await listOpportunitiesFor(dbOf(c), actor, {
      facilityId: facility.id,
      limit: 50,
      offset: 0,
    });
    return renderPage(
      c,
      {
        title: facility.name,
        breadcrumbs: [
          { label: t.home, href: '/dashboard' },
          { label: m.listTitle, href: '/facilities' },
          { label: facility.name },
        ],
      },
      <FacilityPage
        m={m}
        facility={facility}
        notice={notice}
        assigned={user.facilityIds.includes(facility.id)}
        corporationHref={
          can(actor, 'organisation.read', corporation)
            ? `/organisations/${facility.corporationId}`
            : undefined
        }
        editHref={
          can(actor, 'facility.update', facilitySubject) ? `/facilities/${facility.id}/edit` : undefined
        }
      >
        <FacilityOpportunities
          m={opportunityMessages[c.get('locale')]}
          facilityId={facility.id}
          items={opportunities.items}
          mayCreate={can(actor, 'opportunity.create', facilitySubject)}
        />
        {can(actor, 'certification.update', facilitySubject) ? (
          <p>
            <a href={`/facilities/${facility.id}/certification`}>{m.certificationLink}</a>
          </p>
        ) : null}
        {await facilityPlacementsSection(c, facility.id)}
      </FacilityPage>,
    );
  });

  async function renderEdit(
    c: Context<AppEnv>,
    facility: { id: string; name: string },
    form: { values: FormValues; errors: FieldErrors; notice?: string },
    status: 200 | 400 = 200,
  ) {
    const t = c.get('t');
    const m = messagesOf(c);
    return renderPage(
      c,
      {
        title: m.editTitle,
        status,
        breadcrumbs: [
          { label: t.home, href: '/dashboard' },
          { label: m.listTitle, href: '/facilities' },
          { label: facility.name, href: `/facilities/${facility.id}` },
          { label: m.editTitle },
        ],
      },
      <>
        <h1>{m.editTitle}</h1>
        <p>{facility.name}</p>
        <FacilityForm
          t={t}
          m={m}
          csrfToken={c.get('csrfToken')}
          action={`/facilities/${facility.id}/edit`}
          values={form.values}
          errors={form.errors}
          notice={form.notice}
          submitLabel={m.save}
          cancelHref={`/facilities/${facility.id}`}
        />
      </>,
    );
  }

  app.get(`/facilities/${ID}/edit`, authorize('facility.update', loadFacility), async (c) => {
    const actor = actorOf(currentUser(c));
    const facility = await getFacility(dbOf(c), actor, idParam(c));
    const values = await facilityFormValues(dbOf(c), actor, idParam(c));
    if (!facility || !values) return notFound(c);
    return renderEdit(c, facility, { values, errors: {} });
  });

  app.post(`/facilities/${ID}/edit`, authorize('facility.update', loadFacility), async (c) => {
    const m = messagesOf(c);
    const actor = actorOf(currentUser(c));
    const facility = await getFacility(dbOf(c), actor, idParam(c));
    if (!facility) return notFound(c);
    const posted = await readForm(c);
    const lookup = fillAddressFromPostalCode(posted);
    if (lookup.filled)
      return renderEdit(c, facility, { values: lookup.values, errors: {}, notice: m.postalFilled });
    const outcome = await updateFacility(dbOf(c), actor, facility.id, posted, auditActor(c));
    switch (outcome.status) {
      case 'ok':
        return c.redirect(`/facilities/${facility.id}?saved=1`, 303);
      case 'invalid':
        return renderEdit(c, facility, { values: posted, errors: fieldMessages(m, outcome.errors) }, 400);
      case 'forbidden':
        return forbidden(c);
      case 'not_found':
        return notFound(c);
    }
  });

  async function renderNew(
    c: Context<AppEnv>,
    corporation: { id: string; name: string },
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
          { label: corporation.name, href: `/organisations/${corporation.id}` },
          { label: m.newTitle },
        ],
      },
      <>
        <h1>{m.newTitle}</h1>
        <p>{m.newIntro(corporation.name)}</p>
        <FacilityForm
          t={t}
          m={m}
          csrfToken={c.get('csrfToken')}
          action={`/organisations/${corporation.id}/facilities/new`}
          values={form.values}
          errors={form.errors}
          notice={form.notice}
          submitLabel={m.create}
          cancelHref={`/organisations/${corporation.id}`}
        />
      </>,
    );
  }

  app.get(`/organisations/${ID}/facilities/new`, authorize('facility.create', loadCorporation), async (c) => {
    const corporation = await getOrganisation(dbOf(c), actorOf(currentUser(c)), idParam(c));
    if (!corporation) return notFound(c);
    return renderNew(c, corporation, { values: {}, errors: {} });
  });

  app.post(
    `/organisations/${ID}/facilities/new`,
    authorize('facility.create', loadCorporation),
    async (c) => {
      const m = messagesOf(c);
      const actor = actorOf(currentUser(c));
      const corporation = await getOrganisation(dbOf(c), actor, idParam(c));
      if (!corporation) return notFound(c);
      const posted = await readForm(c);
      const lookup = fillAddressFromPostalCode(posted);
      if (lookup.filled)
        return renderNew(c, corporation, { values: lookup.values, errors: {}, notice: m.postalFilled });
      const outcome = await createFacility(dbOf(c), actor, corporation.id, posted, auditActor(c));
      switch (outcome.status) {
        case 'ok':
          return c.redirect(`/facilities/${outcome.id}?created=1`, 303);
        case 'invalid':
          return renderNew(c, corporation, { values: posted, errors: fieldMessages(m, outcome.errors) }, 400);
        case 'forbidden':
          return forbidden(c);
        case 'not_found':
          return notFound(c);
      }
    },
  );

  return app;
}
