/**
 * The digest's pages for anyone signed in: one's own subscription (/digest/subscription: the
 * preferences, subscribing and cancelling; staff are known, so no confirmation or approval) and
 * the archive of sent editions (/digest/archive).
 */
import { Hono } from 'hono';
import { auditActor } from '../../platform/audit/audit';
import { notFound } from '../../platform/auth/guard';
import type { DigestEditionStatus } from '../../platform/db/schema';
import { currentUser, dbOf, ID_PARAM } from '../../platform/http/context';
import type { AppEnv } from '../../platform/http/env';
import { renderPage } from '../../platform/http/render';
import { formatDateTime } from '../../platform/i18n/format';
import { CsrfField } from '../../platform/ui/form';
import { PAGE_SIZE, Pagination, pageFromQuery } from '../../platform/ui/pagination';
import { readDigest, subscribeToDigest } from '../access';
import { contentFor } from '../edition';
import { everything, preferencesOfRow } from '../preferences';
import { accountSubscriberOf, idParam, messagesOf } from '../request';
import {
  countEditions,
  editionItems,
  getEdition,
  getMySubscription,
  listEditions,
  subscribeFromAccount,
  unsubscribe,
} from '../service';
import { EditionSections, Notice, PreferenceFields, settingsFromBody } from '../views';

export function digestAccountRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  // ---- one's own subscription ----------------------------------------------------------------

  app.get('/digest/subscription', subscribeToDigest, async (c) => {
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

  app.post('/digest/subscription', subscribeToDigest, async (c) => {
    const user = currentUser(c);
    const settings = settingsFromBody(await c.req.parseBody({ all: true }));
    await subscribeFromAccount(
      dbOf(c),
      accountSubscriberOf(user),
      { preferences: settings, weekly: settings.weekly, skipEmpty: settings.skipEmpty },
      auditActor(c),
    );
    return c.redirect('/digest/subscription?saved=1', 303);
  });

  app.post('/digest/subscription/cancel', subscribeToDigest, async (c) => {
    const own = await getMySubscription(dbOf(c), currentUser(c).id);
    if (own) await unsubscribe(dbOf(c), own.id, { audit: auditActor(c), via: 'account' });
    return c.redirect('/digest/subscription?cancelled=1', 303);
  });

  // ---- archive ---------------------------------------------------------------------------------

  app.get('/digest/archive', readDigest, async (c) => {
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

  app.get(`/digest/archive/${ID_PARAM}`, readDigest, async (c) => {
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

  return app;
}
