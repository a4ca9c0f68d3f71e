/**
 * Appointment pages on a referral: the list, scheduling one (見学・面接・体験・三者協議) and
 * cancelling one. Every route names its policy action and loads the referral through the scoped
 * referral service: a referral the caller may not see is a 404.
 */
import { type Context, Hono } from 'hono';
import { auditActor } from '../../platform/audit/audit';
import { actorOf, authorize, notFound } from '../../platform/auth/guard';
import { can } from '../../platform/auth/policy';
import { currentUser, dbOf, ID_PARAM } from '../../platform/http/context';
import type { AppEnv, CurrentUser } from '../../platform/http/env';
import { renderPage } from '../../platform/http/render';
import { CsrfField, type FieldErrors, type FormValues } from '../../platform/ui/form';
import { referralMessages } from '../messages';
import { findReferralForActor, referralSubject } from '../service';
import { partyOfRole } from '../state-machine';
import { formatOtherAttendees, schedulableKinds } from './appointment';
import { type AppointmentMessages, appointmentMessages, whenText } from './messages';
import {
  attendeeChoices,
  cancelAppointment,
  listAppointments,
  scheduleAppointment,
  updateAppointment,
} from './service';
import { findAppointmentOfReferral, opportunityOffers } from './store';
import { AppointmentForm, AppointmentTable } from './views';

const APPOINTMENT_PARAM = ':appointmentId{[0-9a-f-]{36}}';

function messagesOf(c: Context<AppEnv>): AppointmentMessages {
  return appointmentMessages[c.get('locale')];
}

function idParam(c: Context<AppEnv>): string {
  return c.req.param('id') ?? '';
}

export function loadReferral(c: Context<AppEnv>, user: CurrentUser) {
  return referralSubject(dbOf(c), actorOf(user), idParam(c));
}

export function mailSettings(c: Context<AppEnv>) {
  const config = c.get('services').config;
  return { baseUrl: config.baseUrl, mailFrom: config.mailFrom };
}

export function breadcrumbs(
  c: Context<AppEnv>,
  referral: { id: string; opportunityTitle: string },
  last: string,
) {
  const rm = referralMessages[c.get('locale')];
  return [
    { label: c.get('t').home, href: '/dashboard' },
    { label: rm.listTitle, href: '/referrals' },
    { label: referral.opportunityTitle, href: `/referrals/${referral.id}` },
    { label: last },
  ];
}

export function fieldMessages(
  m: AppointmentMessages,
  errors: Record<string, string | undefined>,
): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, code] of Object.entries(errors)) {
    if (code) out[field] = m.errors[code as keyof typeof m.errors] ?? code;
  }
  return out;
}

/** The posted appointment form (staff is a repeated checkbox name). */
async function readAppointmentForm(c: Context<AppEnv>): Promise<{ values: FormValues; staff: string[] }> {
  const body = await c.req.parseBody({ all: true });
  const text = (name: string) => {
    const value = body[name];
    return typeof value === 'string' ? value : '';
  };
  const rawStaff = body.staff;
  const staff = (Array.isArray(rawStaff) ? rawStaff : rawStaff === undefined ? [] : [rawStaff]).filter(
    (s): s is string => typeof s === 'string',
  );
  return {
    values: {
      kind: text('kind'),
      date: text('date'),
      start_time: text('start_time'),
      end_time: text('end_time'),
      place: text('place'),
      others: text('others'),
      note: text('note'),
      participant: text('participant') === '1' ? '1' : '',
    },
    staff,
  };
}

