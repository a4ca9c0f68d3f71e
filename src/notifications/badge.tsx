/**
 * The header's link to the inbox with the unread count (「通知 未読 3件」), on every page for
 * a signed-in user. The count is read once per page before rendering (unreadForPage, one COUNT
 * over the (user_id, read_at) index) and handed in, so the layout renders synchronously
 * (decision 033). The count is text, not a coloured dot, so it reads the same without colour or
 * sight.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema';
import type { Locale } from '../platform/i18n';
import { notificationMessages } from './messages';
import { countUnread } from './store';

/** The signed-in user's unread count for the header; undefined without a user. */
export async function unreadForPage(
  db: Kysely<Database>,
  user: { id: string } | null,
): Promise<number | undefined> {
  return user ? countUnread(db, user.id) : undefined;
}

export function InboxLink(props: { locale: Locale; unread?: number; current?: boolean }) {
  const m = notificationMessages[props.locale];
  const unread = props.unread;
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
