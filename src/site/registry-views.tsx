/**
 * The public pages over the registry: the participating corporations with their facilities'
 * published work places, and the work-place list by municipality and kind of task. Each work
 * place links to its public summary (/p/opportunities/:id); no contacts or capacity appear.
 */

import type { Locale } from '../platform/i18n';
import { PARTICIPATING_CORPORATIONS } from '../reference/corporations';
import { findMunicipality, listMunicipalities } from '../reference/municipalities';
import { opportunityMessages } from '../registry/opportunities/messages';
import { type TaskCategory, taskCategories } from '../registry/opportunities/opportunity';
import type { SiteMessages } from './messages';
import type { PublicWorkPlace } from './store';

/** '2025-01' → 令和7年1月 / January 2025. */
export function asOfLabel(month: string, locale: Locale): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  if (locale === 'en')
    return new Date(Date.UTC(y, m - 1, 1)).toLocaleString('en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
  const era = y - 2018;
  return `令和${era === 1 ? '元' : era}年${m}月`;
}

export function municipalityName(code: string, locale: Locale): string {
  const found = findMunicipality(code);
  if (!found) return code;
  return locale === 'en' ? found.nameEn : found.name;
}

function PlaceLink(props: { place: PublicWorkPlace; locale: Locale; showFacility?: boolean }) {
  const o = opportunityMessages[props.locale];
  const status =
    props.place.status !== 'published' ? (o.status as Record<string, string>)[props.place.status] : undefined;
  return (
    <>
      <a href={`/p/opportunities/${props.place.id}`}>{props.place.title}</a>
      {status ? <span class="tag">{status}</span> : null}
      <span class="meta">
        {' '}
        ({props.showFacility === false ? '' : `${props.place.facilityName} · `}
        {municipalityName(props.place.municipalityCode, props.locale)} ·{' '}
        {props.place.tasks.map((task) => (o.tasks as Record<string, string>)[task] ?? task).join('、')})
      </span>
    </>
  );
}

