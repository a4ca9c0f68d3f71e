/**
 * A referral's page: what was asked, its state, the actions the caller's party may take now
 * (a reason list where closing needs one), the shared data (facility only), the timeline and
 * the message thread (with the council's mediation notes).
 */
import { consentMessages } from '../../participants/consents/messages';
import { participantMessages } from '../../participants/messages';
import type { Locale, Messages } from '../../platform/i18n';
import { formatDate, formatDateTime, formatJapaneseEraDate } from '../../platform/i18n/format';
import { Textarea } from '../../platform/ui/fields';
import { CsrfField, ErrorSummary, type FieldErrors } from '../../platform/ui/form';
import { opportunityMessages } from '../../registry/opportunities/messages';
import { appointmentMessages } from '../appointments/messages';
import { decisionMessages } from '../decisions/messages';
import type { ReferralMessages } from '../messages';
import type { CloseReason, MessageRow, ReferralSummary, SharedData, TimelineRow } from '../service';
import { type Party, type ReferralEvent, reasonRequired } from '../state-machine';
import { Row, StateTag, scheduleText } from './common';

/** The appointment kind that makes each scheduling event (src/referrals/appointments). */
const scheduleKinds: Partial<Record<ReferralEvent, string>> = {
  schedule_visit: 'visit',
  schedule_trial: 'trial',
  schedule_meeting: 'meeting',
};

function reasonLabel(reasons: readonly CloseReason[], code: string | null, locale: Locale): string {
  const reason = reasons.find((r) => r.code === code);
  if (!reason) return code ?? '';
  return locale === 'ja' ? reason.labelJa : reason.labelEn;
}

