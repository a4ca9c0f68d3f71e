/**
 * はたらく場の決定 pages: the scoped list (/placements, with a status filter so the council finds
 * those waiting for a 支援決定), a placement's page, and the council's 「支援決定を確認」. Placements
 * are created by the three-party decision (src/referrals/decisions), not here. Every route names
 * its policy action; the subject is loaded through the scoped store (outside scope = 404).
 */
import { type Context, Hono } from 'hono';
import { auditActor } from '../platform/audit/audit';
import { actorOf, authorize, notFound } from '../platform/auth/guard';
import { type Actor, can } from '../platform/auth/policy';
import type { PlacementStatus } from '../platform/db/schema';
import { currentUser, dbOf, ID_PARAM } from '../platform/http/context';
import type { AppEnv, CurrentUser } from '../platform/http/env';
import { readForm } from '../platform/http/form';
import { renderPage } from '../platform/http/render';
import type { FieldErrors, FormValues } from '../platform/ui/form';
import { PAGE_SIZE, Pagination, pageFromQuery } from '../platform/ui/pagination';
import { opportunityMessages } from '../registry/opportunities/messages';
import { parseDate } from '../registry/opportunities/opportunity';
import { placementMessages } from './messages';
import {
  confirmSupportDecision,
  endPlacement,
  getPlacement,
  getPlacementSubject,
  listPlacementsFor,
  placementStatuses,
} from './service';
import { holdingStatuses } from './store';
import {
  FacilityPlacementsSection,
  ParticipantPlacementsSection,
  PlacementPage,
  PlacementTable,
} from './views/placement-views';

function idParam(c: Context<AppEnv>): string {
  return c.req.param('id') ?? '';
}

function loadPlacement(c: Context<AppEnv>, user: CurrentUser) {
  return getPlacementSubject(dbOf(c), actorOf(user), idParam(c));
}

const isCouncil = (actor: Actor) => actor.role === 'council_admin' || actor.role === 'council_staff';

