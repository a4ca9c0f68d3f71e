/**
 * The registry snapshot: the listed はたらく場 (published, full, paused, at active facilities),
 * compact and in memory, for the registry search and matching (docs/decisions/031). Filtering and
 * scoring a few thousand rows in JS costs microseconds a row; reading them from SQLite costs
 * 1–2 µs a row before any work, and a 10 km search in 多摩 touches 7,000 of 30,000.
 *
 * Freshness: triggers log every write to opportunity, opportunity_window, facility and
 * municipality in `registry_change` (migration 017), whatever code or process writes. Each use
 * reads the log after the last row it applied (one indexed query, usually empty) and reloads just
 * the opportunities named there, so a search sees every committed change, as the SQL would.
 * PostgreSQL can commit log rows out of sequence order (concurrent writers), so a missing
 * sequence number is remembered as a gap and read again until it appears or is a minute old.
 *
 * One snapshot per Kysely instance (a process usually has one). A transaction never uses it:
 * callers inside one use the SQL path (store.ts), which also stays the reference in tests.
 */
import type { Kysely } from 'kysely';
import { compiledOnce } from '../../platform/db/compiled-once';
import type { Database } from '../../platform/db/schema';
import { toSearchText } from '../../platform/text/normalise';
import {
  minutesOfTime,
  type OpportunityStatus,
  publicStatuses,
  type SupportCode,
  supportCodes,
  type TaskCategory,
  type TimeWindow,
  taskCategories,
  type Weekday,
  type WorkFormOffer,
  workFormOffers,
} from '../opportunities/opportunity';
import { cellKey, columnsOf, type RegistryColumns } from './columns';

export type RegistryEntry = {
  id: string;
  title: string;
  status: OpportunityStatus;
  /** Ever published (published_at set): what counsellors may see. */
  published: boolean;
  tasks: readonly TaskCategory[];
  workForms: readonly WorkFormOffer[];
  supports: readonly SupportCode[];
  supportsUnavailable: readonly SupportCode[];
  /** The JSON as stored, for rows handed to code that parses them. */
  tasksJson: string;
  workFormsJson: string;
  supportsJson: string;
  minDailyMinutes: number | null;
  maxDailyMinutes: number | null;
  minDaysPerWeek: number | null;
  maxDaysPerWeek: number | null;
  visitPossible: number;
  trialPossible: number;
  transportAllowance: number;
  transportCapYen: number | null;
  updatedAt: string;
  lastConfirmedAt: string;
  searchText: string;
  facilityId: string;
  facilityName: string;
  municipalityCode: string;
  municipalityName: string;
  /** The facility's own point when it has both coordinates, else its municipality office. */
  lat: number;
  lng: number;
  /** The same point as one object, shared by whoever needs it as one. */
  point: { lat: number; lng: number };
  pointIsOffice: boolean;
  /** All time windows, in their order, with their open places (opportunity_window.open_places). */
  windows: SnapshotWindow[];
  /** Bit `1 << weekday` set for each weekday with a window. */
  dayMask: number;
  /** Offers a short-term (A) form, usable without a 支援決定. */
  offersShortTerm: boolean;
  /** The most open places in one window (0 without windows). */
  maxOpenPlaces: number;
  /** The title in the stored search form (toSearchText), for the fit score. */
  titleText: string;
  /** Bit i set when taskCategories[i] is offered (codeMask): set tests without strings. */
  taskMask: number;
  /** Bit i set when supportCodes[i] is offered. */
  supportMask: number;
  /** Bit i set when supportCodes[i] is said to be unavailable. */
  supportsUnavailableMask: number;
  /** Bit i set when workFormOffers[i] is offered. */
  workFormMask: number;
  /** Per window, in its order: weekday, start minute, end minute, open places. */
  windowFacts: number[];
};

export type SnapshotWindow = TimeWindow & { openPlaces: number };

export type RegistrySnapshot = {
  readonly entries: readonly RegistryEntry[];
  /** The entries' hot facts as typed arrays, laid out for scans (columns.ts). */
  columns(): RegistryColumns;
};

const bitOf = (codes: readonly string[]) => new Map(codes.map((code, i) => [code, 1 << i]));
const taskBits = bitOf(taskCategories);
const supportBits = bitOf(supportCodes);
const workFormBits = bitOf(workFormOffers);

/**
 * The bits of `codes` in the registry's code lists (taskCategories, supportCodes, workFormOffers),
 * and whether every code is in the list: a code outside it can be offered by no entry.
 */