function EventForm(props: {
  t: Messages;
  m: ReferralMessages;
  locale: Locale;
  csrfToken: string;
  referralId: string;
  event: ReferralEvent;
  reasons: readonly CloseReason[];
  errors: FieldErrors;
  values: Record<string, string>;
}) {
  const { m, event } = props;
  const needsReason = reasonRequired[event] !== undefined;
  const action = `/referrals/${props.referralId}/transitions`;
  if (!needsReason) {
    return (
      <form method="post" action={action} class="inline-form">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="event" value={event} />
        <button type="submit" class="button button-small">
          {m.events[event]}
        </button>
      </form>
    );
  }
  const prefix = `${event}`;
  const selected = props.values.event === event ? props.values.reason_code : '';
  const error = props.errors[`${event}-reason_code`];
  const selectId = `field-${prefix}-reason_code`;
  return (
    <form method="post" action={action} class="event-form">
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="event" value={event} />
      <fieldset class="fieldset">
        <legend>{m.events[event]}</legend>
        <div class={error ? 'field field-error' : 'field'}>
          <label for={selectId}>
            {m.fields.reason_code}
            <span class="tag tag-required">{props.t.form.required}</span>
          </label>
          <p class="hint" id={`${selectId}-hint`}>
            {m.hints.reason}
          </p>
          {error ? (
            <p class="error-message" id={`${selectId}-error`}>
              {error}
            </p>
          ) : null}
          <select
            id={selectId}
            name="reason_code"
            class="input input-medium"
            aria-describedby={error ? `${selectId}-hint ${selectId}-error` : `${selectId}-hint`}
            aria-invalid={error ? 'true' : undefined}
          >
            <option value="">—</option>
            {props.reasons.map((r) => (
              <option value={r.code} selected={selected === r.code}>
                {props.locale === 'ja' ? r.labelJa : r.labelEn}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={`field-${prefix}-note`}>{m.fields.note}</label>
          <textarea id={`field-${prefix}-note`} name="note" rows={2} class="input input-full">
            {props.values.event === event ? (props.values.note ?? '') : ''}
          </textarea>
        </div>
        <button type="submit" class="button button-small button-secondary">
          {m.events[event]}
        </button>
      </fieldset>
    </form>
  );
}

function SharedSection(props: { m: ReferralMessages; locale: Locale; shared: SharedData }) {
  const { m, locale, shared } = props;
  const s = m.shared;
  if (shared.status !== 'shown') {
    return (
      <>
        <h2 id="shared">{s.title}</h2>
        <p>{shared.status === 'closed' ? s.closed : s.consentEnded}</p>
      </>
    );
  }
  const om = opportunityMessages[locale];
  const pm = participantMessages[locale];
  const p = shared.person;
  const a = shared.assessment;
  const list = (json: string | undefined, labels: Record<string, string>) => {
    try {
      const values = JSON.parse(json ?? '[]') as string[];
      return values.map((v) => labels[v] ?? v).join('、') || '—';
    } catch {
      return '—';
    }
  };
  const windows = (json: string | undefined) => {
    try {
      return scheduleText(JSON.parse(json ?? '[]'), locale) || '—';
    } catch {
      return '—';
    }
  };
  const or = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);
  const has = (g: string) => (shared.groups as string[]).includes(g);
  return (
    <>
      <h2 id="shared">{s.title}</h2>
      <p class="hint">{s.intro}</p>
      {has('basic_identity') ? (
        <>
          <h3>{s.groups.basic_identity}</h3>
          <dl class="summary-list">
            <Row label={s.fields.name}>{or(p.name)}</Row>
            <Row label={s.fields.name_kana}>{or(p.name_kana)}</Row>
            <Row label={s.fields.birth_date}>
              {p.birth_date
                ? `${formatDate(p.birth_date, locale)}(${formatJapaneseEraDate(p.birth_date)})`
                : '—'}
            </Row>
            <Row label={s.fields.gender}>{or(p.gender)}</Row>
          </dl>
        </>
      ) : null}
      {has('contact') ? (
        <>
          <h3>{s.groups.contact}</h3>
          <dl class="summary-list">
            <Row label={s.fields.phone}>{or(p.phone)}</Row>
            <Row label={s.fields.email}>{or(p.email)}</Row>
            <Row label={s.fields.address}>{or(p.address)}</Row>
            <Row label={s.fields.nearest_station}>{or(p.nearest_station)}</Row>
          </dl>
        </>
      ) : null}
      {has('assessment_summary') ? (
        <>
          <h3>{s.groups.assessment_summary}</h3>
          {a ? (
            <dl class="summary-list">
              <Row label={s.fields.tasks}>{list(a.tasks, om.tasks as Record<string, string>)}</Row>
              <Row label={s.fields.windows}>{windows(a.windows)}</Row>
              <Row label={s.fields.hours}>
                {[
                  a.min_daily_minutes || a.max_daily_minutes
                    ? `${a.min_daily_minutes ?? '—'}〜${a.max_daily_minutes ?? '—'}分/日`
                    : null,
                  a.min_days_per_week || a.max_days_per_week
                    ? `${a.min_days_per_week ?? '—'}〜${a.max_days_per_week ?? '—'}日/週`
                    : null,
                ]
                  .filter(Boolean)
                  .join(' ') || '—'}
              </Row>
              <Row label={s.fields.travel}>
                {list(a.travel_modes, pm.assessment.travelModes as Record<string, string>)}
                {a.travel_max_minutes ? `(${a.travel_max_minutes}分以内)` : ''}
              </Row>
              <Row label={s.fields.strengths}>{or(a.strengths)}</Row>
              <Row label={s.fields.goals}>
                {[a.goal_short, a.goal_long].filter(Boolean).join(' / ') || '—'}
              </Row>
            </dl>
          ) : (
            <p>{s.noAssessment}</p>
          )}
        </>
      ) : null}
      {has('health_and_support') ? (
        <>
          <h3>{s.groups.health_and_support}</h3>
          {a ? (
            <dl class="summary-list">
              <Row label={s.fields.supports}>{list(a.supports, om.supports as Record<string, string>)}</Row>
              <Row label={s.fields.health_note}>{or(a.health_note)}</Row>
              <Row label={s.fields.difficulties}>{or(a.difficulties)}</Row>
            </dl>
          ) : (
            <p>{s.noAssessment}</p>
          )}
        </>
      ) : null}
    </>
  );
}

export function ReferralPage(props: {
  t: Messages;
  m: ReferralMessages;
  locale: Locale;
  csrfToken: string;
  referral: ReferralSummary;
  party: Party;
  participantName?: string;
  events: readonly ReferralEvent[];
  reasons: readonly CloseReason[];
  timeline: readonly TimelineRow[];
  thread: readonly MessageRow[];
  shared?: SharedData;
  notice?: string;
  errors: FieldErrors;
  values: Record<string, string>;
}) {
  const { t, m, locale, referral: r, party } = props;
  const cm = consentMessages[locale];
  const labels: Record<string, string> = { body: m.fields.body };
  for (const event of props.events)
    labels[`${event}-reason_code`] = `${m.events[event]}:${m.fields.reason_code}`;
  return (
    <>
      <h1>
        {m.detailTitle}:{r.opportunityTitle}
      </h1>
      {props.notice ? (
        <div class="notice filter-panel" role="status">
          <p>{props.notice}</p>
        </div>
      ) : null}
      <ErrorSummary t={t} errors={props.errors} labels={labels} />
      <dl class="summary-list">
        <Row label={m.fields.state}>
          <StateTag m={m} state={r.state} />
        </Row>
        {props.participantName ? (
          <Row label={m.fields.participant}>
            <a href={`/participants/${r.participantId}`}>{props.participantName}</a>
          </Row>
        ) : null}
        <Row label={m.fields.opportunity_id}>
          <a href={`/opportunities/${r.opportunityId}`}>{r.opportunityTitle}</a>
        </Row>
        <Row label={m.fields.facility}>
          {r.facilityName}({r.corporationName})
        </Row>
        <Row label={m.fields.agency}>{r.agencyName}</Row>
        <Row label={m.fields.counsellor}>{r.counsellorName}</Row>
        <Row label={m.fields.proposed_start_date}>
          {r.proposedStartDate
            ? `${formatDate(r.proposedStartDate, locale)}(${formatJapaneseEraDate(r.proposedStartDate)})`
            : '—'}
        </Row>
        <Row label={m.fields.schedule}>{scheduleText(r.proposedSchedule, locale) || '—'}</Row>
        <Row label={m.fields.data_groups}>{r.dataGroups.map((g) => cm.groups[g]).join('、') || '—'}</Row>
        <Row label={m.fields.sentAt}>{r.sentAt ? formatDateTime(r.sentAt, locale) : '—'}</Row>
        {r.closeReasonCode ? (
          <Row label={m.fields.closeReason}>
            {reasonLabel(props.reasons, r.closeReasonCode, locale)}
            {r.closeNote ? `(${r.closeNote})` : ''}
          </Row>
        ) : null}
      </dl>
      <h2>{m.fields.message}</h2>
      <p class="pre-line">{r.message}</p>

      <h2 id="actions">{m.actions.title}</h2>
      {r.state === 'draft' && party === 'agency' ? (
        <form method="post" action={`/referrals/${r.id}/send`} class="inline-form">
          <CsrfField token={props.csrfToken} />
          <button type="submit" class="button">
            {m.sendDraft}
          </button>
        </form>
      ) : null}
      {props.events.length === 0 && !(r.state === 'draft' && party === 'agency') ? (
        <p>{party === 'council' ? m.actions.councilNone : m.actions.none}</p>
      ) : null}
      {props.events.some((e) => e.startsWith('schedule_')) ? (
        <p class="hint">{m.actions.schedulingHint}</p>
      ) : null}
      <div class="button-row">
        {props.events
          .filter((e) => e.startsWith('schedule_'))
          .map((event) => (
            <a
              class="button button-small"
              href={`/referrals/${r.id}/appointments/new?kind=${scheduleKinds[event]}`}
            >
              {m.events[event]}
            </a>
          ))}
        {props.events
          .filter((e) => reasonRequired[e] === undefined && !e.startsWith('schedule_'))
          .map((event) => (
            <EventForm
              t={t}
              m={m}
              locale={locale}
              csrfToken={props.csrfToken}
              referralId={r.id}
              event={event}
              reasons={[]}
              errors={props.errors}
              values={props.values}
            />
          ))}
      </div>
      {props.events
        .filter((e) => reasonRequired[e] !== undefined)
        .map((event) => (
          <EventForm
            t={t}
            m={m}
            locale={locale}
            csrfToken={props.csrfToken}
            referralId={r.id}
            event={event}
            reasons={props.reasons.filter((reason) => {
              const kind = reasonRequired[event];
              return (
                reason.active &&
                ((kind === 'declined' && reason.forDeclined) ||
                  (kind === 'not_agreed' && reason.forNotAgreed) ||
                  (kind === 'withdrawn' && reason.forWithdrawn))
              );
            })}
            errors={props.errors}
            values={props.values}
          />
        ))}

      {/* Appointments and the decision record (src/referrals/appointments, src/referrals/decisions). */}
      {r.state !== 'draft' ? (
        <>
          <h2 id="meetings">{appointmentMessages[locale].section}</h2>
          <ul>
            <li>
              <a href={`/referrals/${r.id}/appointments`}>{appointmentMessages[locale].listLink}</a>
            </li>
            {['meeting_scheduled', 'agreed', 'not_agreed'].includes(r.state) ? (
              <li>
                <a href={`/referrals/${r.id}/meeting-record`}>{decisionMessages[locale].link}</a>
              </li>
            ) : null}
          </ul>
        </>
      ) : null}
      {props.shared ? <SharedSection m={m} locale={locale} shared={props.shared} /> : null}

      <h2 id="timeline">{m.timeline.title}</h2>
      {props.timeline.length === 0 ? (
        <p>{m.timeline.none}</p>
      ) : (
        <ol class="timeline">
          {props.timeline.map((e) => (
            <li>
              <time datetime={e.at}>{formatDateTime(e.at, locale)}</time>{' '}
              {(m.events as Record<string, string>)[e.event] ?? e.event} —{' '}
              {m.timeline.by(e.userName ?? m.parties[e.party], m.parties[e.party])}
              {e.from ? ` ${m.states[e.from]} → ${m.states[e.to]}` : ` → ${m.states[e.to]}`}
              {e.reasonCode
                ? `(${m.fields.reason_code}:${reasonLabel(props.reasons, e.reasonCode, locale)})`
                : ''}
              {e.note ? <p class="pre-line">{e.note}</p> : null}
            </li>
          ))}
        </ol>
      )}

      <h2 id="thread">{m.thread.title}</h2>
      <p class="hint">{m.thread.intro}</p>
      {props.thread.length === 0 ? (
        <p>{m.thread.none}</p>
      ) : (
        <ol class="thread">
          {props.thread.map((msg) => (
            <li>
              <p>
                <strong>{msg.userName ?? m.parties[msg.party]}</strong>(
                {msg.organisationName ?? m.parties[msg.party]})
                {msg.kind === 'mediation_note' ? <span class="tag">{m.thread.mediationTag}</span> : null}{' '}
                <time datetime={msg.createdAt}>{formatDateTime(msg.createdAt, locale)}</time>
              </p>
              <p class="pre-line">{msg.body}</p>
            </li>
          ))}
        </ol>
      )}
      {r.state !== 'draft' ? (
        <form method="post" action={`/referrals/${r.id}/messages`}>
          <CsrfField token={props.csrfToken} />
          <Textarea
            t={t}
            name="body"
            label={party === 'council' ? m.thread.mediationTitle : m.fields.body}
            value={props.values.body ?? ''}
            errors={props.errors}
            rows={3}
            required
          />
          <button type="submit" class="button button-small">
            {party === 'council' ? m.thread.mediationPost : m.thread.post}
          </button>
        </form>
      ) : null}
    </>
  );
}
