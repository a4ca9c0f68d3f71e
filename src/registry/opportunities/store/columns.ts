/**
 * The columns an opportunity read selects (named, never selectAll), the row shapes they give,
 * and the mapping between rows and the domain's values (JSON arrays are stored as text).
 */
import type { OpportunityTable } from '../../../platform/db/schema';
import type { OpportunityStatus, OpportunityValues, TimeWindow } from '../opportunity';
import type { WindowRows } from './windows';

/** The columns holding an opportunity's values (windows aside). */
export const valueColumns = [
  'o.title',
  'o.description',
  'o.tasks',
  'o.setting',
  'o.physical_load',
  'o.work_forms',
  'o.min_daily_minutes',
  'o.max_daily_minutes',
  'o.min_days_per_week',
  'o.max_days_per_week',
  'o.works_on_holidays',
  'o.year_end_closed',
  'o.holiday_note',
  'o.earliest_start_date',
  'o.pay_type',
  'o.pay_yen',
  'o.transport_allowance',
  'o.transport_cap_yen',
  'o.meals',
  'o.uniform',
  'o.what_to_bring',
  'o.health_check_required',
  'o.documents_required',
  'o.supports',
  'o.supports_unavailable',
  'o.support_note',
  'o.visit_possible',
  'o.trial_possible',
  'o.interview_required',
] as const;

export const metaColumns = [
  'o.id as id',
  'o.facility_id as facilityId',
  'f.name as facilityName',
  'f.corporation_id as corporationId',
  'c.name as corporationName',
  'f.municipality_code as municipalityCode',
  'm.name as municipalityName',
  'o.status as status',
  'o.version as version',
  'o.is_demo as isDemo',
  'o.created_at as createdAt',
  'o.updated_at as updatedAt',
  'o.published_at as publishedAt',
  'o.status_changed_at as statusChangedAt',
  'o.last_confirmed_at as lastConfirmedAt',
] as const;

/** Who to talk to: only for signed-in staff (agencies see it), never on the public page. */
export const contactColumns = [
  'f.contact_name as contactName',
  'f.contact_email as contactEmail',
  'f.phone as phone',
  'f.address as address',
  'f.nearest_station as nearestStation',
  'f.walk_minutes as walkMinutes',
] as const;

export type OpportunityMeta = {
  id: string;
  facilityId: string;
  facilityName: string;
  corporationId: string;
  corporationName: string;
  municipalityCode: string;
  municipalityName: string;
  status: OpportunityStatus;
  version: number;
  isDemo: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  statusChangedAt: string;
  lastConfirmedAt: string;
};

export type OpportunityContact = {
  contactName: string | null;
  contactEmail: string | null;
  phone: string | null;
  address: string;
  nearestStation: string | null;
  walkMinutes: number | null;
};

export type OpportunityDetail = OpportunityMeta &
  OpportunityContact & {
    values: OpportunityValues;
    /**
     * Stored open places of each of `values.windows` (same order): capacity − holding placements
     * (opportunity_window.open_places, kept by src/placements). Show with openPlaces().
     */
    windowOpenPlaces?: number[];
  };

export type ValueRow = Pick<
  OpportunityTable,
  (typeof valueColumns)[number] extends `o.${infer K}` ? K : never
>;

export function parseList<T>(json: string): T[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? (parsed as T[]) : [];
}

export function valuesOf(row: ValueRow, windows: TimeWindow[]): OpportunityValues {
  return {
    title: row.title,
    description: row.description,
    tasks: parseList(row.tasks),
    setting: row.setting,
    physical_load: row.physical_load,
    work_forms: parseList(row.work_forms),
    min_daily_minutes: row.min_daily_minutes,
    max_daily_minutes: row.max_daily_minutes,
    min_days_per_week: row.min_days_per_week,
    max_days_per_week: row.max_days_per_week,
    works_on_holidays: row.works_on_holidays,
    year_end_closed: row.year_end_closed,
    holiday_note: row.holiday_note,
    earliest_start_date: row.earliest_start_date,
    pay_type: row.pay_type,
    pay_yen: row.pay_yen,
    transport_allowance: row.transport_allowance,
    transport_cap_yen: row.transport_cap_yen,
    meals: row.meals,
    uniform: row.uniform,
    what_to_bring: row.what_to_bring,
    health_check_required: row.health_check_required,
    documents_required: row.documents_required,
    supports: parseList(row.supports),
    supports_unavailable: parseList(row.supports_unavailable),
    support_note: row.support_note,
    visit_possible: row.visit_possible,
    trial_possible: row.trial_possible,
    interview_required: row.interview_required,
    windows,
  };
}

/** Values → columns (JSON arrays as text); windows are written by `replaceWindows`. */
export function columnsOf(values: OpportunityValues) {
  const { windows: _windows, tasks, work_forms, supports, supports_unavailable, ...rest } = values;
  return {
    ...rest,
    tasks: JSON.stringify(tasks),
    work_forms: JSON.stringify(work_forms),
    supports: JSON.stringify(supports),
    supports_unavailable: JSON.stringify(supports_unavailable),
  };
}

export function metaOf(row: OpportunityMeta): OpportunityMeta {
  return {
    id: row.id,
    facilityId: row.facilityId,
    facilityName: row.facilityName,
    corporationId: row.corporationId,
    corporationName: row.corporationName,
    municipalityCode: row.municipalityCode,
    municipalityName: row.municipalityName,
    status: row.status,
    version: row.version,
    isDemo: row.isDemo,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    publishedAt: row.publishedAt,
    statusChangedAt: row.statusChangedAt,
    lastConfirmedAt: row.lastConfirmedAt,
  };
}

/** A staff page's detail of a row read with meta, contact and value columns, and its windows. */
export function detailOf(
  row: OpportunityMeta & OpportunityContact & ValueRow,
  windows: WindowRows | undefined,
): OpportunityDetail {
  return {
    ...metaOf(row),
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    phone: row.phone,
    address: row.address,
    nearestStation: row.nearestStation,
    walkMinutes: row.walkMinutes,
    values: valuesOf(row, windows?.windows ?? []),
    windowOpenPlaces: windows?.openPlaces ?? [],
  };
}