export function appointmentRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const base = `/referrals/${ID_PARAM}/appointments`;

  app.get(base, authorize('appointment.read', loadReferral), async (c) => {
    const m = messagesOf(c);
    const user = currentUser(c);
    const actor = actorOf(user);
    const list = await listAppointments(dbOf(c), actor, idParam(c));
    const referral = await findReferralForActor(dbOf(c), actor, idParam(c));
    if (!list || !referral) return notFound(c);
    const subject = { kind: 'referral' as const, ...referral };
    const notice = c.req.query('saved')
      ? m.saved
      : c.req.query('updated')
        ? m.updated
        : c.req.query('cancelled')
          ? m.cancelledNotice
          : undefined;
    return renderPage(
      c,
      { title: m.section, breadcrumbs: breadcrumbs(c, referral, m.section) },
      <>
        <h1>{m.section}</h1>
        <p>
          {referral.facilityName} / {referral.opportunityTitle}
        </p>
        {notice ? (
          <div class="notice" role="status">
            <p>{notice}</p>
          </div>
        ) : null}
        {can(actor, 'appointment.schedule', subject) &&
        schedulableKinds(referral.state, partyOfRole(user.role)).length > 0 ? (
          <p>
            <a class="button" href={`/referrals/${referral.id}/appointments/new`}>
              {m.addLink}
            </a>
          </p>
        ) : null}
        <AppointmentTable
          m={m}
          referralId={referral.id}
          appointments={list}
          mayCancel={can(actor, 'appointment.cancel', subject)}
        />
        <ul>
          <li>
            <a href={`/referrals/${referral.id}`}>{referral.opportunityTitle}</a>
          </li>
          <li>
            <a href="/calendar">{m.calendar.title}</a>
          </li>
        </ul>
      </>,
    );
  });

  async function renderNew(
    c: Context<AppEnv>,
    form: { values: FormValues; staff: readonly string[]; errors: FieldErrors; message?: string },
    status: 200 | 400 | 409 = 200,
  ) {
    const m = messagesOf(c);
    const user = currentUser(c);
    const choices = await attendeeChoices(dbOf(c), actorOf(user), idParam(c));
    if (!choices) return notFound(c);
    // A visit or a trial day only where the opportunity's listing offers it; say so when not.
    const offers = await opportunityOffers(dbOf(c), choices.referral.id);
    const kinds = schedulableKinds(choices.referral.state, partyOfRole(user.role)).filter(
      (kind) => !offers || (kind === 'visit' ? offers.visit : kind === 'trial' ? offers.trial : true),
    );
    const notOffered = [
      offers && !offers.visit ? m.errors.visit_not_offered : null,
      offers && !offers.trial ? m.errors.trial_not_offered : null,
    ].filter((line): line is string => line !== null);
    return renderPage(
      c,
      { title: m.newTitle, status, breadcrumbs: breadcrumbs(c, choices.referral, m.newTitle) },
      <>
        <h1>{m.newTitle}</h1>
        <p>
          {choices.referral.facilityName} / {choices.referral.opportunityTitle}
        </p>
        {form.message ? (
          <div class="error-summary" role="alert">
            <p>{form.message}</p>
          </div>
        ) : null}
        {kinds.length === 0 ? (
          <p>{m.notAllowed}</p>
        ) : (
          <>
            <p class="hint">{m.newIntro}</p>
            {notOffered.map((line) => (
              <p class="hint">{line}</p>
            ))}
            <AppointmentForm
              t={c.get('t')}
              m={m}
              csrfToken={c.get('csrfToken')}
              action={`/referrals/${choices.referral.id}/appointments/new`}
              cancelHref={`/referrals/${choices.referral.id}`}
              kinds={kinds}
              staff={choices.staff}
              values={form.values}
              checkedStaff={form.staff}
              errors={form.errors}
            />
          </>
        )}
      </>,
    );
  }

  app.get(`${base}/new`, authorize('appointment.schedule', loadReferral), async (c) => {
    const user = currentUser(c);
    const kind = c.req.query('kind') ?? '';
    return renderNew(c, { values: { kind, participant: '1' }, staff: [user.id], errors: {} });
  });

  app.post(`${base}/new`, authorize('appointment.schedule', loadReferral), async (c) => {
    const m = messagesOf(c);
    const user = currentUser(c);
    const { values, staff } = await readAppointmentForm(c);
    const outcome = await scheduleAppointment(
      dbOf(c),
      actorOf(user),
      idParam(c),
      { ...values, staff, participant: values.participant === '1' },
      auditActor(c),
      mailSettings(c),
    );
    switch (outcome.status) {
      case 'ok':
        return c.redirect(`/referrals/${idParam(c)}/appointments?saved=1`, 303);
      case 'invalid':
        return renderNew(c, { values, staff, errors: fieldMessages(m, outcome.errors) }, 400);
      case 'not_allowed':
        return renderNew(c, { values, staff, errors: {}, message: m.notAllowed }, 409);
      case 'wrong_party':
        return renderNew(c, { values, staff, errors: {}, message: m.wrongParty }, 409);
      case 'not_found':
        return notFound(c);
    }
  });

  async function renderEdit(
    c: Context<AppEnv>,
    form: { values: FormValues; staff: readonly string[]; errors: FieldErrors; message?: string },
    status: 200 | 400 | 409 = 200,
  ) {
    const m = messagesOf(c);
    const user = currentUser(c);
    const choices = await attendeeChoices(dbOf(c), actorOf(user), idParam(c));
    if (!choices) return notFound(c);
    const appointment = await findAppointmentOfReferral(
      dbOf(c),
      choices.referral.id,
      c.req.param('appointmentId') ?? '',
    );
    if (!appointment) return notFound(c);
    return renderPage(
      c,
      { title: m.editTitle, status, breadcrumbs: breadcrumbs(c, choices.referral, m.editTitle) },
      <>
        <h1>{m.editTitle}</h1>
        <p>
          {choices.referral.facilityName} / {choices.referral.opportunityTitle}
        </p>
        {form.message ? (
          <div class="error-summary" role="alert">
            <p>{form.message}</p>
          </div>
        ) : null}
        {appointment.cancelledAt ? (
          <p>{m.alreadyCancelled}</p>
        ) : (
          <>
            <p class="hint">{m.editIntro}</p>
            <AppointmentForm
              t={c.get('t')}
              m={m}
              csrfToken={c.get('csrfToken')}
              action={`/referrals/${choices.referral.id}/appointments/${appointment.id}/edit`}
              cancelHref={`/referrals/${choices.referral.id}/appointments`}
              kinds={[appointment.kind]}
              staff={choices.staff}
              values={{ ...form.values, kind: appointment.kind }}
              checkedStaff={form.staff}
              errors={form.errors}
              submitLabel={m.edit}
            />
          </>
        )}
      </>,
    );
  }

  app.get(`${base}/${APPOINTMENT_PARAM}/edit`, authorize('appointment.schedule', loadReferral), async (c) => {
    const referral = await findReferralForActor(dbOf(c), actorOf(currentUser(c)), idParam(c));
    if (!referral) return notFound(c);
    const a = await findAppointmentOfReferral(dbOf(c), referral.id, c.req.param('appointmentId') ?? '');
    if (!a) return notFound(c);
    return renderEdit(c, {
      values: {
        date: a.date,
        start_time: a.startTime,
        end_time: a.endTime,
        place: a.place,
        note: a.note ?? '',
        others: formatOtherAttendees(a.attendees),
        participant: a.attendees.some((x) => x.party === 'participant') ? '1' : '',
      },
      staff: a.attendees.flatMap((x) => (x.userId ? [x.userId] : [])),
      errors: {},
    });
  });

  app.post(
    `${base}/${APPOINTMENT_PARAM}/edit`,
    authorize('appointment.schedule', loadReferral),
    async (c) => {
      const m = messagesOf(c);
      const { values, staff } = await readAppointmentForm(c);
      const outcome = await updateAppointment(
        dbOf(c),
        actorOf(currentUser(c)),
        idParam(c),
        c.req.param('appointmentId') ?? '',
        { ...values, staff, participant: values.participant === '1' },
        auditActor(c),
        mailSettings(c),
      );
      switch (outcome.status) {
        case 'ok':
          return c.redirect(`/referrals/${idParam(c)}/appointments?updated=1`, 303);
        case 'invalid':
          return renderEdit(c, { values, staff, errors: fieldMessages(m, outcome.errors) }, 400);
        case 'cancelled':
          return renderEdit(c, { values, staff, errors: {}, message: m.alreadyCancelled }, 409);
        case 'not_found':
          return notFound(c);
      }
    },
  );

  app.get(`${base}/${APPOINTMENT_PARAM}/cancel`, authorize('appointment.cancel', loadReferral), async (c) => {
    const m = messagesOf(c);
    const referral = await findReferralForActor(dbOf(c), actorOf(currentUser(c)), idParam(c));
    if (!referral) return notFound(c);
    const appointment = await findAppointmentOfReferral(
      dbOf(c),
      referral.id,
      c.req.param('appointmentId') ?? '',
    );
    if (!appointment) return notFound(c);
    return renderPage(
      c,
      { title: m.cancelTitle, breadcrumbs: breadcrumbs(c, referral, m.cancelTitle) },
      <>
        <h1>{m.cancelTitle}</h1>
        <p>
          {m.kinds[appointment.kind]}:{' '}
          {whenText(appointment.date, appointment.startTime, appointment.endTime)} / {appointment.place}
        </p>
        {appointment.cancelledAt ? (
          <p>{m.cancelled}</p>
        ) : (
          <form method="post" action={`/referrals/${referral.id}/appointments/${appointment.id}/cancel`}>
            <CsrfField token={c.get('csrfToken')} />
            <p>{m.cancelIntro}</p>
            <div class="button-row">
              <button type="submit" class="button">
                {m.cancelAppointment}
              </button>
              <a href={`/referrals/${referral.id}/appointments`}>{m.cancel}</a>
            </div>
          </form>
        )}
      </>,
    );
  });

  app.post(
    `${base}/${APPOINTMENT_PARAM}/cancel`,
    authorize('appointment.cancel', loadReferral),
    async (c) => {
      const outcome = await cancelAppointment(
        dbOf(c),
        actorOf(currentUser(c)),
        idParam(c),
        c.req.param('appointmentId') ?? '',
        auditActor(c),
        mailSettings(c),
      );
      if (outcome.status === 'not_found') return notFound(c);
      return c.redirect(`/referrals/${idParam(c)}/appointments?cancelled=1`, 303);
    },
  );

  return app;
}
