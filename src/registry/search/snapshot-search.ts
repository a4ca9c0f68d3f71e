/**
 * The registry search over the in-memory snapshot (snapshot.ts): exactly the conditions of
 * store.ts's `matching` query, checked in JS, cheapest first. store.test.ts compares the two on
 * both databases. Pure apart from reading the snapshot it is given.
 */
import type { Actor } from '../../platform/auth/policy';
import { offersOfWorkForm } from './filters';
import { compareByUpdate, type RegistryEntry, type RegistrySnapshot, type SnapshotWindow } from './snapshot';
import type { SearchCriteria, SearchRowWithFit } from './store';

const isCouncil = (actor: Actor) => actor.role === 'council_admin' || actor.role === 'council_staff';

/** The windows that fit: on an asked weekday, covering from–to, with open places when asked. */
function fits(w: SnapshotWindow, c: SearchCriteria): boolean {
  if (c.weekdays.length > 0 && !c.weekdays.includes(w.weekday)) return false;
  if (c.from !== undefined && !(w.start <= c.from)) return false;
  if (c.to !== undefined && !(w.end >= c.to)) return false;
  if (c.openOnly && !(w.openPlaces > 0)) return false;
  return true;
}

function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n += 1;
  return n;
}

const asksForWindow = (c: SearchCriteria) =>
  c.weekdays.length > 0 || c.from !== undefined || c.to !== undefined || c.openOnly;

export function searchRowOf(e: RegistryEntry): Omit<SearchRowWithFit, 'fitDays' | 'fitPlaces'> {
  return {
    id: e.id,
    title: e.title,
    tasks: e.tasksJson,
    workForms: e.workFormsJson,
    supports: e.supportsJson,
    visitPossible: e.visitPossible,
    trialPossible: e.trialPossible,
    status: e.status,
    updatedAt: e.updatedAt,
    lastConfirmedAt: e.lastConfirmedAt,
    facilityId: e.facilityId,
    facilityName: e.facilityName,
    municipalityCode: e.municipalityCode,
    municipalityName: e.municipalityName,
    lat: e.lat,
    lng: e.lng,
  };
}

/** The entries the SQL search would return for `actor` and `c`, with their fit figures. */
export function searchSnapshot(
  snapshot: RegistrySnapshot,
  actor: Actor,
  c: SearchCriteria,
  order: 'any' | 'byUpdate' = 'any',
): { entry: RegistryEntry; fitDays: number; fitPlaces: number }[] {
  const council = isCouncil(actor);
  if (!council && actor.role !== 'counsellor') return [];
  const municipalities = c.municipalityCodes.length > 0 ? new Set(c.municipalityCodes) : undefined;
  const offers = c.workForms.flatMap((form) => offersOfWorkForm[form]);
  const window = asksForWindow(c);
  const out: { entry: RegistryEntry; fitDays: number; fitPlaces: number }[] = [];
  // Start from the narrowest index that applies; only the whole list comes in "updated" order.
  const source =
    c.municipalityCodes.length > 0
      ? snapshot.inMunicipalities(c.municipalityCodes)
      : c.box
        ? snapshot.nearBox(c.box)
        : order === 'byUpdate'
          ? snapshot.byUpdate
          : snapshot.entries;
  const sortAfter = order === 'byUpdate' && source !== snapshot.byUpdate;
  for (const e of source) {
    if (!council && !e.published) continue;
    if (c.openOnly && e.status !== 'published') continue;
    if (c.visitPossible && e.visitPossible !== 1) continue;
    if (c.trialPossible && e.trialPossible !== 1) continue;
    if (municipalities && !municipalities.has(e.municipalityCode)) continue;
    if (c.box) {
      const b = c.box;
      if (e.lat < b.minLat || e.lat > b.maxLat || e.lng < b.minLng || e.lng > b.maxLng) continue;
    }
    if (offers.length > 0 && !offers.some((o) => (e.workForms as readonly string[]).includes(o))) continue;
    if (c.tasks.length > 0 && !c.tasks.some((t) => e.tasks.includes(t))) continue;
    if (c.supports.length > 0 && !c.supports.every((s) => e.supports.includes(s))) continue;
    if (c.terms.length > 0 && !c.terms.every((t) => e.searchText.includes(t))) continue;
    let fitDays = 0;
    let fitPlaces = 0;
    if (window) {
      let days = 0;
      for (const w of e.windows) {
        if (!fits(w, c)) continue;
        if ((days & (1 << w.weekday)) === 0) {
          days |= 1 << w.weekday;
          fitDays += 1;
        }
        if (w.openPlaces > fitPlaces) fitPlaces = w.openPlaces;
      }
      if (days === 0) continue;
    } else {
      // Every window fits: its weekdays and its most open places, kept with the entry.
      fitDays = bitCount(e.dayMask);
      fitPlaces = e.maxOpenPlaces;
    }
    out.push({ entry: e, fitDays, fitPlaces });
  }
  if (sortAfter) out.sort((a, b) => compareByUpdate(a.entry, b.entry));
  return out;
}
