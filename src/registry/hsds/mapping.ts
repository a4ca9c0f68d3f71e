/**
 * Hataraku → Open Referral HSDS 3.1, object by object (docs/hsds-profile.md): a corporation is
 * an `organization`, a facility a `location`, a listed opportunity a `service` with its
 * `service_at_location`, weekly `schedule`s, `service_capacity` per time window, and the
 * program's own facts as `attribute`s pointing at the profile's taxonomy terms. Pure: rows in,
 * JSON out. Nothing about a person is mapped: not the facility's 就労支援担当者, not any user.
 */
import { formatPostalCode } from '../../reference/postal-codes';
import { opportunityMessages } from '../opportunities/messages';
import {
  needsCertification,
  type OpportunityStatus,
  openPlaces,
  type SupportCode,
  type TimeWindow,
  type Weekday,
  type WorkFormOffer,
} from '../opportunities/opportunity';
import { hsdsId } from './ids';
import type { LocationRow, OrganizationRow, ServiceRow } from './store';
import { type HsdsTaxonomyTerm, type TaxonomyCode, termOf } from './taxonomy';

/** The HSDS version this export follows. */
export const HSDS_VERSION = '3.1';

/**
 * `nestTerms`: put the whole taxonomy_term inside each attribute (single records), or only its
 * id and label (lists and the export, which carry the terms once — they would multiply the size).
 */
export type MappingContext = { baseUrl: string; nestTerms?: boolean };

type Json = Record<string, unknown>;

export type HsdsAttribute = {
  id: string;
  link_id: string;
  link_type: TaxonomyCode;
  link_entity: 'service' | 'location';
  taxonomy_term_id: string;
  taxonomy_term?: HsdsTaxonomyTerm;
  value?: string;
  label: string;
};

const ja = opportunityMessages.ja;
const TOKYO = '東京都';
const TIMEZONE = '+09:00';
const byday: Record<Weekday, string> = { 1: 'MO', 2: 'TU', 3: 'WE', 4: 'TH', 5: 'FR', 6: 'SA', 7: 'SU' };

function parseList<T extends string>(json: string): T[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? (parsed as T[]) : [];
}

/** Drops keys whose value is undefined, so optional HSDS fields are absent rather than null. */
function compact<T extends Json>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A stored website, if it is an absolute http(s) URL (HSDS wants a URI). */
function uri(value: string | null): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

function attribute(
  nest: boolean,
  linkEntity: 'service' | 'location',
  linkId: string,
  taxonomy: TaxonomyCode,
  code: string,
  value?: string,
  label?: string,
): HsdsAttribute {
  const term = termOf(taxonomy, code);
  return compact({
    id: hsdsId('attribute', linkEntity, linkId, taxonomy, code),
    link_id: linkId,
    link_type: taxonomy,
    link_entity: linkEntity,
    taxonomy_term_id: term.id,
    taxonomy_term: nest ? term : undefined,
    value,
    label: label ?? term.name,
  });
}

/** HSDS service.status: 受付中 and 満員 are active (満員 shows in capacity and alert); 休止中 is temporarily closed. */
export function serviceStatus(status: OpportunityStatus): 'active' | 'temporarily closed' {
  return status === 'paused' ? 'temporarily closed' : 'active';
}

const alerts: Partial<Record<OpportunityStatus, string>> = {
  full: '現在は満員です。空きが出るまで新しい受け入れはできません。',
  paused: '現在は受け入れを休止しています。',
};

