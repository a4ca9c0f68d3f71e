/** The filters of a search in words, for the cover of an exported はたらく場情報 (PDF). Pure. */
import { findMunicipality } from '../../reference/municipalities';
import type { OpportunityMessages } from '../opportunities/messages';
import { effectiveSort, hasFilters, type SearchFilters } from './filters';
import type { SearchMessages } from './messages';

export function conditionsOf(filters: SearchFilters, m: SearchMessages, om: OpportunityMessages): string[] {
  const c = m.exportConditions;
  const join = (items: readonly string[]) => items.join(c.separator);
  const out: string[] = [];
  if (filters.q) out.push(c.q(filters.q));
  if (filters.municipalities.length > 0)
    out.push(
      c.municipality(join(filters.municipalities.map((code) => findMunicipality(code)?.name ?? code))),
    );
  const origin = filters.near
    ? (findMunicipality(filters.near)?.name ?? filters.near)
    : filters.point
      ? c.point(filters.point.lat, filters.point.lng)
      : undefined;
  if (origin) out.push(c.distance(origin, filters.withinKm));
  if (filters.weekdays.length > 0) out.push(c.weekday(join(filters.weekdays.map((d) => om.weekdays[d]))));
  if (filters.from || filters.to) out.push(c.time(filters.from ?? '', filters.to ?? ''));
  if (filters.workForms.length > 0) out.push(c.workForm(join(filters.workForms.map((f) => m.workForms[f]))));
  if (filters.tasks.length > 0) out.push(c.task(join(filters.tasks.map((task) => om.tasks[task]))));
  if (filters.supports.length > 0) out.push(c.support(join(filters.supports.map((s) => om.supports[s]))));
  if (filters.openOnly) out.push(c.open);
  if (filters.visitPossible) out.push(c.visit);
  if (filters.trialPossible) out.push(c.trial);
  if (hasFilters(filters) || filters.sort) out.push(c.sort(m.sorts[effectiveSort(filters)]));
  return out;
}
