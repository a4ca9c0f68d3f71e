/**
 * 通知 pages: the inbox (/inbox), opening one notice (/inbox/:id marks it read and goes to its
 * in-app link), "mark all read", and the settings page (/account/notifications: immediate mail
 * or a daily summary). Every route is the caller's own ('notification.read' /
 * 'notification.settings' on self); the store scopes every row to the caller.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { accountMessages } from '../accounts/account/messages';
import { auditActor } from '../platform/audit/audit';
import { authorize } from '../platform/auth/guard';
import { currentUser, dbOf, ID_PARAM } from '../platform/http/context';
import type { AppEnv } from '../platform/http/env';
import { readForm, validateForm } from '../platform/http/form';
import { renderPage } from '../platform/http/render';
import { pageFromQuery } from '../platform/ui/pagination';
import { notificationMessages } from './messages';
import {
  chooseDelivery,
  INBOX_PAGE_SIZE,
  loadInbox,
  markAllNotificationsRead,
  openNotification,
} from './service';
import { findNotification, readDelivery } from './store';
import { InboxView, NotificationSettingsView } from './views';

const own = () => authorize('notification.read', () => ({ kind: 'self' }));
const settings = () => authorize('notification.settings', () => ({ kind: 'self' }));

/** A notice of the caller's; another user's id (or none) is a 404 before the handler runs. */
const ownNotice = () =>
  authorize('notification.read', async (c, user) =>
    (await findNotification(dbOf(c), user.id, c.req.param('id') ?? '')) ? { kind: 'self' } : undefined,
  );

const deliverySchema = z.object({ delivery: z.enum(['immediate', 'daily']) });

function noStore(c: Context<AppEnv>): void {
  c.header('Cache-Control', 'no-store');
}

export function notificationRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/inbox', own(), async (c) => {
    const user = currentUser(c);
    const m = notificationMessages[c.get('locale')];
    const unreadOnly = c.req.query('filter') === 'unread';
    const page = pageFromQuery(c.req.query('page'));
    const inbox = await loadInbox(dbOf(c), user.id, { unreadOnly, page });
    const marked = Number(c.req.query('marked'));
    noStore(c);
    return renderPage(
      c,
      {
        title: m.inboxTitle,
        breadcrumbs: [{ label: c.get('t').home, href: '/dashboard' }, { label: m.inboxTitle }],
      },
      <InboxView
        t={c.get('t')}
        m={m}
        locale={c.get('locale')}
        inbox={inbox}
        pageSize={INBOX_PAGE_SIZE}
        unreadOnly={unreadOnly}
        csrfToken={c.get('csrfToken')}
        notice={
          Number.isInteger(marked) && marked >= 0 && c.req.query('marked')
            ? m.markedAllRead(marked)
            : undefined
        }
      />,
    );
  });

  app.get(`/inbox/${ID_PARAM}`, ownNotice(), async (c) => {
    const opened = await openNotification(dbOf(c), currentUser(c).id, c.req.param('id'));
    if (!opened) return c.redirect('/inbox', 303);
    return c.redirect(opened.link, 303);
  });

  app.post('/inbox/read-all', own(), async (c) => {
    const marked = await markAllNotificationsRead(dbOf(c), currentUser(c).id);
    return c.redirect(`/inbox?marked=${marked}`, 303);
  });

  const renderSettings = async (
    c: Context<AppEnv>,
    delivery: 'immediate' | 'daily' | '',
    errors: Record<string, string>,
    status: 200 | 400,
    notice?: string,
  ) => {
    const m = notificationMessages[c.get('locale')];
    const t = c.get('t');
    noStore(c);
    return renderPage(
      c,
      {
        title: m.settingsTitle,
        status,
        breadcrumbs: [
          { label: t.home, href: '/dashboard' },
          { label: accountMessages[c.get('locale')].title, href: '/account' },
          { label: m.settingsTitle },
        ],
      },
      <NotificationSettingsView
        t={t}
        m={m}
        delivery={delivery}
        errors={errors}
        csrfToken={c.get('csrfToken')}
        notice={notice}
      />,
    );
  };

  app.get('/account/notifications', settings(), async (c) => {
    const m = notificationMessages[c.get('locale')];
    const delivery = await readDelivery(dbOf(c), currentUser(c).id);
    return renderSettings(c, delivery, {}, 200, c.req.query('saved') === '1' ? m.saved : undefined);
  });

  app.post('/account/notifications', settings(), async (c) => {
    const m = notificationMessages[c.get('locale')];
    const values = await readForm(c);
    const result = validateForm(deliverySchema, values, c.get('t'));
    if (!result.ok) return renderSettings(c, '', { delivery: m.deliveryRequired }, 400);
    await chooseDelivery(dbOf(c), currentUser(c).id, result.data.delivery, auditActor(c));
    return c.redirect('/account/notifications?saved=1', 303);
  });

  return app;
}
