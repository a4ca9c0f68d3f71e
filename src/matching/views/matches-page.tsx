/**
 * The matching pages: a participant's shortlist (settings form, ranked results with their
 * reasons, "save to candidate list"), the "why not this one?" page, and the section on the
 * participant's page (saved candidates and the link to the shortlist). Effects are written out
 * in words (【合う】【不明】…), never shown by colour alone.
 */
import type { Locale } from '../../platform/i18n';
import { formatDate } from '../../platform/i18n/format';
import type { Messages } from '../../platform/i18n/ja';
import { CheckboxesField, CsrfField, RadioField } from '../../platform/ui/form';
import { referralMessages } from '../../referrals/messages';
import type { Exclusion } from '../constraints';
import { type Explanation, explainExclusion, explainFactors } from '../explain';
import type { MatchOpportunity } from '../facts';
import type { MatchingMessages } from '../messages';
import { type Emphasis, emphases, type Factor, type Scored } from '../score';
import type { CandidateRow } from '../service';

export type MatchSettings = { emphasis: Emphasis; includeFull: boolean; wantedTasksOnly: boolean };

export function settingsQuery(s: MatchSettings): string {
  const q = new URLSearchParams();
  if (s.emphasis !== 'balanced') q.set('emphasis', s.emphasis);
  if (s.includeFull) q.set('include_full', '1');
  if (s.wantedTasksOnly) q.set('tasks_only', '1');
  const text = q.toString();
  return text ? `?${text}` : '';
}

function Reasons(props: { m: MatchingMessages; items: readonly Explanation[] }) {
  return (
    <ul class="match-reasons">
      {props.items.map((item) => (
        <li>
          <span class="tag">{props.m.effects[item.effect]}</span> {item.text}
        </li>
      ))}
    </ul>
  );
}

export function SettingsForm(props: {
  t: Messages;
  m: MatchingMessages;
  action: string;
  settings: MatchSettings;
}) {
  const { t, m, settings } = props;
  const flags = [
    ...(settings.includeFull ? ['include_full'] : []),
    ...(settings.wantedTasksOnly ? ['tasks_only'] : []),
  ];
  return (
    <form method="get" action={props.action} class="filter-panel">
      <h2>{m.settings}</h2>
      <RadioField
        t={t}
        name="emphasis"
        legend={m.emphasis}
        options={emphases.map((e) => ({ value: e, label: m.emphases[e] }))}
        values={{ emphasis: settings.emphasis }}
        errors={{}}
      />
      <CheckboxesField
        t={t}
        name="show"
        legend={m.filters}
        options={[
          { value: 'include_full', label: m.includeFull },
          { value: 'tasks_only', label: m.wantedTasksOnly },
        ]}
        checked={flags}
        errors={{}}
      />
      <button type="submit" class="button button-secondary button-small">
        {m.apply}
      </button>
    </form>
  );
}

