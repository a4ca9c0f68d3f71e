/**
 * The council's subscriber list under /council/digest/subscribers: filtered by status, with each
 * address's preferences and permanent failures, and the actions that approve a confirmed
 * application or resume a paused address.
 */
import { Hono } from 'hono';
import { auditActor } from '../../platform/audit/audit';
import { notFound } from '../../platform/auth/guard';
import type { DigestSubscriberStatus } from '../../platform/db/schema';
import { dbOf, ID_PARAM } from '../../platform/http/context';
import type { AppEnv } from '../../platform/http/env';
import { renderPage } from '../../platform/http/render';
import { formatDateTime } from '../../platform/i18n/format';
import { CsrfField, SelectField } from '../../platform/ui/form';
import { PAGE_SIZE, Pagination, pageFromQuery } from '../../platform/ui/pagination';
import { manageDigest } from '../access';
import { describePreferences } from '../mail';
import { municipalityName, preferencesOfRow } from '../preferences';
import { idParam, messagesOf } from '../request';
import { approveSubscriber, countSubscribers, listSubscribers, resumeSubscriber } from '../service';
import { Notice } from '../views';

const subscriberStatuses: DigestSubscriberStatus[] = [
  'pending_approval',
  'pending_confirmation',
  'active',
  'paused',
  'unsubscribed',
];

export function digestCouncilSubscriberRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/council/digest/subscribers', manageDigest, async (c) => {
    const m = messagesOf(c);
    const t = c.get('t');
    const locale = c.get('locale');
    const db = dbOf(c);
    const statusQuery = c.req.query('status');
    const status = subscriberStatuses.find((s) => s === statusQuery);
    const page = pageFromQuery(c.req.query('page'));
    const [rows, total] = await Promise.all([
      listSubscribers(db, { status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
      countSubscribers(db, status),
    ]);
    const notice = c.req.query('approved') ? m.approved : c.req.query('resumed') ? m.resumed : undefined;
    return renderPage(
      c,
      {
        title: m.subscribersTitle,
        breadcrumbs: [
          { label: t.home, href: '/dashboard' },
          { label: m.councilTitle, href: '/council/digest' },
          { label: m.subscribersTitle },
        ],
      },
      <>
        <h1>{m.subscribersTitle}</h1>
        <Notice text={notice} />
        <form method="get" action="/council/digest/subscribers" class="filter-form">
          <SelectField
            t={t}
            name="status"
            label={m.filterStatus}
            options={[
              { value: '', label: m.all },
              ...subscriberStatuses.map((s) => ({ value: s, label: m.subscriberStatus[s] })),
            ]}
            values={{ status: status ?? '' }}
            errors={{}}
          />
          <button type="submit" class="button button-secondary">
            {m.show}
          </button>
        </form>
        {rows.length === 0 ? (
          <p>{m.noSubscribers}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{m.subscribersTitle}</caption>
              <thead>
                <tr>
                  <th scope="col">{m.columns.name}</th>
                  <th scope="col">{m.columns.organisation}</th>
                  <th scope="col">{m.columns.email}</th>
                  <th scope="col">{m.columns.status}</th>
                  <th scope="col">{m.columns.preferences}</th>
                  <th scope="col">{m.columns.failures}</th>
                  <th scope="col">{m.columns.actions}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((s) => (
                  <tr>
                    <td>{s.name}</td>
                    <td>{s.organisation_name}</td>
                    <td>{s.email}</td>
                    <td>
                      {m.subscriberStatus[s.status]}
                      <br />
                      <span class="hint">{formatDateTime(s.updated_at, locale)}</span>
                    </td>
                    <td>{describePreferences(m, locale, preferencesOfRow(s), municipalityName)}</td>
                    <td>{s.permanent_failures}</td>
                    <td>
                      {s.status === 'pending_approval' ? (
                        <form
                          method="post"
                          action={`/council/digest/subscribers/${s.id}/approve`}
                          class="inline-form"
                        >
                          <CsrfField token={c.get('csrfToken')} />
                          <button
                            type="submit"
                            class="button button-small"
                            aria-label={`${m.approve}: ${s.email}`}
                          >
                            {m.approve}
                          </button>
                        </form>
                      ) : null}
                      {s.status === 'paused' ? (
                        <form
                          method="post"
                          action={`/council/digest/subscribers/${s.id}/resume`}
                          class="inline-form"
                        >
                          <CsrfField token={c.get('csrfToken')} />
                          <button
                            type="submit"
                            class="button button-small"
                            aria-label={`${m.resume}: ${s.email}`}
                          >
                            {m.resume}
                          </button>
                        </form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination
          t={t}
          page={page}
          total={total}
          href={(p) =>
            `/council/digest/subscribers?${new URLSearchParams({ ...(status ? { status } : {}), page: String(p) })}`
          }
        />
      </>,
    );
  });

  app.post(`/council/digest/subscribers/${ID_PARAM}/approve`, manageDigest, async (c) => {
    const ok = await approveSubscriber(dbOf(c), idParam(c), {
      audit: auditActor(c),
      locale: c.get('locale'),
    });
    if (!ok) return notFound(c);
    return c.redirect('/council/digest/subscribers?status=pending_approval&approved=1', 303);
  });

  app.post(`/council/digest/subscribers/${ID_PARAM}/resume`, manageDigest, async (c) => {
    const ok = await resumeSubscriber(dbOf(c), idParam(c), auditActor(c));
    if (!ok) return notFound(c);
    return c.redirect('/council/digest/subscribers?resumed=1', 303);
  });

  return app;
}
