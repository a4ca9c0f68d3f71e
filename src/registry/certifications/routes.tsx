/**
 * The facility's 就労訓練事業の認定 page: see it and record or change it (GET/POST
 * /facilities/:id/certification). Kept by the same people as the facility's はたらく場.
 */

import { type Context, Hono } from 'hono';
import { auditActor } from '../../platform/audit/audit';
import { actorOf, authorize, forbidden, notFound } from '../../platform/auth/guard';
import { dbOf, ID_PARAM } from '../../platform/http/context';
import type { AppEnv, CurrentUser } from '../../platform/http/env';
import { readForm } from '../../platform/http/form';
import { renderPage } from '../../platform/http/render';
import {
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  SelectField,
  TextField,
} from '../../platform/ui/form';
import { getFacility } from '../facilities/service';
import { certificationStatuses } from './certification';
import { type CertificationMessages, certificationMessages } from './messages';
import { getCertification, recordCertification } from './service';

const ID = ID_PARAM;

async function loadFacility(c: Context<AppEnv>, user: CurrentUser) {
  const facility = await getFacility(dbOf(c), actorOf(user), c.req.param('id') ?? '');
  return facility
    ? ({ kind: 'facility', id: facility.id, corporationId: facility.corporationId } as const)
    : undefined;
}

function CertificationForm(props: {
  c: Context<AppEnv>;
  m: CertificationMessages;
  facility: { id: string; name: string };
  values: FormValues;
  errors: FieldErrors;
  notice?: string;
}) {
  const { c, m, values, errors } = props;
  const t = c.get('t');
  const common = { t, values, errors };
  return (
    <>
      <h1>{m.title}</h1>
      {props.notice ? (
        <div class="notice filter-panel" role="status">
          <p>{props.notice}</p>
        </div>
      ) : null}
      <p>{m.intro(props.facility.name)}</p>
      <ErrorSummary t={t} errors={errors} labels={m.fields} />
      <form method="post" action={`/facilities/${props.facility.id}/certification`} novalidate>
        <CsrfField token={c.get('csrfToken')} />
        <TextField {...common} name="number" label={m.fields.number} required />
        <TextField
          {...common}
          name="certified_on"
          label={m.fields.certified_on}
          hint={m.hints.certified_on}
          required
          width="short"
        />
        <TextField
          {...common}
          name="authority"
          label={m.fields.authority}
          hint={m.hints.authority}
          required
        />
        <SelectField
          {...common}
          name="status"
          label={m.fields.status}
          options={certificationStatuses.map((s) => ({ value: s, label: m.statuses[s] }))}
          placeholder={m.choose}
          required
          width="short"
        />
        <div class="button-row">
          <button type="submit" class="button">
            {m.save}
          </button>
          <a href={`/facilities/${props.facility.id}`}>{m.cancel}</a>
        </div>
      </form>
    </>
  );
}

export function certificationRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  async function render(
    c: Context<AppEnv>,
    values: FormValues,
    errors: FieldErrors,
    status: 200 | 400,
    notice?: string,
  ) {
    const user = c.get('user');
    if (!user) return notFound(c);
    const facility = await getFacility(dbOf(c), actorOf(user), c.req.param('id') ?? '');
    if (!facility) return notFound(c);
    const m = certificationMessages[c.get('locale')];
    const t = c.get('t');
    return renderPage(
      c,
      {
        title: m.title,
        status,
        breadcrumbs: [
          { label: t.home, href: '/dashboard' },
          { label: facility.name, href: `/facilities/${facility.id}` },
          { label: m.title },
        ],
      },
      <CertificationForm c={c} m={m} facility={facility} values={values} errors={errors} notice={notice} />,
    );
  }

  app.get(`/facilities/${ID}/certification`, authorize('certification.update', loadFacility), async (c) => {
    const user = c.get('user');
    if (!user) return notFound(c);
    const current = await getCertification(dbOf(c), actorOf(user), c.req.param('id') ?? '');
    const values: FormValues = current
      ? {
          number: current.number,
          certified_on: current.certified_on,
          authority: current.authority,
          status: current.status,
        }
      : {};
    const m = certificationMessages[c.get('locale')];
    return render(c, values, {}, 200, c.req.query('saved') ? m.saved : undefined);
  });

  app.post(`/facilities/${ID}/certification`, authorize('certification.update', loadFacility), async (c) => {
    const user = c.get('user');
    if (!user) return notFound(c);
    const m = certificationMessages[c.get('locale')];
    const posted = await readForm(c);
    const id = c.req.param('id') ?? '';
    const outcome = await recordCertification(dbOf(c), actorOf(user), id, posted, auditActor(c));
    switch (outcome.status) {
      case 'ok':
        return c.redirect(`/facilities/${id}/certification?saved=1`, 303);
      case 'invalid': {
        const errors: FieldErrors = {};
        for (const [field, code] of Object.entries(outcome.errors)) if (code) errors[field] = m.errors[code];
        return render(c, posted, errors, 400);
      }
      case 'forbidden':
        return forbidden(c);
      default:
        return notFound(c);
    }
  });

  return app;
}
