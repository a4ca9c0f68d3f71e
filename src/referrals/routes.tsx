/**
 * Referral pages (受け入れ依頼): the work list per party, the new-request form (from a
 * participant's page or a match result), a referral's page with its actions, timeline, thread
 * and shared data, and the council's closing-reason list. Every route names its policy action;
 * the subject is loaded through the scoped store, so a referral of another facility, agency or
 * corporation is a 404.
 */
import { type Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { consentDataGroups } from '../participants/consents/consent';
import { todayInTokyo } from '../participants/japanese-date';
import { getParticipantSubject, readParticipant } from '../participants/service';
import { auditActor } from '../platform/audit/audit';
import { actorOf, authorize, forbidden, notFound } from '../platform/auth/guard';
import { newId } from '../platform/db/time';
import { currentUser, dbOf, ID_PARAM } from '../platform/http/context';
import type { AppEnv, CurrentUser } from '../platform/http/env';
import { renderPage } from '../platform/http/render';
import type { FieldErrors, FormValues } from '../platform/ui/form';
import { type ReferralMessages, referralMessages } from './messages';
import { type DayRows, dayRowsOf, dayRowsOfSchedule, type ReferralErrors } from './referral-form';
import {
  type CloseReason,
  candidatesForReferral,
  closeReasons,
  coveredGroups,
  createReferral,
  listReferralsFor,
  openReferral,
  opportunityForReferral,
  postReferralMessage,
  proposedScheduleFor,
  readSharedData,
  referralCountsByState,
  referralSubject,
  saveCloseReasons,
  sendReferral,
  threadOf,
  timelineOf,
  transitionReferral,
} from './service';
import {
  allowedEvents,
  awaitingFacility,
  isTerminal,
  partyOfRole,
  type ReferralEvent,
  type ReferralState,
  referralEvents,
  referralStates,
} from './state-machine';
import { ReferralPage } from './views/detail-page';
import { ChooseOpportunity, ReferralFormView } from './views/form-page';
import { ReasonsForm, StateFilter, StateSummary, WorkListTable } from './views/lists';

const self = () => ({ kind: 'self' }) as const;
const council = () => ({ kind: 'council' }) as const;

function messagesOf(c: Context<AppEnv>): ReferralMessages {
  return referralMessages[c.get('locale')];
}

function idParam(c: Context<AppEnv>): string {
  return c.req.param('id') ?? '';
}

function loadParticipant(c: Context<AppEnv>, user: CurrentUser) {
  return getParticipantSubject(dbOf(c), actorOf(user), idParam(c));
}

function loadReferral(c: Context<AppEnv>, user: CurrentUser) {
  return referralSubject(dbOf(c), actorOf(user), idParam(c));
}

/**
 * Events a person may take from the page. Scheduling links to the appointment form (which makes
 * the transition with a date and place); agreeing or not is the meeting record's (三者協議の記録).
 */
function pageEvents(state: ReferralState, role: string): ReferralEvent[] {
  return allowedEvents(state, partyOfRole(role)).filter(
    (e) => e !== 'view' && e !== 'agree' && e !== 'not_agree' && e !== 'send',
  );
}

function errorMessages(m: ReferralMessages, errors: ReferralErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, code] of Object.entries(errors)) {
    const field = key.startsWith('schedule.') ? 'schedule' : key;
    out[field] = m.errors[code];
  }
  return out;
}

