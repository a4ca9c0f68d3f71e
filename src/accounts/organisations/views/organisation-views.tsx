/** The organisation list table, the organisation page and the organisation form. */
import type { Child } from 'hono/jsx';
import type { Messages } from '../../../platform/i18n';
import {
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  RadioField,
  SelectField,
  TextField,
} from '../../../platform/ui/form';
import { formatPostalCode } from '../../../reference/postal-codes';
import type { FacilityMessages } from '../../../registry/facilities/messages';
import type { FacilitySummary } from '../../../registry/facilities/service';
import {
  municipalityOptions,
  Notice,
  PostalLookupScript,
  postalLookupAttributes,
} from '../../../registry/facilities/views/facility-form';
import { FacilityTable, Tag } from '../../../registry/facilities/views/facility-pages';
import type { OrganisationMessages } from '../messages';
import { agencyTypes, creatableKinds, type OrganisationDetail, type OrganisationSummary } from '../service';

export function OrganisationTags(props: {
  m: OrganisationMessages;
  organisation: Pick<OrganisationSummary, 'isReference' | 'isDemo' | 'active'>;
}) {
  const { m, organisation } = props;
  return (
    <>
      {organisation.isReference === 1 ? <Tag>{m.referenceTag}</Tag> : null}
      {organisation.isDemo === 1 ? <Tag>{m.demoTag}</Tag> : null}
      {organisation.active === 1 ? null : <Tag>{m.inactiveTag}</Tag>}
    </>
  );
}

