/**
 * Matching pages: a participant's shortlist (`/participants/:id/matches`), "why not this one?"
 * (`/participants/:id/why-not?opportunity=…`) and saving a candidate. Only the counsellors of the
 * participant's agency (participant.read / candidate.save); anyone else gets a 404 that shows
 * nothing, as the participant store finds no such person for them.
 */
import { type Context, Hono } from 'hono';
import { getParticipantSubject } from '../participants/service';
import { auditActor } from '../platform/audit/audit';
import { actorOf, authorize, notFound } from '../platform/auth/guard';
import { currentUser, dbOf, ID_PARAM } from '../platform/http/context';
import type { AppEnv, CurrentUser } from '../platform/http/env';
import { readForm } from '../platform/http/form';
import { renderPage } from '../platform/http/render';
import { formatDate } from '../platform/i18n/format';
import { matchingMessages } from './messages';
import { type Emphasis, emphases } from './score';
import { explainWhyNot, type MatchOptions, matchParticipant, saveCandidate } from './service';
import {
  type MatchSettings,
  ResultList,
  SettingsForm,
  settingsQuery,
  WhyNotBody,
  WhyNotLookup,
} from './views/matches-page';

const UUID = /^[0-9a-f-]{36}$/;

function loadParticipant(c: Context<AppEnv>, user: CurrentUser) {
  return getParticipantSubject(dbOf(c), actorOf(user), c.req.param('id') ?? '');
}

/** The page's settings from its GET form (anything unknown falls back to the default). */
export function settingsOf(c: Context<AppEnv>): MatchSettings {
  const emphasis = c.req.query('emphasis');
  const show = c.req.queries('show') ?? [];
  return {
    emphasis: emphases.includes(emphasis as Emphasis) ? (emphasis as Emphasis) : 'balanced',
    includeFull: show.includes('include_full') || c.req.query('include_full') === '1',
    wantedTasksOnly: show.includes('tasks_only') || c.req.query('tasks_only') === '1',
  };
}

function optionsOf(s: MatchSettings): MatchOptions {
  return { emphasis: s.emphasis, includeFull: s.includeFull, wantedTasksOnly: s.wantedTasksOnly };
}

