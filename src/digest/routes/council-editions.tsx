/**
 * The council's edition pages under /council/digest: the list with the form that schedules an
 * edition or sends one now, and an edition's page (status, delivery progress and failures) with
 * its actions: send a test to oneself, send now, cancel. Previews are in council-preview.tsx.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { auditActor } from '../../platform/audit/audit';
import { notFound } from '../../platform/auth/guard';
import { currentUser, dbOf, ID_PARAM } from '../../platform/http/context';
import type { AppEnv } from '../../platform/http/env';
import { renderPage } from '../../platform/http/render';
import { formatDateTime } from '../../platform/i18n/format';
import { CsrfField, ErrorSummary, type FieldErrors, SelectField, TextField } from '../../platform/ui/form';
import { PAGE_SIZE, Pagination, pageFromQuery } from '../../platform/ui/pagination';
import { manageDigest } from '../access';
import { contentFor } from '../edition';
import { everything } from '../preferences';
import { idParam, messagesOf, secretOf } from '../request';
import {
  cancelEdition,
  countEditions,
  countSubscribers,
  editionItems,
  editionProgress,
  getEdition,
  listEditionDeliveries,
  listEditions,
  listSubscribers,
  scheduleEdition,
  sendEditionNow,
  sendTestToSelf,
} from '../service';
import { EditionSections, Notice } from '../views';

/** 'YYYY-MM-DD HH:MM' (or with T) in Tokyo time → Date; undefined when it does not parse. */
export function parseTokyoDateTime(value: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi] = match;
  const date = new Date(`${y}-${mo}-${d}T${String(h).padStart(2, '0')}:${mi}:00+09:00`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function digestCouncilEditionRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  async function renderEditions(
    c: Context<AppEnv>,
    form: { at: string; kind: string },
    errors: FieldErrors = {},
  ) {
    const m = messagesOf(c);
    const t = c.get('t');
    const locale = c.get('locale');
    const db = dbOf(c);
    const page = pageFromQuery(c.req.query('page'));
    const [editions, total] = await Promise.all([
      listEditions(db, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
      countEditions(db),
    ]);
    const pending = await countSubscribers(db, 'pending_approval');
    const active = await countSubscribers(db, 'active');
    const notice = c.req.query('scheduled') ? m.scheduled : undefined;
    return renderPage(
      c,
      {
        title: m.councilTitle,
        breadcrumbs: [{ label: t.home, href: '/dashboard' }, { label: m.councilTitle }],
        status: Object.keys(errors).length > 0 ? 400 : 200,
      },
      <>
        <h1>{m.councilTitle}</h1>
        <ErrorSummary t={t} errors={errors} labels={{ at: m.scheduleAt }} />
        <Notice text={notice} />
        <p>
          <a href="/council/digest/subscribers">{m.subscribersTitle}</a>: {m.subscriberStatus.active} {active}{' '}
          /{' '}
          <a href="/council/digest/subscribers?status=pending_approval">
            {m.subscriberStatus.pending_approval} {pending}
          </a>
        </p>
        <h2>{m.newEdition}</h2>
        <form method="post" action="/council/digest/editions">
          <CsrfField token={c.get('csrfToken')} />
          <SelectField
            t={t}
            name="kind"
            label={m.columns.title}
            options={[
              { value: 'edition', label: m.editionKind.edition },
              { value: 'weekly', label: m.editionKind.weekly },
            ]}
            values={form}
            errors={errors}
          />
          <TextField
            t={t}
            name="at"
            label={m.scheduleAt}
            hint={m.scheduleAtHint}
            values={form}
            errors={errors}
            width="medium"
          />
          <div class="button-row">
            <button type="submit" class="button" name="mode" value="schedule">
              {m.scheduleSubmit}
            </button>
            <button type="submit" class="button button-secondary" name="mode" value="now">
              {m.sendNowSubmit}
            </button>
          </div>
        </form>
        <h2>{m.editionsHeading}</h2>
        {editions.length === 0 ? (
          <p>{m.noEditions}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{m.editionsHeading}</caption>
              <thead>
                <tr>
                  <th scope="col">{m.columns.title}</th>
                  <th scope="col">{m.columns.status}</th>
                  <th scope="col">{m.columns.scheduledFor}</th>
                  <th scope="col">{m.columns.recipients}</th>
                </tr>
              </thead>
              <tbody>
                {editions.map((e) => (
                  <tr>
                    <td>
                      <a href={`/council/digest/editions/${e.id}`}>{e.title}</a>
                    </td>
                    <td>{m.editionStatus[e.status]}</td>
                    <td>{formatDateTime(e.scheduled_for, locale)}</td>
                    <td>{e.recipients}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination t={t} page={page} total={total} href={(p) => `/council/digest?page=${p}`} />
      </>,
    );
  }

  app.get('/council/digest', manageDigest, (c) => renderEditions(c, { at: '', kind: 'edition' }));

  app.post('/council/digest/editions', manageDigest, async (c) => {
    const m = messagesOf(c);
    const body = await c.req.parseBody();
    const kind = body.kind === 'weekly' ? 'weekly' : 'edition';
    const atText = typeof body.at === 'string' ? body.at.trim() : '';
    const mode = body.mode === 'now' ? 'now' : 'schedule';
    let at: Date | undefined;
    if (mode === 'schedule' && atText !== '') {
      at = parseTokyoDateTime(atText);
      if (!at) return renderEditions(c, { at: atText, kind }, { at: m.scheduleAtHint });
    }
    const id = await scheduleEdition(dbOf(c), { kind, at }, auditActor(c));
    return c.redirect(`/council/digest/editions/${id}?scheduled=1`, 303);
  });

  app.get(`/council/digest/editions/${ID_PARAM}`, manageDigest, async (c) => {
    const m = messagesOf(c);
    const t = c.get('t');
    const locale = c.get('locale');
    const db = dbOf(c);
    const edition = await getEdition(db, idParam(c));
    if (!edition) return notFound(c);
    const counts = await editionProgress(db, edition.id);
    const failed = await listEditionDeliveries(db, edition.id, { status: 'failed', limit: 100 });
    const subscribers = await listSubscribers(db, { status: 'active', limit: 200, offset: 0 });
    const content = contentFor(await editionItems(db, edition), everything);
    const notice = c.req.query('scheduled')
      ? m.scheduled
      : c.req.query('cancelled')
        ? m.editionCancelled
        : c.req.query('tested')
          ? m.testSent(currentUser(c).email)
          : undefined;
    return renderPage(
      c,
      {
        title: edition.title,
        breadcrumbs: [
          { label: t.home, href: '/dashboard' },
          { label: m.councilTitle, href: '/council/digest' },
          { label: edition.title },
        ],
      },
      <>
        <h1>{edition.title}</h1>
        <Notice text={notice} />
        <dl class="definition-list">
          <dt>{m.columns.status}</dt>
          <dd>{m.editionStatus[edition.status]}</dd>
          <dt>{m.columns.scheduledFor}</dt>
          <dd>{formatDateTime(edition.scheduled_for, locale)}</dd>
          <dt>{m.columns.recipients}</dt>
          <dd>{edition.recipients}</dd>
        </dl>
        <h2>{m.progress}</h2>
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{m.progress}</caption>
            <thead>
              <tr>
                <th scope="col">{m.columns.sent}</th>
                <th scope="col">{m.columns.failed}</th>
                <th scope="col">{m.columns.waiting}</th>
                <th scope="col">{m.columns.skipped}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>{counts.sent}</td>
                <td>{counts.failed}</td>
                <td>{counts.waiting + counts.sending}</td>
                <td>{counts.skipped}</td>
              </tr>
            </tbody>
          </table>
        </div>
        <p>
          <a href={`/council/digest/editions/${edition.id}`}>{m.refresh}</a>
        </p>
        {failed.length > 0 ? (
          <ul class="item-list">
            {failed.map((d) => (
              <li>
                {d.email}: {d.last_error}
              </li>
            ))}
          </ul>
        ) : null}
        <div class="button-row">
          <form method="post" action={`/council/digest/editions/${edition.id}/test`} class="inline-form">
            <CsrfField token={c.get('csrfToken')} />
            <button type="submit" class="button button-secondary">
              {m.sendTest}
            </button>
          </form>
          {edition.status === 'scheduled' ? (
            <>
              <form method="post" action={`/council/digest/editions/${edition.id}/send`} class="inline-form">
                <CsrfField token={c.get('csrfToken')} />
                <button type="submit" class="button">
                  {m.sendNowSubmit}
                </button>
              </form>
              <form
                method="post"
                action={`/council/digest/editions/${edition.id}/cancel`}
                class="inline-form"
              >
                <CsrfField token={c.get('csrfToken')} />
                <button type="submit" class="button button-secondary">
                  {m.cancelEdition}
                </button>
              </form>
            </>
          ) : null}
        </div>
        <h2>{m.previewAs}</h2>
        <form method="get" action={`/council/digest/editions/${edition.id}/preview`} class="filter-form">
          <SelectField
            t={t}
            name="subscriber"
            label={m.subscribersTitle}
            options={[
              { value: '', label: m.anyPreference },
              ...subscribers.map((s) => ({ value: s.id, label: `${s.name}(${s.email})` })),
            ]}
            values={{ subscriber: '' }}
            errors={{}}
          />
          <button type="submit" class="button button-secondary">
            {m.previewSubmit}
          </button>
        </form>
        <EditionSections m={m} content={content} kind={edition.kind} />
      </>,
    );
  });

  app.post(`/council/digest/editions/${ID_PARAM}/test`, manageDigest, async (c) => {
    const db = dbOf(c);
    const edition = await getEdition(db, idParam(c));
    if (!edition) return notFound(c);
    const user = currentUser(c);
    await sendTestToSelf(db, edition, user, {
      baseUrl: c.get('services').config.baseUrl,
      secret: await secretOf(c),
      audit: auditActor(c),
    });
    return c.redirect(`/council/digest/editions/${edition.id}?tested=1`, 303);
  });

  app.post(`/council/digest/editions/${ID_PARAM}/send`, manageDigest, async (c) => {
    const db = dbOf(c);
    const edition = await getEdition(db, idParam(c));
    if (!edition) return notFound(c);
    await sendEditionNow(db, edition);
    return c.redirect(`/council/digest/editions/${edition.id}?scheduled=1`, 303);
  });

  app.post(`/council/digest/editions/${ID_PARAM}/cancel`, manageDigest, async (c) => {
    const db = dbOf(c);
    const edition = await getEdition(db, idParam(c));
    if (!edition) return notFound(c);
    await cancelEdition(db, edition.id, auditActor(c));
    return c.redirect(`/council/digest/editions/${edition.id}?cancelled=1`, 303);
  });

  return app;
}