export function OrganisationTable(props: { m: OrganisationMessages; items: OrganisationSummary[] }) {
  const { m } = props;
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{m.listTitle}</caption>
        <thead>
          <tr>
            <th scope="col">{m.fields.name}</th>
            <th scope="col">{m.fields.kind}</th>
            <th scope="col">{m.fields.area}</th>
            <th scope="col">{m.fields.facilityCount}</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((o) => (
            <tr>
              <td>
                <a href={`/organisations/${o.id}`}>{o.name}</a>
                <OrganisationTags m={m} organisation={o} />
                {o.nameKana ? <div class="hint">{o.nameKana}</div> : null}
              </td>
              <td>{m.kinds[o.kind]}</td>
              <td>
                {[o.agencyType ? m.agencyTypes[o.agencyType] : null, o.municipalityName]
                  .filter(Boolean)
                  .join(' / ')}
              </td>
              <td>{o.kind === 'corporation' ? o.facilityCount : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Row(props: { label: string; children: Child }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

export function OrganisationPage(props: {
  t: Messages;
  m: OrganisationMessages;
  fm: FacilityMessages;
  organisation: OrganisationDetail & { userCount: number };
  facilities?: { items: FacilitySummary[]; total: number };
  notice?: string;
  editHref?: string;
  addFacilityHref?: string;
  settings?: { csrfToken: string; values: FormValues; errors: FieldErrors };
}) {
  const { t, m, fm, organisation: o } = props;
  const address =
    o.municipalityName || o.address
      ? `${o.postalCode ? `〒${formatPostalCode(o.postalCode)} ` : ''}${o.municipalityName ? `東京都${o.municipalityName}` : ''}${o.address ?? ''}`
      : null;
  return (
    <>
      <Notice text={props.notice} />
      <h1>
        {o.name}
        <OrganisationTags m={m} organisation={o} />
      </h1>
      {o.nameKana ? <p class="hint">{o.nameKana}</p> : null}
      {o.isReference === 1 ? (
        <>
          <p class="lead">{m.referenceFact}</p>
          <p>{m.referenceNote}</p>
        </>
      ) : null}
      <dl class="summary-list">
        <Row label={m.fields.kind}>{m.kinds[o.kind]}</Row>
        {o.agencyType ? <Row label={m.fields.agencyType}>{m.agencyTypes[o.agencyType]}</Row> : null}
        {address ? <Row label={fm.fields.location}>{address}</Row> : null}
        {o.phone ? <Row label={m.fields.phone}>{o.phone}</Row> : null}
        {o.website ? (
          <Row label={m.fields.website}>
            <a href={o.website} rel="noopener noreferrer">
              {o.website}
            </a>
          </Row>
        ) : null}
        <Row label={m.userCount}>{m.userCountValue(o.userCount)}</Row>
        <Row label={m.twoFactor}>
          {o.twoFactorRequired === 1 ? m.twoFactorRequiredValue : m.twoFactorOptionalValue}
        </Row>
      </dl>
      {props.editHref ? (
        <p class="button-row">
          <a class="button button-secondary" href={props.editHref}>
            {m.edit}
          </a>
        </p>
      ) : null}
      {props.facilities ? (
        <section aria-labelledby="facilities-title">
          <h2 id="facilities-title">{m.facilitiesTitle}</h2>
          {props.addFacilityHref ? (
            <p>
              <a class="button" href={props.addFacilityHref}>
                {m.addFacility}
              </a>
            </p>
          ) : null}
          {props.facilities.items.length === 0 ? (
            <p>{m.noFacilities}</p>
          ) : (
            <FacilityTable m={fm} caption={m.facilitiesTitle} items={props.facilities.items} />
          )}
        </section>
      ) : null}
      {props.settings ? (
        <section aria-labelledby="settings-title">
          <h2 id="settings-title">{m.settingsTitle}</h2>
          <ErrorSummary t={t} errors={props.settings.errors} labels={{ two_factor_required: m.twoFactor }} />
          <form method="post" action={`/organisations/${o.id}/settings`}>
            <CsrfField token={props.settings.csrfToken} />
            <RadioField
              t={t}
              name="two_factor_required"
              legend={m.twoFactorLegend}
              options={[
                { value: '1', label: m.twoFactorRequired },
                { value: '0', label: m.twoFactorOptional },
              ]}
              values={props.settings.values}
              errors={props.settings.errors}
              required
            />
            <button type="submit" class="button button-secondary">
              {m.saveSettings}
            </button>
          </form>
        </section>
      ) : null}
    </>
  );
}

export function organisationFieldLabels(m: OrganisationMessages): Record<string, string> {
  return {
    kind: m.fields.kind,
    name: m.fields.name,
    name_kana: m.fields.nameKana,
    agency_type: m.fields.agencyType,
    municipality_code: m.fields.municipality,
    postal_code: m.fields.postalCode,
    address: m.fields.address,
    phone: m.fields.phone,
    website: m.fields.website,
  };
}

/**
 * The organisation form. `kind` is chosen when registering (corporation or agency) and fixed
 * afterwards; `fixedName` shows a reference corporation's name as text instead of a field.
 */
export function OrganisationForm(props: {
  t: Messages;
  m: OrganisationMessages;
  fm: FacilityMessages;
  csrfToken: string;
  action: string;
  values: FormValues;
  errors: FieldErrors;
  notice?: string;
  chooseKind: boolean;
  showAgencyType: boolean;
  fixedName?: string;
  submitLabel: string;
  cancelHref: string;
}) {
  const { t, m, fm, values, errors } = props;
  const common = { t, values, errors };
  return (
    <>
      <ErrorSummary t={t} errors={errors} labels={organisationFieldLabels(m)} />
      <Notice text={props.notice} />
      <form method="post" action={props.action} novalidate {...postalLookupAttributes(fm)}>
        <CsrfField token={props.csrfToken} />
        {props.chooseKind ? (
          <RadioField
            {...common}
            name="kind"
            legend={m.fields.kind}
            options={creatableKinds.map((k) => ({ value: k, label: m.kinds[k] }))}
            required
          />
        ) : null}
        {props.fixedName === undefined ? (
          <TextField
            {...common}
            name="name"
            label={m.fields.name}
            hint={m.hints.name}
            required
            width="full"
          />
        ) : (
          <div class="field">
            <p>
              <strong>{m.fields.name}</strong>
            </p>
            <p>{props.fixedName}</p>
            <p class="hint">{m.referenceNameFixed}</p>
          </div>
        )}
        <TextField
          {...common}
          name="name_kana"
          label={m.fields.nameKana}
          hint={m.hints.nameKana}
          width="full"
        />
        {props.showAgencyType ? (
          <SelectField
            {...common}
            name="agency_type"
            label={m.fields.agencyType}
            hint={props.chooseKind ? m.hints.agencyType : undefined}
            options={agencyTypes.map((a) => ({ value: a, label: m.agencyTypes[a] }))}
            placeholder={m.choose}
            required={!props.chooseKind}
          />
        ) : null}
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
          hint={props.showAgencyType && props.chooseKind ? m.hints.municipality : undefined}
          options={municipalityOptions()}
          placeholder={m.choose}
          required={props.showAgencyType && !props.chooseKind}
          width="medium"
        />
        <TextField {...common} name="address" label={m.fields.address} hint={fm.hints.address} width="full" />
        <TextField
          {...common}
          name="phone"
          label={m.fields.phone}
          hint={fm.hints.phone}
          type="tel"
          autocomplete="tel"
        />
        <TextField
          {...common}
          name="website"
          label={m.fields.website}
          hint={m.hints.website}
          autocomplete="url"
          width="full"
        />
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
