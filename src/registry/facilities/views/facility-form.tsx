/**
 * The facility form (register and edit). Works without JavaScript: a 郵便番号 posted with the
 * municipality or address empty comes back with them filled in, for the person to check. With
 * JavaScript, /assets/postal-lookup.js fills them as soon as seven digits are typed.
 */
import type { Messages } from '../../../platform/i18n';
import {
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  SelectField,
  TextField,
} from '../../../platform/ui/form';
import { listMunicipalities } from '../../../reference/municipalities';
import type { FacilityMessages } from '../messages';
import { serviceTypes } from '../service';

export function municipalityOptions() {
  return listMunicipalities().map((m) => ({ value: m.code, label: m.name }));
}

export function facilityFieldLabels(m: FacilityMessages): Record<string, string> {
  return {
    name: m.fields.name,
    name_kana: m.fields.nameKana,
    service_type: m.fields.serviceType,
    postal_code: m.fields.postalCode,
    municipality_code: m.fields.municipality,
    address: m.fields.address,
    nearest_station: m.fields.nearestStation,
    walk_minutes: m.fields.walkMinutes,
    phone: m.fields.phone,
    contact_name: m.fields.contactName,
    contact_email: m.fields.contactEmail,
  };
}

/** A notice above a form (e.g. "the address was filled in"), read out by screen readers. */
export function Notice(props: { text?: string }) {
  if (!props.text) return null;
  return (
    <div class="notice filter-panel" role="status">
      <p>{props.text}</p>
    </div>
  );
}

/** The 郵便番号 → address script's hooks: the form names its fields and messages in data attributes. */
export function postalLookupAttributes(m: FacilityMessages) {
  return {
    'data-postal-lookup': '',
    'data-msg-filled': m.postalFilled,
    'data-msg-not-found': m.postalNotFound,
    'data-msg-failed': m.postalLookupFailed,
    'data-msg-outside-tokyo': m.errors.postalCodeOutsideTokyo,
  };
}

export function PostalLookupScript() {
  return <script src="/assets/postal-lookup.js" defer />;
}

export function FacilityForm(props: {
  t: Messages;
  m: FacilityMessages;
  csrfToken: string;
  action: string;
  values: FormValues;
  errors: FieldErrors;
  notice?: string;
  submitLabel: string;
  cancelHref: string;
}) {
  const { t, m, values, errors } = props;
  const common = { t, values, errors };
  return (
    <>
      <ErrorSummary t={t} errors={errors} labels={facilityFieldLabels(m)} />
      <Notice text={props.notice} />
      <form method="post" action={props.action} novalidate {...postalLookupAttributes(m)}>
        <CsrfField token={props.csrfToken} />
        <TextField {...common} name="name" label={m.fields.name} required width="full" />
        <TextField
          {...common}
          name="name_kana"
          label={m.fields.nameKana}
          hint={m.hints.nameKana}
          required
          width="full"
        />
        <SelectField
          {...common}
          name="service_type"
          label={m.fields.serviceType}
          options={serviceTypes.map((s) => ({ value: s, label: m.serviceTypes[s] }))}
          placeholder={m.chooseServiceType}
          required
          width="short"
        />
        <TextField
          {...common}
          name="postal_code"
          label={m.fields.postalCode}
          hint={m.hints.postalCode}
          autocomplete="postal-code"
          inputmode="numeric"
          width="short"
        />
        <p id="postal-lookup-status" class="hint" role="status" aria-live="polite" />
        <SelectField
          {...common}
          name="municipality_code"
          label={m.fields.municipality}
          options={municipalityOptions()}
          placeholder={m.chooseMunicipality}
          required
          width="medium"
        />
        <TextField
          {...common}
          name="address"
          label={m.fields.address}
          hint={m.hints.address}
          required
          width="full"
        />
        <TextField
          {...common}
          name="nearest_station"
          label={m.fields.nearestStation}
          hint={m.hints.nearestStation}
        />
        <TextField
          {...common}
          name="walk_minutes"
          label={m.fields.walkMinutes}
          hint={m.hints.walkMinutes}
          inputmode="numeric"
          width="short"
        />
        <TextField
          {...common}
          name="phone"
          label={m.fields.phone}
          hint={m.hints.phone}
          type="tel"
          autocomplete="tel"
        />
        <fieldset class="fieldset">
          <legend>{m.fields.contact}</legend>
          <TextField {...common} name="contact_name" label={m.fields.contactName} />
          <TextField
            {...common}
            name="contact_email"
            label={m.fields.contactEmail}
            hint={m.hints.contactEmail}
            type="email"
            autocomplete="email"
          />
        </fieldset>
        <div class="button-row">
          <button type="submit" class="button">
            {props.submitLabel}
          </button>
          <a href={props.cancelHref}>{m.cancel}</a>
        </div>
      </form>
      <PostalLookupScript />
    </>
  );
}
