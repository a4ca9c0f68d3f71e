/**
 * The registry search's filters: read from the URL query (a GET form, so every search has a
 * shareable, bookmarkable address), validated with zod, and written back to a canonical query
 * string. Pure: no I/O. `parseSearchQuery(toSearchQuery(f))` gives `f` back.
 *
 * Query parameters (repeat a name for several values):
 *   q            free text (matched against the stored search text: width, kana, case ignored)
 *   municipality 区市町村 codes (any of them)
 *   near         a municipality code whose office is the origin of the distance, or
 *   lat, lng     a point (WGS84) as the origin
 *   within       at most this many km from the origin (needs an origin)
 *   weekday      ISO 1 (月) … 7 (日): a time window on one of these days must fit
 *   from, to     'HH:MM': the window must start at or before `from` and end at or after `to`
 *   work_form    short_term | training_employed | training_unpaid (any of them)
 *   task         task category codes (any of them)
 *   support      support codes: ALL must be offered
 *   open         1: open places only; visit, trial: 1 when a visit / a trial day must be possible
 *   sort         fit | distance | updated;  page  1, 2, …
 */
import { z } from 'zod';
import { findMunicipality } from '../../reference/municipalities';
import {
  minutesOfTime,
  parseFlag,
  parseTime,
  type SupportCode,
  supportCodes,
  type TaskCategory,
  taskCategories,
  type Weekday,
  type WorkForm,
  weekdays,
} from '../opportunities/opportunity';

export const searchWorkForms = ['short_term', 'training_employed', 'training_unpaid'] as const;
export const sortOrders = ['fit', 'distance', 'updated'] as const;
export type SortOrder = (typeof sortOrders)[number];

export const MAX_QUERY = 100;
export const MAX_WITHIN_KM = 100;

export type SearchFilters = {
  /** The free text as typed (NFKC, trimmed); '' for none. */
  q: string;
  municipalities: string[];
  near?: string;
  point?: { lat: number; lng: number };
  withinKm?: number;
  weekdays: Weekday[];
  from?: string;
  to?: string;
  workForms: WorkForm[];
  tasks: TaskCategory[];
  supports: SupportCode[];
  openOnly: boolean;
  visitPossible: boolean;
  trialPossible: boolean;
  /** As asked; `effectiveSort` gives the default when absent. */
  sort?: SortOrder;
  page: number;
};

/** The error codes a field can carry (messages.ts words them in Japanese). */
export type SearchErrorCode =
  | 'tooLong'
  | 'unknownMunicipality'
  | 'unknownWeekday'
  | 'invalidTime'
  | 'toBeforeFrom'
  | 'notANumber'
  | 'outOfRange'
  | 'pointIncomplete'
  | 'originRequired'
  | 'originTwice'
  | 'unknownChoice'
  | 'invalidFlag';

export type SearchErrors = Partial<Record<SearchField, SearchErrorCode>>;

export const searchFields = [
  'q',
  'municipality',
  'near',
  'lat',
  'lng',
  'within',
  'weekday',
  'from',
  'to',
  'work_form',
  'task',
  'support',
  'open',
  'visit',
  'trial',
  'sort',
] as const;
export type SearchField = (typeof searchFields)[number];

const listFields = new Set<SearchField>(['municipality', 'weekday', 'work_form', 'task', 'support']);

/** The query as typed: single fields as strings, repeatable ones as lists; kept to re-show the form. */
export type RawSearch = {
  single: Partial<Record<SearchField | 'page', string>>;
  lists: Partial<Record<SearchField, string[]>>;
};

export function rawSearchOf(params: URLSearchParams): RawSearch {
  const raw: RawSearch = { single: {}, lists: {} };
  for (const field of searchFields) {
    if (listFields.has(field)) {
      const values = params.getAll(field).filter((v) => v.trim() !== '');
      if (values.length > 0) raw.lists[field] = values;
    } else {
      const value = params.get(field);
      if (value !== null) raw.single[field] = value;
    }
  }
  const page = params.get('page');
  if (page !== null) raw.single.page = page;
  return raw;
}

const nfkc = (v: string) =>
  v
    .normalize('NFKC')
    .replace(/\u3000/g, ' ')
    .trim();

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined ? '' : nfkc(v)));

