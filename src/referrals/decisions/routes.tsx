/**
 * The decision record pages (三者協議の記録) on a referral: the record (form while it is a
 * draft, summary afterwards), saving a draft, recording an agreement, recording that the
 * parties did not agree, and the A4 PDF for signatures. Every route names its policy action and
 * loads the referral through the scoped referral service (404 for anyone who may not see it).
 */
import { type Context, Hono } from 'hono';
import { todayInTokyo } from '../../participants/japanese-date';
import { auditActor, recordAudit } from '../../platform/audit/audit';
import { actorOf, authorize, notFound } from '../../platform/auth/guard';
import { can } from '../../platform/auth/policy';
import { currentUser, dbOf, ID_PARAM } from '../../platform/http/context';
import type { AppEnv } from '../../platform/http/env';
import { renderPage } from '../../platform/http/render';
import { renderPdf } from '../../platform/pdf/pdf';
import type { FieldErrors, FormValues } from '../../platform/ui/form';
import { breadcrumbs, loadReferral } from '../appointments/routes';
import { referralMessages } from '../messages';
import { type AgreementParty, agreementParties, type DecisionInput, mayRecordAgreement } from './decision';
import { decisionRecordDocument } from './document';
import { type DecisionMessages, decisionFieldMessages, decisionMessages } from './messages';
import {
  type DecisionView,
  getDecisionView,
  notAgreedReasons,
  recordAgreement,
  recordNotAgreed,
  saveDecisionDraft,
} from './service';
import {
  AgreementForm,
  AgreementList,
  DecisionForm,
  type DecisionFormState,
  DecisionSummary,
  formStateOf,
  NotAgreedForm,
  SupportDecisionNote,
} from './views';

function messagesOf(c: Context<AppEnv>): DecisionMessages {
  return decisionMessages[c.get('locale')];
}

function idParam(c: Context<AppEnv>): string {
  return c.req.param('id') ?? '';
}

/** Reads the posted record form (repeated names for the checkbox lists). */
export async function readDecisionForm(
  c: Context<AppEnv>,
): Promise<{ input: DecisionInput; state: Omit<DecisionFormState, 'errors'> }> {
  const body = await c.req.parseBody({ all: true });
  const text = (name: string) => {
    const value = body[name];
    return typeof value === 'string' ? value : '';
  };
  const list = (name: string) => {
    const value = body[name];
    return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
      (v): v is string => typeof v === 'string',
    );
  };
  const names = [
    'held_on',
    'attendee_agency',
    'attendee_facility',
    'attendee_council',
    'work_form',
    'start_date',
    'task_note',
    'support_note',
    'pay_note',
    'transport_note',
    'first_review_on',
    'insurance_needed',
  ];
  const values: FormValues = Object.fromEntries(names.map((n) => [n, text(n)]));
  values.attendee_participant = text('attendee_participant') === '1' ? '1' : '';
  const schedule: NonNullable<DecisionInput['schedule']> = {};
  for (let d = 1; d <= 7; d++) {
    values[`schedule_${d}_start`] = text(`schedule_${d}_start`);
    values[`schedule_${d}_end`] = text(`schedule_${d}_end`);
    schedule[d] = { start: text(`schedule_${d}_start`), end: text(`schedule_${d}_end`) };
  }
  const tasks = list('tasks');
  const supports = list('supports');
  return {
    input: {
      ...values,
      attendee_participant: values.attendee_participant === '1',
      insurance_needed: values.insurance_needed !== '0',
      schedule,
      tasks,
      supports,
    },
    state: { values, tasks, supports },
  };
}

