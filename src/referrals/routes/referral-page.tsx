/**
 * A referral's page: the referral with its actions, timeline, thread and (facility) the shared
 * data, and the forms it posts: send a draft, a transition, a message or mediation note. The
 * facility's first open marks it viewed.
 */
import type { Context, Hono } from 'hono';
import { readParticipant } from '../../participants/service';
import { auditActor } from '../../platform/audit/audit';
import { actorOf, authorize, forbidden, notFound } from '../../platform/auth/guard';
import { currentUser, dbOf, ID_PARAM } from '../../platform/http/context';
import type { AppEnv } from '../../platform/http/env';
import { renderPage } from '../../platform/http/render';
import type { FieldErrors } from '../../platform/ui/form';
import { idParam, loadReferral, messagesOf } from '../http-context';
import { closeReasons } from '../service/close-reasons';
import { sendReferral } from '../service/create';
import { readSharedData } from '../service/shared-data';
import { postReferralMessage, threadOf, timelineOf } from '../service/thread';
import { openReferral, transitionReferral } from '../service/transitions';
import {
  allowedEvents,
  isTerminal,
  partyOfRole,
  type ReferralEvent,
  type ReferralState,
  referralEvents,
} from '../state-machine';
import type { CloseReason } from '../store/close-reasons';
import { ReferralPage } from '../views/detail-page';

/**
 * Events a person may take from the page. Scheduling links to the appointment form (which makes
 * the transition with a date and place); agreeing or not is the meeting record's (三者協議の記録).
 */
function pageEvents(state: ReferralState, role: string): ReferralEvent[] {
  return allowedEvents(state, partyOfRole(role)).filter(
    (e) => e !== 'view' && e !== 'agree' && e !== 'not_agree' && e !== 'send',
  );
}

async function renderReferral(
  c: Context<AppEnv>,
  form: { errors: FieldErrors; values: Record<string, string> },
  status: 200 | 400 | 409 = 200,
) {
  const t = c.get('t');
  const m = messagesOf(c);
  const locale = c.get('locale');
  const db = dbOf(c);
  const user = currentUser(c);
  const actor = actorOf(user);
  const referral = await openReferral(db, actor, idParam(c), auditActor(c));
  if (!referral) return notFound(c);
  const party = partyOfRole(actor.role);
  const [reasons, timeline, thread] = await Promise.all([
    closeReasons(db),
    timelineOf(db, referral),
    threadOf(db, referral),
  ]);
  const participantName =
    party === 'agency'
      ? (await readParticipant(db, actor, referral.participantId, auditActor(c), 'referral'))?.name
      : undefined;
  const shared = party === 'facility' ? await readSharedData(db, actor, referral, auditActor(c)) : undefined;
  const notice = [
    c.req.query('sent') ? m.sent : null,
    c.req.query('drafted') ? m.drafted : null,
    c.req.query('repeated') ? m.alreadySent : null,
    c.req.query('open') ? m.alreadyOpen : null,
    c.req.query('moved') ? m.transitioned : null,
    c.req.query('posted') ? (party === 'council' ? m.notePosted : m.messagePosted) : null,
  ]
    .filter(Boolean)
    .join(' ');
  return renderPage(
    c,
    {
      title: `${m.detailTitle}:${referral.opportunityTitle}`,
      status,
      breadcrumbs: [
        { label: t.home, href: '/dashboard' },
        { label: m.listTitle, href: '/referrals' },
        { label: referral.opportunityTitle },
      ],
    },
    <ReferralPage
      t={t}
      m={m}
      locale={locale}
      csrfToken={c.get('csrfToken')}
      referral={referral}
      party={party}
      participantName={participantName}
      events={isTerminal(referral.state) ? [] : pageEvents(referral.state, actor.role)}
      reasons={reasons as CloseReason[]}
      timeline={timeline}
      thread={thread}
      shared={shared}
      notice={notice || undefined}
      errors={form.errors}
      values={form.values}
    />,
  );
}

export function registerReferralPage(app: Hono<AppEnv>): void {
  app.get(`/referrals/${ID_PARAM}`, authorize('referral.read', loadReferral), (c) =>
    renderReferral(c, { errors: {}, values: {} }),
  );

  app.post(`/referrals/${ID_PARAM}/send`, authorize('referral.transition', loadReferral), async (c) => {
    const m = messagesOf(c);
    const outcome = await sendReferral(dbOf(c), actorOf(currentUser(c)), idParam(c), auditActor(c));
    switch (outcome.status) {
      case 'ok':
        return c.redirect(`/referrals/${idParam(c)}?sent=1`, 303);
      case 'not_found':
        return notFound(c);
      case 'consent_refused': {
        const details = outcome.reasons.map((r) => (m.consentReasons as Record<string, string>)[r] ?? r);
        return renderReferral(
          c,
          { errors: { form: `${m.consentRefused} ${details.join(' ')}` }, values: {} },
          400,
        );
      }
      case 'opportunity_unavailable':
        return renderReferral(c, { errors: { form: m.opportunityUnavailable }, values: {} }, 400);
      case 'case_not_active':
        return renderReferral(c, { errors: { form: m.caseNotActive }, values: {} }, 400);
      case 'not_allowed':
        return renderReferral(c, { errors: { form: m.notAllowed }, values: {} }, 409);
      case 'already_open':
        return c.redirect(`/referrals/${outcome.id}?open=1`, 303);
    }
  });

  app.post(
    `/referrals/${ID_PARAM}/transitions`,
    authorize('referral.transition', loadReferral),
    async (c) => {
      const m = messagesOf(c);
      const body = await c.req.parseBody();
      const raw = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
      const event = referralEvents.find((e) => e === raw('event'));
      const values = { event: raw('event'), reason_code: raw('reason_code'), note: raw('note') };
      if (!event || event === 'agree' || event === 'send' || event === 'view' || event === 'expire') {
        return renderReferral(c, { errors: { form: m.notAllowed }, values }, 409);
      }
      const result = await transitionReferral(
        dbOf(c),
        actorOf(currentUser(c)),
        idParam(c),
        event,
        { reasonCode: values.reason_code || undefined, note: values.note || undefined },
        auditActor(c),
      );
      if (result.ok) return c.redirect(`/referrals/${idParam(c)}?moved=1`, 303);
      switch (result.reason) {
        case 'not_found':
          return notFound(c);
        case 'reason_required':
          return renderReferral(c, { errors: { [`${event}-reason_code`]: m.reasonRequired }, values }, 400);
        case 'wrong_party':
          return renderReferral(c, { errors: { form: m.wrongParty }, values }, 409);
        case 'not_allowed':
          return renderReferral(c, { errors: { form: m.notAllowed }, values }, 409);
      }
    },
  );

  app.post(`/referrals/${ID_PARAM}/messages`, authorize('referral.read', loadReferral), async (c) => {
    const m = messagesOf(c);
    const body = await c.req.parseBody();
    const text = typeof body.body === 'string' ? body.body : '';
    const outcome = await postReferralMessage(
      dbOf(c),
      actorOf(currentUser(c)),
      idParam(c),
      text,
      auditActor(c),
    );
    switch (outcome.status) {
      case 'ok':
        return c.redirect(`/referrals/${idParam(c)}?posted=1#thread`, 303);
      case 'invalid':
        return renderReferral(
          c,
          {
            errors: { body: outcome.errors.body === 'required' ? m.errors.required : m.errors.tooLong },
            values: { body: text },
          },
          400,
        );
      case 'forbidden':
        return forbidden(c);
      case 'not_found':
        return notFound(c);
    }
  });
}