export function codeMask(
  kind: 'task' | 'support' | 'workForm',
  codes: readonly string[],
): { mask: number; allKnown: boolean } {
  const bits = kind === 'task' ? taskBits : kind === 'support' ? supportBits : workFormBits;
  let mask = 0;
  let allKnown = true;
  for (const code of codes) {
    const bit = bits.get(code);
    if (bit === undefined) allKnown = false;
    else mask |= bit;
  }
  return { mask, allKnown };
}

type State = {
  entries: RegistryEntry[];
  /** The columns of `entries`, made when first asked for after a change. */
  columns?: RegistryColumns;
  byId: Map<string, RegistryEntry>;
  /** The highest log sequence number applied. */
  applied: number;
  /** Sequence numbers below `applied` not seen yet, with when they were first missed. */
  gaps: Map<number, number>;
  refreshing?: Promise<void>;
};

/** More changed rows than this since the last use: reload everything. */
const FULL_RELOAD_AFTER = 5000;
/** A gap still missing after this long was a rolled-back write. */
const GAP_EXPIRY_MS = 60_000;
/** The log is cut back to this many rows once it holds twice as many. */
const LOG_KEEP = 100_000;
const CHUNK = 500;

const states = new WeakMap<object, State>();

const list = <T>(json: string): T[] => {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? (value as T[]) : [];
};

type Scope = { ids?: readonly string[]; facilityIds?: readonly string[] };

async function loadEntries(db: Kysely<Database>, scope?: Scope): Promise<RegistryEntry[]> {
  let query = db
    .selectFrom('opportunity as o')
    .innerJoin('facility as f', 'f.id', 'o.facility_id')
    .innerJoin('municipality as m', 'm.code', 'f.municipality_code')
    .select([
      'o.id',
      'o.title',
      'o.status',
      'o.published_at',
      'o.tasks',
      'o.work_forms',
      'o.supports',
      'o.supports_unavailable',
      'o.min_daily_minutes',
      'o.max_daily_minutes',
      'o.min_days_per_week',
      'o.max_days_per_week',
      'o.visit_possible',
      'o.trial_possible',
      'o.transport_allowance',
      'o.transport_cap_yen',
      'o.updated_at',
      'o.last_confirmed_at',
      'o.search_text',
      'f.id as facility_id',
      'f.name as facility_name',
      'f.municipality_code',
      'f.lat',
      'f.lng',
      'm.name as municipality_name',
      'm.lat as office_lat',
      'm.lng as office_lng',
    ])
    .where('o.status', 'in', publicStatuses)
    .where('f.active', '=', 1);
  if (scope) {
    const { ids = [], facilityIds = [] } = scope;
    query = query.where((eb) =>
      eb.or([
        ...(ids.length > 0 ? [eb('o.id', 'in', [...ids])] : []),
        ...(facilityIds.length > 0 ? [eb('o.facility_id', 'in', [...facilityIds])] : []),
      ]),
    );
  }
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const windowsOf = new Map<string, WindowRow[]>();
  const windowQuery = (ids?: string[]) => {
    let w = db
      .selectFrom('opportunity_window as w')
      .select(['w.opportunity_id', 'w.weekday', 'w.start_time', 'w.end_time', 'w.capacity', 'w.open_places'])
      .orderBy('w.opportunity_id')
      .orderBy('w.position');
    if (ids) w = w.where('w.opportunity_id', 'in', ids);
    return w.execute();
  };
  const addWindows = (list: WindowRow[]) => {
    for (const w of list) {
      const of = windowsOf.get(w.opportunity_id);
      if (of) of.push(w);
      else windowsOf.set(w.opportunity_id, [w]);
    }
  };
  if (scope) {
    const ids = rows.map((r) => r.id);
    for (let i = 0; i < ids.length; i += CHUNK) addWindows(await windowQuery(ids.slice(i, i + CHUNK)));
  } else addWindows(await windowQuery());

  // Made in the order the scans visit them (columns.ts: by municipality, then grid cell), each
  // with its windows right after it: allocated together, they sit together in memory.
  const placed = rows.map((r) => {
    const own = r.lat !== null && r.lng !== null;
    const point = { lat: Number(own ? r.lat : r.office_lat), lng: Number(own ? r.lng : r.office_lng) };
    return { r, own, point, cell: cellKey(point.lat, point.lng) };
  });
  placed.sort((a, b) =>
    a.r.municipality_code < b.r.municipality_code
      ? -1
      : a.r.municipality_code > b.r.municipality_code
        ? 1
        : a.cell - b.cell,
  );
  return placed.map(({ r, own, point }) => {
    const entry: RegistryEntry = {
      id: r.id,
      title: r.title,
      status: r.status,
      published: r.published_at !== null,
      tasks: list(r.tasks),
      workForms: list(r.work_forms),
      supports: list(r.supports),
      supportsUnavailable: list(r.supports_unavailable),
      tasksJson: r.tasks,
      workFormsJson: r.work_forms,
      supportsJson: r.supports,
      minDailyMinutes: r.min_daily_minutes === null ? null : Number(r.min_daily_minutes),
      maxDailyMinutes: r.max_daily_minutes === null ? null : Number(r.max_daily_minutes),
      minDaysPerWeek: r.min_days_per_week === null ? null : Number(r.min_days_per_week),
      maxDaysPerWeek: r.max_days_per_week === null ? null : Number(r.max_days_per_week),
      visitPossible: Number(r.visit_possible),
      trialPossible: Number(r.trial_possible),
      transportAllowance: Number(r.transport_allowance),
      transportCapYen: r.transport_cap_yen === null ? null : Number(r.transport_cap_yen),
      updatedAt: r.updated_at,
      lastConfirmedAt: r.last_confirmed_at,
      searchText: r.search_text,
      facilityId: r.facility_id,
      facilityName: r.facility_name,
      municipalityCode: r.municipality_code,
      municipalityName: r.municipality_name,
      lat: point.lat,
      lng: point.lng,
      point,
      pointIsOffice: !own,
      windows: [],
      dayMask: 0,
      offersShortTerm: false,
      maxOpenPlaces: 0,
      titleText: toSearchText(r.title),
      taskMask: 0,
      supportMask: 0,
      supportsUnavailableMask: 0,
      workFormMask: 0,
      windowFacts: [],
    };
    for (const w of windowsOf.get(r.id) ?? []) {
      const weekday = Number(w.weekday) as Weekday;
      const openPlaces = Number(w.open_places);
      entry.windows.push({
        weekday,
        start: sharedTime(w.start_time),
        end: sharedTime(w.end_time),
        capacity: Number(w.capacity),
        openPlaces,
      });
      const start = minutesOfTime(w.start_time);
      const end = minutesOfTime(w.end_time);
      entry.windowFacts.push(weekday, start, end, openPlaces);
      entry.dayMask |= 1 << weekday;
      entry.maxOpenPlaces = Math.max(entry.maxOpenPlaces, openPlaces);
    }
    entry.offersShortTerm = entry.workForms.some((f) => f.startsWith('a_'));
    // A code no longer in the lists (an old row) sets no bit rather than all of them.
    entry.taskMask = maskOfKnown(taskBits, entry.tasks);
    entry.supportMask = maskOfKnown(supportBits, entry.supports);
    entry.supportsUnavailableMask = maskOfKnown(supportBits, entry.supportsUnavailable);
    entry.workFormMask = maskOfKnown(workFormBits, entry.workForms);
    return entry;
  });
}

