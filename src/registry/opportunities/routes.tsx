/**
 * はたらく場 pages: the scoped list, registering one at a facility, its page, editing, status
 * changes, the one-click confirmation, and the public summary (/p/opportunities/:id, no sign-in).
 * Every staff route names its policy action; the subject is loaded through the scoped store, so
 * an opportunity outside the caller's scope is a 404 that shows nothing of it.
 */

import { type Context, Hono } from 'hono';
import { auditActor } from '../../platform/audit/audit';
import { actorOf, authorize, forbidden, notFound } from '../../platform/auth/guard';
import { can } from '../../platform/auth/policy';
import { currentUser, dbOf, ID_PARAM } from '../../platform/http/context';
import type { AppEnv, CurrentUser } from '../../platform/http/env';
import { renderPage } from '../../platform/http/render';
import type { FieldErrors } from '../../platform/ui/form';
import { PAGE_SIZE, Pagination, pageFromQuery } from '../../platform/ui/pagination';
import { isValidCertification } from '../certifications/certification';
import { certificationMessages } from '../certifications/messages';
import { getCertification } from '../certifications/service';
import { getFacility } from '../facilities/service';
import { emptyForm, formFromBody, formOfValues, inputOfForm, type OpportunityForm } from './form';
import { confirmEveryDays } from './freshness';
import { type OpportunityMessages, opportunityFieldMessages, opportunityMessages } from './messages';
import { daysAgo, type OpportunityStatus, opportunityStatuses } from './opportunity';
import {
  changeOpportunityStatus,
  confirmOpportunity,
  createOpportunity,
  getOpportunity,
  getOpportunityHistory,
  getOpportunitySubject,
  listOpportunitiesFor,
  updateOpportunity,
} from './service';
import { findPublicOpportunity } from './store';
import { OpportunityFormView } from './views/opportunity-form';
import { Notice, OpportunityPage, OpportunityTable, PublicOpportunityPage } from './views/opportunity-pages';

const ID = ID_PARAM;

