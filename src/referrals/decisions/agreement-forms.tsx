/**
 * The forms that close the decision record: recording one party's agreement (who and on which
 * date) and recording that the parties did not agree (a reason from the list and a note).
 */
import type { Locale, Messages } from '../../platform/i18n';
import { Textarea } from '../../platform/ui/fields';
import {
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  RadioField,
  SelectField,
  TextField,
} from '../../platform/ui/form';
import type { AgreementParty } from './decision';
import type { DecisionMessages } from './messages';

export function AgreementForm(props: {
  t: Messages;
  m: DecisionMessages;
  csrfToken: string;
  action: string;
  parties: readonly AgreementParty[];
  values: FormValues;
  errors: FieldErrors;
}) {
  const { t, m } = props;
  return (
    <form method="post" action={props.action} novalidate>
      <CsrfField token={props.csrfToken} />
      <ErrorSummary
        t={t}
        errors={props.errors}
        labels={{ party: m.fields.party, agreed_on: m.fields.agreed_on }}
      />
      <RadioField
        t={t}
        name="party"
        legend={m.fields.party}
        required
        options={props.parties.map((p) => ({ value: p, label: m.parties[p] }))}
        values={props.values}
        errors={props.errors}
      />
      <TextField
        t={t}
        name="agreed_on"
        label={m.fields.agreed_on}
        type="date"
        required
        hint={m.hints.agreed_on}
        values={props.values}
        errors={props.errors}
        width="short"
      />
      <div class="button-row">
        <button type="submit" class="button">
          {m.recordAgreement}
        </button>
      </div>
    </form>
  );
}

export function NotAgreedForm(props: {
  t: Messages;
  m: DecisionMessages;
  locale: Locale;
  csrfToken: string;
  action: string;
  reasons: readonly { code: string; labelJa: string; labelEn: string }[];
  values: FormValues;
  errors: FieldErrors;
}) {
  const { t, m } = props;
  return (
    <form method="post" action={props.action} novalidate>
      <CsrfField token={props.csrfToken} />
      <p>{m.notAgreeIntro}</p>
      <SelectField
        t={t}
        name="reason"
        label={m.fields.reason}
        required
        placeholder={m.placeholder}
        options={props.reasons.map((r) => ({
          value: r.code,
          label: props.locale === 'ja' ? r.labelJa : r.labelEn,
        }))}
        values={props.values}
        errors={props.errors}
      />
      <Textarea
        t={t}
        name="note"
        label={m.fields.note}
        value={props.values.note ?? ''}
        errors={props.errors}
        rows={2}
      />
      <div class="button-row">
        <button type="submit" class="button button-secondary">
          {m.notAgree}
        </button>
      </div>
    </form>
  );
}