/**
 * One string object per time of day: a registry has a few dozen distinct times over 300,000
 * windows, and matching reads every candidate window's times; shared strings stay in the CPU
 * cache, one string per row would not (decision 033).
 */
const sharedTimes = new Map<string, string>();
function sharedTime(time: string): string {
  const known = sharedTimes.get(time);
  if (known !== undefined) return known;
  if (sharedTimes.size < 2000) sharedTimes.set(time, time);
  return time;
}

type WindowRow = {
  opportunity_id: string;
  weekday: number | string;
  start_time: string;
  end_time: string;
  capacity: number | string;
  open_places: number | string;
};

function maskOfKnown(bits: Map<string, number>, codes: readonly string[]): number {
  let mask = 0;
  for (const code of codes) mask |= bits.get(code) ?? 0;
  return mask;
}

async function lastSeq(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('registry_change')
    .select((eb) => eb.fn.max('seq').as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

async function fullLoad(db: Kysely<Database>, state: State): Promise<void> {
  // The log position first: a change during the load is applied again next time.
  const applied = await lastSeq(db);
  const entries = await loadEntries(db);
  state.entries = entries;
  state.columns = undefined;
  state.byId = new Map(entries.map((e) => [e.id, e]));
  state.applied = applied;
  state.gaps.clear();
}

/** The log after a sequence number: read before every search, nearly always empty. */
const changesAfter = compiledOnce<{ from: number }>()((db, value) =>
  db
    .selectFrom('registry_change')
    .select(['seq', 'opportunity_id', 'facility_id'])
    .where('seq', '>', value('from'))
    .orderBy('seq')
    .limit(FULL_RELOAD_AFTER + 1),
);

async function refresh(db: Kysely<Database>, state: State): Promise<void> {
  const now = Date.now();
  for (const [seq, since] of state.gaps) if (now - since > GAP_EXPIRY_MS) state.gaps.delete(seq);
  const from = state.gaps.size > 0 ? Math.min(...state.gaps.keys()) - 1 : state.applied;
  const changes = await changesAfter(db, { from });
  if (changes.length === 0) return;
  const fresh = changes.filter((c) => Number(c.seq) > state.applied || state.gaps.has(Number(c.seq)));
  if (fresh.length === 0) return;
  const everything =
    changes.length > FULL_RELOAD_AFTER || fresh.some((c) => !c.opportunity_id && !c.facility_id);
  // Another process cut the log past what this one applied: it cannot know what it missed.
  const first = await db
    .selectFrom('registry_change')
    .select((eb) => eb.fn.min('seq').as('n'))
    .executeTakeFirst();
  if (everything || Number(first?.n ?? 0) > state.applied + 1) {
    await fullLoad(db, state);
    await pruneLog(db, state.applied);
    return;
  }
  const ids = new Set<string>();
  const facilityIds = new Set<string>();
  for (const c of fresh) {
    if (c.opportunity_id) ids.add(c.opportunity_id);
    if (c.facility_id) facilityIds.add(c.facility_id);
  }
  const idList = [...ids];
  const facilityList = [...facilityIds];
  const reloaded: RegistryEntry[] = [];
  for (let i = 0; i < Math.max(idList.length, facilityList.length); i += CHUNK) {
    const part = await loadEntries(db, {
      ids: idList.slice(i, i + CHUNK),
      facilityIds: facilityList.slice(i, i + CHUNK),
    });
    for (const entry of part) reloaded.push(entry);
  }
  for (const id of ids) state.byId.delete(id);
  if (facilityIds.size > 0) {
    for (const entry of state.entries) if (facilityIds.has(entry.facilityId)) state.byId.delete(entry.id);
  }
  for (const entry of reloaded) state.byId.set(entry.id, entry);
  state.entries = [...state.byId.values()];
  state.columns = undefined;

  const seen = new Set(changes.map((c) => Number(c.seq)));
  for (const c of fresh) state.gaps.delete(Number(c.seq));
  const highest = Math.max(state.applied, ...seen);
  for (let seq = state.applied + 1; seq < highest; seq++) if (!seen.has(seq)) state.gaps.set(seq, now);
  if (state.gaps.size > FULL_RELOAD_AFTER) state.gaps.clear();
  state.applied = highest;
  await pruneLog(db, state.applied);
}

async function pruneLog(db: Kysely<Database>, applied: number): Promise<void> {
  if (applied % 1000 !== 0 && applied < 2 * LOG_KEEP) return;
  const first = await db
    .selectFrom('registry_change')
    .select((eb) => eb.fn.min('seq').as('n'))
    .executeTakeFirst();
  if (applied - Number(first?.n ?? applied) > 2 * LOG_KEEP)
    await db
      .deleteFrom('registry_change')
      .where('seq', '<=', applied - LOG_KEEP)
      .execute();
}

/** The current snapshot for `db` (loaded on first use, then kept up to date from the log). */
export async function registrySnapshot(db: Kysely<Database>): Promise<RegistrySnapshot> {
  let state = states.get(db);
  if (!state) {
    const fresh: State = { entries: [], byId: new Map(), applied: 0, gaps: new Map() };
    fresh.refreshing = fullLoad(db, fresh).finally(() => {
      fresh.refreshing = undefined;
    });
    states.set(db, fresh);
    state = fresh;
  }
  const current = state;
  while (current.refreshing) await current.refreshing;
  current.refreshing = refresh(db, current).finally(() => {
    current.refreshing = undefined;
  });
  await current.refreshing;
  const entries = current.entries;
  return {
    entries,
    columns() {
      // Made when first needed after a change; a refresh in between leaves this call its own.
      if (current.entries !== entries) return columnsOf(entries);
      current.columns ??= columnsOf(entries);
      return current.columns;
    },
  };
}

/** Forgets the snapshot of `db` (tests, or after a bulk change outside the log). */
export function dropRegistrySnapshot(db: Kysely<Database>): void {
  states.delete(db);
}
