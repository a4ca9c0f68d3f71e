/**
 * Placement (はたらく場の決定) views: the list shown on a participant's page and on a facility's
 * page for its staff, and the placement's own page. The person's name appears only for the
 * counsellors of the agency that keeps the case (PlacementView.participantName).
 */
import type { Child } from 'hono/jsx';
import type { Locale, Messages } from '../../platform/i18n';
import { formatDate, formatDateTime } from '../../platform/i18n/format';
import {
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  TextField,
} from '../../platform/ui/form';
import type { OpportunityMessages } from '../../registry/opportunities/messages';
import type { Weekday } from '../../registry/opportunities/opportunity';
import type { PlacementMessages } from '../messages';
import type { PlacementView } from '../service';

type Texts = { m: PlacementMessages; om: OpportunityMessages; locale: Locale };

function Row(props: { label: string; children: Child }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

export function scheduleText(p: Pick<PlacementView, 'schedule'>, texts: Pick<Texts, 'm' | 'om'>): string {
  return p.schedule
    .map((e) =>
      texts.m.scheduleEntry(texts.om.weekdays[e.weekday as Weekday] ?? String(e.weekday), e.start, e.end),
    )
    .join('、');
}

/** A table of placements; `show` picks the first column (the facility, or the person). */
export function PlacementTable(
  props: Texts & { caption: string; items: readonly PlacementView[]; first: 'facility' | 'person' },
) {
  const { m, om, locale } = props;
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.first === 'facility' ? m.fields.facility : m.person}</th>
            <th scope="col">{m.fields.opportunity}</th>
            <th scope="col">{m.fields.workForm}</th>
            <th scope="col">{m.fields.startDate}</th>
            <th scope="col">{m.fields.schedule}</th>
            <th scope="col">{m.fields.status}</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((p) => (
            <tr>
              <th scope="row">
                <a href={`/placements/${p.id}`}>
                  {props.first === 'facility'
                    ? p.facilityName
                    : (p.participantName ?? m.personFromAgency(p.agencyName))}
                </a>
              </th>
              <td>{p.opportunityTitle}</td>
              <td>{om.workForms[p.workForm] ?? p.workForm}</td>
              <td>{formatDate(p.startDate, locale)}</td>
              <td>{scheduleText(p, props)}</td>
              <td>
                {m.statuses[p.status]}
                {p.endDate ? `(${m.fields.endDate} ${formatDate(p.endDate, locale)})` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** On a participant's page (the agency's counsellors): every placement of the person. */
export function ParticipantPlacementsSection(props: Texts & { items: readonly PlacementView[] }) {
  const { m } = props;
  return (
    <section aria-labelledby="placements-section">
      <h2 id="placements-section">{m.participantSection}</h2>
      {props.items.length === 0 ? (
        <p>{m.participantSectionEmpty}</p>
      ) : (
        <PlacementTable {...props} caption={m.participantSection} first="facility" />
      )}
    </section>
  );
}

/** On a facility's page (its coordinators, corporation admins, the council): current placements. */
export function FacilityPlacementsSection(props: Texts & { items: readonly PlacementView[] }) {
  const { m } = props;
  return (
    <section aria-labelledby="facility-placements-section">
      <h2 id="facility-placements-section">{m.facilitySection}</h2>
      <p>{m.facilitySectionIntro}</p>
      {props.items.length === 0 ? (
        <p>{m.facilitySectionEmpty}</p>
      ) : (
        <PlacementTable {...props} caption={m.facilitySection} first="person" />
      )}
    </section>
  );
}

/** The placement's own page. */
export function PlacementPage(
  props: Texts & {
    placement: PlacementView;
    csrfToken: string;
    notice?: string;
    /** Whether the viewer is council staff (the name line says why it is not shown). */
    council: boolean;
    mayConfirm: boolean;
    referralHref?: string;
    /** The end form, for those who may end it (the agency's counsellors, the council). */
    endForm?: { t: Messages; values: FormValues; errors: FieldErrors };
  },
) {
  const { m, om, locale, placement: p } = props;
  return (
    <>
      <h1>{m.detailTitle(p.facilityName)}</h1>
      {props.notice ? (
        <div class="notice filter-panel" role="status">
          <p>{props.notice}</p>
        </div>
      ) : null}
      <dl class="summary-list">
        <Row label={m.person}>
          {p.participantName ? (
            <a href={`/participants/${p.participantId}`}>{p.participantName}</a>
          ) : props.council ? (
            m.personHiddenCouncil
          ) : (
            m.personHidden
          )}
        </Row>
        <Row label={m.fields.status}>{m.statuses[p.status]}</Row>
        <Row label={m.fields.facility}>
          <a href={`/facilities/${p.facilityId}`}>{p.facilityName}</a>
        </Row>
        <Row label={m.fields.opportunity}>
          <a href={`/opportunities/${p.opportunityId}`}>{p.opportunityTitle}</a>
        </Row>
        <Row label={m.fields.workForm}>{om.workForms[p.workForm] ?? p.workForm}</Row>
        <Row label={m.fields.startDate}>{formatDate(p.startDate, locale)}</Row>
        <Row label={m.fields.endDate}>{p.endDate ? formatDate(p.endDate, locale) : m.notSet}</Row>
        <Row label={m.fields.schedule}>{scheduleText(p, props)}</Row>
        <Row label={m.fields.agency}>{p.agencyName}</Row>
        <Row label={m.fields.counsellor}>{p.counsellorName}</Row>
        <Row label={m.fields.facilityContact}>{p.facilityContactName ?? m.notSet}</Row>
        <Row label={m.fields.referral}>
          {props.referralHref ? <a href={props.referralHref}>{m.openReferral}</a> : m.notSet}
        </Row>
        <Row label={m.fields.createdAt}>{formatDateTime(p.createdAt, locale)}</Row>
      </dl>
      {p.status === 'awaiting_support_decision' ? (
        <>
          <p>{m.awaitingNote}</p>
          {props.mayConfirm ? (
            <form method="post" action={`/placements/${p.id}/confirm-support-decision`} class="inline-form">
              <CsrfField token={props.csrfToken} />
              <button type="submit" class="button">
                {m.confirmSupportDecision}
              </button>
            </form>
          ) : null}
        </>
      ) : null}
      {props.endForm && p.status !== 'ended' ? (
        <section aria-labelledby="end-placement">
          <h2 id="end-placement">{m.endTitle}</h2>
          <ErrorSummary t={props.endForm.t} errors={props.endForm.errors} labels={{ end_date: m.endDate }} />
          <p>{m.endIntro}</p>
          <form method="post" action={`/placements/${p.id}/end`} novalidate>
            <CsrfField token={props.csrfToken} />
            <TextField
              t={props.endForm.t}
              name="end_date"
              label={m.endDate}
              type="date"
              required
              hint={m.endHint}
              values={props.endForm.values}
              errors={props.endForm.errors}
              width="short"
            />
            <button type="submit" class="button button-secondary">
              {m.endButton}
            </button>
          </form>
        </section>
      ) : null}
    </>
  );
}
