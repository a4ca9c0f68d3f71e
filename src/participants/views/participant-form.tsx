/**
 * The participant form (register and edit): 本人について, 連絡先と住所 (郵便番号 fills the address,
 * inside or outside Tokyo), 緊急連絡先, 支援の情報. On registration, a possible duplicate in the
 * agency is shown above the form with a link to the existing record and a checkbox to confirm a
 * different person; a possible one at another agency only as a hint, with no details.
 */
import type { Messages } from '../../platform/i18n';
import { Flag } from '../../platform/ui/fields';
import {
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  SelectField,
  TextField,
} from '../../platform/ui/form';
import { listMunicipalities } from '../../reference/municipalities';
import type { ParticipantMessages } from '../messages';
import type { DuplicateMatch } from '../service';

export function municipalityOptions() {
  return listMunicipalities().map((m) => ({ value: m.code, label: m.name }));
}

export function participantFieldLabels(m: ParticipantMessages): Record<string, string> {
  return { ...m.fields, confirm_distinct: m.duplicate.confirm };
}

export type DuplicateState = { matches: DuplicateMatch[]; elsewhere: boolean };

function DuplicateNotice(props: { m: ParticipantMessages; duplicate: DuplicateState; errors: FieldErrors }) {
  const { m, duplicate } = props;
  const error = props.errors.confirm_distinct;
  return (
    <div class="notice filter-panel" role="alert" aria-labelledby="duplicate-title">
      <h2 id="duplicate-title">{m.duplicate.title}</h2>
      <p>{m.duplicate.intro}</p>
      <ul>
        {duplicate.matches.map((match) => (
          <li>
            <a href={`/participants/${match.id}`}>{match.name}</a>
            {match.caseNumber ? ` (${m.fields.case_number}: ${match.caseNumber})` : ''}
          </li>
        ))}
      </ul>
      {duplicate.elsewhere ? <p>{m.duplicate.elsewhere}</p> : null}
      <div class={error ? 'field field-error choice' : 'field choice'}>
        {error ? (
          <p class="error-message" id="field-confirm_distinct-error">
            {error}
          </p>
        ) : null}
        <label for="field-confirm_distinct">
          <input
            type="checkbox"
            id="field-confirm_distinct"
            name="confirm_distinct"
            value="1"
            form="participant-form"
            aria-describedby={`field-confirm_distinct-hint${error ? ' field-confirm_distinct-error' : ''}`}
          />{' '}
          {m.duplicate.confirm}
        </label>
        <p class="hint" id="field-confirm_distinct-hint">
          {m.duplicate.confirmHint}
        </p>
      </div>
    </div>
  );
}

export function ParticipantForm(props: {
  t: Messages;
  m: ParticipantMessages;
  csrfToken: string;
  action: string;
  values: FormValues;
  errors: FieldErrors;
  notice?: string;
  duplicate?: DuplicateState;
  submitLabel: string;
  cancelHref: string;
}) {
  const { t, m, values, errors } = props;
  const common = { t, values, errors };
  return (
    <>
      <ErrorSummary t={t} errors={errors} labels={participantFieldLabels(m)} />
      {props.notice ? (
        <div class="notice filter-panel" role="status">
          <p>{props.notice}</p>
        </div>
      ) : null}
      {props.duplicate ? <DuplicateNotice m={m} duplicate={props.duplicate} errors={errors} /> : null}
      <form
        id="participant-form"
        method="post"
        action={props.action}
        novalidate
        data-postal-lookup=""
        data-msg-filled={m.postalFilled}
        data-msg-not-found={m.postalNotFound}
        data-msg-failed={m.postalLookupFailed}
        data-msg-outside-tokyo={m.postalOutsideTokyo}
      >
        <CsrfField token={props.csrfToken} />
        <fieldset class="fieldset">
          <legend>
            <h2>{m.sections.identity}</h2>
          </legend>
          <TextField {...common} name="name" label={m.fields.name} required autocomplete="off" />
          <TextField
            {...common}
            name="name_kana"
            label={m.fields.name_kana}
            hint={m.hints.name_kana}
            required
          />
          <TextField
            {...common}
            name="birth_date"
            label={m.fields.birth_date}
            hint={m.hints.birth_date}
            required
            width="short"
          />
          <TextField {...common} name="gender" label={m.fields.gender} hint={m.hints.gender} width="short" />
          <TextField
            {...common}
            name="case_number"
            label={m.fields.case_number}
            hint={m.hints.case_number}
            width="short"
          />
          <TextField
            {...common}
            name="preferred_language"
            label={m.fields.preferred_language}
            hint={m.hints.preferred_language}
            width="short"
          />
          <Flag
            name="easy_japanese"
            label={m.fields.easy_japanese}
            checked={values.easy_japanese === '1'}
            errors={errors}
          />
        </fieldset>
        <fieldset class="fieldset">
          <legend>
            <h2>{m.sections.contact}</h2>
          </legend>
          <div class="field-row">
            <TextField {...common} name="phone" label={m.fields.phone} hint={m.hints.phone} type="tel" />
            <TextField {...common} name="email" label={m.fields.email} type="email" />
          </div>
          <TextField
            {...common}
            name="postal_code"
            label={m.fields.postal_code}
            hint={m.hints.postal_code}
            inputmode="numeric"
            width="short"
          />
          <p id="postal-lookup-status" class="hint" role="status" aria-live="polite" />
          <SelectField
            {...common}
            name="municipality_code"
            label={m.fields.municipality_code}
            hint={m.hints.municipality_code}
            options={municipalityOptions()}
            placeholder={m.chooseMunicipality}
          />
          <TextField
            {...common}
            name="address"
            label={m.fields.address}
            hint={m.hints.address}
            width="full"
          />
          <TextField {...common} name="nearest_station" label={m.fields.nearest_station} />
        </fieldset>
        <fieldset class="fieldset">
          <legend>
            <h2>{m.sections.emergency}</h2>
          </legend>
          <div class="field-row">
            <TextField {...common} name="emergency_name" label={m.fields.emergency_name} />
            <TextField
              {...common}
              name="emergency_relation"
              label={m.fields.emergency_relation}
              width="short"
            />
            <TextField {...common} name="emergency_phone" label={m.fields.emergency_phone} type="tel" />
          </div>
        </fieldset>
        <fieldset class="fieldset" aria-describedby="support-decision-hint">
          <legend>
            <h2>{m.sections.support}</h2>
          </legend>
          <p class="hint" id="support-decision-hint">
            {m.hints.support_decision}
          </p>
          <div class="field-row">
            <TextField
              {...common}
              name="support_decision_on"
              label={m.fields.support_decision_on}
              hint={m.hints.support_decision_on}
              width="short"
            />
            <SelectField
              {...common}
              name="support_decision_municipality_code"
              label={m.fields.support_decision_municipality_code}
              options={municipalityOptions()}
              placeholder={m.notSet}
            />
          </div>
        </fieldset>
        <div class="button-row">
          <button type="submit" class="button">
            {props.submitLabel}
          </button>
          <a href={props.cancelHref}>{m.cancel}</a>
        </div>
      </form>
      <script src="/assets/postal-lookup.js" defer />
    </>
  );
}
