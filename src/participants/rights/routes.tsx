/**
 * The person's rights on a participant: export everything (JSON for a transfer, PDF for the
 * person) and close the case. Each route names its policy action and loads the participant
 * through the scoped store (another agency's participant: 404); exports are audited
 * (participant.export), closing too (participant.close).
 */
import { type Context, Hono } from 'hono';
import { auditActor } from '../../platform/audit/audit';
import { actorOf, authorize, forbidden, notFound } from '../../platform/auth/guard';
import { currentUser, dbOf, ID_PARAM } from '../../platform/http/context';
import type { AppEnv, CurrentUser } from '../../platform/http/env';
import { readForm } from '../../platform/http/form';
import { renderPage } from '../../platform/http/render';
import { renderPdf } from '../../platform/pdf/pdf';
import { Textarea } from '../../platform/ui/fields';
import {
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  TextField,
} from '../../platform/ui/form';
import { todayInTokyo } from '../japanese-date';
import { participantMessages } from '../messages';
import { getParticipantSubject, readParticipant } from '../service';
import { personRecordDocument } from './document';
import { type RightsMessages, rightsFieldMessages, rightsMessages } from './messages';
import { closeParticipant, exportParticipantData } from './service';

function messagesOf(c: Context<AppEnv>): RightsMessages {
  return rightsMessages[c.get('locale')];
}

const idParam = (c: Context<AppEnv>) => c.req.param('id') ?? '';

function loadParticipant(c: Context<AppEnv>, user: CurrentUser) {
  return getParticipantSubject(dbOf(c), actorOf(user), idParam(c));
}

function attachment(
  c: Context<AppEnv>,
  type: string,
  fileName: string,
  body: Uint8Array<ArrayBuffer> | string,
) {
  c.header('content-type', type);
  c.header('content-disposition', `attachment; filename="${fileName}"`);
  c.header('cache-control', 'no-store');
  c.header('x-content-type-options', 'nosniff');
  return typeof body === 'string' ? c.body(body) : c.body(body);
}

export function rightsRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const base = `/participants/${ID_PARAM}`;

  app.get(`${base}/export.json`, authorize('participant.export', loadParticipant), async (c) => {
    const data = await exportParticipantData(
      dbOf(c),
      actorOf(currentUser(c)),
      idParam(c),
      auditActor(c),
      'json',
    );
    if (!data) return notFound(c);
    return attachment(
      c,
      'application/json; charset=utf-8',
      `participant-${data.participant.id}.json`,
      JSON.stringify(data, null, 2),
    );
  });

  app.get(`${base}/export.pdf`, authorize('participant.export', loadParticipant), async (c) => {
    const data = await exportParticipantData(
      dbOf(c),
      actorOf(currentUser(c)),
      idParam(c),
      auditActor(c),
      'pdf',
    );
    if (!data) return notFound(c);
    const pdf = await renderPdf(personRecordDocument(data, todayInTokyo()));
    return attachment(c, 'application/pdf', `participant-${data.participant.id}.pdf`, new Uint8Array(pdf));
  });

  async function renderClose(
    c: Context<AppEnv>,
    participant: { id: string; name: string; status: string },
    form: { values: FormValues; errors: FieldErrors },
    status: 200 | 400 = 200,
  ) {
    const t = c.get('t');
    const m = messagesOf(c);
    const pm = participantMessages[c.get('locale')];
    const labels = { closed_on: m.fields.closed_on, reason: m.fields.reason };
    return renderPage(
      c,
      {
        title: m.closeTitle,
        status,
        breadcrumbs: [
          { label: t.home, href: '/dashboard' },
          { label: pm.listTitle, href: '/participants' },
          { label: participant.name, href: `/participants/${participant.id}` },
          { label: m.closeTitle },
        ],
      },
      <>
        <h1>{m.closeTitle}</h1>
        <p>{participant.name}</p>
        {participant.status !== 'active' ? (
          <p role="status">{m.notActive}</p>
        ) : (
          <>
            <p class="hint">{m.closeIntro}</p>
            <ErrorSummary t={t} errors={form.errors} labels={labels} />
            <form method="post" action={`/participants/${participant.id}/close`} novalidate>
              <CsrfField token={c.get('csrfToken')} />
              <TextField
                t={t}
                values={form.values}
                errors={form.errors}
                name="closed_on"
                label={m.fields.closed_on}
                hint={m.hints.closed_on}
                required
                width="short"
              />
              <Textarea
                t={t}
                name="reason"
                label={m.fields.reason}
                hint={m.hints.reason}
                value={form.values.reason ?? ''}
                errors={form.errors}
                required
                rows={2}
              />
              <div class="button-row">
                <button type="submit" class="button">
                  {m.close}
                </button>
                <a href={`/participants/${participant.id}`}>{m.cancel}</a>
              </div>
            </form>
          </>
        )}
      </>,
    );
  }

  app.get(`${base}/close`, authorize('participant.close', loadParticipant), async (c) => {
    const participant = await readParticipant(
      dbOf(c),
      actorOf(currentUser(c)),
      idParam(c),
      auditActor(c),
      'close',
    );
    if (!participant) return notFound(c);
    return renderClose(c, participant, { values: { closed_on: todayInTokyo() }, errors: {} });
  });

  app.post(`${base}/close`, authorize('participant.close', loadParticipant), async (c) => {
    const m = messagesOf(c);
    const actor = actorOf(currentUser(c));
    const participant = await readParticipant(dbOf(c), actor, idParam(c), auditActor(c), 'close');
    if (!participant) return notFound(c);
    const posted = await readForm(c);
    const outcome = await closeParticipant(dbOf(c), actor, participant.id, posted, auditActor(c));
    switch (outcome.status) {
      case 'ok':
        return c.redirect(`/participants/${participant.id}?closed=1`, 303);
      case 'invalid':
        return renderClose(
          c,
          participant,
          { values: posted, errors: rightsFieldMessages(m, outcome.errors) },
          400,
        );
      case 'not_active':
        return renderClose(c, { ...participant, status: 'closed' }, { values: posted, errors: {} }, 400);
      case 'forbidden':
        return forbidden(c);
      case 'not_found':
        return notFound(c);
    }
  });

  return app;
}
