/**
 * Participant pages (就労希望者): the agency's list, registering (with the duplicate check),
 * a participant's page with the support log, editing, and the assessment form and history.
 * Every route names its policy action and loads the subject through the scoped store, so
 * another agency's participant is a 404 that shows nothing of it; every page that shows
 * personal data writes its audit row (participant.read / participant.list).
 */
import { type Context, Hono } from 'hono';
import { matchingMessages } from '../matching/messages';
import { candidatesOf } from '../matching/service';
import { MatchingSection } from '../matching/views/matches-page';
import { participantPlacementsSection } from '../placements/routes';
import { auditActor } from '../platform/audit/audit';
import { actorOf, authorize, forbidden, notFound } from '../platform/auth/guard';
import { currentUser, dbOf, ID_PARAM } from '../platform/http/context';
import type { AppEnv, CurrentUser } from '../platform/http/env';
import { readForm } from '../platform/http/form';
import { renderPage } from '../platform/http/render';
import { toSearchText } from '../platform/text/normalise';
import type { FieldErrors, FormValues } from '../platform/ui/form';
import { PAGE_SIZE, Pagination, pageFromQuery } from '../platform/ui/pagination';
import { referralMessages } from '../referrals/messages';
import { referralsOfParticipant } from '../referrals/service';
import { ParticipantReferrals } from '../referrals/views/lists';
import { opportunityMessages } from '../registry/opportunities/messages';
import { latestOf } from './assessment';
import { assessmentFormFromBody, assessmentFormOfValues, inputOfAssessmentForm } from './assessment-form';
import { todayInTokyo } from './japanese-date';
import { fieldMessages, type ParticipantMessages, participantMessages } from './messages';
import { fillParticipantAddress, formValuesOf } from './participant';
import { rightsMessages } from './rights/messages';
import {
  createParticipant,
  getParticipantSubject,
  listAssessmentsOf,
  listParticipantsFor,
  readParticipant,
  recordAssessment,
  supportLogOf,
  updateParticipant,
  writeSupportLogEntry,
} from './service';
import { transferMessages } from './transfer/messages';
import { type AssessmentForm, AssessmentFormView, AssessmentHistory } from './views/assessment-views';
import { type DuplicateState, ParticipantForm } from './views/participant-form';
import { ParticipantPage, ParticipantTable } from './views/participant-pages';

function messagesOf(c: Context<AppEnv>): ParticipantMessages {
  return participantMessages[c.get('locale')];
}

function idParam(c: Context<AppEnv>): string {
  return c.req.param('id') ?? '';
}

function loadParticipant(c: Context<AppEnv>, user: CurrentUser) {
  return getParticipantSubject(dbOf(c), actorOf(user), idParam(c));
}

const self = () => ({ kind: 'self' }) as const;