function hoursText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h}時間` : `${h}時間${m}分`;
}

function rangeText(min: string | null, max: string | null): string | undefined {
  if (min && max) return min === max ? min : `${min}〜${max}`;
  if (min) return `${min}以上`;
  if (max) return `${max}まで`;
  return undefined;
}

function timeText(time: string): string {
  return time.replace(/^0(\d)/, '$1');
}

/** The schedule notes shared by every window of an opportunity: hours, days, holidays. */
function scheduleNotes(row: ServiceRow): string | undefined {
  const parts: string[] = [];
  const hours = rangeText(
    row.min_daily_minutes === null ? null : hoursText(row.min_daily_minutes),
    row.max_daily_minutes === null ? null : hoursText(row.max_daily_minutes),
  );
  if (hours) parts.push(`1日あたり${hours}。`);
  const days = rangeText(
    row.min_days_per_week === null ? null : `${row.min_days_per_week}日`,
    row.max_days_per_week === null ? null : `${row.max_days_per_week}日`,
  );
  if (days) parts.push(`週${days}。`);
  parts.push(row.works_on_holidays ? '祝日も活動しています。' : '祝日は休みです。');
  if (row.year_end_closed) parts.push('年末年始は休みです。');
  if (row.holiday_note) parts.push(row.holiday_note);
  return parts.join('');
}

/** Weekly windows → HSDS schedules, one per start–end pair with its weekdays in `byday`. */
export function toSchedules(row: ServiceRow, windows: readonly TimeWindow[]): Json[] {
  const groups = new Map<string, Weekday[]>();
  for (const w of windows) {
    const key = `${w.start}-${w.end}`;
    const days = groups.get(key) ?? [];
    if (!days.includes(w.weekday)) days.push(w.weekday);
    groups.set(key, days);
  }
  const notes = scheduleNotes(row);
  return [...groups].map(([key, days]) => {
    const [start = '', end = ''] = key.split('-');
    days.sort((a, b) => a - b);
    return compact({
      id: hsdsId('schedule', row.id, key),
      service_id: row.id,
      valid_from: row.earliest_start_date ?? undefined,
      dtstart: row.earliest_start_date ?? undefined,
      timezone: 9,
      wkst: 'MO',
      freq: 'WEEKLY',
      interval: 1,
      byday: days.map((d) => byday[d]).join(','),
      opens_at: `${start}${TIMEZONE}`,
      closes_at: `${end}${TIMEZONE}`,
      description: `${days.map((d) => ja.weekdays[d]).join('・')} ${timeText(start)}〜${timeText(end)}`,
      notes,
    });
  });
}

/** The unit of every capacity: a person (受け入れ人数). */
export const personUnit = { id: hsdsId('unit', 'person'), name: 'person', identifier: 'person' };

/** One service_capacity per weekly window: the places open now out of the window's capacity. */
export function toCapacities(
  row: ServiceRow,
  windows: readonly (TimeWindow & { openPlaces?: number })[],
): Json[] {
  const taking = row.status === 'published';
  return windows.map((w, index) => ({
    id: hsdsId('service_capacity', row.id, index),
    service_id: row.id,
    unit: personUnit,
    unit_id: personUnit.id,
    available: taking ? openPlaces(w) : 0,
    maximum: w.capacity,
    description: `${ja.weekdaysLong[w.weekday]} ${timeText(w.start)}〜${timeText(w.end)} の受け入れ人数`,
    updated: row.updated_at,
  }));
}

/** The program's facts of an opportunity as attributes on the profile's taxonomies. */
export function serviceAttributes(row: ServiceRow, nest = true): HsdsAttribute[] {
  const id = row.id;
  const at = (taxonomy: TaxonomyCode, code: string, value?: string, label?: string) =>
    attribute(nest, 'service', id, taxonomy, code, value, label);
  const list: HsdsAttribute[] = [
    ...parseList<WorkFormOffer>(row.work_forms).map((code) => at('work_form', code)),
    ...parseList(row.tasks).map((code) => at('task', code)),
    ...parseList<SupportCode>(row.supports).map((code) => at('support', code, 'offered')),
    ...parseList<SupportCode>(row.supports_unavailable).map((code) =>
      at('support', code, 'not_available', `${ja.supports[code]}: 対応できない`),
    ),
    at('condition', `setting_${row.setting}`),
    at('condition', `load_${row.physical_load}`),
  ];
  if (row.pay_type === 'none') list.push(at('condition', 'pay_none'));
  else
    list.push(at('condition', `pay_${row.pay_type}`, row.pay_yen === null ? undefined : String(row.pay_yen)));
  if (row.transport_allowance) {
    list.push(
      at(
        'condition',
        'transport_allowance',
        row.transport_cap_yen === null ? undefined : String(row.transport_cap_yen),
      ),
    );
  }
  if (row.meals !== 'none') list.push(at('condition', `meals_${row.meals}`));
  if (row.uniform !== 'none') list.push(at('condition', `uniform_${row.uniform}`));
  for (const flag of [
    'visit_possible',
    'trial_possible',
    'interview_required',
    'health_check_required',
    'works_on_holidays',
    'year_end_closed',
  ] as const) {
    if (row[flag]) list.push(at('condition', flag));
  }
  if (row.what_to_bring) list.push(at('condition', 'what_to_bring', row.what_to_bring));
  if (row.support_note) list.push(at('condition', 'support_note', row.support_note));
  return list;
}

function applicationProcess(row: ServiceRow): string {
  const parts = ['相談支援機関(自立相談支援機関など)の相談員を通じて、受け入れ依頼をしてください。'];
  if (row.visit_possible) parts.push('事前の見学ができます。');
  if (row.trial_possible) parts.push('体験ができます。');
  if (row.interview_required) parts.push('受け入れの前に面接があります。');
  return parts.join('');
}

function eligibility(row: ServiceRow): string {
  const parts = [
    'はたらきたいけれど、はたらくことに難しさを感じている方で、相談支援機関の支援を受けている方が対象です。',
  ];
  if (parseList<WorkFormOffer>(row.work_forms).some(needsCertification)) {
    parts.push('就労訓練(B〜D)の利用には、自治体による支援決定が必要です。');
  }
  return parts.join('');
}

/** The one-to-one fields of a service (HSDS's list format), with its organization. */
export function toServiceSummary(row: ServiceRow, organization: Json, context: MappingContext): Json {
  return compact({
    id: row.id,
    organization_id: row.corporation_id,
    name: row.title,
    description: row.description === '' ? undefined : row.description,
    url: `${context.baseUrl}/p/opportunities/${row.id}`,
    status: serviceStatus(row.status),
    alert: alerts[row.status],
    application_process: applicationProcess(row),
    eligibility_description: eligibility(row),
    assured_date: row.last_confirmed_at.slice(0, 10),
    last_modified: row.updated_at,
    organization,
  });
}

/** A fully nested service: schedules, capacities, location, costs, documents, attributes. */
export function toService(
  row: ServiceRow,
  windows: readonly (TimeWindow & { openPlaces?: number })[],
  organization: Json,
  location: Json | undefined,
  context: MappingContext,
): Json {
  const supports = parseList<SupportCode>(row.supports);
  const documents = (row.documents_required ?? '')
    .split(/\n+/)
    .map((d) => d.trim())
    .filter((d) => d !== '');
  return {
    ...toServiceSummary(row, organization, context),
    schedules: toSchedules(row, windows),
    capacities: toCapacities(row, windows),
    service_at_locations: [
      compact({
        id: hsdsId('service_at_location', row.id),
        service_id: row.id,
        location_id: row.facility_id,
        location,
      }),
    ],
    languages: [
      compact({
        id: hsdsId('language', row.id, 'ja'),
        service_id: row.id,
        name: '日本語',
        code: 'ja',
        note: supports.includes('japanese_learners') ? ja.supports.japanese_learners : undefined,
      }),
    ],
    cost_options:
      row.meals === 'paid'
        ? [
            {
              id: hsdsId('cost_option', row.id, 'meals'),
              service_id: row.id,
              option: '食事(希望する方)',
              currency: 'JPY',
              amount_description: '食事を有料で利用できます。金額は事業所にお問い合わせください。',
            },
          ]
        : [],
    required_documents: documents.map((document, index) => ({
      id: hsdsId('required_document', row.id, index),
      service_id: row.id,
      document,
    })),
    attributes: serviceAttributes(row, context.nestTerms ?? true),
  };
}

/** A facility as an HSDS location: address with 郵便番号, coordinates when known, its public phone. */
export function toLocation(row: LocationRow, nestTerms = true): Json {
  const transportation = row.nearest_station
    ? `${row.nearest_station}${row.walk_minutes === null ? '' : ` 徒歩${row.walk_minutes}分`}`
    : undefined;
  return compact({
    id: row.id,
    location_type: 'physical',
    organization_id: row.corporation_id,
    name: row.name,
    alternate_name: row.name_kana === '' ? undefined : row.name_kana,
    transportation,
    latitude: row.lat ?? undefined,
    longitude: row.lng ?? undefined,
    addresses: [
      {
        id: hsdsId('address', row.id),
        location_id: row.id,
        address_1: row.address,
        city: row.municipality_name,
        state_province: TOKYO,
        postal_code: row.postal_code ? formatPostalCode(row.postal_code) : '',
        country: 'JP',
        address_type: 'physical',
      },
    ],
    phones: row.phone
      ? [{ id: hsdsId('phone', 'location', row.id), location_id: row.id, number: row.phone }]
      : [],
    attributes:
      row.cert_on && row.cert_authority
        ? [
            attribute(
              nestTerms,
              'location',
              row.id,
              'certification',
              'training_certified',
              row.cert_on,
              `${row.cert_authority} 認定番号 ${row.cert_number ?? ''}`.trim(),
            ),
          ]
        : [],
  });
}

/** A corporation as an HSDS organization (its list fields): only what the registry holds. */
export function toOrganizationSummary(row: OrganizationRow): Json {
  return compact({
    id: row.id,
    name: row.name,
    alternate_name: row.name_kana === '' ? undefined : row.name_kana,
    description: '社会福祉法人です。はたらくサポートとうきょうで、はたらく場を提供しています。',
    website: uri(row.website),
    legal_status: '社会福祉法人',
  });
}

/** A corporation with its phone, its locations and its services (summaries or fully nested). */
export function toOrganization(
  row: OrganizationRow,
  locations: readonly Json[],
  services: readonly Json[],
): Json {
  return {
    ...toOrganizationSummary(row),
    phones: row.phone
      ? [{ id: hsdsId('phone', 'organization', row.id), organization_id: row.id, number: row.phone }]
      : [],
    locations,
    services,
  };
}
