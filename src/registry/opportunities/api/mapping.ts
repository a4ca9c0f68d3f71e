/**
 * Between the API's field names and the domain's: a request body merged into the domain's
 * input (a PATCH onto the stored values), and an opportunity or a summary as the API shows it.
 */
import { classifyChange, hoursOfMinutes, isStale, type OpportunityInput, openPlaces } from '../opportunity';
import type { OpportunityDetail, OpportunitySummary } from '../service';
import type { Body, fields } from './schemas';

/** API name → domain field (the domain's error keys use the latter). */
const domainField: Record<keyof typeof fields, string> = {
  title: 'title',
  description: 'description',
  tasks: 'tasks',
  setting: 'setting',
  physicalLoad: 'physical_load',
  workForms: 'work_forms',
  windows: 'windows',
  minHoursPerDay: 'min_daily_minutes',
  maxHoursPerDay: 'max_daily_minutes',
  minDaysPerWeek: 'min_days_per_week',
  maxDaysPerWeek: 'max_days_per_week',
  worksOnHolidays: 'works_on_holidays',
  yearEndClosed: 'year_end_closed',
  holidayNote: 'holiday_note',
  earliestStartDate: 'earliest_start_date',
  payType: 'pay_type',
  payYen: 'pay_yen',
  transportAllowance: 'transport_allowance',
  transportCapYen: 'transport_cap_yen',
  meals: 'meals',
  uniform: 'uniform',
  whatToBring: 'what_to_bring',
  healthCheckRequired: 'health_check_required',
  documentsRequired: 'documents_required',
  supports: 'supports',
  supportsUnavailable: 'supports_unavailable',
  supportNote: 'support_note',
  visitPossible: 'visit_possible',
  trialPossible: 'trial_possible',
  interviewRequired: 'interview_required',
};
export const apiField = Object.fromEntries(Object.entries(domainField).map(([api, domain]) => [domain, api]));

/** Merges an API body into the domain's input (`base`: the stored values for a PATCH). */
export function toInput(body: Body, base: OpportunityInput = {}): OpportunityInput {
  const input: OpportunityInput = { ...base };
  const target = input as Record<string, unknown>;
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined || key === 'supports' || key === 'supportsUnavailable') continue;
    target[domainField[key as keyof typeof fields]] = value;
  }
  if (body.supports !== undefined || body.supportsUnavailable !== undefined) {
    const current = base.supports ?? {};
    const offered = body.supports ?? Object.keys(current).filter((k) => current[k] === 'yes');
    const unavailable = body.supportsUnavailable ?? Object.keys(current).filter((k) => current[k] === 'no');
    const supports: Record<string, string> = {};
    for (const code of unavailable) supports[code] = 'no';
    for (const code of offered) supports[code] = 'yes';
    input.supports = supports;
  }
  return input;
}

export function toApi(o: OpportunityDetail, now: Date) {
  const v = o.values;
  return {
    id: o.id,
    facilityId: o.facilityId,
    facilityName: o.facilityName,
    corporationId: o.corporationId,
    corporationName: o.corporationName,
    municipalityCode: o.municipalityCode,
    municipalityName: o.municipalityName,
    status: o.status,
    version: o.version,
    stale: isStale(o, now),
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    publishedAt: o.publishedAt,
    lastConfirmedAt: o.lastConfirmedAt,
    title: v.title,
    description: v.description,
    tasks: v.tasks,
    setting: v.setting,
    physicalLoad: v.physical_load,
    workForms: v.work_forms,
    windows: v.windows.map((w, i) => ({
      ...w,
      openPlaces: openPlaces({ ...w, openPlaces: o.windowOpenPlaces?.[i] }),
    })),
    minHoursPerDay: v.min_daily_minutes === null ? null : Number(hoursOfMinutes(v.min_daily_minutes)),
    maxHoursPerDay: v.max_daily_minutes === null ? null : Number(hoursOfMinutes(v.max_daily_minutes)),
    minDaysPerWeek: v.min_days_per_week,
    maxDaysPerWeek: v.max_days_per_week,
    worksOnHolidays: v.works_on_holidays === 1,
    yearEndClosed: v.year_end_closed === 1,
    holidayNote: v.holiday_note,
    earliestStartDate: v.earliest_start_date,
    payType: v.pay_type,
    payYen: v.pay_yen,
    transportAllowance: v.transport_allowance === 1,
    transportCapYen: v.transport_cap_yen,
    meals: v.meals,
    uniform: v.uniform,
    whatToBring: v.what_to_bring,
    healthCheckRequired: v.health_check_required === 1,
    documentsRequired: v.documents_required,
    supports: v.supports,
    supportsUnavailable: v.supports_unavailable,
    supportNote: v.support_note,
    visitPossible: v.visit_possible === 1,
    trialPossible: v.trial_possible === 1,
    interviewRequired: v.interview_required === 1,
    contact: { name: o.contactName, email: o.contactEmail, phone: o.phone },
  };
}

/** A list item; with `since` (changed_since) it says how it changed since then. */
export function toApiSummary(o: OpportunitySummary, now: Date, since: string | undefined) {
  return {
    id: o.id,
    facilityId: o.facilityId,
    facilityName: o.facilityName,
    municipalityCode: o.municipalityCode,
    municipalityName: o.municipalityName,
    title: o.title,
    tasks: o.tasks,
    workForms: o.workForms,
    windows: o.windows,
    status: o.status,
    stale: isStale(o, now),
    updatedAt: o.updatedAt,
    publishedAt: o.publishedAt,
    lastConfirmedAt: o.lastConfirmedAt,
    change: since ? (classifyChange(o, since) ?? null) : null,
  };
}
