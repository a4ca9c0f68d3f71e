/**
 * Work lists (受け入れ依頼の一覧) for each party, the section on a participant's page, and the
 * council's page that edits the closing reasons.
 */
import { businessDaysBetween, tokyoDateOf } from '../../platform/calendar/business-days';
import type { Locale, Messages } from '../../platform/i18n';
import { formatDate, formatDateTime } from '../../platform/i18n/format';
import { CsrfField, ErrorSummary, type FieldErrors } from '../../platform/ui/form';
import type { ReferralMessages } from '../messages';
import type { CloseReason, WorkListItem } from '../service';
import { isTerminal, type Party, type ReferralState, referralStates } from '../state-machine';
import { StateTag } from './common';

export function StateFilter(props: { m: ReferralMessages; state: string }) {
  const { m } = props;
  return (
    <form method="get" action="/referrals" class="filter-form">
      <label for="referral-state">{m.filterState}</label>
      <select id="referral-state" name="state" class="input input-medium">
        <option value="">{m.allStates}</option>
        {referralStates.map((s) => (
          <option value={s} selected={props.state === s}>
            {m.states[s]}
          </option>
        ))}
      </select>{' '}
      <button type="submit" class="button button-secondary button-small">
        {m.filter}
      </button>
    </form>
  );
}

