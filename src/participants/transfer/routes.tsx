/**
 * The transfer page (移管): the owning agency's counsellor moves the case to another agency with
 * the person's consent. Guarded by participant.transfer through the scoped store (another
 * agency's participant: 404). After the move the counsellor lands on their list: the case is no
 * longer theirs to see.
 */
import { type Context, Hono } from 'hono';
import { auditActor } from '../../platform/audit/audit';
import { actorOf, authorize, forbidden, notFound } from '../../platform/auth/guard';
import { currentUser, dbOf, ID_PARAM } from '../../platform/http/context';
import type { AppEnv, CurrentUser } from '../../platform/http/env';
import { readForm } from '../../platform/http/form';
import { renderPage } from '../../platform/http/render';
import { Flag, Textarea } from '../../platform/ui/fields';
import {
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  SelectField,
  TextField,
} from '../../platform/ui/form';
import { todayInTokyo } from '../japanese-date';
import { participantMessages } from '../messages';
import { getParticipantSubject, readParticipant } from '../service';
import { type TransferMessages, transferFieldMessages, transferMessages } from './messages';
import { transferDestinations, transferParticipant } from './service';

const idParam = (c: Context<AppEnv>) => c.req.param('id') ?? '';

function loadParticipant(c: Context<AppEnv>, user: CurrentUser) {
  return getParticipantSubject(dbOf(c), actorOf(user), idParam(c));
}

function messagesOf(c: Context<AppEnv>): TransferMessages {
  return transferMessages[c.get('locale')];
}

export function transferRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const path = `/participants/${ID_PARAM}/transfer`;

  async function renderForm(
    c: Context<AppEnv>,
    participant: { id: string; name: string; status: string },
    form: { values: FormValues; errors: FieldErrors },
    status: 200 | 400 = 200,
  ) {
    const t = c.get('t');
    const m = messagesOf(c);
    const pm = participantMessages[c.get('locale')];
    const agencies = await transferDestinations(dbOf(c), actorOf(currentUser(c)));
    const common = { t, values: form.values, errors: form.errors };
    return renderPage(
      c,
      {
        title: m.title,
        status,
        breadcrumbs: [
          { label: t.home, href: '/dashboard' },
          { label: pm.listTitle, href: '/participants' },
          { label: participant.name, href: `/participants/${participant.id}` },
          { label: m.title },
        ],
      },
      <>
        <h1>{m.title}</h1>
        <p>{participant.name}</p>
        {participant.status !== 'active' ? (
          <p role="status">{m.notActive}</p>
        ) : (
          <>
            <p class="hint">{m.intro}</p>
            <ErrorSummary t={t} errors={form.errors} labels={m.fields} />
            <form method="post" action={`/participants/${participant.id}/transfer`} novalidate>
              <CsrfField token={c.get('csrfToken')} />
              <SelectField
                {...common}
                name="to_agency"
                label={m.fields.to_agency}
                options={agencies.map((a) => ({ value: a.id, label: a.name }))}
                placeholder={m.placeholder}
                required
                width="full"
              />
              <Flag
                name="consented"
                label={m.fields.consented}
                checked={form.values.consented === '1'}
                errors={form.errors}
              />
              <TextField
                {...common}
                name="consent_on"
                label={m.fields.consent_on}
                hint={m.hints.consent_on}
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
                  {m.submit}
                </button>
                <a href={`/participants/${participant.id}`}>{m.cancel}</a>
              </div>
            </form>
          </>
        )}
      </>,
    );
  }

  app.get(path, authorize('participant.transfer', loadParticipant), async (c) => {
    const participant = await readParticipant(
      dbOf(c),
      actorOf(currentUser(c)),
      idParam(c),
      auditActor(c),
      'transfer',
    );
    if (!participant) return notFound(c);
    return renderForm(c, participant, { values: { consent_on: todayInTokyo() }, errors: {} });
  });

  app.post(path, authorize('participant.transfer', loadParticipant), async (c) => {
    const m = messagesOf(c);
    const actor = actorOf(currentUser(c));
    const participant = await readParticipant(dbOf(c), actor, idParam(c), auditActor(c), 'transfer');
    if (!participant) return notFound(c);
    const posted = await readForm(c);
    const outcome = await transferParticipant(dbOf(c), actor, participant.id, posted, auditActor(c));
    switch (outcome.status) {
      case 'ok':
        return c.redirect('/participants?transferred=1', 303);
      case 'invalid':
        return renderForm(
          c,
          participant,
          { values: posted, errors: transferFieldMessages(m, outcome.errors) },
          400,
        );
      case 'not_active':
        return renderForm(c, { ...participant, status: 'closed' }, { values: posted, errors: {} }, 400);
      case 'forbidden':
        return forbidden(c);
      case 'not_found':
        return notFound(c);
    }
  });

  return app;
}
