/**
 * The search page: the filters as a GET form (the URL carries every condition), the result
 * count, the results table and pagination. On bad input the form comes back with the values as
 * typed and a Japanese message at each field and in the summary.
 */
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { Locale, Messages } from '../../../platform/i18n';
import { formatDateTime } from '../../../platform/i18n/format';
import { escapeHtml } from '../../../platform/text/escape-html';
import {
  CheckboxesField,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  SelectField,
  TextField,
} from '../../../platform/ui/form';
import { Pagination } from '../../../platform/ui/pagination';
import { listMunicipalities } from '../../../reference/municipalities';
import type { OpportunityMessages } from '../../opportunities/messages';
import { supportCodes, taskCategories, weekdays } from '../../opportunities/opportunity';
import { StaleMark, StatusTag } from '../../opportunities/views/opportunity-pages';
import {
  type RawSearch,
  type SearchFilters,
  type SortOrder,
  searchFields,
  searchWorkForms,
  sortOrders,
  toSearchQuery,
} from '../filters';
import type { SearchMessages } from '../messages';
import type { SearchOutcome, SearchResult } from '../service';

type Props = {
  t: Messages;
  m: SearchMessages;
  om: OpportunityMessages;
  locale: Locale;
  now: Date;
  raw: RawSearch;
  errors: FieldErrors;
  /** The order used when the URL names none, shown in the blank choice. */
  sort?: SortOrder;
  filters?: SearchFilters;
  outcome?: SearchOutcome;
};