export function matchingRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get(`/participants/${ID_PARAM}/matches`, authorize('participant.read', loadParticipant), async (c) => {
    const t = c.get('t');
    const locale = c.get('locale');
    const m = matchingMessages[locale];
    const id = c.req.param('id');
    const settings = settingsOf(c);
    const outcome = await matchParticipant(
      dbOf(c),
      actorOf(currentUser(c)),
      id,
      optionsOf(settings),
      auditActor(c),
    );
    if (outcome.status === 'not_found') return notFound(c);
    const name = outcome.participant.name;
    const crumbs = [
      { label: t.home, href: '/dashboard' },
      { label: t.nav.participants, href: '/participants' },
      { label: name, href: `/participants/${id}` },
      { label: m.title(name) },
    ];
    if (outcome.status === 'no_assessment') {
      return renderPage(
        c,
        { title: m.title(name), breadcrumbs: crumbs },
        <>
          <h1>{m.title(name)}</h1>
          <p>{m.noAssessment}</p>
          <p>
            <a class="button" href={`/participants/${id}/assessments/new`}>
              {m.recordAssessment}
            </a>
          </p>
        </>,
      );
    }
    const { ranking } = outcome;
    return renderPage(
      c,
      { title: m.title(name), breadcrumbs: crumbs },
      <>
        <h1>{m.title(name)}</h1>
        {c.req.query('saved') ? (
          <div class="notice filter-panel" role="status">
            <p>{m.saved}</p>
          </div>
        ) : null}
        <p>{m.intro}</p>
        <p>
          {m.assessmentUsed(outcome.assessment.version, formatDate(outcome.assessment.assessedOn, locale))}
        </p>
        <p class="hint">
          {outcome.participant.originMunicipality
            ? m.originNote(outcome.participant.originMunicipality)
            : m.noOrigin}
        </p>
        {outcome.availabilityKnown ? null : (
          <div class="notice filter-panel" role="note">
            <p>{m.noAvailability}</p>
          </div>
        )}
        <SettingsForm t={t} m={m} action={`/participants/${id}/matches`} settings={settings} />
        <h2>{m.sectionTitle}</h2>
        <p>{m.count(ranking.results.length, ranking.considered, ranking.excluded)}</p>
        {ranking.results.length === 0 ? (
          <p>{m.empty}</p>
        ) : (
          <ResultList
            m={m}
            locale={locale}
            csrfToken={c.get('csrfToken')}
            participantId={id}
            results={ranking.results}
            saved={outcome.saved}
            settings={settings}
          />
        )}
        <h2>{m.whyNotLookup}</h2>
        <WhyNotLookup m={m} participantId={id} />
      </>,
    );
  });

  app.get(`/participants/${ID_PARAM}/why-not`, authorize('participant.read', loadParticipant), async (c) => {
    const t = c.get('t');
    const locale = c.get('locale');
    const m = matchingMessages[locale];
    const id = c.req.param('id');
    const opportunityId = (c.req.query('opportunity') ?? '').trim().toLowerCase();
    const settings = settingsOf(c);
    const crumbs = (name: string) => [
      { label: t.home, href: '/dashboard' },
      { label: t.nav.participants, href: '/participants' },
      { label: name, href: `/participants/${id}` },
      { label: m.title(name), href: `/participants/${id}/matches${settingsQuery(settings)}` },
      { label: m.whyNotTitle },
    ];
    const outcome = UUID.test(opportunityId)
      ? await explainWhyNot(
          dbOf(c),
          actorOf(currentUser(c)),
          id,
          opportunityId,
          optionsOf(settings),
          auditActor(c),
        )
      : ({ status: 'not_found' } as const);
    if (outcome.status === 'ok') {
      return renderPage(
        c,
        { title: m.whyNotTitle, breadcrumbs: crumbs(outcome.participant.name) },
        <>
          <h1>{m.whyNotTitle}</h1>
          <WhyNotBody
            m={m}
            locale={locale}
            opportunity={outcome.opportunity}
            exclusions={outcome.exclusions}
            factors={outcome.factors}
          />
          <p>
            <a href={`/participants/${id}/matches${settingsQuery(settings)}`}>{m.backToMatches}</a>
          </p>
        </>,
      );
    }
    if (outcome.status === 'no_assessment') {
      return c.redirect(`/participants/${id}/matches`, 303);
    }
    // An unknown or unseen opportunity (the participant itself was checked by the guard).
    return renderPage(
      c,
      {
        title: m.whyNotTitle,
        status: 404,
        breadcrumbs: [{ label: t.home, href: '/dashboard' }, { label: m.whyNotTitle }],
      },
      <>
        <h1>{m.whyNotTitle}</h1>
        <p>{m.notFound}</p>
        <WhyNotLookup m={m} participantId={id} value={opportunityId} />
        <p>
          <a href={`/participants/${id}/matches`}>{m.backToMatches}</a>
        </p>
      </>,
    );
  });

  app.post(
    `/participants/${ID_PARAM}/candidates`,
    authorize('candidate.save', loadParticipant),
    async (c) => {
      const id = c.req.param('id');
      const form = await readForm(c);
      const opportunityId = String(form.opportunity_id ?? '');
      const back = String(form.back ?? '');
      const outcome = UUID.test(opportunityId)
        ? await saveCandidate(
            dbOf(c),
            actorOf(currentUser(c)),
            id,
            { opportunityId, note: String(form.note ?? '') },
            auditActor(c),
          )
        : ({ status: 'not_found' } as const);
      if (outcome.status === 'not_found') return notFound(c);
      const query = new URLSearchParams(back.startsWith('?') ? back.slice(1) : '');
      query.set('saved', '1');
      return c.redirect(`/participants/${id}/matches?${query}`, 303);
    },
  );

  return app;
}