export function ResultList(props: {
  m: MatchingMessages;
  locale: Locale;
  csrfToken: string;
  participantId: string;
  results: readonly Scored[];
  saved: ReadonlySet<string>;
  settings: MatchSettings;
}) {
  const { m, locale, participantId } = props;
  return (
    <ol class="match-results">
      {props.results.map((r, index) => {
        const o = r.opportunity;
        const noteId = `note-${o.id}`;
        return (
          <li>
            <article aria-labelledby={`match-${o.id}`}>
              <h3 id={`match-${o.id}`}>
                {m.rank(index + 1)} <a href={`/opportunities/${o.id}`}>{o.title}</a>
              </h3>
              <p>
                {m.facility(o.facilityName, o.municipalityName)} · {m.score(r.score.toFixed(1))}
                {o.status === 'full' ? <span class="tag">{m.statuses.full}</span> : null}
              </p>
              <h4>{m.reasons}</h4>
              <Reasons m={m} items={explainFactors(r.factors, o, locale)} />
              {props.saved.has(o.id) ? (
                <p>
                  <span class="tag">{m.alreadySaved}</span>
                </p>
              ) : (
                <form method="post" action={`/participants/${participantId}/candidates`} class="inline-form">
                  <CsrfField token={props.csrfToken} />
                  <input type="hidden" name="opportunity_id" value={o.id} />
                  <input type="hidden" name="back" value={settingsQuery(props.settings)} />
                  <label for={noteId}>{m.note}</label>{' '}
                  <input id={noteId} name="note" type="text" maxlength={200} class="input input-medium" />{' '}
                  <button type="submit" class="button button-small">
                    {m.saveCandidate}
                  </button>
                </form>
              )}
              <p>
                <a
                  class="button button-small button-secondary"
                  href={`/participants/${participantId}/referrals/new?opportunity=${o.id}`}
                >
                  {referralMessages[locale].matchAction}
                </a>
              </p>
              <p>
                <a href={`/participants/${participantId}/why-not?opportunity=${o.id}`}>{m.whyNotLink}</a>
              </p>
            </article>
          </li>
        );
      })}
    </ol>
  );
}

export function WhyNotLookup(props: { m: MatchingMessages; participantId: string; value?: string }) {
  const { m } = props;
  return (
    <form method="get" action={`/participants/${props.participantId}/why-not`} class="filter-form">
      <label for="why-not-opportunity">{m.whyNotId}</label>
      <input
        id="why-not-opportunity"
        name="opportunity"
        type="text"
        value={props.value ?? ''}
        class="input input-medium"
        aria-describedby="why-not-opportunity-hint"
      />
      <span class="hint" id="why-not-opportunity-hint">
        {m.whyNotIdHint}
      </span>
      <button type="submit" class="button button-secondary button-small">
        {m.whyNotShow}
      </button>
    </form>
  );
}

export function WhyNotBody(props: {
  m: MatchingMessages;
  locale: Locale;
  opportunity: MatchOpportunity;
  exclusions: readonly Exclusion[];
  factors: readonly Factor[];
}) {
  const { m, locale, opportunity: o } = props;
  return (
    <>
      <p>
        <a href={`/opportunities/${o.id}`}>{o.title}</a> — {m.facility(o.facilityName, o.municipalityName)}
      </p>
      {props.exclusions.length === 0 ? (
        <p>{m.whyNotNone}</p>
      ) : (
        <>
          <p>{m.whyNotIntro(o.title)}</p>
          <ul class="match-exclusions">
            {props.exclusions.map((x) => (
              <li>{explainExclusion(x, locale)}</li>
            ))}
          </ul>
        </>
      )}
      <h2>{m.whyNotFactors}</h2>
      <Reasons m={m} items={explainFactors(props.factors, o, locale)} />
    </>
  );
}

/** The section on the participant's page: saved candidates and the way to the shortlist. */
export function MatchingSection(props: {
  m: MatchingMessages;
  locale: Locale;
  participantId: string;
  candidates: readonly CandidateRow[];
}) {
  const { m, locale } = props;
  return (
    <section aria-labelledby="matching-section">
      <h2 id="matching-section">{m.sectionTitle}</h2>
      <p>{m.sectionIntro}</p>
      <p>
        <a class="button button-small" href={`/participants/${props.participantId}/matches`}>
          {m.openMatches}
        </a>
      </p>
      <h3>{m.candidatesTitle}</h3>
      {props.candidates.length === 0 ? (
        <p>{m.candidatesEmpty}</p>
      ) : (
        <ul>
          {props.candidates.map((c) => (
            <li>
              <a href={`/opportunities/${c.opportunityId}`}>{c.title}</a>({c.facilityName}
              {c.status !== 'published' ? `・${m.statuses[c.status]}` : ''}){' '}
              <span class="hint">
                {m.candidateSavedBy(c.savedByName ?? '', formatDate(c.savedAt.slice(0, 10), locale))}
              </span>
              {c.note ? <span> — {c.note}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
