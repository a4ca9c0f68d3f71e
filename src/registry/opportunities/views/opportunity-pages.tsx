/**
 * はたらく場 pages: the full page for signed-in staff (with the facility's contact person), the
 * public summary (no contacts, no capacity numbers), the list table, the history, and
 * `FacilityOpportunities` for the facility page to include.
 */
import { html } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { Locale } from '../../../platform/i18n';
import { formatDate, formatDateTime } from '../../../platform/i18n/format';
import { CsrfField } from '../../../platform/ui/form';
import type { OpportunityMessages } from '../messages';
import {
  hoursOfMinutes,
  isStale,
  nextStatuses,
  type OpportunityStatus,
  type OpportunityValues,
  openPlaces,
  type TimeWindow,
} from '../opportunity';
import type { OpportunityDetail, OpportunitySummary, PublicOpportunity, VersionEntry } from '../store';

function Row(props: { label: string; children: Child }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

export function Notice(props: { text?: string }) {
  if (!props.text) return null;
  return (
    <div class="notice filter-panel" role="status">
      <p>{props.text}</p>
    </div>
  );
}

/** 「情報が古い可能性」, in words (never colour alone). */
// These two are html templates, not JSX, so the search's result rows (also templates, for speed:
// decision 033) can call them as functions; JSX pages use them as components all the same.

export function StaleMark(props: { m: OpportunityMessages; lastConfirmedAt: string; now: Date }) {
  if (!isStale({ lastConfirmedAt: props.lastConfirmedAt }, props.now)) return null;
  return html`<span class="tag status status-failed" title="${props.m.staleExplanation}">${props.m.staleMark}</span>`;
}

export function StatusTag(props: { m: OpportunityMessages; status: OpportunityStatus }) {
  const style = props.status === 'published' ? 'status status-sent' : 'status';
  return html`<span class="${style}">${props.m.status[props.status]}</span>`;
}

/** 月 8:30〜12:00 / 水 … — one line per window. */
function windowText(m: OpportunityMessages, w: Pick<TimeWindow, 'weekday' | 'start' | 'end'>): string {
  return `${m.weekdays[w.weekday]} ${m.range(w.start, w.end)}`;
}

function range(
  m: OpportunityMessages,
  min: string | null,
  max: string | null,
  format: (v: string) => string,
) {
  if (min === null && max === null) return m.notSet;
  if (min !== null && max !== null) return min === max ? format(min) : m.range(format(min), format(max));
  return min !== null ? m.range(format(min), '') : m.range('', format(max ?? ''));
}

/** The conditions every page shows (staff and public alike). */
function ValueRows(props: {
  m: OpportunityMessages;
  locale: Locale;
  values: Omit<OpportunityValues, 'windows'>;
}) {
  const { m, values: v } = props;
  const yesNo = (flag: number) => (flag ? m.yes : m.no);
  const pay =
    v.pay_type === 'hourly' && v.pay_yen !== null
      ? m.perHour(v.pay_yen)
      : v.pay_type === 'daily' && v.pay_yen !== null
        ? m.perDay(v.pay_yen)
        : m.payTypes.none;
  return (
    <>
      <h2>{m.sections.conditions}</h2>
      <dl class="summary-list">
        <Row label={m.fields.hours}>
          {range(
            m,
            v.min_daily_minutes === null ? null : hoursOfMinutes(v.min_daily_minutes),
            v.max_daily_minutes === null ? null : hoursOfMinutes(v.max_daily_minutes),
            m.hoursValue,
          )}
        </Row>
        <Row label={m.fields.days}>
          {range(m, v.min_days_per_week?.toString() ?? null, v.max_days_per_week?.toString() ?? null, (d) =>
            m.daysValue(Number(d)),
          )}
        </Row>
        <Row label={m.fields.holidays}>
          {`${m.fields.works_on_holidays}: ${yesNo(v.works_on_holidays)} / ${m.fields.year_end_closed}: ${yesNo(v.year_end_closed)}`}
          {v.holiday_note ? <div>{v.holiday_note}</div> : null}
        </Row>
        <Row label={m.fields.earliest_start_date}>
          {v.earliest_start_date ? formatDate(v.earliest_start_date, props.locale) : m.anyTime}
        </Row>
        <Row label={m.fields.pay}>{pay}</Row>
        <Row label={m.fields.transport}>
          {v.transport_allowance
            ? v.transport_cap_yen !== null
              ? m.transportCap(v.transport_cap_yen)
              : m.yes
            : m.no}
        </Row>
        <Row label={m.fields.meals}>{m.meals[v.meals]}</Row>
        <Row label={m.fields.uniform}>{m.uniforms[v.uniform]}</Row>
        <Row label={m.fields.what_to_bring}>{v.what_to_bring ?? m.notSet}</Row>
        <Row label={m.fields.health_check_required}>{yesNo(v.health_check_required)}</Row>
        <Row label={m.fields.documents_required}>{v.documents_required ?? m.notSet}</Row>
      </dl>
      <h2>{m.sections.support}</h2>
      {v.supports.length > 0 ? (
        <ul>
          {v.supports.map((code) => (
            <li>{m.supports[code]}</li>
          ))}
        </ul>
      ) : (
        <p>{m.notSet}</p>
      )}
      {v.supports_unavailable.length > 0 ? (
        <ul>
          {v.supports_unavailable.map((code) => (
            <li>{m.notAvailable(m.supports[code])}</li>
          ))}
        </ul>
      ) : null}
      {v.support_note ? <p class="multiline">{v.support_note}</p> : null}
      <h2>{m.sections.visit}</h2>
      <dl class="summary-list">
        <Row label={m.fields.visit_possible}>{yesNo(v.visit_possible)}</Row>
        <Row label={m.fields.trial_possible}>{yesNo(v.trial_possible)}</Row>
        <Row label={m.fields.interview_required}>{yesNo(v.interview_required)}</Row>
      </dl>
    </>
  );
}

function WorkRows(props: { m: OpportunityMessages; values: Omit<OpportunityValues, 'windows'> }) {
  const { m, values: v } = props;
  return (
    <>
      {v.description ? <p class="multiline">{v.description}</p> : null}
      <dl class="summary-list">
        <Row label={m.fields.tasks}>{v.tasks.map((t) => m.tasks[t]).join('、')}</Row>
        <Row label={m.fields.setting}>{m.settings[v.setting]}</Row>
        <Row label={m.fields.physical_load}>{m.loads[v.physical_load]}</Row>
        <Row label={m.fields.work_forms}>
          <ul>
            {v.work_forms.map((f) => (
              <li>{m.workForms[f]}</li>
            ))}
          </ul>
        </Row>
      </dl>
    </>
  );
}

/** The full page for signed-in staff: everything, with the facility's contact person. */
export function OpportunityPage(props: {
  m: OpportunityMessages;
  locale: Locale;
  now: Date;
  opportunity: OpportunityDetail;
  history: VersionEntry[];
  notice?: string;
  csrfToken: string;
  /** Present when the caller may edit, change status and confirm. */
  editable: boolean;
}) {
  const { m, opportunity: o, locale } = props;
  const v = o.values;
  return (
    <>
      <Notice text={props.notice} />
      <h1>{v.title}</h1>
      <p>
        <StatusTag m={m} status={o.status} />{' '}
        <StaleMark m={m} lastConfirmedAt={o.lastConfirmedAt} now={props.now} />
        {o.isDemo ? <span class="tag">DEMO</span> : null}
      </p>
      <p>
        <a href={`/facilities/${o.facilityId}`}>{o.facilityName}</a>({o.corporationName}・{o.municipalityName}
        )
      </p>
      {props.editable ? (
        <p class="button-row">
          <a class="button" href={`/opportunities/${o.id}/edit`}>
            {m.edit}
          </a>
        </p>
      ) : null}

      <h2>{m.sections.work}</h2>
      <WorkRows m={m} values={v} />

      <h2>{m.sections.times}</h2>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{m.sections.times}</caption>
          <thead>
            <tr>
              <th scope="col">{m.fields.weekday}</th>
              <th scope="col">{m.fields.hours}</th>
              <th scope="col">{m.fields.capacity}</th>
              <th scope="col">{m.fields.openPlaces}</th>
            </tr>
          </thead>
          <tbody>
            {v.windows.map((w, i) => (
              <tr>
                <th scope="row">{m.weekdaysLong[w.weekday]}</th>
                <td>{m.range(w.start, w.end)}</td>
                <td>{m.places(w.capacity)}</td>
                <td>{m.places(openPlaces({ ...w, openPlaces: o.windowOpenPlaces?.[i] }))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <ValueRows m={m} locale={locale} values={v} />

      <h2>{m.sections.contact}</h2>
      <dl class="summary-list">
        <Row label={m.fields.contactName}>{o.contactName ?? m.notSet}</Row>
        <Row label={m.fields.contactEmail}>
          {o.contactEmail ? <a href={`mailto:${o.contactEmail}`}>{o.contactEmail}</a> : m.notSet}
        </Row>
        <Row label={m.fields.phone}>{o.phone ?? m.notSet}</Row>
        <Row label={m.fields.address}>{`東京都${o.municipalityName}${o.address}`}</Row>
        <Row label={m.fields.access}>
          {[o.nearestStation, o.walkMinutes === null ? null : `徒歩${o.walkMinutes}分`]
            .filter(Boolean)
            .join(' ') || m.notSet}
        </Row>
      </dl>

      <h2>{m.sections.record}</h2>
      <dl class="summary-list">
        <Row label={m.fields.status}>{m.status[o.status]}</Row>
        <Row label={m.fields.lastConfirmedAt}>{formatDateTime(o.lastConfirmedAt, locale)}</Row>
        <Row label={m.fields.updatedAt}>{formatDateTime(o.updatedAt, locale)}</Row>
        {o.publishedAt ? (
          <Row label={m.fields.publishedAt}>{formatDateTime(o.publishedAt, locale)}</Row>
        ) : null}
      </dl>
      {o.status !== 'draft' && o.status !== 'archived' ? (
        <p>
          <a href={`/p/opportunities/${o.id}`}>{m.publicLink}</a>
        </p>
      ) : null}

      {props.editable ? (
        <>
          <h2>{m.confirmTitle}</h2>
          <p>{m.confirmIntro}</p>
          <form method="post" action={`/opportunities/${o.id}/confirm`} class="inline-form">
            <CsrfField token={props.csrfToken} />
            <button type="submit" class="button">
              {m.confirmButton}
            </button>
          </form>
          {nextStatuses(o.status).length > 0 ? (
            <>
              <h2>{m.statusActions}</h2>
              <div class="button-row">
                {nextStatuses(o.status).map((to) => (
                  <form method="post" action={`/opportunities/${o.id}/status`} class="inline-form">
                    <CsrfField token={props.csrfToken} />
                    <input type="hidden" name="status" value={to} />
                    <button type="submit" class="button button-secondary">
                      {m.statusAction[to]}
                    </button>
                  </form>
                ))}
              </div>
            </>
          ) : null}
        </>
      ) : null}

      <History m={m} locale={locale} history={props.history} />
    </>
  );
}

function History(props: { m: OpportunityMessages; locale: Locale; history: VersionEntry[] }) {
  const { m } = props;
  const label = (field: string) => (m.fields as Record<string, string>)[field] ?? field;
  return (
    <>
      <h2>{m.sections.history}</h2>
      {props.history.length === 0 ? (
        <p>{m.historyEmpty}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{m.sections.history}</caption>
            <thead>
              <tr>
                <th scope="col">{m.historyAt}</th>
                <th scope="col">{m.historyBy}</th>
                <th scope="col">{m.historyWhat}</th>
              </tr>
            </thead>
            <tbody>
              {props.history.map((entry) => (
                <tr>
                  <td>{formatDateTime(entry.changedAt, props.locale)}</td>
                  <td>{entry.changedByName ?? m.systemUser}</td>
                  <td>
                    {m.historyKinds[entry.kind]}
                    {entry.kind === 'status' && entry.changes.status ? (
                      <>
                        : {m.status[entry.changes.status.before as OpportunityStatus]} →{' '}
                        {m.status[entry.changes.status.after as OpportunityStatus]}
                      </>
                    ) : entry.kind === 'update' ? (
                      <>: {Object.keys(entry.changes).map(label).join('、')}</>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** The public summary: no contacts, no capacity numbers, only 受付中 / 満員 / 受け入れ休止中. */
export function PublicOpportunityPage(props: {
  m: OpportunityMessages;
  locale: Locale;
  now: Date;
  opportunity: PublicOpportunity;
}) {
  const { m, opportunity: o } = props;
  const v = o.values;
  return (
    <>
      <h1>{v.title}</h1>
      <p>
        <span class="status">{m.publicStatus[o.status]}</span>{' '}
        <StaleMark m={m} lastConfirmedAt={o.lastConfirmedAt} now={props.now} />
      </p>
      <p>{m.publicIntro}</p>
      <dl class="summary-list">
        <Row label={m.fields.facility}>{o.facilityName}</Row>
        <Row label={m.fields.corporation}>{o.corporationName}</Row>
        <Row label={m.fields.municipality}>{o.municipalityName}</Row>
        <Row label={m.fields.access}>
          {[o.nearestStation, o.walkMinutes === null ? null : `徒歩${o.walkMinutes}分`]
            .filter(Boolean)
            .join(' ') || m.notSet}
        </Row>
      </dl>
      <h2>{m.sections.work}</h2>
      <WorkRows m={m} values={v} />
      <h2>{m.sections.times}</h2>
      <ul>
        {v.windows.map((w) => (
          <li>{windowText(m, w)}</li>
        ))}
      </ul>
      <ValueRows m={m} locale={props.locale} values={v} />
      <h2>{m.publicHowTo}</h2>
      <p>{m.publicHowToText}</p>
      <p class="hint">
        {m.fields.lastConfirmedAt}: {formatDate(o.lastConfirmedAt.slice(0, 10), props.locale)}
      </p>
    </>
  );
}

/** The list table (staff). */
export function OpportunityTable(props: {
  m: OpportunityMessages;
  now: Date;
  items: OpportunitySummary[];
  showFacility?: boolean;
  caption: string;
}) {
  const { m } = props;
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{m.fields.title}</th>
            {props.showFacility !== false ? <th scope="col">{m.fields.facility}</th> : null}
            <th scope="col">{m.fields.tasks}</th>
            <th scope="col">{m.fields.windows}</th>
            <th scope="col">{m.fields.status}</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((o) => (
            <tr>
              <td>
                <a href={`/opportunities/${o.id}`}>{o.title}</a>
              </td>
              {props.showFacility !== false ? (
                <td>
                  {o.facilityName}
                  <div class="hint">{o.municipalityName}</div>
                </td>
              ) : null}
              <td>{o.tasks.map((t) => m.tasks[t as 'cleaning'] ?? t).join('、')}</td>
              <td>
                {o.windows.map((w) => (
                  <div>{windowText(m, w)}</div>
                ))}
              </td>
              <td>
                <StatusTag m={m} status={o.status} />
                <StaleMark m={m} lastConfirmedAt={o.lastConfirmedAt} now={props.now} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * For the facility page: the facility's opportunities and, for those who keep them, a link to
 * register one. The caller loads `items` with listOpportunitiesFor(…, { facilityId }).
 */
export function FacilityOpportunities(props: {
  m: OpportunityMessages;
  facilityId: string;
  items: OpportunitySummary[];
  mayCreate: boolean;
  now?: Date;
}) {
  const { m } = props;
  return (
    <section aria-labelledby="facility-opportunities">
      <h2 id="facility-opportunities">{m.facilityOpportunitiesTitle}</h2>
      {props.mayCreate ? (
        <p>
          <a class="button" href={`/facilities/${props.facilityId}/opportunities/new`}>
            {m.add}
          </a>
        </p>
      ) : null}
      {props.items.length === 0 ? (
        <p>{m.facilityOpportunitiesEmpty}</p>
      ) : (
        <OpportunityTable
          m={m}
          now={props.now ?? new Date()}
          items={props.items}
          showFacility={false}
          caption={m.facilityOpportunitiesTitle}
        />
      )}
    </section>
  );
}
