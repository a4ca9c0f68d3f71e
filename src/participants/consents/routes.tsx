/**
 * Consent pages on a participant: the list (with status), recording a consent, recording a
 * withdrawal, and the printable consent form (PDF). Every route names its policy action and
 * loads the participant through the scoped store: another agency's participant, or a consent
 * of another participant, is a 404. Reads are audited (participant.read view 'consents',
 * consent.form_download), and so are changes (consent.record, consent.revoke).
 */
import { type Context, Hono } from 'hono';
import { auditActor } from '../../platform/audit/audit';
import { actorOf, authorize, forbidden, notFound } from '../../platform/auth/guard';
import { currentUser, dbOf, ID_PARAM } from '../../platform/http/context';
import type { AppEnv, CurrentUser } from '../../platform/http/env';
import { readForm } from '../../platform/http/form';
import { renderPage } from '../../platform/http/render';
import { renderPdf } from '../../platform/pdf/pdf';
import type { FieldErrors, FormValues } from '../../platform/ui/form';
import { todayInTokyo } from '../japanese-date';
import { participantMessages } from '../messages';
import { getParticipantSubject, readParticipant } from '../service';
import { DEFAULT_PURPOSE, oneYearFrom } from './consent';
import { consentFormDocument } from './document';
import { type ConsentMessages, consentFieldMessages, consentMessages } from './messages';
import {
  getConsent,
  listConsentsOf,
  readConsentForm,
  recipientChoices,
  recordConsent,
  revokeConsent,
} from './service';
import { ConsentForm, ConsentTable, RevokeForm } from './views';

const CONSENT_PARAM = ':consentId{[0-9a-f-]{36}}';

function messagesOf(c: Context<AppEnv>): ConsentMessages {
  return consentMessages[c.get('locale')];
}

function idParam(c: Context<AppEnv>): string {
  return c.req.param('id') ?? '';
}

function consentParam(c: Context<AppEnv>): string {
  return c.req.param('consentId') ?? '';
}

function loadParticipant(c: Context<AppEnv>, user: CurrentUser) {
  return getParticipantSubject(dbOf(c), actorOf(user), idParam(c));
}

function breadcrumbs(c: Context<AppEnv>, participant: { id: string; name: string }, last?: string) {
  const t = c.get('t');
  const pm = participantMessages[c.get('locale')];
  const m = messagesOf(c);
  const list = `/participants/${participant.id}/consents`;
  return [
    { label: t.home, href: '/dashboard' },
    { label: pm.listTitle, href: '/participants' },
    { label: participant.name, href: `/participants/${participant.id}` },
    ...(last ? [{ label: m.listTitle, href: list }, { label: last }] : [{ label: m.listTitle }]),
  ];
}

