/**
 * A subscriber's preferences (municipalities, work forms, task categories) and which frozen
 * opportunities they select. Pure. An empty list means "every one".
 */
import { findMunicipality, listMunicipalities } from '../reference/municipalities';
import {
  type TaskCategory,
  taskCategories,
  type WorkForm,
  type WorkFormOffer,
  workFormOf,
} from '../registry/opportunities/opportunity';

export const digestWorkForms: readonly WorkForm[] = ['short_term', 'training_employed', 'training_unpaid'];

export type DigestPreferences = {
  municipalities: string[];
  workForms: WorkForm[];
  tasks: TaskCategory[];
};

export const everything: DigestPreferences = { municipalities: [], workForms: [], tasks: [] };

function parseList(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** Keeps known codes only, sorted, without repeats: equal preferences give equal keys. */
export function cleanPreferences(input: {
  municipalities?: readonly string[];
  workForms?: readonly string[];
  tasks?: readonly string[];
}): DigestPreferences {
  const codes = new Set(listMunicipalities().map((m) => m.code));
  const uniq = <T extends string>(values: readonly string[] | undefined, allowed: (v: string) => v is T) =>
    [...new Set((values ?? []).filter(allowed))].sort();
  return {
    municipalities: uniq(input.municipalities, (v): v is string => codes.has(v)),
    workForms: uniq(input.workForms, (v): v is WorkForm =>
      (digestWorkForms as readonly string[]).includes(v),
    ),
    tasks: uniq(input.tasks, (v): v is TaskCategory => (taskCategories as readonly string[]).includes(v)),
  };
}

export function preferencesOfRow(row: { municipalities: string; work_forms: string; tasks: string }) {
  return cleanPreferences({
    municipalities: parseList(row.municipalities),
    workForms: parseList(row.work_forms),
    tasks: parseList(row.tasks),
  });
}

export function preferenceColumns(p: DigestPreferences) {
  return {
    municipalities: JSON.stringify(p.municipalities),
    work_forms: JSON.stringify(p.workForms),
    tasks: JSON.stringify(p.tasks),
  };
}

/** A municipality's name for describing preferences; the code itself when it is unknown. */
export function municipalityName(code: string): string {
  return findMunicipality(code)?.name ?? code;
}

/** One string per distinct preference set: recipients with equal keys get equal content. */
export function preferenceKey(p: DigestPreferences): string {
  return `${p.municipalities.join(',')}|${p.workForms.join(',')}|${p.tasks.join(',')}`;
}

export type Selectable = {
  municipalityCode: string;
  values: { work_forms: readonly WorkFormOffer[]; tasks: readonly TaskCategory[] };
};

export function matchesPreferences(entry: Selectable, p: DigestPreferences): boolean {
  if (p.municipalities.length > 0 && !p.municipalities.includes(entry.municipalityCode)) return false;
  if (
    p.workForms.length > 0 &&
    !entry.values.work_forms.some((offer) => p.workForms.includes(workFormOf(offer)))
  ) {
    return false;
  }
  if (p.tasks.length > 0 && !entry.values.tasks.some((task) => p.tasks.includes(task))) return false;
  return true;
}
