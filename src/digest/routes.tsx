/**
 * The digest's pages for signed-in people: one's own subscription (/digest/subscription), the
 * archive of sent editions (/digest/archive), and the council's control pages under
 * /council/digest (editions: schedule, send now, cancel, preview as a subscriber, test to
 * oneself, progress; subscribers: approve, resume).
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import MailComposer from 'nodemailer/lib/mail-composer';
import { auditActor } from '../platform/audit/audit';
import { authorize, notFound } from '../platform/auth/guard';
import type { DigestEditionStatus, DigestSubscriberStatus } from '../platform/db/schema';
import { currentUser, dbOf, ID_PARAM } from '../platform/http/context';
import type { AppEnv } from '../platform/http/env';
import { renderPage } from '../platform/http/render';
import { formatDateTime } from '../platform/i18n/format';
import { enqueueJob } from '../platform/jobs/queue';
import { CsrfField, ErrorSummary, type FieldErrors, SelectField, TextField } from '../platform/ui/form';
import { PAGE_SIZE, Pagination, pageFromQuery } from '../platform/ui/pagination';
import { findMunicipality } from '../reference/municipalities';
import { contentFor } from './edition';
import { describePreferences } from './mail';
import { digestMessages } from './messages';
import { everything, preferencesOfRow } from './preferences';
import { secretOf } from './public-routes';
import {
  approveSubscriber,
  cancelEdition,
  countEditions,
  countSubscribers,
  digestSendJobName,
  editionItems,
  editionProgress,
  getEdition,
  getMySubscription,
  getSubscriber,
  listEditionDeliveries,
  listEditions,
  listSubscribers,
  previewEdition,
  resumeSubscriber,
  scheduleEdition,
  sendTestToSelf,
  subscribeFromAccount,
  unsubscribe,
} from './service';
import { EditionSections, Notice, PreferenceFields, settingsFromBody } from './views';

const manage = authorize('digest.manage', () => ({ kind: 'council' }));
const subscribe = authorize('digest.subscribe', () => ({ kind: 'self' }));
const read = authorize('digest.read', () => ({ kind: 'self' }));

const subscriberStatuses: DigestSubscriberStatus[] = [
  'pending_approval',
  'pending_confirmation',
  'active',
  'paused',
  'unsubscribed',
];

function messagesOf(c: Context<AppEnv>) {
  return digestMessages[c.get('locale')];
}

function municipalityName(code: string) {
  return findMunicipality(code)?.name ?? code;
}

function idParam(c: Context<AppEnv>) {
  return c.req.param('id') ?? '';
}

/** 'YYYY-MM-DD HH:MM' (or with T) in Tokyo time → Date; undefined when it does not parse. */
export function parseTokyoDateTime(value: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi] = match;
  const date = new Date(`${y}-${mo}-${d}T${String(h).padStart(2, '0')}:${mi}:00+09:00`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function digestRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  // ---- one's own subscription ----------------------------------------------------------------

  app.get('/digest/subscription', subscribe, async (c) => {
    const m = messagesOf(c);
    const t = c.get('t');
    const user = currentUser(c);
    const own = await getMySubscription(dbOf(c), user.id);
    const values = own
      ? { ...preferencesOfRow(own), weekly: own.weekly === 1, skipEmpty: own.skip_empty === 1 }
      : { ...everything, weekly: false, skipEmpty: false };
    const state =
      !own || own.status === 'unsubscribed'
        ? m.subscriptionNone
        : own.status === 'paused'
          ? m.subscriptionPaused
          : own.status === 'active'
            ? m.subscriptionActive
            : m.subscriptionPending;
    const notice = c.req.query('saved') ? m.saved : c.req.query('cancelled') ? m.cancelled : undefined;
    const subscribed = own !== undefined && own.status !== 'unsubscribed';
    return renderPage(
      c,
      {
        title: m.subscriptionTitle,
        breadcrumbs: [{ label: t.home, href: '/dashboard' }, { label: m.subscriptionTitle }],
      },
      <>
        <h1>{m.subscriptionTitle}</h1>
        <Notice text={notice} />
        <p>{m.subscriptionIntro}</p>
        <p>
          {m.labels.email}: {user.email}
        </p>
        <p class="status">{state}</p>
        <form method="post" action="/digest/subscription">
          <CsrfField token={c.get('csrfToken')} />
          <PreferenceFields t={t} m={m} locale={c.get('locale')} values={values} errors={{}} />
          <button type="submit" class="button">
            {subscribed ? m.savePreferences : m.subscribe}
          </button>
        </form>
        {subscribed ? (
          <form method="post" action="/digest/subscription/cancel">
            <CsrfField token={c.get('csrfToken')} />
            <button type="submit" class="button button-secondary">
              {m.cancelSubscription}
            </button>
          </form>
        ) : null}
        <p>
          <a href="/digest/archive">{m.archiveTitle}</a>
        </p>
      </>,
    );
  });

  app.post('/digest/subscription', subscribe, async (c) => {
    const user = currentUser(c);
    const settings = settingsFromBody(await c.req.parseBody({ all: true }));
    await subscribeFromAccount(
      dbOf(c),
      {
        userId: user.id,
        name: user.name,
        email: user.email,
        organisationId: user.organisationId,
        organisationName: user.organisationName,
      },
      { preferences: settings, weekly: settings.weekly, skipEmpty: settings.skipEmpty },
      auditActor(c),
    );
    return c.redirect('/digest/subscription?saved=1', 303);
  });

  app.post('/digest/subscription/cancel', subscribe, async (c) => {
    const own = await getMySubscription(dbOf(c), currentUser(c).id);
    if (own) await unsubscribe(dbOf(c), own.id, { audit: auditActor(c), via: 'account' });
    return c.redirect('/digest/subscription?cancelled=1', 303);
  });

  // ---- archive ---------------------------------------------------------------------------------

  app.get('/digest/archive', read, async (c) => {
    const m = messagesOf(c);
    const t = c.get('t');
    const locale = c.get('locale');
    const page = pageFromQuery(c.req.query('page'));
    const statuses: DigestEditionStatus[] = ['sent', 'sending'];
    const [editions, total] = await Promise.all([
      listEditions(dbOf(c), { statuses, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
      countEditions(dbOf(c), statuses),
    ]);
    return renderPage(
      c,
      {
        title: m.archiveTitle,
        breadcrumbs: [{ label: t.home, href: '/dashboard' }, { label: m.archiveTitle }],
      },
      <>
        <h1>{m.archiveTitle}</h1>
        {editions.length === 0 ? (
          <p>{m.archiveEmpty}</p>
        ) : (
          <ul class="item-list">
            {editions.map((e) => (
              <li>
                <a href={`/digest/archive/${e.id}`}>{e.title}</a>({m.editionKind[e.kind]}、
                {formatDateTime(e.frozen_at ?? e.scheduled_for, locale)})
              </li>
            ))}
          </ul>
        )}
        <Pagination t={t} page={page} total={total} href={(p) => `/digest/archive?page=${p}`} />
      </>,
    );
  });

  app.get(`/digest/archive/${ID_PARAM}`, read, async (c) => {
    const m = messagesOf(c);
    const t = c.get('t');
    const edition = await getEdition(dbOf(c), idParam(c));
    if (!edition || (edition.status !== 'sent' && edition.status !== 'sending')) return notFound(c);
    const content = contentFor(await editionItems(dbOf(c), edition), everything);
    return renderPage(
      c,
      {
        title: edition.title,
        breadcrumbs: [
          { label: t.home, href: '/dashboard' },
          { label: m.archiveTitle, href: '/digest/archive' },
          { label: edition.title },
        ],
      },
      <>
        <h1>{edition.title}</h1>
        <p>{m.mail.intro(formatDateTime(edition.frozen_at ?? edition.scheduled_for, c.get('locale')))}</p>
        <EditionSections m={m} content={content} kind={edition.kind} />
      </>,
    );
  });

  // ---- council: editions -----------------------------------------------------------------------

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

  app.get('/council/digest', manage, (c) => renderEditions(c, { at: '', kind: 'edition' }));

  app.post('/council/digest/editions', manage, async (c) => {
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

  app.get(`/council/digest/editions/${ID_PARAM}`, manage, async (c) => {
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

  async function previewFor(c: Context<AppEnv>) {
    const db = dbOf(c);
    const edition = await getEdition(db, idParam(c));
    if (!edition) return undefined;
    const subscriberId = c.req.query('subscriber') ?? '';
    const subscriber = subscriberId ? await getSubscriber(db, subscriberId) : undefined;
    const user = currentUser(c);
    const recipient = subscriber
      ? { id: subscriber.id, name: subscriber.name, preferences: preferencesOfRow(subscriber) }
      : { id: user.id, name: user.name, preferences: everything };
    const { config } = c.get('services');
    const preview = await previewEdition(db, edition, recipient, {
      baseUrl: config.baseUrl,
      secret: await secretOf(c),
    });
    return { edition, recipient, subscriber, ...preview };
  }

  app.get(`/council/digest/editions/${ID_PARAM}/preview`, manage, async (c) => {
    const m = messagesOf(c);
    const t = c.get('t');
    const preview = await previewFor(c);
    if (!preview) return notFound(c);
    const { edition, recipient } = preview;
    const query = new URLSearchParams({ subscriber: c.req.query('subscriber') ?? '' });
    return renderPage(
      c,
      {
        title: m.previewTitle(recipient.name),
        breadcrumbs: [
          { label: t.home, href: '/dashboard' },
          { label: m.councilTitle, href: '/council/digest' },
          { label: edition.title, href: `/council/digest/editions/${edition.id}` },
          { label: m.previewSubmit },
        ],
      },
      <>
        <h1>{m.previewTitle(recipient.name)}</h1>
        <p>
          {m.mail.conditions(
            describePreferences(m, c.get('locale'), recipient.preferences, municipalityName),
          )}
        </p>
        <p>
          <strong>{preview.mail.subject}</strong>
        </p>
        <p>
          <a href={`/council/digest/editions/${edition.id}/preview/download?${query}&format=html`}>
            {m.downloadHtml}
          </a>{' '}
          /{' '}
          <a href={`/council/digest/editions/${edition.id}/preview/download?${query}&format=eml`}>
            {m.downloadEml}
          </a>
        </p>
        <pre class="preview" tabindex={0}>
          {preview.mail.text}
        </pre>
      </>,
    );
  });

  app.get(`/council/digest/editions/${ID_PARAM}/preview/download`, manage, async (c) => {
    const preview = await previewFor(c);
    if (!preview) return notFound(c);
    const { mail } = preview;
    if (c.req.query('format') === 'eml') {
      const { config } = c.get('services');
      const eml = await new MailComposer({
        from: config.mailFrom,
        to: preview.subscriber?.email ?? currentUser(c).email,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
      })
        .compile()
        .build();
      c.header('Content-Type', 'message/rfc822');
      c.header('Content-Disposition', 'attachment; filename="preview.eml"');
      return c.body(new Uint8Array(eml));
    }
    c.header('Content-Type', 'text/html; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="preview.html"');
    return c.body(mail.html);
  });

  app.post(`/council/digest/editions/${ID_PARAM}/test`, manage, async (c) => {
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

  app.post(`/council/digest/editions/${ID_PARAM}/send`, manage, async (c) => {
    const db = dbOf(c);
    const edition = await getEdition(db, idParam(c));
    if (!edition) return notFound(c);
    if (edition.status === 'scheduled') {
      // Runs now; the job at the scheduled time then finds the edition sending or sent.
      await enqueueJob(db, {
        name: digestSendJobName,
        payload: { editionId: edition.id },
        dedupeKey: `${digestSendJobName}:${edition.id}:now`,
      });
    }
    return c.redirect(`/council/digest/editions/${edition.id}?scheduled=1`, 303);
  });

  app.post(`/council/digest/editions/${ID_PARAM}/cancel`, manage, async (c) => {
    const db = dbOf(c);
    const edition = await getEdition(db, idParam(c));
    if (!edition) return notFound(c);
    await cancelEdition(db, edition.id, auditActor(c));
    return c.redirect(`/council/digest/editions/${edition.id}?cancelled=1`, 303);
  });

  // ---- council: subscribers --------------------------------------------------------------------

  app.get('/council/digest/subscribers', manage, async (c) => {
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

  app.post(`/council/digest/subscribers/${ID_PARAM}/approve`, manage, async (c) => {
    const ok = await approveSubscriber(dbOf(c), idParam(c), {
      audit: auditActor(c),
      locale: c.get('locale'),
    });
    if (!ok) return notFound(c);
    return c.redirect('/council/digest/subscribers?status=pending_approval&approved=1', 303);
  });

  app.post(`/council/digest/subscribers/${ID_PARAM}/resume`, manage, async (c) => {
    const ok = await resumeSubscriber(dbOf(c), idParam(c), auditActor(c));
    if (!ok) return notFound(c);
    return c.redirect('/council/digest/subscribers?resumed=1', 303);
  });

  return app;
}