function FlagBox(props: {
  name: 'open' | 'visit' | 'trial';
  label: string;
  values: FormValues;
  errors: FieldErrors;
}) {
  const id = `field-${props.name}`;
  const error = props.errors[props.name];
  const on = ['1', 'on', 'true'].includes(props.values[props.name] ?? '');
  return (
    <div class="choice">
      {error ? (
        <p class="error-message" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <label for={id}>
        <input
          type="checkbox"
          id={id}
          name={props.name}
          value="1"
          checked={on}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />{' '}
        {props.label}
      </label>
    </div>
  );
}

/** A group that folds away when nothing in it is chosen, to keep the form short. */
function Fold(props: { summary: string; open: boolean; children: Child }) {
  return (
    <details class="search-fold" open={props.open}>
      <summary>{props.summary}</summary>
      {props.children}
    </details>
  );
}

function SearchForm(props: Props) {
  const { t, m, om, raw, errors } = props;
  const values = raw.single as FormValues;
  const lists = raw.lists;
  const municipalities = listMunicipalities().map((mu) => ({ value: mu.code, label: mu.name }));
  const picked = lists.municipality ?? [];
  const distanceAsked = ['near', 'within', 'lat', 'lng'].some((f) => (values[f] ?? '').trim() !== '');
  return (
    <form method="get" action="/search" class="search-form" novalidate>
      <TextField
        t={t}
        name="q"
        type="search"
        label={m.fields.q}
        hint={m.hints.q}
        values={values}
        errors={errors}
        width="full"
      />
      <Fold
        summary={`${m.fields.municipality}(${m.picked(picked.length)})`}
        open={picked.length > 0 || Boolean(errors.municipality)}
      >
        <CheckboxesField
          t={t}
          name="municipality"
          legend={m.fields.municipality}
          hint={m.hints.municipality}
          options={municipalities}
          checked={picked}
          errors={errors}
        />
      </Fold>
      <Fold
        summary={`${m.distanceLegend}(${m.distanceSet(distanceAsked)})`}
        open={distanceAsked || ['near', 'within', 'lat', 'lng'].some((f) => errors[f])}
      >
        <fieldset class="fieldset">
          <legend>{m.distanceLegend}</legend>
          <p class="hint">{m.hints.distance}</p>
          <SelectField
            t={t}
            name="near"
            label={m.fields.near}
            options={municipalities}
            placeholder={m.choose}
            values={values}
            errors={errors}
          />
          <TextField
            t={t}
            name="within"
            label={m.fields.within}
            hint={m.hints.within}
            values={values}
            errors={errors}
            width="short"
          />
          <p class="hint">{m.hints.point}</p>
          <TextField t={t} name="lat" label={m.fields.lat} values={values} errors={errors} width="short" />
          <TextField t={t} name="lng" label={m.fields.lng} values={values} errors={errors} width="short" />
        </fieldset>
      </Fold>
      <fieldset class="fieldset">
        <legend>{m.timeLegend}</legend>
        <CheckboxesField
          t={t}
          name="weekday"
          legend={m.fields.weekday}
          hint={m.hints.weekday}
          options={weekdays.map((d) => ({ value: String(d), label: om.weekdaysLong[d] }))}
          checked={lists.weekday ?? []}
          errors={errors}
        />
        <p class="hint">{m.hints.time}</p>
        <TextField t={t} name="from" label={m.fields.from} values={values} errors={errors} width="short" />
        <TextField t={t} name="to" label={m.fields.to} values={values} errors={errors} width="short" />
      </fieldset>
      <Fold
        summary={`${m.fields.work_form}(${m.picked(lists.work_form?.length ?? 0)})`}
        open={(lists.work_form?.length ?? 0) > 0 || Boolean(errors.work_form)}
      >
        <CheckboxesField
          t={t}
          name="work_form"
          legend={m.fields.work_form}
          options={searchWorkForms.map((w) => ({ value: w, label: m.workForms[w] }))}
          checked={lists.work_form ?? []}
          errors={errors}
        />
      </Fold>
      <Fold
        summary={`${m.fields.task}(${m.picked(lists.task?.length ?? 0)})`}
        open={(lists.task?.length ?? 0) > 0 || Boolean(errors.task)}
      >
        <CheckboxesField
          t={t}
          name="task"
          legend={m.fields.task}
          options={taskCategories.map((c) => ({ value: c, label: om.tasks[c] }))}
          checked={lists.task ?? []}
          errors={errors}
        />
      </Fold>
      <Fold
        summary={`${m.fields.support}(${m.picked(lists.support?.length ?? 0)})`}
        open={(lists.support?.length ?? 0) > 0 || Boolean(errors.support)}
      >
        <CheckboxesField
          t={t}
          name="support"
          legend={m.fields.support}
          hint={m.hints.support}
          options={supportCodes.map((c) => ({ value: c, label: om.supports[c] }))}
          checked={lists.support ?? []}
          errors={errors}
        />
      </Fold>
      <fieldset class="fieldset">
        <legend>{m.conditionsLegend}</legend>
        <FlagBox name="open" label={m.fields.open} values={values} errors={errors} />
        <FlagBox name="visit" label={m.fields.visit} values={values} errors={errors} />
        <FlagBox name="trial" label={m.fields.trial} values={values} errors={errors} />
      </fieldset>
      <SelectField
        t={t}
        name="sort"
        label={m.fields.sort}
        options={sortOrders.map((s) => ({ value: s, label: m.sorts[s] }))}
        placeholder={m.sortDefault(m.sorts[props.sort ?? 'updated'])}
        values={values}
        errors={errors}
      />
      <p>
        <button type="submit" class="button">
          {m.submit}
        </button>{' '}
        <a href="/search">{m.clear}</a>
      </p>
    </form>
  );
}

/**
 * One result as a table row, as a string. A page holds 20 of them, the larger part of the
 * search page's rendering: JSX (~40 nodes a row) gave way to hono's html templates (decision
 * 033), and those to one template literal with escapeHtml on each value (decision 035). Every
 * value from the registry goes through escapeHtml; StatusTag and StaleMark come escaped.
 */
function resultRow(
  m: SearchMessages,
  om: OpportunityMessages,
  locale: Locale,
  now: Date,
  item: SearchResult,
): string {
  const e = escapeHtml;
  const tag = (text: string) => `<span class="tag">${e(text)}</span>`;
  // The search already knows; StaleMark works it out again only for the rows it marks.
  const stale = item.stale ? (StaleMark({ m: om, lastConfirmedAt: item.lastConfirmedAt, now }) ?? '') : '';
  let windows = '';
  for (const w of item.windows) {
    windows += `<div>${e(om.weekdays[w.weekday] ?? '')} ${e(om.range(w.start, w.end))}(${e(m.capacity(w.capacity))})</div>`;
  }
  const distance = item.distanceKm !== undefined ? ` · ${m.distanceKm(item.distanceKm)}` : '';
  const tasks = item.tasks.map((c) => om.tasks[c] ?? c).join('、');
  const workForms = item.workForms.map((w) => om.workForms[w] ?? w).join('、');
  return `<tr><td><a href="/opportunities/${e(item.id)}">${e(item.title)}</a><div>${item.visitPossible ? tag(m.visit) : ''} ${item.trialPossible ? tag(m.trial) : ''}</div></td><td>${e(item.facilityName)}<div class="hint">${e(item.municipalityName)}${e(distance)}</div></td><td>${e(tasks)}</td><td>${windows}</td><td>${e(workForms)}</td><td>${StatusTag({ m: om, status: item.status })} ${stale}<div class="hint">${e(m.updated(formatDateTime(item.updatedAt, locale)))}</div></td></tr>`;
}

/** Downloads of the whole result (every page) in the listing's formats (routes.tsx). */
function ExportLinks({ m, query }: { m: Props['m']; query: string }) {
  const formats = ['pdf', 'xlsx', 'csv'] as const;
  return (
    <p>
      {m.exportLabel}{' '}
      {formats.map((format, i) => (
        <>
          {i > 0 ? ' / ' : ''}
          <a href={`/search/export.${format}${query ? `?${query}` : ''}`} download>
            {m.exportFormats[format]}
          </a>
        </>
      ))}
    </p>
  );
}

function Results(props: Props & { outcome: SearchOutcome; filters: SearchFilters }) {
  const { t, m, outcome, filters } = props;
  const first = (outcome.page - 1) * outcome.pageSize + 1;
  const last = Math.min(outcome.total, outcome.page * outcome.pageSize);
  const query = toSearchQuery(filters);
  return (
    <section aria-labelledby="search-results-title">
      <h2 id="search-results-title">{m.resultsTitle}</h2>
      <p role="status">
        <strong>{m.count(outcome.total)}</strong>
        {outcome.items.length > 0 ? ` ${m.showing(first, last)}` : ''}
      </p>
      <p>
        <a href={query ? `/search?${query}` : '/search'}>{m.shareLink}</a>
      </p>
      {outcome.total > 0 ? <ExportLinks m={m} query={toSearchQuery(filters, 1)} /> : ''}
      {outcome.items.length === 0 ? (
        <p>{m.empty}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{m.resultsTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{m.columns.title}</th>
                <th scope="col">{m.columns.facility}</th>
                <th scope="col">{m.columns.tasks}</th>
                <th scope="col">{m.columns.windows}</th>
                <th scope="col">{m.columns.workForms}</th>
                <th scope="col">{m.columns.status}</th>
              </tr>
            </thead>
            <tbody>
              {raw(
                outcome.items.map((item) => resultRow(m, props.om, props.locale, props.now, item)).join(''),
              )}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        t={t}
        page={outcome.page}
        total={outcome.total}
        pageSize={outcome.pageSize}
        href={(p) => `/search?${toSearchQuery(filters, p)}`}
      />
    </section>
  );
}

/**
 * The form's HTML for an error-free search, rendered once per locale, default sort and query:
 * about 600 elements (every municipality twice), most of a page's rendering time. It holds
 * nothing of the user (a GET form, no CSRF field). Kept for the last FORM_CACHE_SIZE queries.
 */
const FORM_CACHE_SIZE = 200;
const formCache = new Map<string, string>();

function cachedForm(props: Props): string | undefined {
  const key = `${props.locale}|${props.sort ?? ''}|${JSON.stringify(props.raw)}`;
  let html = formCache.get(key);
  if (html === undefined) {
    const rendered = (<SearchForm {...props} />).toString();
    // Only a synchronous rendering can be kept (an async component would give a promise).
    if (typeof rendered !== 'string') return undefined;
    html = rendered;
    if (formCache.size >= FORM_CACHE_SIZE) formCache.delete(formCache.keys().next().value as string);
  } else formCache.delete(key);
  formCache.set(key, html);
  return html;
}

function Form(props: Props) {
  const html = Object.keys(props.errors).length === 0 ? cachedForm(props) : undefined;
  return html === undefined ? <SearchForm {...props} /> : raw(html);
}

export function SearchPage(props: Props) {
  const { t, m } = props;
  const labels = Object.fromEntries(searchFields.map((f) => [f, props.m.fields[f]]));
  return (
    <>
      <h1>{m.title}</h1>
      <p>{m.intro}</p>
      <ErrorSummary t={t} errors={props.errors} labels={labels} />
      <Form {...props} />
      {props.outcome && props.filters ? (
        <Results {...props} outcome={props.outcome} filters={props.filters} />
      ) : null}
    </>
  );
}
