/**
 * Consent pages' pieces: the list of a participant's consents (status in words, never colour
 * alone), the record form (recipient select, data-group checkboxes, purpose, period) and the
 * revoke form.
 */
import type { Locale, Messages } from '../../platform/i18n';
import { formatDate, formatDateTime } from '../../platform/i18n/format';
import { Textarea } from '../../platform/ui/fields';
import {
  CheckboxesField,
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  SelectField,
  TextField,
} from '../../platform/ui/form';
import { consentDataGroups, consentStatusOn, recipientValue } from './consent';
import type { ConsentMessages } from './messages';
import type { ConsentRow, RecipientChoice } from './service';

export function ConsentTable(props: {
  m: ConsentMessages;
  locale: Locale;
  participantId: string;
  consents: ConsentRow[];
  today: string;
}) {
  const { m, locale } = props;
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{m.listTitle}</caption>
        <thead>
          <tr>
            <th scope="col">{m.fields.recipient}</th>
            <th scope="col">{m.fields.data_groups}</th>
            <th scope="col">{m.fields.period}</th>
            <th scope="col">{m.fields.status}</th>
            <th scope="col">{m.fields.recordedBy}</th>
            <th scope="col">
              <span class="visually-hidden">{m.print}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.consents.map((c) => {
            const status = consentStatusOn(c, props.today);
            const base = `/participants/${props.participantId}/consents/${c.id}`;
            return (
              <tr>
                <th scope="row">
                  {c.recipientKind === 'facility' && c.recipientCorporationName
                    ? `${c.recipientCorporationName} ${c.recipientName}`
                    : c.recipientName}
                  <br />
                  <span class="hint">{m.recipientKinds[c.recipientKind]}</span>
                </th>
                <td>{c.dataGroups.map((g) => m.groups[g]).join('、')}</td>
                <td>{m.periodValue(formatDate(c.validFrom, locale), formatDate(c.validUntil, locale))}</td>
                <td>
                  <span class={status === 'active' ? 'tag tag-required' : 'tag'}>{m.statuses[status]}</span>
                  {c.revokedOn ? (
                    <>
                      <br />
                      {m.revokedValue(formatDate(c.revokedOn, locale), c.revokedByName ?? '')}
                      {c.revocationReason ? (
                        <>
                          <br />
                          {c.revocationReason}
                        </>
                      ) : null}
                    </>
                  ) : null}
                </td>
                <td>
                  {c.recordedByName ?? ''}
                  <br />
                  <span class="hint">{formatDateTime(c.recordedAt, locale)}</span>
                </td>
                <td>
                  <a href={`${base}/form.pdf`}>{m.print}</a>
                  {c.revokedOn ? null : (
                    <>
                      <br />
                      <a href={`${base}/revoke`}>{m.revokeLink}</a>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function recipientOptions(m: ConsentMessages, choices: RecipientChoice[]) {
  return choices.map((c) => ({
    value: recipientValue(c.kind, c.id),
    label:
      c.kind === 'corporation' ? m.corporationOption(c.name) : m.facilityOption(c.corporationName, c.name),
  }));
}

export function ConsentForm(props: {
  t: Messages;
  m: ConsentMessages;
  csrfToken: string;
  action: string;
  cancelHref: string;
  choices: RecipientChoice[];
  values: FormValues;
  groups: readonly string[];
  errors: FieldErrors;
}) {
  const { t, m, values, errors } = props;
  const common = { t, values, errors };
  const labels = {
    recipient: m.fields.recipient,
    data_groups: m.fields.data_groups,
    purpose: m.fields.purpose,
    valid_from: m.fields.valid_from,
    valid_until: m.fields.valid_until,
  };
  return (
    <>
      <ErrorSummary t={t} errors={errors} labels={labels} />
      <form method="post" action={props.action} novalidate>
        <CsrfField token={props.csrfToken} />
        <SelectField
          {...common}
          name="recipient"
          label={m.fields.recipient}
          hint={m.hints.recipient}
          options={recipientOptions(m, props.choices)}
          placeholder={m.placeholder}
          required
          width="full"
        />
        <CheckboxesField
          t={t}
          name="data_groups"
          legend={m.fields.data_groups}
          hint={m.hints.data_groups}
          options={consentDataGroups.map((g) => ({ value: g, label: m.groups[g] }))}
          checked={props.groups}
          errors={errors}
        />
        <Textarea
          t={t}
          name="purpose"
          label={m.fields.purpose}
          value={values.purpose ?? ''}
          errors={errors}
          required
          rows={2}
        />
        <div class="field-row">
          <TextField
            {...common}
            name="valid_from"
            label={m.fields.valid_from}
            hint={m.hints.valid_from}
            required
            width="short"
          />
          <TextField
            {...common}
            name="valid_until"
            label={m.fields.valid_until}
            hint={m.hints.valid_until}
            width="short"
          />
        </div>
        <div class="button-row">
          <button type="submit" class="button">
            {m.record}
          </button>
          <a href={props.cancelHref}>{m.cancel}</a>
        </div>
      </form>
    </>
  );
}

export function RevokeForm(props: {
  t: Messages;
  m: ConsentMessages;
  csrfToken: string;
  action: string;
  cancelHref: string;
  values: FormValues;
  errors: FieldErrors;
}) {
  const { t, m, values, errors } = props;
  const labels = { revoked_on: m.fields.revoked_on, reason: m.fields.reason };
  return (
    <>
      <ErrorSummary t={t} errors={errors} labels={labels} />
      <form method="post" action={props.action} novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField
          t={t}
          values={values}
          errors={errors}
          name="revoked_on"
          label={m.fields.revoked_on}
          hint={m.hints.revoked_on}
          required
          width="short"
        />
        <Textarea
          t={t}
          name="reason"
          label={m.fields.reason}
          hint={m.hints.reason}
          value={values.reason ?? ''}
          errors={errors}
          rows={2}
        />
        <div class="button-row">
          <button type="submit" class="button">
            {m.revoke}
          </button>
          <a href={props.cancelHref}>{m.cancel}</a>
        </div>
      </form>
    </>
  );
}
