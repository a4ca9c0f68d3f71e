/**
 * 操作記録: council admins filter the audit trail and export it as CSV. There is deliberately no
 * route that changes or deletes an event (and the database refuses it too).
 */
import { stringify } from 'csv-stringify/sync';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { authorizeCouncil } from '../auth/guard';
import type { AppEnv } from '../http/env';
import { renderPage } from '../http/render';
import { formatDateTime } from '../i18n/format';
import { type FieldErrors, TextField } from '../ui/form';
import { PAGE_SIZE, Pagination, pageFromQuery } from '../ui/pagination';
import { auditActor, recordAudit } from './audit';
import { auditMessages } from './messages';
import { type AuditFilter, countAuditEvents, iterateAuditEvents, listAuditEvents } from './store';

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** Reads the filter from the query; dates are Tokyo calendar days. */
function readFilter(c: Context<AppEnv>) {
  const m = auditMessages[c.get('locale')];
  const values: Record<string, string> = {};
  for (const key of ['from', 'to', 'action', 'userEmail', 'subjectType']) {
    const value = c.req.query(key)?.normalize('NFKC').trim();
    if (value) values[key] = value;
  }
  const errors: FieldErrors = {};
  const filter: AuditFilter = {};
  for (const [key, edge] of [
    ['from', 'T00:00:00+09:00'],
    ['to', 'T23:59:59.999+09:00'],
  ] as const) {
    const value = values[key];
    if (!value) continue;
    const date = new Date(`${value}${edge}`);
    if (!datePattern.test(value) || Number.isNaN(date.getTime())) errors[key] = m.invalidDate;
    else filter[key] = date.toISOString();
  }
  if (values.action) filter.action = values.action;
  if (values.userEmail) filter.userEmail = values.userEmail.toLowerCase();
  if (values.subjectType) filter.subjectType = values.subjectType;
  return { values, errors, filter };
}

export function auditRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/council/audit', authorizeCouncil('audit.read'), async (c) => {
    const t = c.get('t');
    const locale = c.get('locale');
    const m = auditMessages[locale];
    const db = c.get('services').database.db;
    const { values, errors, filter } = readFilter(c);
    const valid = Object.keys(errors).length === 0;
    const page = pageFromQuery(c.req.query('page'));
    const [rows, total] = valid
      ? await Promise.all([
          listAuditEvents(db, filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
          countAuditEvents(db, filter),
        ])
      : [[], 0];
    const query = (extra: Record<string, string>) => new URLSearchParams({ ...values, ...extra }).toString();
    return renderPage(
      c,
      {
        title: m.title,
        status: valid ? 200 : 400,
        breadcrumbs: [{ label: t.home, href: '/dashboard' }, { label: m.title }],
      },
      <>
        <h1>{m.title}</h1>
        <p>{m.intro}</p>
        <form method="get" action="/council/audit" class="filter-panel">
          <div class="field-row">
            <TextField
              t={t}
              name="from"
              label={m.from}
              type="date"
              values={values}
              errors={errors}
              width="short"
            />
            <TextField
              t={t}
              name="to"
              label={m.to}
              type="date"
              values={values}
              errors={errors}
              width="short"
            />
          </div>
          <TextField
            t={t}
            name="action"
            label={m.action}
            hint={m.actionHint}
            values={values}
            errors={errors}
          />
          <TextField
            t={t}
            name="userEmail"
            label={m.userEmail}
            type="email"
            values={values}
            errors={errors}
          />
          <TextField t={t} name="subjectType" label={m.subjectType} values={values} errors={errors} />
          <p class="button-row">
            <button type="submit" class="button">
              {m.filter}
            </button>
            {valid ? (
              <a class="button button-secondary" href={`/council/audit.csv?${query({})}`}>
                {m.export}
              </a>
            ) : null}
          </p>
        </form>
        <p aria-live="polite">{m.count(total)}</p>
        {rows.length === 0 ? (
          <p>{m.empty}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{m.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{m.at}</th>
                  <th scope="col">{m.user}</th>
                  <th scope="col">{m.action}</th>
                  <th scope="col">{m.subject}</th>
                  <th scope="col">{m.ip}</th>
                  <th scope="col">{m.detail}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr>
                    <td>{formatDateTime(row.at, locale)}</td>
                    <td>
                      {row.userEmail ?? m.system}
                      {row.organisationName ? <div class="hint">{row.organisationName}</div> : null}
                    </td>
                    <td>
                      <code>{row.action}</code>
                    </td>
                    <td>
                      {row.subjectType}
                      {row.subjectId ? <div class="hint">{row.subjectId}</div> : null}
                    </td>
                    <td>{row.ip ?? ''}</td>
                    <td>
                      <code class="detail">{row.detail === '{}' ? '' : row.detail}</code>
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
          href={(p) => `/council/audit?${query({ page: String(p) })}`}
        />
      </>,
    );
  });

  app.get('/council/audit.csv', authorizeCouncil('audit.read'), async (c) => {
    const { errors, filter } = readFilter(c);
    if (Object.keys(errors).length > 0)
      return c.redirect(`/council/audit?${new URL(c.req.url).searchParams}`, 303);
    const db = c.get('services').database.db;
    // The export itself is an access to the trail: it is recorded before any row leaves.
    await recordAudit(db, {
      action: 'audit.export',
      subjectType: 'audit_event',
      detail: { filter },
      ...auditActor(c),
    });
    const stamp = new Date().toISOString().slice(0, 10);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="audit-${stamp}.csv"`);
    return stream(c, async (out) => {
      // A BOM lets Excel (Japanese edition) open UTF-8 without garbling.
      await out.write(
        `\uFEFF${stringify([['at', 'user_email', 'organisation', 'action', 'subject_type', 'subject_id', 'ip', 'request_id', 'detail']])}`,
      );
      let batch: string[][] = [];
      for await (const row of iterateAuditEvents(db, filter)) {
        batch.push([
          row.at,
          row.userEmail ?? '',
          row.organisationName ?? '',
          row.action,
          row.subjectType,
          row.subjectId ?? '',
          row.ip ?? '',
          row.requestId ?? '',
          row.detail,
        ]);
        if (batch.length === 500) {
          await out.write(stringify(batch));
          batch = [];
        }
      }
      if (batch.length > 0) await out.write(stringify(batch));
    });
  });

  return app;
}