function messagesOf(c: Context<AppEnv>): OpportunityMessages {
  return opportunityMessages[c.get('locale')];
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

function loadOpportunity(c: Context<AppEnv>, user: CurrentUser) {
  return getOpportunitySubject(dbOf(c), actorOf(user), idParam(c));
}

const keepers = new Set(['council_admin', 'council_staff', 'corporation_admin', 'facility_coordinator']);

export function opportunityRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get(
    '/opportunities',
    authorize('opportunity.list', () => ({ kind: 'self' })),
    async (c) => {
      const t = c.get('t');
      const m = messagesOf(c);
      const user = currentUser(c);
      const actor = actorOf(user);
      const db = dbOf(c);
      const now = new Date();
      const page = pageFromQuery(c.req.query('page'));
      const statusParam = opportunityStatuses.find((s) => s === c.req.query('status'));
      const needsConfirmation = c.req.query('needs_confirmation') === '1';
      const days = await confirmEveryDays(db);
      const statuses: OpportunityStatus[] | undefined = statusParam
        ? [statusParam]
        : user.role === 'counsellor'
          ? ['published']
          : undefined;
      const { items, total } = await listOpportunitiesFor(db, actor, {
        statuses,
        confirmedBefore: needsConfirmation ? daysAgo(now, days) : undefined,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      });
      const keeps = keepers.has(user.role);
      const toConfirm =
        keeps && !needsConfirmation
          ? (
              await listOpportunitiesFor(db, actor, {
                confirmedBefore: daysAgo(now, days),
                limit: 1,
                offset: 0,
              })
            ).total
          : 0;
      const ownFacilities =
        user.role === 'facility_coordinator'
          ? (await Promise.all(user.facilityIds.map((id) => getFacility(db, actor, id)))).filter(
              (f) => f !== undefined,
            )
          : [];
      const query = (p: number) =>
        `/opportunities?${new URLSearchParams({
          ...(statusParam ? { status: statusParam } : {}),
          ...(needsConfirmation ? { needs_confirmation: '1' } : {}),
          page: String(p),
        })}`;
      const intro =
        user.role === 'counsellor'
          ? m.listIntroCounsellor
          : user.role === 'council_admin' || user.role === 'council_staff'
            ? m.listIntroCouncil
            : m.listIntroStaff;
      return renderPage(
        c,
        { title: m.listTitle, breadcrumbs: [{ label: t.home, href: '/dashboard' }, { label: m.listTitle }] },
        <>
          <h1>{m.listTitle}</h1>
          <p>{intro}</p>
          {toConfirm > 0 ? (
            <div class="notice filter-panel" role="status">
              <p>{m.needsConfirmationBanner(toConfirm, days)}</p>
              <p>
                <a href="/opportunities?needs_confirmation=1">{m.needsConfirmationLink}</a>
              </p>
            </div>
          ) : null}
          {ownFacilities.length > 0 ? (
            <ul>
              {ownFacilities.map((f) => (
                <li>
                  <a href={`/facilities/${f.id}/opportunities/new`}>
                    {m.add}({f.name})
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
          <form method="get" action="/opportunities" class="filter-form">
            <label for="opportunity-status">{m.statusFilter}</label>
            <select id="opportunity-status" name="status" class="input input-short">
              <option value="">{m.allStatuses}</option>
              {opportunityStatuses
                .filter((s) => keeps || s !== 'draft')
                .map((s) => (
                  <option value={s} selected={s === statusParam}>
                    {m.status[s]}
                  </option>
                ))}
            </select>
            {keeps ? (
              <span class="choice">
                <input
                  type="checkbox"
                  id="opportunity-needs-confirmation"
                  name="needs_confirmation"
                  value="1"
                  checked={needsConfirmation}
                />
                <label for="opportunity-needs-confirmation">{m.needsConfirmationFilter}</label>
              </span>
            ) : null}
            <button type="submit" class="button button-secondary button-small">
              {m.filter}
            </button>
          </form>
          <p>{m.count(total)}</p>
          <p class="button-row">
            <span>{m.download}</span>
            {(['pdf', 'xlsx', 'csv'] as const).map((format) => (
              <a href={`/opportunities/export.${format}${statusParam ? `?status=${statusParam}` : ''}`}>
                {m.downloadAs[format]}
              </a>
            ))}
          </p>
          {items.length === 0 ? (
            <p>{m.empty}</p>
          ) : (
            <OpportunityTable m={m} now={now} items={items} caption={m.listTitle} />
          )}
          <Pagination t={t} page={page} total={total} href={query} />
        </>,
      );
    },
  );

  async function certificationNote(c: Context<AppEnv>, facilityId: string) {
    const certification = await getCertification(dbOf(c), actorOf(currentUser(c)), facilityId);
    const cm = certificationMessages[c.get('locale')];
    return {
      text: isValidCertification(certification) ? cm.validNote(certification?.number ?? '') : cm.missingNote,
      href: `/facilities/${facilityId}/certification`,
      linkLabel: cm.editLink,
    };
  }

  async function renderNew(
    c: Context<AppEnv>,
    facility: { id: string; name: string },
    form: OpportunityForm,
    errors: FieldErrors,
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
          { label: facility.name, href: `/facilities/${facility.id}` },
          { label: m.newTitle },
        ],
      },
      <>
        <h1>{m.newTitle}</h1>
        <p>{m.newIntro(facility.name)}</p>
        <OpportunityFormView
          t={t}
          m={m}
          csrfToken={c.get('csrfToken')}
          action={`/facilities/${facility.id}/opportunities/new`}
          form={form}
          errors={errors}
          submitLabel={m.create}
          cancelHref={`/facilities/${facility.id}`}
          certificationNote={await certificationNote(c, facility.id)}
        />
      </>,
    );
  }

  app.get(`/facilities/${ID}/opportunities/new`, authorize('opportunity.create', loadFacility), async (c) => {
    const facility = await getFacility(dbOf(c), actorOf(currentUser(c)), idParam(c));
    if (!facility) return notFound(c);
    return renderNew(c, facility, emptyForm(), {});
  });

  app.post(
    `/facilities/${ID}/opportunities/new`,
    authorize('opportunity.create', loadFacility),
    async (c) => {
      const m = messagesOf(c);
      const actor = actorOf(currentUser(c));
      const facility = await getFacility(dbOf(c), actor, idParam(c));
      if (!facility) return notFound(c);
      const form = formFromBody(await c.req.parseBody({ all: true }));
      const outcome = await createOpportunity(dbOf(c), actor, facility.id, inputOfForm(form), auditActor(c));
      switch (outcome.status) {
        case 'ok':
          return c.redirect(`/opportunities/${outcome.id}?created=1`, 303);
        case 'invalid':
          return renderNew(c, facility, form, opportunityFieldMessages(m, outcome.errors), 400);
        case 'forbidden':
          return forbidden(c);
        default:
          return notFound(c);
      }
    },
  );

  app.get(`/opportunities/${ID}`, authorize('opportunity.read', loadOpportunity), async (c) => {
    const t = c.get('t');
    const m = messagesOf(c);
    const actor = actorOf(currentUser(c));
    const opportunity = await getOpportunity(dbOf(c), actor, idParam(c));
    const history = await getOpportunityHistory(dbOf(c), actor, idParam(c));
    if (!opportunity || !history) return notFound(c);
    const notice = c.req.query('created')
      ? m.created
      : c.req.query('saved')
        ? m.saved
        : c.req.query('confirmed')
          ? m.confirmed
          : c.req.query('status_changed')
            ? m.statusChanged
            : undefined;
    const editable = can(actor, 'opportunity.update', {
      kind: 'opportunity',
      id: opportunity.id,
      facilityId: opportunity.facilityId,
      corporationId: opportunity.corporationId,
      status: opportunity.status,
    });
    return renderPage(
      c,
      {
        title: opportunity.values.title,
        breadcrumbs: [
          { label: t.home, href: '/dashboard' },
          { label: m.listTitle, href: '/opportunities' },
          { label: opportunity.values.title },
        ],
      },
      <OpportunityPage
        m={m}
        locale={c.get('locale')}
        now={new Date()}
        opportunity={opportunity}
        history={history}
        notice={notice}
        csrfToken={c.get('csrfToken')}
        editable={editable}
      />,
    );
  });

  async function renderEdit(
    c: Context<AppEnv>,
    opportunity: { id: string; facilityId: string; values: { title: string } },
    form: OpportunityForm,
    errors: FieldErrors,
    status: 200 | 400 | 409 = 200,
    notice?: string,
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
          { label: m.listTitle, href: '/opportunities' },
          { label: opportunity.values.title, href: `/opportunities/${opportunity.id}` },
          { label: m.editTitle },
        ],
      },
      <>
        <h1>{m.editTitle}</h1>
        <Notice text={notice} />
        <OpportunityFormView
          t={t}
          m={m}
          csrfToken={c.get('csrfToken')}
          action={`/opportunities/${opportunity.id}/edit`}
          form={form}
          errors={errors}
          submitLabel={m.save}
          cancelHref={`/opportunities/${opportunity.id}`}
          certificationNote={await certificationNote(c, opportunity.facilityId)}
        />
      </>,
    );
  }

  app.get(`/opportunities/${ID}/edit`, authorize('opportunity.update', loadOpportunity), async (c) => {
    const opportunity = await getOpportunity(dbOf(c), actorOf(currentUser(c)), idParam(c));
    if (!opportunity) return notFound(c);
    return renderEdit(c, opportunity, formOfValues(opportunity.values, opportunity.version), {});
  });

  app.post(`/opportunities/${ID}/edit`, authorize('opportunity.update', loadOpportunity), async (c) => {
    const m = messagesOf(c);
    const actor = actorOf(currentUser(c));
    const opportunity = await getOpportunity(dbOf(c), actor, idParam(c));
    if (!opportunity) return notFound(c);
    const form = formFromBody(await c.req.parseBody({ all: true }));
    const expected = Number(form.values.version);
    const outcome = await updateOpportunity(
      dbOf(c),
      actor,
      opportunity.id,
      inputOfForm(form),
      auditActor(c),
      {
        expectedVersion: Number.isInteger(expected) && expected > 0 ? expected : undefined,
      },
    );
    switch (outcome.status) {
      case 'ok':
        return c.redirect(`/opportunities/${opportunity.id}?saved=1`, 303);
      case 'invalid':
        return renderEdit(c, opportunity, form, opportunityFieldMessages(m, outcome.errors), 400);
      case 'conflict':
        return renderEdit(
          c,
          opportunity,
          { ...form, values: { ...form.values, version: String(opportunity.version) } },
          {},
          409,
          m.conflict,
        );
      case 'forbidden':
        return forbidden(c);
      default:
        return notFound(c);
    }
  });

  app.post(`/opportunities/${ID}/status`, authorize('opportunity.update', loadOpportunity), async (c) => {
    const m = messagesOf(c);
    const actor = actorOf(currentUser(c));
    const body = await c.req.parseBody();
    const to = opportunityStatuses.find((s) => s === body.status);
    if (!to) return notFound(c);
    const outcome = await changeOpportunityStatus(dbOf(c), actor, idParam(c), to, auditActor(c));
    switch (outcome.status) {
      case 'ok':
        return c.redirect(`/opportunities/${idParam(c)}?status_changed=1`, 303);
      case 'invalid': {
        // E.g. publishing B–D without a valid 認定: say why on the edit form.
        const opportunity = await getOpportunity(dbOf(c), actor, idParam(c));
        if (!opportunity) return notFound(c);
        return renderEdit(
          c,
          opportunity,
          formOfValues(opportunity.values, opportunity.version),
          opportunityFieldMessages(m, outcome.errors),
          400,
        );
      }
      case 'forbidden':
        return forbidden(c);
      default:
        return notFound(c);
    }
  });

  app.post(`/opportunities/${ID}/confirm`, authorize('opportunity.confirm', loadOpportunity), async (c) => {
    const outcome = await confirmOpportunity(dbOf(c), actorOf(currentUser(c)), idParam(c), auditActor(c));
    if (outcome.status === 'ok') return c.redirect(`/opportunities/${idParam(c)}?confirmed=1`, 303);
    return outcome.status === 'forbidden' ? forbidden(c) : notFound(c);
  });

  return app;
}

/** The public summary page: no sign-in, only listed opportunities, no contacts or capacity. */
export function publicOpportunityRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get(`/p/opportunities/${ID}`, async (c) => {
    const t = c.get('t');
    const m = messagesOf(c);
    const opportunity = await findPublicOpportunity(dbOf(c), idParam(c));
    if (!opportunity) return notFound(c);
    return renderPage(
      c,
      {
        title: opportunity.values.title,
        breadcrumbs: [{ label: t.home, href: '/' }, { label: opportunity.values.title }],
      },
      <PublicOpportunityPage m={m} locale={c.get('locale')} now={new Date()} opportunity={opportunity} />,
    );
  });
  return app;
}