function numberIn(min: number, max: number, exclusiveMin = false) {
  return optionalText.transform((v, ctx) => {
    if (v === '') return undefined;
    if (!/^-?\d+(\.\d+)?$/.test(v)) {
      ctx.addIssue({ code: 'custom', message: 'notANumber' });
      return z.NEVER;
    }
    const n = Number(v);
    if (n > max || n < min || (exclusiveMin && n === min)) {
      ctx.addIssue({ code: 'custom', message: 'outOfRange' });
      return z.NEVER;
    }
    return n;
  });
}

const time = optionalText.transform((v, ctx) => {
  if (v === '') return undefined;
  const parsed = parseTime(v);
  if (!parsed) {
    ctx.addIssue({ code: 'custom', message: 'invalidTime' });
    return z.NEVER;
  }
  return parsed;
});

const municipalityCode = z.string().transform((v, ctx) => {
  const found = findMunicipality(v);
  if (!found) {
    ctx.addIssue({ code: 'custom', message: 'unknownMunicipality' });
    return z.NEVER;
  }
  return found.code;
});

function codes<T extends string | number>(choices: readonly T[], message: SearchErrorCode) {
  return z
    .array(z.string())
    .optional()
    .transform((values, ctx) => {
      const picked: T[] = [];
      for (const value of values ?? []) {
        const code = choices.find((c) => String(c) === nfkc(value));
        if (code === undefined) {
          ctx.addIssue({ code: 'custom', message });
          return z.NEVER;
        }
        if (!picked.includes(code)) picked.push(code);
      }
      // Canonical order: the order of the controlled list, so the URL does not depend on clicks.
      return picked.sort((a, b) => choices.indexOf(a) - choices.indexOf(b));
    });
}

const flag = optionalText.transform((v, ctx) => {
  const parsed = parseFlag(v);
  if (parsed === undefined) {
    ctx.addIssue({ code: 'custom', message: 'invalidFlag' });
    return z.NEVER;
  }
  return parsed === 1;
});

const searchSchema = z
  .object({
    q: optionalText.refine((v) => v.length <= MAX_QUERY, { message: 'tooLong' }),
    municipality: z
      .array(municipalityCode)
      .optional()
      .transform((list) => [...new Set(list ?? [])].sort()),
    near: optionalText.pipe(
      z.string().transform((v, ctx) => {
        if (v === '') return undefined;
        const found = findMunicipality(v);
        if (!found) {
          ctx.addIssue({ code: 'custom', message: 'unknownMunicipality' });
          return z.NEVER;
        }
        return found.code;
      }),
    ),
    lat: numberIn(20, 46),
    lng: numberIn(122, 154),
    within: numberIn(0, MAX_WITHIN_KM, true),
    weekday: codes(weekdays, 'unknownWeekday'),
    from: time,
    to: time,
    work_form: codes(searchWorkForms, 'unknownChoice'),
    task: codes(taskCategories, 'unknownChoice'),
    support: codes(supportCodes, 'unknownChoice'),
    open: flag,
    visit: flag,
    trial: flag,
    sort: optionalText.transform((v, ctx) => {
      if (v === '') return undefined;
      const order = sortOrders.find((s) => s === v);
      if (!order) {
        ctx.addIssue({ code: 'custom', message: 'unknownChoice' });
        return z.NEVER;
      }
      return order;
    }),
    page: optionalText,
  })
  .superRefine((v, ctx) => {
    const issue = (field: SearchField, message: SearchErrorCode) =>
      ctx.addIssue({ code: 'custom', path: [field], message });
    if ((v.lat === undefined) !== (v.lng === undefined)) {
      issue(v.lat === undefined ? 'lat' : 'lng', 'pointIncomplete');
    }
    const hasPoint = v.lat !== undefined && v.lng !== undefined;
    if (v.near && hasPoint) issue('near', 'originTwice');
    const hasOrigin = Boolean(v.near) || hasPoint;
    if (v.within !== undefined && !hasOrigin) issue('near', 'originRequired');
    if (v.sort === 'distance' && !hasOrigin) issue('sort', 'originRequired');
    if (v.from && v.to && minutesOfTime(v.to) <= minutesOfTime(v.from)) issue('to', 'toBeforeFrom');
  });

