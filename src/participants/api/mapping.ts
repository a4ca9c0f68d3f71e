/**
 * Between the API's field names and the domain's: a participant and an assessment version out
 * to the API, and an API body merged into the domain's input.
 */
import type { z } from '@hono/zod-openapi';
import { formatJapaneseEraDate } from '../../platform/i18n/format';
import { hoursOfMinutes } from '../../registry/opportunities/opportunity';
import { kmOfMetres } from '../assessment';
import { ageOn } from '../japanese-date';
import type { RawInput } from '../participant';
import type { AssessmentRow, ParticipantRow } from '../service';
import type { Assessment, Body, Participant } from './schemas';

/** The editable fields as the API names them → the domain's field names. */
const domainField = {
  name: 'name',
  nameKana: 'name_kana',
  birthDate: 'birth_date',
  gender: 'gender',
  phone: 'phone',
  email: 'email',
  postalCode: 'postal_code',
  municipalityCode: 'municipality_code',
  address: 'address',
  nearestStation: 'nearest_station',
  emergencyName: 'emergency_name',
  emergencyRelation: 'emergency_relation',
  emergencyPhone: 'emergency_phone',
  caseNumber: 'case_number',
  preferredLanguage: 'preferred_language',
  easyJapanese: 'easy_japanese',
  supportDecisionOn: 'support_decision_on',
  supportDecisionMunicipalityCode: 'support_decision_municipality_code',
} as const;
export const apiField: Record<string, string> = Object.fromEntries(
  Object.entries(domainField).map(([api, domain]) => [domain, api]),
);

/** The assessment's domain fields → the API's, for the pointers of a 400. */
export const assessmentApiField: Record<string, string> = {
  assessed_on: 'assessedOn',
  tasks: 'tasks',
  windows: 'windows',
  min_daily_minutes: 'minHoursPerDay',
  max_daily_minutes: 'maxHoursPerDay',
  min_days_per_week: 'minDaysPerWeek',
  max_days_per_week: 'maxDaysPerWeek',
  travel_max_minutes: 'travelMaxMinutes',
  travel_max_km: 'travelMaxKm',
  travel_modes: 'travelModes',
  strengths: 'strengths',
  difficulties: 'difficulties',
  supports: 'supports',
  health_note: 'healthNote',
  goal_short: 'goalShort',
  goal_long: 'goalLong',
  notes: 'notes',
};

export function toApi(p: ParticipantRow, today: string) {
  const api: Record<string, unknown> = {
    id: p.id,
    agencyId: p.agencyId,
    agencyName: p.agencyName,
    birthDateJapaneseEra: formatJapaneseEraDate(p.birth_date),
    age: ageOn(p.birth_date, today),
    status: p.status,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
  for (const [name, domain] of Object.entries(domainField)) api[name] = p[domain];
  api.easyJapanese = p.easy_japanese === 1;
  return api as z.infer<typeof Participant>;
}

export function assessmentToApi(a: AssessmentRow, latestId: string | undefined): z.infer<typeof Assessment> {
  const v = a.values;
  const hours = (minutes: number | null) => (minutes === null ? null : Number(hoursOfMinutes(minutes)));
  return {
    id: a.id,
    version: a.version,
    counts: a.id === latestId,
    recordedAt: a.recordedAt,
    recordedBy: a.recordedByName,
    assessedOn: v.assessed_on,
    tasks: v.tasks,
    windows: v.windows,
    minHoursPerDay: hours(v.min_daily_minutes),
    maxHoursPerDay: hours(v.max_daily_minutes),
    minDaysPerWeek: v.min_days_per_week,
    maxDaysPerWeek: v.max_days_per_week,
    travelMaxMinutes: v.travel_max_minutes,
    travelMaxKm: v.travel_max_metres === null ? null : Number(kmOfMetres(v.travel_max_metres)),
    travelModes: v.travel_modes,
    strengths: v.strengths,
    difficulties: v.difficulties,
    supports: v.supports,
    healthNote: v.health_note,
    goalShort: v.goal_short,
    goalLong: v.goal_long,
    notes: v.notes,
  };
}

/** Merges an API body into the domain's input (`base`: the stored values, for a PATCH). */
export function toInput(body: Body, base: RawInput = {}): RawInput {
  const input: RawInput = { ...base };
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue;
    input[domainField[key as keyof typeof domainField]] = value;
  }
  return input;
}