export function CorporationsPage(props: {
  m: SiteMessages;
  locale: Locale;
  asOf: string;
  corporations: { id: string; name: string }[];
  places: PublicWorkPlace[];
}) {
  const { m, locale } = props;
  const order = new Map<string, number>(PARTICIPATING_CORPORATIONS.map((name, index) => [name, index]));
  const listed = [...props.corporations].sort(
    (a, b) => (order.get(a.name) ?? 999) - (order.get(b.name) ?? 999),
  );
  const listedIds = new Set(listed.map((c) => c.id));
  const byCorporation = new Map<string, PublicWorkPlace[]>();
  for (const place of props.places)
    byCorporation.set(place.corporationId, [...(byCorporation.get(place.corporationId) ?? []), place]);
  const others = [...byCorporation.entries()].filter(([id]) => !listedIds.has(id));
  const Row = (corporation: { id: string; name: string }) => {
    const places = byCorporation.get(corporation.id) ?? [];
    return (
      <tr>
        <th scope="row" lang="ja">
          {corporation.name}
        </th>
        <td>
          {places.length === 0 ? (
            <span class="meta">{m.corporations.noOpportunities}</span>
          ) : (
            <ul class="plain-list">
              {places.map((place) => (
                <li>
                  <PlaceLink place={place} locale={locale} />
                </li>
              ))}
            </ul>
          )}
        </td>
      </tr>
    );
  };
  return (
    <>
      <h1>{m.corporations.title}</h1>
      <p class="lead">{m.corporations.intro}</p>
      <p>
        <strong>{m.corporations.count(listed.length)}</strong>({m.corporations.asOf(props.asOf)})
      </p>
      <table class="table">
        <caption>{m.corporations.tableCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{m.corporations.corporation}</th>
            <th scope="col">{m.corporations.workPlaces}</th>
          </tr>
        </thead>
        <tbody>{listed.map((corporation) => Row(corporation))}</tbody>
      </table>
      {others.length > 0 ? (
        <section aria-labelledby="others">
          <h2 id="others">{m.corporations.othersTitle}</h2>
          <table class="table">
            <caption class="visually-hidden">{m.corporations.othersTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{m.corporations.corporation}</th>
                <th scope="col">{m.corporations.workPlaces}</th>
              </tr>
            </thead>
            <tbody>{others.map(([id, places]) => Row({ id, name: places[0]?.corporationName ?? '' }))}</tbody>
          </table>
        </section>
      ) : null}
    </>
  );
}

export function WorkPlacesPage(props: {
  m: SiteMessages;
  locale: Locale;
  places: PublicWorkPlace[];
  filter: { municipality?: string; task?: TaskCategory };
}) {
  const { m, locale } = props;
  const o = opportunityMessages[locale];
  const taskLabel = (task: string) => (o.tasks as Record<string, string>)[task] ?? task;
  const all = props.places;
  const shown = all.filter(
    (p) =>
      (!props.filter.municipality || p.municipalityCode === props.filter.municipality) &&
      (!props.filter.task || p.tasks.includes(props.filter.task)),
  );
  const municipalitiesWithPlaces = [...new Set(all.map((p) => p.municipalityCode))];
  const groups = new Map<string, PublicWorkPlace[]>();
  for (const place of shown)
    groups.set(place.municipalityCode, [...(groups.get(place.municipalityCode) ?? []), place]);
  const allMunicipalities = listMunicipalities().filter((mu) => municipalitiesWithPlaces.includes(mu.code));
  return (
    <>
      <h1>{m.workPlaces.title}</h1>
      <p class="lead">{m.workPlaces.intro}</p>
      <p>{m.workPlaces.noContacts}</p>
      <form method="get" action="/work-places" class="filter-form">
        <fieldset>
          <legend>{m.workPlaces.filterTitle}</legend>
          <div class="field">
            <label for="filter-municipality">{m.workPlaces.municipality}</label>
            <select id="filter-municipality" name="municipality" class="input">
              <option value="">{m.workPlaces.all}</option>
              {allMunicipalities.map((mu) => (
                <option value={mu.code} selected={props.filter.municipality === mu.code}>
                  {locale === 'en' ? mu.nameEn : mu.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="filter-task">{m.workPlaces.task}</label>
            <select id="filter-task" name="task" class="input">
              <option value="">{m.workPlaces.all}</option>
              {taskCategories.map((task) => (
                <option value={task} selected={props.filter.task === task}>
                  {taskLabel(task)}
                </option>
              ))}
            </select>
          </div>
          <p>
            <button type="submit" class="button">
              {m.workPlaces.apply}
            </button>{' '}
            {props.filter.municipality || props.filter.task ? (
              <a href="/work-places">{m.workPlaces.clear}</a>
            ) : null}
          </p>
        </fieldset>
      </form>
      {shown.length === 0 ? (
        <p>{m.workPlaces.none}</p>
      ) : (
        <>
          <table class="table">
            <caption>{m.workPlaces.summaryCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{m.workPlaces.municipality}</th>
                <th scope="col">{m.workPlaces.places}</th>
                <th scope="col">{m.workPlaces.tasks}</th>
              </tr>
            </thead>
            <tbody>
              {[...groups.entries()].map(([code, places]) => (
                <tr>
                  <th scope="row">
                    <a href={`#municipality-${code}`}>{municipalityName(code, locale)}</a>
                  </th>
                  <td>{m.workPlaces.count(places.length)}</td>
                  <td>{[...new Set(places.flatMap((p) => p.tasks))].map(taskLabel).join('、')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {[...groups.entries()].map(([code, places]) => (
            <section aria-labelledby={`municipality-${code}`}>
              <h2 id={`municipality-${code}`}>{municipalityName(code, locale)}</h2>
              <ul class="plain-list">
                {places.map((place) => (
                  <li>
                    <PlaceLink place={place} locale={locale} />
                    <span class="meta">
                      {' '}
                      {m.workPlaces.forms}:{' '}
                      {place.workForms.map((f) => (o.workForms as Record<string, string>)[f] ?? f).join('、')}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </>
  );
}