export type SearchParseResult =
  | { ok: true; filters: SearchFilters; raw: RawSearch }
  | { ok: false; errors: SearchErrors; raw: RawSearch };

/** Reads and checks the filters of a search URL. */
export function parseSearchQuery(params: URLSearchParams): SearchParseResult {
  const raw = rawSearchOf(params);
  const parsed = searchSchema.safeParse({ ...raw.single, ...raw.lists });
  if (!parsed.success) {
    const errors: SearchErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      const key = (searchFields as readonly PropertyKey[]).includes(field ?? '')
        ? (field as SearchField)
        : 'q';
      errors[key] ??= issue.message as SearchErrorCode;
    }
    return { ok: false, errors, raw };
  }
  const v = parsed.data;
  const page = Number(v.page);
  const filters: SearchFilters = {
    q: v.q,
    municipalities: v.municipality,
    weekdays: v.weekday,
    workForms: v.work_form,
    tasks: v.task,
    supports: v.support,
    openOnly: v.open,
    visitPossible: v.visit,
    trialPossible: v.trial,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
  if (v.near) filters.near = v.near;
  if (v.lat !== undefined && v.lng !== undefined) filters.point = { lat: v.lat, lng: v.lng };
  if (v.within !== undefined) filters.withinKm = v.within;
  if (v.from) filters.from = v.from;
  if (v.to) filters.to = v.to;
  if (v.sort) filters.sort = v.sort;
  return { ok: true, filters, raw };
}

/** The origin of distances: a municipality's office or the given point. */
export function originOf(filters: SearchFilters): { lat: number; lng: number } | undefined {
  if (filters.point) return filters.point;
  if (filters.near) {
    const m = findMunicipality(filters.near);
    if (m) return { lat: m.lat, lng: m.lng };
  }
  return undefined;
}

/** Whether anything narrows the search (the default sort is by fit then, else by last update). */
export function hasFilters(filters: SearchFilters): boolean {
  return (
    filters.q !== '' ||
    filters.municipalities.length > 0 ||
    originOf(filters) !== undefined ||
    filters.weekdays.length > 0 ||
    filters.from !== undefined ||
    filters.to !== undefined ||
    filters.workForms.length > 0 ||
    filters.tasks.length > 0 ||
    filters.supports.length > 0 ||
    filters.openOnly ||
    filters.visitPossible ||
    filters.trialPossible
  );
}

/**
 * The order used: as asked, else by fit when something narrows the search, else by last update.
 * Fit without any filter means nothing (every row passes every condition), so it is by last
 * update too; that also keeps the whole-registry list paged in SQL.
 */
export function effectiveSort(filters: SearchFilters): SortOrder {
  if (!hasFilters(filters)) return filters.sort === 'distance' ? 'distance' : 'updated';
  return filters.sort ?? 'fit';
}

/** The canonical query string of a search (defaults left out), e.g. for links and pagination. */
export function toSearchQuery(filters: SearchFilters, page = filters.page): string {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  for (const code of filters.municipalities) params.append('municipality', code);
  if (filters.near) params.set('near', filters.near);
  if (filters.point) {
    params.set('lat', String(filters.point.lat));
    params.set('lng', String(filters.point.lng));
  }
  if (filters.withinKm !== undefined) params.set('within', String(filters.withinKm));
  for (const day of filters.weekdays) params.append('weekday', String(day));
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  for (const form of filters.workForms) params.append('work_form', form);
  for (const task of filters.tasks) params.append('task', task);
  for (const support of filters.supports) params.append('support', support);
  if (filters.openOnly) params.set('open', '1');
  if (filters.visitPossible) params.set('visit', '1');
  if (filters.trialPossible) params.set('trial', '1');
  if (filters.sort) params.set('sort', filters.sort);
  if (page > 1) params.set('page', String(page));
  return params.toString();
}

/** The work-form offers (registration-sheet codes) that count as each program-wide WorkForm. */
export const offersOfWorkForm: Record<WorkForm, readonly string[]> = {
  short_term: ['a_employed', 'a_unpaid'],
  training_employed: ['b_employed', 'c_employed', 'd_employed'],
  training_unpaid: ['b_unpaid', 'c_unpaid', 'd_unpaid'],
};
