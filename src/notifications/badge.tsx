/**
 * The header's link to the inbox with the unread count (「通知 未読 3件」), on every page for
 * a signed-in user. An async component: it reads the request from hono's context storage
 * (app.ts installs contextStorage()) and runs one COUNT over the (user_id, read_at) index. The
 * count is text, not a coloured dot, so it reads the same without colour or sight.
 */
import { getContext } from 'hono/context-storage';
import type { AppEnv } from '../platform/http/env';
import type { Locale } from '../platform/i18n';
import { notificationMessages } from './messages';
import { countUnread } from './store';

async function unreadOfCurrentRequest(): Promise<number | undefined> {
  let context: ReturnType<typeof getContext<AppEnv>>;
  try {
    context = getContext<AppEnv>();
  } catch {
    return undefined; // Rendered outside a request (e.g. a view test): no count.
  }
  const user = context.get('user');
  if (!user) return undefined;
  return countUnread(context.get('services').database.db, user.id);
}

export async function InboxLink(props: { locale: Locale; current?: boolean }) {
  const m = notificationMessages[props.locale];
  const unread = await unreadOfCurrentRequest();
  return (
    <a href="/inbox" class="inbox-link" aria-current={props.current ? 'page' : undefined}>
      {m.badgeText}
      {unread ? (
        <>
          {' '}
          <span class="tag" data-unread={unread}>
            {m.unreadCount(unread)}
          </span>
        </>
      ) : null}
    </a>
  );
}