export function decisionRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const base = `/referrals/${ID_PARAM}/meeting-record`;

  async function renderRecord(
    c: Context<AppEnv>,
    view: DecisionView,
    forms: {
      draft?: DecisionFormState;
      agreement?: { values: FormValues; errors: FieldErrors };
      notAgreed?: { values: FormValues; errors: FieldErrors };
      message?: string;
    } = {},
    status: 200 | 400 | 409 = 200,
  ) {
    const m = messagesOf(c);
    const locale = c.get('locale');
    const rm = referralMessages[locale];
    const user = currentUser(c);
    const actor = actorOf(user);
    const subject = { kind: 'referral' as const, ...view.referral };
    const { record, referral } = view;
    const mayWrite = view.editable && can(actor, 'meeting_record.write', subject);
    const mayAgree = view.editable && can(actor, 'meeting_record.agree', subject);
    const agreeable = agreementParties.filter(
      (p): p is AgreementParty => mayRecordAgreement(view.party, p) && !record?.agreements[p].on,
    );
    const notice = (() => {
      const q = (name: string) => c.req.query(name);
      if (q('saved')) return q('cleared') ? m.savedCleared : m.saved;
      if (q('agreement')) return m.agreementRecorded;
      if (q('agreed')) return q('awaiting') ? m.agreedAwaiting : m.agreed;
      if (q('not_agreed')) return m.notAgreedRecorded;
      return undefined;
    })();
    const reasons = mayAgree ? await notAgreedReasons(dbOf(c)) : [];
    return renderPage(
      c,
      { title: m.title, status, breadcrumbs: breadcrumbs(c, referral, m.title) },
      <>
        <h1>{m.title}</h1>
        <p>
          {referral.corporationName} {referral.facilityName} / {referral.opportunityTitle}
        </p>
        <p>
          {rm.listTitle}: <span class="tag">{rm.states[referral.state]}</span>
          {record ? (
            <>
              {' '}
              <span class="tag">{m.outcomes[record.outcome]}</span>
            </>
          ) : null}
        </p>
        {notice ? (
          <div class="notice" role="status">
            <p>{notice}</p>
          </div>
        ) : null}
        {forms.message ? (
          <div class="error-summary" role="alert">
            <p>{forms.message}</p>
          </div>
        ) : null}
        <p class="hint">{m.intro}</p>
        {record ? (
          <p>
            <a href={`/referrals/${referral.id}/meeting-record.pdf`}>{m.pdf}</a>
          </p>
        ) : null}
        {record?.placementId ? (
          <p>
            <a href={`/placements/${record.placementId}`}>{m.placementLink}</a>
          </p>
        ) : null}
        <SupportDecisionNote
          m={m}
          workForm={forms.draft?.values.work_form || record?.workForm || null}
          inPlace={view.supportDecisionInPlace}
        />
        {mayWrite ? (
          <DecisionForm
            t={c.get('t')}
            m={m}
            locale={locale}
            csrfToken={c.get('csrfToken')}
            action={`/referrals/${referral.id}/meeting-record`}
            offeredForms={view.facts.workForms}
            windows={view.facts.windows}
            state={forms.draft ?? formStateOf(record)}
          />
        ) : record ? (
          <DecisionSummary m={m} locale={locale} record={record} />
        ) : (
          <p>{view.editable ? m.notYet : m.notEditable}</p>
        )}
        <section aria-labelledby="agreements-title">
          <h2 id="agreements-title">{m.sections.agreements}</h2>
          <AgreementList m={m} locale={locale} record={record} />
          {mayAgree && record && agreeable.length > 0 ? (
            <AgreementForm
              t={c.get('t')}
              m={m}
              csrfToken={c.get('csrfToken')}
              action={`/referrals/${referral.id}/meeting-record/agreements`}
              parties={agreeable}
              values={forms.agreement?.values ?? { agreed_on: todayInTokyo(), party: agreeable[0] ?? '' }}
              errors={forms.agreement?.errors ?? {}}
            />
          ) : null}
        </section>
        {mayAgree && reasons.length > 0 ? (
          <section aria-labelledby="not-agreed-title">
            <h2 id="not-agreed-title">{m.sections.notAgreed}</h2>
            <NotAgreedForm
              t={c.get('t')}
              m={m}
              locale={locale}
              csrfToken={c.get('csrfToken')}
              action={`/referrals/${referral.id}/meeting-record/not-agreed`}
              reasons={reasons}
              values={forms.notAgreed?.values ?? {}}
              errors={forms.notAgreed?.errors ?? {}}
            />
          </section>
        ) : null}
        <p>
          <a href={`/referrals/${referral.id}`}>{referral.opportunityTitle}</a>
        </p>
      </>,
    );
  }

  app.get(base, authorize('meeting_record.read', loadReferral), async (c) => {
    const view = await getDecisionView(dbOf(c), actorOf(currentUser(c)), idParam(c));
    if (!view) return notFound(c);
    return renderRecord(c, view);
  });

  app.post(base, authorize('meeting_record.write', loadReferral), async (c) => {
    const m = messagesOf(c);
    const actor = actorOf(currentUser(c));
    const { input, state } = await readDecisionForm(c);
    const outcome = await saveDecisionDraft(dbOf(c), actor, idParam(c), input, auditActor(c));
    if (outcome.status === 'ok')
      return c.redirect(
        `/referrals/${idParam(c)}/meeting-record?saved=1${outcome.agreementsCleared ? '&cleared=1' : ''}`,
        303,
      );
    const view = await getDecisionView(dbOf(c), actor, idParam(c));
    if (!view || outcome.status === 'not_found') return notFound(c);
    if (outcome.status === 'not_allowed') return renderRecord(c, view, { message: m.notAllowed }, 409);
    return renderRecord(
      c,
      view,
      { draft: { ...state, errors: decisionFieldMessages(m, outcome.errors) } },
      400,
    );
  });

  app.post(`${base}/agreements`, authorize('meeting_record.agree', loadReferral), async (c) => {
    const m = messagesOf(c);
    const actor = actorOf(currentUser(c));
    const body = await c.req.parseBody();
    const values = {
      party: typeof body.party === 'string' ? body.party : '',
      agreed_on: typeof body.agreed_on === 'string' ? body.agreed_on : '',
    };
    const outcome = await recordAgreement(dbOf(c), actor, idParam(c), values, auditActor(c));
    const id = idParam(c);
    switch (outcome.status) {
      case 'recorded':
        return c.redirect(`/referrals/${id}/meeting-record?agreement=1`, 303);
      case 'agreed':
        return c.redirect(
          `/referrals/${id}/meeting-record?agreed=1${outcome.placementStatus === 'awaiting_support_decision' ? '&awaiting=1' : ''}`,
          303,
        );
      case 'no_open_place':
      case 'opportunity_not_open': {
        const noPlace = outcome.status === 'no_open_place';
        return renderPage(
          c,
          { title: noPlace ? m.noOpenPlace : m.opportunityNotOpen, status: 409 },
          <>
            <h1>{noPlace ? m.noOpenPlace : m.opportunityNotOpen}</h1>
            {noPlace ? <p>{m.noOpenPlaceDetail}</p> : null}
            <p>
              <a class="button" href={`/referrals/${id}/meeting-record`}>
                {m.backToRecord}
              </a>
            </p>
          </>,
        );
      }
      case 'not_found':
        return notFound(c);
    }
    const view = await getDecisionView(dbOf(c), actor, id);
    if (!view) return notFound(c);
    if (outcome.status === 'invalid')
      return renderRecord(
        c,
        view,
        { agreement: { values, errors: decisionFieldMessages(m, outcome.errors) } },
        400,
      );
    if (outcome.status === 'incomplete') {
      const state = formStateOf(view.record);
      return renderRecord(
        c,
        view,
        { message: m.incomplete, draft: { ...state, errors: decisionFieldMessages(m, outcome.errors) } },
        400,
      );
    }
    return renderRecord(
      c,
      view,
      { message: outcome.status === 'wrong_party' ? m.wrongParty : m.notAllowed },
      409,
    );
  });

  app.post(`${base}/not-agreed`, authorize('meeting_record.agree', loadReferral), async (c) => {
    const m = messagesOf(c);
    const actor = actorOf(currentUser(c));
    const body = await c.req.parseBody();
    const values = {
      reason: typeof body.reason === 'string' ? body.reason : '',
      note: typeof body.note === 'string' ? body.note : '',
    };
    const outcome = await recordNotAgreed(dbOf(c), actor, idParam(c), values, auditActor(c));
    if (outcome.status === 'ok')
      return c.redirect(`/referrals/${idParam(c)}/meeting-record?not_agreed=1`, 303);
    if (outcome.status === 'not_found') return notFound(c);
    const view = await getDecisionView(dbOf(c), actor, idParam(c));
    if (!view) return notFound(c);
    if (outcome.status === 'invalid')
      return renderRecord(
        c,
        view,
        { notAgreed: { values, errors: decisionFieldMessages(m, outcome.errors) } },
        400,
      );
    return renderRecord(
      c,
      view,
      { message: outcome.status === 'wrong_party' ? m.wrongParty : m.notAllowed },
      409,
    );
  });

  app.get(
    `/referrals/${ID_PARAM}/meeting-record.pdf`,
    authorize('meeting_record.read', loadReferral),
    async (c) => {
      const view = await getDecisionView(dbOf(c), actorOf(currentUser(c)), idParam(c));
      if (!view?.record) return notFound(c);
      await recordAudit(dbOf(c), {
        ...auditActor(c),
        action: 'meeting_record.print',
        subjectType: 'referral',
        subjectId: view.referral.id,
      });
      const pdf = await renderPdf(
        decisionRecordDocument({
          record: view.record,
          facts: {
            opportunityTitle: view.facts.opportunityTitle,
            facilityName: view.facts.facilityName,
            corporationName: view.facts.corporationName,
            agencyName: view.facts.agencyName,
          },
          supportDecisionInPlace: view.supportDecisionInPlace,
        }),
      );
      c.header('content-type', 'application/pdf');
      c.header('content-disposition', `attachment; filename="meeting-record-${view.referral.id}.pdf"`);
      c.header('cache-control', 'no-store');
      c.header('x-content-type-options', 'nosniff');
      return c.body(new Uint8Array(pdf));
    },
  );

  return app;
}
