/**
 * /users/invite. A council admin first chooses the organisation (a GET form), so the second step
 * offers exactly the roles of that organisation's kind and, for a corporation, its facilities; a
 * corporation admin's organisation is fixed and the first step is skipped.
 */
import type { OrganisationKind, Role } from '../../../platform/db/schema';
import type { Messages } from '../../../platform/i18n';
import {
  CheckboxesField,
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  RadioField,
  SelectField,
  TextField,
} from '../../../platform/ui/form';
import type { InvitationMessages } from '../messages';

export type OrganisationChoice = { id: string; name: string; kind: OrganisationKind };

export function ChooseOrganisationForm(props: {
  t: Messages;
  m: InvitationMessages;
  organisations: OrganisationChoice[];
  values: FormValues;
  errors: FieldErrors;
}) {
  const { t, m } = props;
  return (
    <div class="narrow">
      <h1>{m.form.title}</h1>
      <p>{m.form.intro}</p>
      <ErrorSummary t={t} errors={props.errors} labels={{ organisation: m.form.organisation }} />
      <p>{m.form.chooseIntro}</p>
      <form method="get" action="/users/invite" novalidate>
        <SelectField
          t={t}
          name="organisation"
          label={m.form.organisation}
          required
          placeholder={m.form.choose}
          options={props.organisations.map((o) => ({
            value: o.id,
            label: `${o.name}(${m.form.kinds[o.kind]})`,
          }))}
          values={props.values}
          errors={props.errors}
          width="full"
        />
        <button type="submit" class="button">
          {m.form.next}
        </button>
      </form>
    </div>
  );
}

export function InviteForm(props: {
  t: Messages;
  m: InvitationMessages;
  csrfToken: string;
  organisation: OrganisationChoice;
  /** Whether the caller may choose another organisation (shows the link back to step one). */
  mayChangeOrganisation: boolean;
  roles: readonly Role[];
  /** The corporation's facilities; undefined for organisations that have none by kind. */
  facilities?: { id: string; name: string }[];
  values: FormValues;
  checkedFacilities: readonly string[];
  errors: FieldErrors;
}) {
  const { t, m, organisation, values, errors } = props;
  const labels = {
    name: m.form.name,
    email: m.form.email,
    role: m.form.role,
    facilityIds: m.form.facilities,
  };
  const roleValues =
    props.roles.length === 1 && !values.role ? { ...values, role: props.roles[0] ?? '' } : values;
  const offersCoordinator = props.roles.includes('facility_coordinator');
  return (
    <div class="narrow">
      <h1>{m.form.title}</h1>
      <p>{m.form.intro}</p>
      <ErrorSummary t={t} errors={errors} labels={labels} />
      <dl class="summary-list">
        <div>
          <dt>{m.form.organisation}</dt>
          <dd>
            {organisation.name}({m.form.kinds[organisation.kind]})
            {props.mayChangeOrganisation ? (
              <>
                {' '}
                <a href="/users/invite">{m.form.change}</a>
              </>
            ) : null}
          </dd>
        </div>
      </dl>
      <form method="post" action="/users/invite" novalidate>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="organisation" value={organisation.id} />
        <TextField
          t={t}
          name="name"
          label={m.form.name}
          hint={m.form.nameHint}
          autocomplete="off"
          required
          values={values}
          errors={errors}
        />
        <TextField
          t={t}
          name="email"
          label={m.form.email}
          hint={m.form.emailHint}
          type="email"
          autocomplete="off"
          required
          values={values}
          errors={errors}
          width="full"
        />
        <RadioField
          t={t}
          name="role"
          legend={m.form.role}
          required
          options={props.roles.map((role) => ({
            value: role,
            label: t.roles[role],
            hint: m.form.roleHints[role],
          }))}
          values={roleValues}
          errors={errors}
        />
        {offersCoordinator && props.facilities ? (
          props.facilities.length > 0 ? (
            <CheckboxesField
              t={t}
              name="facilityIds"
              legend={m.form.facilities}
              hint={m.form.facilitiesHint}
              options={props.facilities.map((f) => ({ value: f.id, label: f.name }))}
              checked={props.checkedFacilities}
              errors={errors}
            />
          ) : (
            <p class="hint">{m.form.noFacilities}</p>
          )
        ) : null}
        <button type="submit" class="button">
          {m.form.submit}
        </button>
      </form>
    </div>
  );
}