export function WorkListTable(props: {
  m: ReferralMessages;
  locale: Locale;
  party: Party;
  items: readonly WorkListItem[];
  today: string;
  caption: string;
  /** Business days without a change that mark an open request as stalled (the reminder period). */
  stalledAfter?: number;
}) {
  const { m, locale, party, today } = props;
  const stalledAfter = props.stalledAfter ?? 3;
  return (
    <div class="table-wrap">
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{m.fields.state}</th>
            {party === 'agency' ? <th scope="col">{m.fields.participant}</th> : null}
            <th scope="col">{m.fields.opportunity_id}</th>
            <th scope="col">{party === 'agency' ? m.fields.facility : m.fields.agency}</th>
            <th scope="col">{m.fields.sentAt}</th>
            <th scope="col">{m.fields.age}</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((r) => {
            const age = businessDaysBetween(tokyoDateOf(r.lastTransitionAt), today);
            const open = !isTerminal(r.state) && r.state !== 'draft';
            return (
              <tr>
                <td>
                  <StateTag m={m} state={r.state} />
                  {open && age >= stalledAfter ? <span class="tag tag-warning">{m.stalled}</span> : null}
                </td>
                {party === 'agency' ? <td>{r.participantName ?? '—'}</td> : null}
                <td>
                  <a href={`/referrals/${r.id}`}>{r.opportunityTitle}</a>
                  {party !== 'agency' ? <span class="hint">({r.facilityName})</span> : null}
                </td>
                <td>{party === 'agency' ? r.facilityName : r.agencyName}</td>
                <td>{r.sentAt ? formatDate(r.sentAt.slice(0, 10), locale) : '—'}</td>
                <td>
                  <span title={formatDateTime(r.lastTransitionAt, locale)}>{m.daysSince(age)}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The council's overview: how many referrals are in each state, and how long the oldest has waited. */
export function StateSummary(props: {
  m: ReferralMessages;
  counts: readonly { state: ReferralState; count: number; oldest: string }[];
  today: string;
}) {
  const { m } = props;
  const rows = referralStates
    .map((state) => props.counts.find((c) => c.state === state))
    .filter((c): c is { state: ReferralState; count: number; oldest: string } => c !== undefined);
  if (rows.length === 0) return null;
  return (
    <div class="table-wrap">
      <table>
        <caption>{m.summaryTitle}</caption>
        <thead>
          <tr>
            <th scope="col">{m.fields.state}</th>
            <th scope="col">{m.summaryCount}</th>
            <th scope="col">{m.summaryOldest}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row">
                <a href={`/referrals?state=${r.state}`}>{m.states[r.state]}</a>
              </th>
              <td>{m.count(r.count)}</td>
              <td>
                {isTerminal(r.state)
                  ? '—'
                  : m.daysSince(businessDaysBetween(tokyoDateOf(r.oldest), props.today))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** On a participant's page: the link to a new request and this person's requests. */
export function ParticipantReferrals(props: {
  m: ReferralMessages;
  locale: Locale;
  participantId: string;
  items: readonly WorkListItem[];
}) {
  const { m, locale } = props;
  return (
    <>
      <h2 id="referrals">{m.participantSection}</h2>
      <p>
        <a class="button button-small" href={`/participants/${props.participantId}/referrals/new`}>
          {m.createLink}
        </a>
      </p>
      {props.items.length === 0 ? (
        <p>{m.participantNone}</p>
      ) : (
        <ul>
          {props.items.map((r) => (
            <li>
              <a href={`/referrals/${r.id}`}>{r.opportunityTitle}</a>({r.facilityName})—{' '}
              <StateTag m={m} state={r.state} /> {formatDateTime(r.lastTransitionAt, locale)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function ReasonsForm(props: {
  t: Messages;
  m: ReferralMessages;
  csrfToken: string;
  reasons: readonly CloseReason[];
  errors: FieldErrors;
}) {
  const { t, m, errors } = props;
  const rows: (CloseReason & { isNew?: boolean })[] = [
    ...props.reasons,
    {
      code: '',
      labelJa: '',
      labelEn: '',
      forDeclined: false,
      forNotAgreed: false,
      forWithdrawn: false,
      active: true,
      sortOrder: (props.reasons.at(-1)?.sortOrder ?? 0) + 10,
      isNew: true,
    },
  ];
  const labels: Record<string, string> = {};
  rows.forEach((_, i) => {
    labels[`reason_${i}_code`] = `${i + 1}: ${m.fields.code}`;
    labels[`reason_${i}_label_ja`] = `${i + 1}: ${m.fields.label_ja}`;
    labels[`reason_${i}_label_en`] = `${i + 1}: ${m.fields.label_en}`;
  });
  const check = (i: number, name: string, label: string, checked: boolean) => (
    <td>
      <input
        type="checkbox"
        id={`field-reason_${i}_${name}`}
        name={`reason_${i}_${name}`}
        value="1"
        checked={checked}
      />
      <label for={`field-reason_${i}_${name}`} class="visually-hidden">
        {i + 1}: {label}
      </label>
    </td>
  );
  const text = (i: number, name: string, label: string, value: string, readonly = false) => (
    <td class={errors[`reason_${i}_${name}`] ? 'field-error' : undefined}>
      <label for={`field-reason_${i}_${name}`} class="visually-hidden">
        {i + 1}: {label}
      </label>
      <input
        type="text"
        id={`field-reason_${i}_${name}`}
        name={`reason_${i}_${name}`}
        value={value}
        readonly={readonly}
        class="input input-medium"
        aria-invalid={errors[`reason_${i}_${name}`] ? 'true' : undefined}
      />
    </td>
  );
  return (
    <>
      <ErrorSummary t={t} errors={errors} labels={labels} />
      <form method="post" action="/referrals/reasons">
        <CsrfField token={props.csrfToken} />
        <div class="table-wrap">
          <table>
            <caption>{m.reasonsTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{m.fields.code}</th>
                <th scope="col">{m.fields.label_ja}</th>
                <th scope="col">{m.fields.label_en}</th>
                <th scope="col">{m.fields.for_declined}</th>
                <th scope="col">{m.fields.for_not_agreed}</th>
                <th scope="col">{m.fields.for_withdrawn}</th>
                <th scope="col">{m.fields.active}</th>
                <th scope="col">{m.fields.sort_order}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr>
                  {text(i, 'code', m.fields.code, r.code, !r.isNew)}
                  {text(i, 'label_ja', m.fields.label_ja, r.labelJa)}
                  {text(i, 'label_en', m.fields.label_en, r.labelEn)}
                  {check(i, 'for_declined', m.fields.for_declined, r.forDeclined)}
                  {check(i, 'for_not_agreed', m.fields.for_not_agreed, r.forNotAgreed)}
                  {check(i, 'for_withdrawn', m.fields.for_withdrawn, r.forWithdrawn)}
                  {check(i, 'active', m.fields.active, r.active)}
                  <td>
                    <label for={`field-reason_${i}_sort_order`} class="visually-hidden">
                      {i + 1}: {m.fields.sort_order}
                    </label>
                    <input
                      type="number"
                      id={`field-reason_${i}_sort_order`}
                      name={`reason_${i}_sort_order`}
                      value={String(r.sortOrder)}
                      class="input input-short"
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p class="hint">{m.reasonsAdd}</p>
        <button type="submit" class="button">
          {m.reasonsSave}
        </button>
      </form>
    </>
  );
}