export function consentRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const base = `/participants/${ID_PARAM}/consents`;

  app.get(base, authorize('consent.read', loadParticipant), async (c) => {
    const m = messagesOf(c);
    const actor = actorOf(currentUser(c));
    const participant = await readParticipant(dbOf(c), actor, idParam(c), auditActor(c), 'consents');
    if (!participant) return notFound(c);
    const consents = await listConsentsOf(dbOf(c), actor, participant.id);
    const notice = c.req.query('recorded') ? m.recorded : c.req.query('revoked') ? m.revoked : undefined;
    return renderPage(
      c,
      { title: m.listTitle, breadcrumbs: breadcrumbs(c, participant) },
      <>
        <h1>{m.listTitle}</h1>
        <p>{participant.name}</p>
        {notice ? (
          <div class="notice filter-panel" role="status">
            <p>{notice}</p>
          </div>
        ) : null}
        <p>{m.sectionIntro}</p>
        <p>
          <a class="button" href={`/participants/${participant.id}/consents/new`}>
            {m.record}
          </a>
        </p>
        {consents.length === 0 ? (
          <p>{m.none}</p>
        ) : (
          <ConsentTable
            m={m}
            locale={c.get('locale')}
            participantId={participant.id}
            consents={consents}
            today={todayInTokyo()}
          />
        )}
      </>,
    );
  });

  async function renderNew(
    c: Context<AppEnv>,
    participant: { id: string; name: string },
    form: { values: FormValues; groups: readonly string[]; errors: FieldErrors },
    status: 200 | 400 = 200,
  ) {
    const m = messagesOf(c);
    const choices = await recipientChoices(dbOf(c));
    return renderPage(
      c,
      { title: m.newTitle, status, breadcrumbs: breadcrumbs(c, participant, m.newTitle) },
      <>
        <h1>{m.newTitle}</h1>
        <p>{participant.name}</p>
        <p class="hint">{m.newIntro}</p>
        <ConsentForm
          t={c.get('t')}
          m={m}
          csrfToken={c.get('csrfToken')}
          action={`/participants/${participant.id}/consents/new`}
          cancelHref={`/participants/${participant.id}/consents`}
          choices={choices}
          values={form.values}
          groups={form.groups}
          errors={form.errors}
        />
      </>,
    );
  }

  app.get(`${base}/new`, authorize('consent.record', loadParticipant), async (c) => {
    const actor = actorOf(currentUser(c));
    const participant = await readParticipant(dbOf(c), actor, idParam(c), auditActor(c), 'consent-form');
    if (!participant) return notFound(c);
    const today = todayInTokyo();
    return renderNew(c, participant, {
      values: { purpose: DEFAULT_PURPOSE, valid_from: today, valid_until: oneYearFrom(today) },
      groups: [],
      errors: {},
    });
  });

  app.post(`${base}/new`, authorize('consent.record', loadParticipant), async (c) => {
    const m = messagesOf(c);
    const actor = actorOf(currentUser(c));
    const participant = await readParticipant(dbOf(c), actor, idParam(c), auditActor(c), 'consent-form');
    if (!participant) return notFound(c);
    const body = await c.req.parseBody({ all: true });
    const text = (name: string) => {
      const value = body[name];
      return typeof value === 'string' ? value : '';
    };
    const rawGroups = body.data_groups;
    const groups = (Array.isArray(rawGroups) ? rawGroups : rawGroups === undefined ? [] : [rawGroups]).filter(
      (g): g is string => typeof g === 'string',
    );
    const values = {
      recipient: text('recipient'),
      purpose: text('purpose'),
      valid_from: text('valid_from'),
      valid_until: text('valid_until'),
    };
    const outcome = await recordConsent(
      dbOf(c),
      actor,
      participant.id,
      { ...values, data_groups: groups },
      auditActor(c),
    );
    switch (outcome.status) {
      case 'ok':
        return c.redirect(`/participants/${participant.id}/consents?recorded=1`, 303);
      case 'invalid':
        return renderNew(
          c,
          participant,
          { values, groups, errors: consentFieldMessages(m, outcome.errors) },
          400,
        );
      case 'forbidden':
        return forbidden(c);
      case 'not_found':
        return notFound(c);
    }
  });

  async function renderRevoke(
    c: Context<AppEnv>,
    participant: { id: string; name: string },
    form: { values: FormValues; errors: FieldErrors },
    status: 200 | 400 = 200,
  ) {
    const m = messagesOf(c);
    const consent = await getConsent(dbOf(c), actorOf(currentUser(c)), participant.id, consentParam(c));
    if (!consent) return notFound(c);
    return renderPage(
      c,
      { title: m.revokeTitle, status, breadcrumbs: breadcrumbs(c, participant, m.revokeTitle) },
      <>
        <h1>{m.revokeTitle}</h1>
        <p>
          {participant.name} / {consent.recipientName}
        </p>
        {consent.revokedOn ? (
          <p role="status">{m.alreadyRevoked}</p>
        ) : (
          <>
            <p class="hint">{m.revokeIntro}</p>
            <RevokeForm
              t={c.get('t')}
              m={m}
              csrfToken={c.get('csrfToken')}
              action={`/participants/${participant.id}/consents/${consent.id}/revoke`}
              cancelHref={`/participants/${participant.id}/consents`}
              values={form.values}
              errors={form.errors}
            />
          </>
        )}
      </>,
    );
  }

  app.get(`${base}/${CONSENT_PARAM}/revoke`, authorize('consent.revoke', loadParticipant), async (c) => {
    const actor = actorOf(currentUser(c));
    const participant = await readParticipant(dbOf(c), actor, idParam(c), auditActor(c), 'consent-revoke');
    if (!participant) return notFound(c);
    return renderRevoke(c, participant, { values: { revoked_on: todayInTokyo() }, errors: {} });
  });

  app.post(`${base}/${CONSENT_PARAM}/revoke`, authorize('consent.revoke', loadParticipant), async (c) => {
    const m = messagesOf(c);
    const actor = actorOf(currentUser(c));
    const participant = await readParticipant(dbOf(c), actor, idParam(c), auditActor(c), 'consent-revoke');
    if (!participant) return notFound(c);
    const posted = await readForm(c);
    const outcome = await revokeConsent(
      dbOf(c),
      actor,
      participant.id,
      consentParam(c),
      posted,
      auditActor(c),
    );
    switch (outcome.status) {
      case 'ok':
        return c.redirect(`/participants/${participant.id}/consents?revoked=1`, 303);
      case 'already_revoked':
        return renderRevoke(c, participant, { values: posted, errors: {} }, 400);
      case 'invalid':
        return renderRevoke(
          c,
          participant,
          { values: posted, errors: consentFieldMessages(m, outcome.errors) },
          400,
        );
      case 'forbidden':
        return forbidden(c);
      case 'not_found':
        return notFound(c);
    }
  });

  app.get(`${base}/${CONSENT_PARAM}/form.pdf`, authorize('consent.read', loadParticipant), async (c) => {
    const found = await readConsentForm(
      dbOf(c),
      actorOf(currentUser(c)),
      idParam(c),
      consentParam(c),
      auditActor(c),
    );
    if (!found) return notFound(c);
    const { participant: p, consent } = found;
    const pdf = await renderPdf(
      consentFormDocument({
        participant: {
          name: p.name,
          nameKana: p.name_kana,
          furigana: Boolean(p.easy_japanese),
          agencyName: p.agencyName,
        },
        consent,
      }),
    );
    c.header('content-type', 'application/pdf');
    c.header('content-disposition', `attachment; filename="consent-${consent.id}.pdf"`);
    c.header('cache-control', 'no-store');
    c.header('x-content-type-options', 'nosniff');
    return c.body(new Uint8Array(pdf));
  });

  return app;
}