export function referralRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  // ── Work lists ──────────────────────────────────────────────────────────────────────────────
  app.get('/referrals', authorize('referral.list', self), async (c) => {
    const t = c.get('t');
    const m = messagesOf(c);
    const locale = c.get('locale');
    const actor = actorOf(currentUser(c));
    const party = partyOfRole(actor.role);
    const stateQuery = c.req.query('state') ?? '';
    const state = referralStates.find((s) => s === stateQuery);
    const db = dbOf(c);
    const today = todayInTokyo();
    const stalledAfter = c.get('services').config.referralPeriods.reminderBusinessDays;
    const list = (states?: readonly ReferralState[]) =>
      listReferralsFor(db, actor, { states, limit: 200, offset: 0 }, auditActor(c));
    const intro =
      party === 'agency'
        ? m.listIntroAgency
        : party === 'facility'
          ? m.listIntroFacility
          : m.listIntroCouncil;
    let body: Child;
    if (state) {
      const { items, total } = await list([state]);
      body = (
        <>
          <p>{m.count(total)}</p>
          {items.length === 0 ? (
            <p>{m.empty}</p>
          ) : (
            <WorkListTable
              m={m}
              locale={locale}
              party={party}
              items={items}
              today={today}
              stalledAfter={stalledAfter}
              caption={m.states[state]}
            />
          )}
        </>
      );
    } else if (party === 'facility') {
      const waiting = await list(awaitingFacility);
      const others = await list(referralStates.filter((s) => !awaitingFacility.includes(s)));
      body = (
        <>
          <h2>
            {m.waitingForYou}({m.count(waiting.total)})
          </h2>
          {waiting.items.length === 0 ? (
            <p>{m.empty}</p>
          ) : (
            <WorkListTable
              m={m}
              locale={locale}
              party={party}
              items={[...waiting.items].reverse()}
              today={today}
              stalledAfter={stalledAfter}
              caption={m.waitingForYou}
            />
          )}
          <h2>{m.listTitle}</h2>
          {others.items.length === 0 ? (
            <p>{m.empty}</p>
          ) : (
            <WorkListTable
              m={m}
              locale={locale}
              party={party}
              items={others.items}
              today={today}
              stalledAfter={stalledAfter}
              caption={m.listTitle}
            />
          )}
        </>
      );
    } else if (party === 'agency') {
      const { items, total } = await list();
      const groups = referralStates
        .map((s) => ({ state: s, items: items.filter((i) => i.state === s) }))
        .filter((g) => g.items.length > 0);
      body = (
        <>
          <p>{m.count(total)}</p>
          {groups.length === 0 ? <p>{m.empty}</p> : null}
          {groups.map((g) => (
            <>
              <h2>
                {m.states[g.state]}({m.count(g.items.length)})
              </h2>
              <WorkListTable
                m={m}
                locale={locale}
                party={party}
                items={g.items}
                today={today}
                stalledAfter={stalledAfter}
                caption={m.states[g.state]}
              />
            </>
          ))}
        </>
      );
    } else {
      const { items, total } = await list();
      body = (
        <>
          <p>
            <a href="/referrals/reasons">{m.reasonsLink}</a>
          </p>
          <StateSummary m={m} counts={await referralCountsByState(db, actor)} today={today} />
          <h2>{m.stalledFirst}</h2>
          <p>{m.count(total)}</p>
          {items.length === 0 ? (
            <p>{m.empty}</p>
          ) : (
            <WorkListTable
              m={m}
              locale={locale}
              party={party}
              items={items}
              today={today}
              stalledAfter={stalledAfter}
              caption={m.listTitle}
            />
          )}
        </>
      );
    }
    return renderPage(
      c,
      { title: m.listTitle, breadcrumbs: [{ label: t.home, href: '/dashboard' }, { label: m.listTitle }] },
      <>
        <h1>{m.listTitle}</h1>
        <p>{intro}</p>
        <StateFilter m={m} state={state ?? ''} />
        {body}
      </>,
    );
  });

  // ── New request ─────────────────────────────────────────────────────────────────────────────
  async function renderForm(
    c: Context<AppEnv>,
    opportunityId: string | undefined,
    form: {
      values: FormValues;
      dayRows: DayRows;
      checked?: string[];
      errors: FieldErrors;
      refusal?: { message: string; details: string[]; consentLink: boolean };
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
      const again = (form: Parameters<typeof renderForm>[2]) =>
        renderForm(c, opportunityId || undefined, form, 400);
      switch (outcome.status) {
        case 'ok': {
          const flag = outcome.repeated ? 'repeated' : outcome.state === 'draft' ? 'drafted' : 'sent';
          return c.redirect(`/referrals/${outcome.id}?${flag}=1`, 303);
        }
        case 'invalid':
          if (outcome.errors.opportunity_id && !/^[0-9a-f-]{36}$/.test(opportunityId)) return notFound(c);
          return again({ values, dayRows, checked: groups, errors: errorMessages(m, outcome.errors) });
        case 'consent_refused':
          return again({
            values,
            dayRows,
            checked: groups,
            errors: {},
            refusal: {
              message: m.consentRefused,
              details: outcome.reasons.map((r) => (m.consentReasons as Record<string, string>)[r] ?? r),
              consentLink: true,
            },
          });
        case 'already_open':
          return c.redirect(`/referrals/${outcome.id}?open=1`, 303);
        case 'opportunity_unavailable':
          return again({
            values,
            dayRows,
            checked: groups,
            errors: {},
            refusal: { message: m.opportunityUnavailable, details: [], consentLink: false },
          });
        case 'case_not_active':
          return again({
            values,
            dayRows,
            checked: groups,
            errors: {},
            refusal: { message: m.caseNotActive, details: [], consentLink: false },
          });
        case 'forbidden':
          return forbidden(c);
        case 'not_found':
          return notFound(c);
      }
    },
  );

  // ── A referral's page ───────────────────────────────────────────────────────────────────────
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
    const shared =
      party === 'facility' ? await readSharedData(db, actor, referral, auditActor(c)) : undefined;
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

  // ── Closing reasons (council) ───────────────────────────────────────────────────────────────
  async function renderReasons(
    c: Context<AppEnv>,
    errors: FieldErrors,
    reasons?: CloseReason[],
    status: 200 | 400 = 200,
  ) {
    const t = c.get('t');
    const m = messagesOf(c);
    const list = reasons ?? (await closeReasons(dbOf(c)));
    return renderPage(
      c,
      {
        title: m.reasonsTitle,
        status,
        breadcrumbs: [
          { label: t.home, href: '/dashboard' },
          { label: m.listTitle, href: '/referrals' },
          { label: m.reasonsTitle },
        ],
      },
      <>
        <h1>{m.reasonsTitle}</h1>
        {c.req.query('saved') ? (
          <div class="notice filter-panel" role="status">
            <p>{m.reasonsSaved}</p>
          </div>
        ) : null}
        <p>{m.reasonsIntro}</p>
        <ReasonsForm t={t} m={m} csrfToken={c.get('csrfToken')} reasons={list} errors={errors} />
      </>,
    );
  }

  app.get('/referrals/reasons', authorize('referral_reason.manage', council), (c) => renderReasons(c, {}));

  app.post('/referrals/reasons', authorize('referral_reason.manage', council), async (c) => {
    const m = messagesOf(c);
    const body = await c.req.parseBody();
    const raw = (k: string) =>
      typeof body[k] === 'string' ? (body[k] as string).normalize('NFKC').trim() : '';
    const reasons: CloseReason[] = [];
    for (let i = 0; i < 200; i += 1) {
      if (!(`reason_${i}_code` in body)) break;
      const code = raw(`reason_${i}_code`);
      const labelJa = raw(`reason_${i}_label_ja`);
      const labelEn = raw(`reason_${i}_label_en`);
      // The empty row for a new reason is left out when nothing was typed into it.
      if (code === '' && labelJa === '' && labelEn === '') continue;
      reasons.push({
        code,
        labelJa,
        labelEn,
        forDeclined: raw(`reason_${i}_for_declined`) === '1',
        forNotAgreed: raw(`reason_${i}_for_not_agreed`) === '1',
        forWithdrawn: raw(`reason_${i}_for_withdrawn`) === '1',
        active: raw(`reason_${i}_active`) === '1',
        sortOrder: Number.parseInt(raw(`reason_${i}_sort_order`), 10) || 0,
      });
    }
    const outcome = await saveCloseReasons(dbOf(c), actorOf(currentUser(c)), reasons, auditActor(c));
    if (outcome.status === 'forbidden') return forbidden(c);
    if (outcome.status === 'invalid') {
      const errors: FieldErrors = {};
      for (const [k, code] of Object.entries(outcome.errors)) errors[k] = m.errors[code];
      return renderReasons(c, errors, reasons, 400);
    }
    return c.redirect('/referrals/reasons?saved=1', 303);
  });

  return app;
}
