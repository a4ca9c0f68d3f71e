/**
 * Views of the decision record (三者協議の記録) as read: the record as text, the 支援決定 status in
 * words, and the agreements with their dates. The draft form is in draft-form.tsx and the
 * agreement and "not agreed" forms in agreement-forms.tsx; they are re-exported here for the routes.
 */
import type { Locale } from '../../platform/i18n';
import { formatDate, formatJapaneseEraDate } from '../../platform/i18n/format';
import { opportunityMessages } from '../../registry/opportunities/messages';
import { needsCertification, type WorkFormOffer } from '../../registry/opportunities/opportunity';
import { agreementParties } from './decision';
import type { DecisionMessages } from './messages';
import type { MeetingRecordRow } from './store';

export { AgreementForm, NotAgreedForm } from './agreement-forms';
export { DecisionForm, type DecisionFormState, formStateOf } from './draft-form';

export function dateWithEra(date: string | null, locale: Locale): string {
  if (!date) return '';
  return locale === 'ja'
    ? `${formatDate(date, locale)}(${formatJapaneseEraDate(date)})`
    : formatDate(date, locale);
}

export function SupportDecisionNote(props: {
  m: DecisionMessages;
  workForm: string | null;
  inPlace: boolean;
}) {
  const { m } = props;
  const status = !props.workForm
    ? 'unknown'
    : !needsCertification(props.workForm as WorkFormOffer)
      ? 'not_needed'
      : props.inPlace
        ? 'in_place'
        : 'pending';
  return (
    <section aria-labelledby="support-decision-title">
      <h2 id="support-decision-title">{m.sections.supportDecision}</h2>
      <p class={status === 'pending' ? 'notice' : undefined}>
        <strong>{m.supportDecision[status]}</strong>
      </p>
    </section>
  );
}

/** The record as text, for the parties once it is decided (or for the council). */
export function DecisionSummary(props: { m: DecisionMessages; locale: Locale; record: MeetingRecordRow }) {
  const { m, locale, record: r } = props;
  const om = opportunityMessages[locale];
  const names = (party: string) =>
    r.attendees
      .filter((a) => a.party === party)
      .map((a) => a.name)
      .join('、');
  const row = (label: string, value: string) => (
    <div>
      <dt>{label}</dt>
      <dd>{value || '—'}</dd>
    </div>
  );
  return (
    <>
      <h2>{m.sections.meeting}</h2>
      <dl class="summary-list">
        {row(m.fields.held_on, dateWithEra(r.heldOn, locale))}
        {row(m.fields.attendee_participant, r.attendees.some((a) => a.party === 'participant') ? '○' : '—')}
        {row(m.fields.attendee_agency, names('agency'))}
        {row(m.fields.attendee_facility, names('facility'))}
        {row(m.fields.attendee_council, names('council'))}
      </dl>
      <h2>{m.sections.agreed}</h2>
      <dl class="summary-list">
        {row(m.fields.work_form, r.workForm ? om.workForms[r.workForm] : '')}
        {row(m.fields.start_date, dateWithEra(r.startDate, locale))}
        {row(
          m.fields.schedule,
          r.schedule.map((s) => `${om.weekdays[s.weekday as 1]} ${s.start}〜${s.end}`).join('、'),
        )}
        {row(
          m.fields.tasks,
          [r.tasks.map((c) => om.tasks[c]).join('、'), r.taskNote ?? ''].filter(Boolean).join(' / '),
        )}
        {row(
          m.fields.supports,
          [r.supports.map((c) => om.supports[c]).join('、'), r.supportNote ?? ''].filter(Boolean).join(' / '),
        )}
        {row(m.fields.pay_note, r.payNote ?? '')}
        {row(m.fields.transport_note, r.transportNote ?? '')}
        {row(m.fields.first_review_on, dateWithEra(r.firstReviewOn, locale))}
        {row(m.fields.insurance_needed, r.insuranceNeeded ? m.insurance.yes : m.insurance.no)}
      </dl>
    </>
  );
}

export function AgreementList(props: {
  m: DecisionMessages;
  locale: Locale;
  record: MeetingRecordRow | undefined;
}) {
  const { m } = props;
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{m.sections.agreements}</caption>
        <thead>
          <tr>
            <th scope="col">{m.fields.party}</th>
            <th scope="col">{m.fields.status}</th>
          </tr>
        </thead>
        <tbody>
          {agreementParties.map((party) => {
            const a = props.record?.agreements[party];
            return (
              <tr>
                <th scope="row">{m.parties[party]}</th>
                <td>{a?.on ? m.agreedOn(dateWithEra(a.on, props.locale), a.byName) : m.agreementNone}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
