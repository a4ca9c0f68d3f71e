/**
 * The new-request form (from a participant's page or a match result): choosing an opportunity,
 * the form with a first proposal of days and the data groups consent covers, and creating the
 * referral (sent at once, or kept as a draft) with its refusals shown on the form.
 */
import type { Context, Hono } from 'hono';
import { consentDataGroups } from '../../participants/consents/consent';
import { readParticipant } from '../../participants/service';
import { auditActor } from '../../platform/audit/audit';
import { actorOf, authorize, forbidden, notFound } from '../../platform/auth/guard';
import { newId } from '../../platform/db/time';
import { currentUser, dbOf, ID_PARAM } from '../../platform/http/context';
import type { AppEnv } from '../../platform/http/env';
import { renderPage } from '../../platform/http/render';
import type { FieldErrors, FormValues } from '../../platform/ui/form';
import { idParam, loadParticipant, messagesOf } from '../http-context';
import type { ReferralMessages } from '../messages';
import { type DayRows, dayRowsOf, dayRowsOfSchedule, type ReferralErrors } from '../referral-form';
import { createReferral } from '../service/create';
import { candidatesForReferral, opportunityForReferral, proposedScheduleFor } from '../service/form-choices';
import { coveredGroups } from '../service/shared-data';
import { ChooseOpportunity, ReferralFormView } from '../views/form-page';

function errorMessages(m: ReferralMessages, errors: ReferralErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, code] of Object.entries(errors)) {
    const field = key.startsWith('schedule.') ? 'schedule' : key;
    out[field] = m.errors[code];
  }
  return out;
}

/** Why the request cannot be sent, shown above the form. */
type Refusal = { message: string; details: string[]; consentLink: boolean };

async function renderForm(
  c: Context<AppEnv>,
  opportunityId: string | undefined,
  form: {
    values: FormValues;
    dayRows: DayRows;
    checked?: string[];
    errors: FieldErrors;
    refusal?: Refusal;
  },
  status: 200 | 400 = 200,
) {
  const t = c.get('t');
  const m = messagesOf(c);
  const db = dbOf(c);
  const actor = actorOf(currentUser(c));
  const participant = await readParticipant(db, actor, idParam(c), auditActor(c), 'referral-form');
  if (!participant) return notFound(c);
  const crumbs = [
    { label: t.home, href: '/dashboard' },
    { label: participant.name, href: `/participants/${participant.id}` },
    { label: m.newTitle },
  ];
  const opportunity = opportunityId ? await opportunityForReferral(db, opportunityId) : undefined;
  if (!opportunity) {
    if (opportunityId) return notFound(c);
    const choices = await candidatesForReferral(db, participant.id);
    return renderPage(
      c,
      { title: m.newTitle, breadcrumbs: crumbs },
      <>
        <h1>{m.newTitle}</h1>
        <p>{participant.name}</p>
        <p>{m.newIntro}</p>
        <ChooseOpportunity m={m} participantId={participant.id} choices={choices} />
      </>,
    );
  }
  const covered = await coveredGroups(
    db,
    participant.id,
    { corporationId: opportunity.corporationId, facilityId: opportunity.facilityId },
    consentDataGroups,
  );
  const unavailable = !['published', 'full'].includes(opportunity.status) || !opportunity.facilityActive;
  return renderPage(
    c,
    { title: m.newTitle, breadcrumbs: crumbs, status },
    <>
      <h1>{m.newTitle}</h1>
      <p>{participant.name}</p>
      <p>{m.newIntro}</p>
      <ReferralFormView
        t={t}
        m={m}
        locale={c.get('locale')}
        csrfToken={c.get('csrfToken')}
        participantId={participant.id}
        opportunity={{
          id: opportunity.id,
          title: opportunity.title,
          facilityName: opportunity.facilityName,
        }}
        values={form.values}
        dayRows={form.dayRows}
        checkedGroups={form.checked ?? covered}
        coveredGroups={covered}
        uncoveredGroups={consentDataGroups.filter((g) => !covered.includes(g))}
        errors={form.errors}
        refusal={
          form.refusal ??
          (unavailable ? { message: m.opportunityUnavailable, details: [], consentLink: false } : undefined)
        }
      />
    </>,
  );
}

export function registerNewReferralPages(app: Hono<AppEnv>): void {
  app.get(
    `/participants/${ID_PARAM}/referrals/new`,
    authorize('referral.create', loadParticipant),
    async (c) => {
      const opportunityId = c.req.query('opportunity') || undefined;
      const proposal =
        opportunityId && /^[0-9a-f-]{36}$/.test(opportunityId)
          ? await proposedScheduleFor(dbOf(c), actorOf(currentUser(c)), idParam(c), opportunityId)
          : [];
      return renderForm(c, opportunityId, {
        values: { idempotency_key: newId() },
        dayRows: dayRowsOfSchedule(proposal),
        errors: {},
      });
    },
  );

  app.post(
    `/participants/${ID_PARAM}/referrals`,
    authorize('referral.create', loadParticipant),
    async (c) => {
      const m = messagesOf(c);
      const body = await c.req.parseBody({ all: true });
      const one = (key: string) => {
        const v = body[key];
        return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
      };
      const groups = ([] as unknown[])
        .concat(body.data_groups ?? [])
        .filter((v): v is string => typeof v === 'string');
      const dayRows = dayRowsOf(body as Record<string, unknown>);
      const values: FormValues = {
        message: one('message'),
        proposed_start_date: one('proposed_start_date'),
        idempotency_key: one('idempotency_key'),
      };
      const opportunityId = one('opportunity_id');
      const outcome = await createReferral(
        dbOf(c),
        actorOf(currentUser(c)),
        idParam(c),
        {
          opportunityId,
          message: values.message,
          proposedStartDate: values.proposed_start_date,
          schedule: dayRows,
          dataGroups: groups,
          idempotencyKey: values.idempotency_key,
        },
        auditActor(c),
        { send: one('intent') !== 'draft' },
      );
      // The form again, as it was sent, with what was wrong with it.
      const again = (errors: FieldErrors, refusal?: Refusal) =>
        renderForm(c, opportunityId || undefined, { values, dayRows, checked: groups, errors, refusal }, 400);
      switch (outcome.status) {
        case 'ok': {
          const flag = outcome.repeated ? 'repeated' : outcome.state === 'draft' ? 'drafted' : 'sent';
          return c.redirect(`/referrals/${outcome.id}?${flag}=1`, 303);
        }
        case 'invalid':
          if (outcome.errors.opportunity_id && !/^[0-9a-f-]{36}$/.test(opportunityId)) return notFound(c);
          return again(errorMessages(m, outcome.errors));
        case 'consent_refused':
          return again(
            {},
            {
              message: m.consentRefused,
              details: outcome.reasons.map((r) => (m.consentReasons as Record<string, string>)[r] ?? r),
              consentLink: true,
            },
          );
        case 'already_open':
          return c.redirect(`/referrals/${outcome.id}?open=1`, 303);
        case 'opportunity_unavailable':
          return again({}, { message: m.opportunityUnavailable, details: [], consentLink: false });
        case 'case_not_active':
          return again({}, { message: m.caseNotActive, details: [], consentLink: false });
        case 'forbidden':
          return forbidden(c);
        case 'not_found':
          return notFound(c);
      }
    },
  );
}