export function placementRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get(
    '/placements',
    authorize('placement.list', () => ({ kind: 'self' })),
    async (c) => {
      const t = c.get('t');
      const m = placementMessages[c.get('locale')];
      const actor = actorOf(currentUser(c));
      const page = pageFromQuery(c.req.query('page'));
      const status = placementStatuses.find((s) => s === c.req.query('status'));
      const statuses: readonly PlacementStatus[] = status ? [status] : holdingStatuses;
      const { items, total } = await listPlacementsFor(dbOf(c), actor, {
        statuses,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      });
      const href = (p: number) =>
        `/placements?${new URLSearchParams({ ...(status ? { status } : {}), page: String(p) })}`;
      return renderPage(
        c,
        { title: m.listTitle, breadcrumbs: [{ label: t.home, href: '/dashboard' }, { label: m.listTitle }] },
        <>
          <h1>{m.listTitle}</h1>
          <nav aria-label={m.fields.status}>
            <ul>
              <li>
                {status ? (
                  <a href="/placements">{m.current}</a>
                ) : (
                  <strong aria-current="page">{m.current}</strong>
                )}
              </li>
              {placementStatuses.map((s) => (
                <li>
                  {s === status ? (
                    <strong aria-current="page">{m.statuses[s]}</strong>
                  ) : (
                    <a href={`/placements?status=${s}`}>{m.statuses[s]}</a>
                  )}
                </li>
              ))}
            </ul>
          </nav>
          <p>{m.countLabel(total)}</p>
          {items.length === 0 ? (
            <p>{m.listEmpty}</p>
          ) : (
            <PlacementTable
              m={m}
              om={opportunityMessages[c.get('locale')]}
              locale={c.get('locale')}
              caption={m.listTitle}
              items={items}
              first="person"
            />
          )}
          <Pagination t={t} page={page} total={total} href={href} />
        </>,
      );
    },
  );

  async function renderPlacement(
    c: Context<AppEnv>,
    notice?: string,
    status: 200 | 400 | 409 = 200,
    endForm: { values: FormValues; errors: FieldErrors } = { values: {}, errors: {} },
  ) {
    const t = c.get('t');
    const locale = c.get('locale');
    const m = placementMessages[locale];
    const actor = actorOf(currentUser(c));
    const placement = await getPlacement(dbOf(c), actor, idParam(c));
    if (!placement) return notFound(c);
    const subject = {
      kind: 'placement',
      id: placement.id,
      agencyId: placement.agencyId,
      facilityId: placement.facilityId,
      corporationId: placement.corporationId,
      status: placement.status,
    } as const;
    const title = m.detailTitle(placement.facilityName);
    return renderPage(
      c,
      {
        title,
        status,
        breadcrumbs: [
          { label: t.home, href: '/dashboard' },
          { label: m.listTitle, href: '/placements' },
          { label: title },
        ],
      },
      <PlacementPage
        m={m}
        om={opportunityMessages[locale]}
        locale={locale}
        placement={placement}
        csrfToken={c.get('csrfToken')}
        notice={notice}
        council={isCouncil(actor)}
        mayConfirm={can(actor, 'placement.confirm_support_decision', subject)}
        referralHref={placement.referralId ? `/referrals/${placement.referralId}` : undefined}
        endForm={can(actor, 'placement.end', subject) ? { t, ...endForm } : undefined}
      />,
    );
  }

  app.get(`/placements/${ID_PARAM}`, authorize('placement.read', loadPlacement), (c) => {
    const m = placementMessages[c.get('locale')];
    const notice = c.req.query('confirmed')
      ? m.supportDecisionConfirmed
      : c.req.query('ended')
        ? m.ended
        : undefined;
    return renderPlacement(c, notice);
  });

  app.post(`/placements/${ID_PARAM}/end`, authorize('placement.end', loadPlacement), async (c) => {
    const m = placementMessages[c.get('locale')];
    const actor = actorOf(currentUser(c));
    const raw = (await readForm(c)).end_date ?? '';
    const placement = await getPlacement(dbOf(c), actor, idParam(c));
    if (!placement) return notFound(c);
    const endDate = parseDate(raw);
    const error =
      raw.trim() === ''
        ? m.endErrors.required
        : !endDate
          ? m.endErrors.invalidDate
          : endDate < placement.startDate
            ? m.endErrors.beforeStart
            : undefined;
    if (error || !endDate) {
      return renderPlacement(c, undefined, 400, {
        values: { end_date: raw },
        errors: { end_date: error ?? '' },
      });
    }
    const outcome = await endPlacement(dbOf(c), actor, placement.id, { endDate }, auditActor(c));
    if (outcome.status === 'ok') return c.redirect(`/placements/${placement.id}?ended=1`, 303);
    if (outcome.status === 'not_found') return notFound(c);
    return renderPlacement(c, m.endConflict, 409);
  });

  app.post(
    `/placements/${ID_PARAM}/confirm-support-decision`,
    authorize('placement.confirm_support_decision', loadPlacement),
    async (c) => {
      const outcome = await confirmSupportDecision(
        dbOf(c),
        actorOf(currentUser(c)),
        idParam(c),
        auditActor(c),
      );
      if (outcome.status === 'ok') return c.redirect(`/placements/${idParam(c)}?confirmed=1`, 303);
      if (outcome.status === 'not_found') return notFound(c);
      return renderPlacement(c, placementMessages[c.get('locale')].confirmConflict, 409);
    },
  );

  return app;
}

/** The placements section of a participant's page (the case's counsellors). */
export async function participantPlacementsSection(c: Context<AppEnv>, participantId: string) {
  const locale = c.get('locale');
  const { items } = await listPlacementsFor(dbOf(c), actorOf(currentUser(c)), {
    participantId,
    limit: 100,
    offset: 0,
  });
  return (
    <ParticipantPlacementsSection
      m={placementMessages[locale]}
      om={opportunityMessages[locale]}
      locale={locale}
      items={items}
    />
  );
}

/**
 * The current placements section of a facility's page, for its coordinators, its corporation's
 * admins and the council; nothing for anyone else (counsellors see their own on their cases).
 */
export async function facilityPlacementsSection(c: Context<AppEnv>, facilityId: string) {
  const actor = actorOf(currentUser(c));
  if (actor.role === 'counsellor') return null;
  const locale = c.get('locale');
  const { items } = await listPlacementsFor(dbOf(c), actor, {
    facilityId,
    statuses: holdingStatuses,
    limit: 200,
    offset: 0,
  });
  return (
    <FacilityPlacementsSection
      m={placementMessages[locale]}
      om={opportunityMessages[locale]}
      locale={locale}
      items={items}
    />
  );
}
