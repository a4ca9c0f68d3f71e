/** The inbox (通知) and the notification settings page. */
import type { NotificationDelivery } from '../platform/db/schema';
import type { Locale, Messages } from '../platform/i18n';
import { formatDateTime } from '../platform/i18n/format';
import { CsrfField, ErrorSummary, type FieldErrors, RadioField } from '../platform/ui/form';
import { Pagination } from '../platform/ui/pagination';
import type { NotificationMessages } from './messages';
import type { InboxPage } from './service';

export function InboxView(props: {
  t: Messages;
  m: NotificationMessages;
  locale: Locale;
  inbox: InboxPage;
  pageSize: number;
  unreadOnly: boolean;
  csrfToken: string;
  notice?: string;
}) {
  const { t, m, locale, inbox, unreadOnly } = props;
  const filterQuery = unreadOnly ? 'filter=unread&' : '';
  return (
    <>
      <h1>{m.inboxTitle}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <p>{m.inboxIntro}</p>
      <p>
        <strong>{m.unreadCount(inbox.unread)}</strong>
      </p>
      <div class="button-row">
        <form method="get" action="/inbox" class="filter-form">
          <label for="inbox-filter">{m.filterLegend}</label>
          <select id="inbox-filter" name="filter" class="input">
            <option value="all" selected={!unreadOnly}>
              {m.filterAll}
            </option>
            <option value="unread" selected={unreadOnly}>
              {m.filterUnread}
            </option>
          </select>
          <button type="submit" class="button button-secondary button-small">
            {m.show}
          </button>
        </form>
        {inbox.unread > 0 ? (
          <form method="post" action="/inbox/read-all" class="inline-form">
            <CsrfField token={props.csrfToken} />
            <button type="submit" class="button button-small">
              {m.markAllRead}
            </button>
          </form>
        ) : null}
      </div>
      {inbox.items.length === 0 ? (
        <p>{unreadOnly ? m.emptyUnread : m.empty}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{m.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{m.columnStatus}</th>
                <th scope="col">{m.columnTitle}</th>
                <th scope="col">{m.columnReceived}</th>
              </tr>
            </thead>
            <tbody>
              {inbox.items.map((item) => {
                const title = locale === 'en' ? item.titleEn : item.titleJa;
                const unread = item.readAt === null;
                return (
                  <tr class={unread ? 'notification-unread' : undefined}>
                    <td>
                      <span class={unread ? 'status status-pending' : 'status status-inactive'}>
                        {unread ? m.unread : m.read}
                      </span>
                    </td>
                    <th scope="row">
                      <a href={`/inbox/${item.id}`}>{unread ? <strong>{title}</strong> : title}</a>
                    </th>
                    <td>{formatDateTime(item.createdAt, locale)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        t={t}
        page={inbox.page}
        total={inbox.total}
        pageSize={props.pageSize}
        href={(page) => `/inbox?${filterQuery}page=${page}`}
      />
      <p>
        <a href="/account/notifications">{m.settingsLink}</a>
      </p>
    </>
  );
}

export function NotificationSettingsView(props: {
  t: Messages;
  m: NotificationMessages;
  delivery: NotificationDelivery | '';
  errors: FieldErrors;
  csrfToken: string;
  notice?: string;
}) {
  const { t, m } = props;
  return (
    <>
      <h1>{m.settingsTitle}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary t={t} errors={props.errors} labels={{ delivery: m.deliveryLegend }} />
      <p>{m.settingsIntro}</p>
      <form method="post" action="/account/notifications" novalidate>
        <CsrfField token={props.csrfToken} />
        <RadioField
          t={t}
          name="delivery"
          legend={m.deliveryLegend}
          required
          options={[
            { value: 'immediate', label: m.deliveryImmediate, hint: m.deliveryImmediateHint },
            { value: 'daily', label: m.deliveryDaily, hint: m.deliveryDailyHint },
          ]}
          values={{ delivery: props.delivery }}
          errors={props.errors}
        />
        <button type="submit" class="button">
          {m.save}
        </button>
      </form>
      <p>
        <a href="/inbox">{m.inboxTitle}</a>
      </p>
    </>
  );
}
