/**
 * 送信メール: council staff read every message the system sent or kept. Without SMTP this is
 * where mail goes, so nothing is silently dropped. Opening a message is audited: mail can hold
 * personal data and one-time links.
 */
import { Hono } from 'hono';
import { auditActor, recordAudit } from '../audit/audit';
import { authorizeCouncil } from '../auth/guard';
import type { MailStatus } from '../db/schema';
import type { AppEnv } from '../http/env';
import { renderPage } from '../http/render';
import { formatDateTime } from '../i18n/format';
import { renderErrorPage } from '../ui/error-page';
import { PAGE_SIZE, Pagination, pageFromQuery } from '../ui/pagination';
import { countMail, getMail, getMailAttachment, listMail } from './store';

const statuses: MailStatus[] = ['queued', 'sent', 'kept', 'failed'];

export function mailRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/council/mail', authorizeCouncil('mail.read'), async (c) => {
    const t = c.get('t');
    const locale = c.get('locale');
    const db = c.get('services').database.db;
    const page = pageFromQuery(c.req.query('page'));
    const statusQuery = c.req.query('status');
    const status = statuses.find((s) => s === statusQuery);
    const [rows, total] = await Promise.all([
      listMail(db, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, status }),
      countMail(db, { status }),
    ]);
    const href = (p: number) =>
      `/council/mail?${new URLSearchParams({ ...(status ? { status } : {}), page: String(p) })}`;
    return renderPage(
      c,
      { title: t.mail.title, breadcrumbs: [{ label: t.home, href: '/dashboard' }, { label: t.mail.title }] },
      <>
        <h1>{t.mail.title}</h1>
        <p>{t.mail.intro}</p>
        <form method="get" action="/council/mail" class="filter-form">
          <label for="mail-status">{t.mail.status}</label>
          <select id="mail-status" name="status" class="input input-short">
            <option value="">{t.mail.allStatuses}</option>
            {statuses.map((s) => (
              <option value={s} selected={s === status}>
                {t.mail.statuses[s]}
              </option>
            ))}
          </select>
          <button type="submit" class="button button-secondary button-small">
            {t.mail.filter}
          </button>
        </form>
        {rows.length === 0 ? (
          <p>{t.mail.empty}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{t.mail.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.mail.createdAt}</th>
                  <th scope="col">{t.mail.to}</th>
                  <th scope="col">{t.mail.subject}</th>
                  <th scope="col">{t.mail.status}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr>
                    <td>{formatDateTime(row.created_at, locale)}</td>
                    <td>{row.to_address}</td>
                    <td>
                      <a href={`/council/mail/${row.id}`}>{row.subject}</a>
                    </td>
                    <td>
                      <span class={`status status-${row.status}`}>{t.mail.statuses[row.status]}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination t={t} page={page} total={total} href={href} />
      </>,
    );
  });

  app.get('/council/mail/:id', authorizeCouncil('mail.read'), async (c) => {
    const t = c.get('t');
    const locale = c.get('locale');
    const db = c.get('services').database.db;
    const mail = await getMail(db, c.req.param('id'));
    if (!mail) return renderErrorPage(c, 404);
    await recordAudit(db, {
      action: 'mail.read',
      subjectType: 'mail_message',
      subjectId: mail.id,
      ...auditActor(c),
    });
    return renderPage(
      c,
      {
        title: mail.subject,
        breadcrumbs: [
          { label: t.home, href: '/dashboard' },
          { label: t.mail.title, href: '/council/mail' },
          { label: mail.subject },
        ],
      },
      <>
        <h1>{mail.subject}</h1>
        <dl class="summary-list">
          <div>
            <dt>{t.mail.to}</dt>
            <dd>{mail.to_address}</dd>
          </div>
          <div>
            <dt>{t.mail.status}</dt>
            <dd>
              <span class={`status status-${mail.status}`}>{t.mail.statuses[mail.status]}</span>
              {mail.last_error ? ` — ${mail.last_error}` : ''}
            </dd>
          </div>
          <div>
            <dt>{t.mail.createdAt}</dt>
            <dd>{formatDateTime(mail.created_at, locale)}</dd>
          </div>
          {mail.sent_at ? (
            <div>
              <dt>{t.mail.sentAt}</dt>
              <dd>{formatDateTime(mail.sent_at, locale)}</dd>
            </div>
          ) : null}
          {Object.entries(mail.headers).map(([name, value]) => (
            <div>
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <h2>{t.mail.body}</h2>
        <pre class="mail-body">{mail.text_body}</pre>
        {mail.attachments.length > 0 ? (
          <>
            <h2>{t.mail.attachments}</h2>
            <ul>
              {mail.attachments.map((a, index) => (
                <li>
                  <a href={`/council/mail/${mail.id}/attachments/${index}`}>{a.filename}</a>(
                  {Math.ceil(a.size / 1024)} KB)
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p>
          <a href="/council/mail">{t.mail.back}</a>
        </p>
      </>,
    );
  });

  app.get('/council/mail/:id/attachments/:index{[0-9]+}', authorizeCouncil('mail.read'), async (c) => {
    const db = c.get('services').database.db;
    const attachment = await getMailAttachment(db, c.req.param('id'), Number(c.req.param('index')));
    if (!attachment) return renderErrorPage(c, 404);
    await recordAudit(db, {
      action: 'mail.attachment.read',
      subjectType: 'mail_message',
      subjectId: c.req.param('id'),
      ...auditActor(c),
      detail: { filename: attachment.filename },
    });
    return c.body(new Uint8Array(attachment.content), 200, {
      'Content-Type': attachment.contentType,
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`,
    });
  });

  return app;
}