export function participantRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/participants', authorize('participant.list', self), async (c) => {
    const t = c.get('t');
    const m = messagesOf(c);
    const actor = actorOf(currentUser(c));
    const page = pageFromQuery(c.req.query('page'));
    const q = (c.req.query('q') ?? '').slice(0, 100);
    const { items, total } = await listParticipantsFor(
      dbOf(c),
      actor,
      { q: toSearchText(q).replace(/\s+/g, ''), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
      auditActor(c),
      'page',
    );
    const href = (p: number) =>
      `/participants?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;
    return renderPage(
      c,
      { title: m.listTitle, breadcrumbs: [{ label: t.home, href: '/dashboard' }, { label: m.listTitle }] },
      <>
        <h1>{m.listTitle}</h1>
        <p>{m.listIntro}</p>
        {c.req.query('transferred') ? (
          <div class="notice filter-panel" role="status">
            <p>{transferMessages[c.get('locale')].done}</p>
          </div>
        ) : null}
        <p>
          <a class="button" href="/participants/new">
            {m.add}
          </a>
        </p>
        <form method="get" action="/participants" class="filter-form">
          <label for="participant-q">{m.search}</label>
          <input
            id="participant-q"
            name="q"
            type="search"
            value={q}
            class="input input-medium"
            aria-describedby="participant-q-hint"
          />
          <span class="hint" id="participant-q-hint">
            {m.searchHint}
          </span>
          <button type="submit" class="button button-secondary button-small">
            {m.filter}
          </button>
        </form>
        <p>{m.count(total)}</p>
        {items.length === 0 ? (
          <p>{m.empty}</p>
        ) : (
          <ParticipantTable m={m} locale={c.get('locale')} items={items} today={todayInTokyo()} />
        )}
        <Pagination t={t} page={page} total={total} href={href} />
      </>,
    );
  });

  async function renderNew(
    c: Context<AppEnv>,
    form: { values: FormValues; errors: FieldErrors; notice?: string; duplicate?: DuplicateState },
    status: 200 | 400 = 200,
  ) {
    const t = c.get('t');
    const m = messagesOf(c);
    return renderPage(
      c,
      {
        title: m.newTitle,
        status,
        breadcrumbs: [
          { label: t.home, href: '/dashboard' },
          { label: m.listTitle, href: '/participants' },
          { label: m.newTitle },
        ],
      },
      <>
        <h1>{m.newTitle}</h1>
        <p>{m.newIntro}</p>
        <ParticipantForm
          t={t}
          m={m}
          csrfToken={c.get('csrfToken')}
          action="/participants/new"
          values={form.values}
          errors={form.errors}
          notice={form.notice}
          duplicate={form.duplicate}
          submitLabel={m.create}
          cancelHref="/participants"
        />
      </>,
    );
  }

  app.get('/participants/new', authorize('participant.create', self), (c) =>
    renderNew(c, { values: {}, errors: {} }),
  );

  app.post('/participants/new', authorize('participant.create', self), async (c) => {
    const m = messagesOf(c);
    const posted = await readForm(c);
    const { confirm_distinct: confirm, ...values } = posted;
    const lookup = fillParticipantAddress(values);
    if (lookup.filled) return renderNew(c, { values: lookup.values, errors: {}, notice: m.postalFilled });
    const outcome = await createParticipant(dbOf(c), actorOf(currentUser(c)), values, auditActor(c), {
      confirmDistinct: confirm === '1',
    });
    switch (outcome.status) {
      case 'ok':
        return c.redirect(
          `/participants/${outcome.id}?created=1${outcome.elsewhere ? '&elsewhere=1' : ''}`,
          303,
        );
      case 'invalid':
        return renderNew(c, { values, errors: fieldMessages(m, outcome.errors) }, 400);
      case 'duplicate':
        return renderNew(
          c,
          {
            values,
            errors: confirm === undefined ? {} : { confirm_distinct: m.duplicate.required },
            duplicate: { matches: outcome.matches, elsewhere: outcome.elsewhere },
          },
          400,
        );
      case 'forbidden':
        return forbidden(c);
    }
  });

  async function renderParticipant(
    c: Context<AppEnv>,
    logForm: { values: FormValues; errors: FieldErrors },
    status: 200 | 400 = 200,
  ) {
    const t = c.get('t');
    const m = messagesOf(c);
    const actor = actorOf(currentUser(c));
    const db = dbOf(c);
    const participant = await readParticipant(db, actor, idParam(c), auditActor(c), 'page');
    if (!participant) return notFound(c);
    const [assessments, log] = await Promise.all([
      listAssessmentsOf(db, actor, participant.id),
      supportLogOf(db, actor, participant.id),
    ]);
    const notice = [
      c.req.query('created') ? m.created : null,
      c.req.query('saved') ? m.saved : null,
      c.req.query('logged') ? m.log.saved : null,
      c.req.query('assessed') ? m.assessment.recorded(Number(c.req.query('assessed'))) : null,
      c.req.query('elsewhere') ? m.elsewhereNotice : null,
      c.req.query('closed') ? rightsMessages[c.get('locale')].closed : null,
    ]
      .filter(Boolean)
      .join(' ');
    return renderPage(
      c,
      {
        title: participant.name,
        status,
        breadcrumbs: [
          { label: t.home, href: '/dashboard' },
          { label: m.listTitle, href: '/participants' },
          { label: participant.name },
        ],
      },
      <>
        <ParticipantPage
          t={t}
          m={m}
          om={opportunityMessages[c.get('locale')]}
          locale={c.get('locale')}
          csrfToken={c.get('csrfToken')}
          participant={participant}
          today={todayInTokyo()}
          notice={notice || undefined}
          latest={latestOf(assessments)}
          assessmentCount={assessments.length}
          log={log}
          logForm={logForm}
        />
        <MatchingSection
          m={matchingMessages[c.get('locale')]}
          locale={c.get('locale')}
          participantId={participant.id}
          candidates={await candidatesOf(db, actor, participant.id)}
        />
        <ParticipantReferrals
          m={referralMessages[c.get('locale')]}
          locale={c.get('locale')}
          participantId={participant.id}
          items={await referralsOfParticipant(db, actor, participant.id)}
        />
        {await participantPlacementsSection(c, participant.id)}
      </>,
    );
  }

  app.get(`/participants/${ID_PARAM}`, authorize('participant.read', loadParticipant), (c) =>
    renderParticipant(c, { values: { occurred_on: todayInTokyo(), kind: 'meeting' }, errors: {} }),
  );

  app.post(
    `/participants/${ID_PARAM}/support-log`,
    authorize('support_log.write', loadParticipant),
    async (c) => {
      const m = messagesOf(c);
      const posted = await readForm(c);
      const outcome = await writeSupportLogEntry(
        dbOf(c),
        actorOf(currentUser(c)),
        idParam(c),
        posted,
        auditActor(c),
      );
      switch (outcome.status) {
        case 'ok':
          return c.redirect(`/participants/${idParam(c)}?logged=1#support-log`, 303);
        case 'invalid':
          return renderParticipant(c, { values: posted, errors: fieldMessages(m, outcome.errors) }, 400);
        case 'forbidden':
          return forbidden(c);
        case 'not_found':
          return notFound(c);
      }
    },
  );

  async function renderEdit(
    c: Context<AppEnv>,
    participant: { id: string; name: string },
    form: { values: FormValues; errors: FieldErrors; notice?: string },
    status: 200 | 400 = 200,
  ) {
    const t = c.get('t');
    const m = messagesOf(c);
    return renderPage(
      c,
      {
        title: m.editTitle,
        status,
        breadcrumbs: [
          { label: t.home, href: '/dashboard' },
          { label: m.listTitle, href: '/participants' },
          { label: participant.name, href: `/participants/${participant.id}` },
          { label: m.editTitle },
        ],
      },
      <>
        <h1>{m.editTitle}</h1>
        <p>{participant.name}</p>
        <ParticipantForm
          t={t}
          m={m}
          csrfToken={c.get('csrfToken')}
          action={`/participants/${participant.id}/edit`}
          values={form.values}
          errors={form.errors}
          notice={form.notice}
          submitLabel={m.save}
          cancelHref={`/participants/${participant.id}`}
        />
      </>,
    );
  }

  app.get(`/participants/${ID_PARAM}/edit`, authorize('participant.update', loadParticipant), async (c) => {
    const participant = await readParticipant(
      dbOf(c),
      actorOf(currentUser(c)),
      idParam(c),
      auditActor(c),
      'edit',
    );
    if (!participant) return notFound(c);
    return renderEdit(c, participant, { values: formValuesOf(participant), errors: {} });
  });

  app.post(`/participants/${ID_PARAM}/edit`, authorize('participant.update', loadParticipant), async (c) => {
    const m = messagesOf(c);
    const actor = actorOf(currentUser(c));
    const participant = await readParticipant(dbOf(c), actor, idParam(c), auditActor(c), 'edit');
    if (!participant) return notFound(c);
    const posted = await readForm(c);
    const lookup = fillParticipantAddress(posted);
    if (lookup.filled)
      return renderEdit(c, participant, { values: lookup.values, errors: {}, notice: m.postalFilled });
    const outcome = await updateParticipant(dbOf(c), actor, participant.id, posted, auditActor(c));
    switch (outcome.status) {
      case 'ok':
        return c.redirect(`/participants/${participant.id}?saved=1`, 303);
      case 'invalid':
        return renderEdit(c, participant, { values: posted, errors: fieldMessages(m, outcome.errors) }, 400);
      case 'forbidden':
        return forbidden(c);
      case 'not_found':
        return notFound(c);
    }
  });

  app.get(
    `/participants/${ID_PARAM}/assessments`,
    authorize('participant.read', loadParticipant),
    async (c) => {
      const t = c.get('t');
      const m = messagesOf(c);
      const actor = actorOf(currentUser(c));
      const participant = await readParticipant(dbOf(c), actor, idParam(c), auditActor(c), 'assessments');
      if (!participant) return notFound(c);
      const versions = await listAssessmentsOf(dbOf(c), actor, participant.id);
      return renderPage(
        c,
        {
          title: m.assessment.historyTitle,
          breadcrumbs: [
            { label: t.home, href: '/dashboard' },
            { label: m.listTitle, href: '/participants' },
            { label: participant.name, href: `/participants/${participant.id}` },
            { label: m.assessment.historyTitle },
          ],
        },
        <>
          <h1>{m.assessment.historyTitle}</h1>
          <p>{participant.name}</p>
          <p>
            <a class="button button-small" href={`/participants/${participant.id}/assessments/new`}>
              {m.assessment.record}
            </a>
          </p>
          {versions.length === 0 ? (
            <p>{m.assessment.none}</p>
          ) : (
            <AssessmentHistory
              m={m}
              om={opportunityMessages[c.get('locale')]}
              locale={c.get('locale')}
              versions={versions}
            />
          )}
        </>,
      );
    },
  );

  async function renderAssessmentForm(
    c: Context<AppEnv>,
    participant: { id: string; name: string },
    form: AssessmentForm,
    errors: FieldErrors,
    status: 200 | 400 = 200,
  ) {
    const t = c.get('t');
    const m = messagesOf(c);
    return renderPage(
      c,
      {
        title: m.assessment.newTitle,
        status,
        breadcrumbs: [
          { label: t.home, href: '/dashboard' },
          { label: m.listTitle, href: '/participants' },
          { label: participant.name, href: `/participants/${participant.id}` },
          { label: m.assessment.newTitle },
        ],
      },
      <>
        <h1>{m.assessment.newTitle}</h1>
        <p>{participant.name}</p>
        <p class="hint">{m.assessment.newIntro}</p>
        <AssessmentFormView
          t={t}
          m={m}
          om={opportunityMessages[c.get('locale')]}
          csrfToken={c.get('csrfToken')}
          action={`/participants/${participant.id}/assessments/new`}
          form={form}
          errors={errors}
          cancelHref={`/participants/${participant.id}`}
        />
      </>,
    );
  }

  app.get(
    `/participants/${ID_PARAM}/assessments/new`,
    authorize('assessment.record', loadParticipant),
    async (c) => {
      const actor = actorOf(currentUser(c));
      const participant = await readParticipant(dbOf(c), actor, idParam(c), auditActor(c), 'assessment-form');
      if (!participant) return notFound(c);
      const latest = latestOf(await listAssessmentsOf(dbOf(c), actor, participant.id));
      return renderAssessmentForm(c, participant, assessmentFormOfValues(latest?.values, todayInTokyo()), {});
    },
  );

  app.post(
    `/participants/${ID_PARAM}/assessments/new`,
    authorize('assessment.record', loadParticipant),
    async (c) => {
      const m = messagesOf(c);
      const actor = actorOf(currentUser(c));
      const participant = await readParticipant(dbOf(c), actor, idParam(c), auditActor(c), 'assessment-form');
      if (!participant) return notFound(c);
      const form = assessmentFormFromBody(await c.req.parseBody({ all: true }));
      const outcome = await recordAssessment(
        dbOf(c),
        actor,
        participant.id,
        inputOfAssessmentForm(form),
        auditActor(c),
      );
      switch (outcome.status) {
        case 'ok':
          return c.redirect(`/participants/${participant.id}?assessed=${outcome.version}`, 303);
        case 'invalid':
          return renderAssessmentForm(c, participant, form, fieldMessages(m, outcome.errors), 400);
        case 'forbidden':
          return forbidden(c);
        case 'not_found':
          return notFound(c);
      }
    },
  );

  return app;
}
