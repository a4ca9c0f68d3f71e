/**
 * はたらく場情報, the list of work places as agencies read it on paper or in Excel: how each
 * opportunity's values read as short Japanese text (weekly windows as 「月水金 8:30–12:00」,
 * hours, pay, supports…), the grouping by municipality, and the spreadsheet columns. Pure: the
 * PDF (`document.ts`), the xlsx/csv exports (`export.ts`) and any later search result use it.
 *
 * Input is `ListingEntry` (= the store's `OpportunityDetail`): whatever list a caller has — the
 * scoped registry, a search result — it passes as entries.
 */
import type { Locale } from '../../platform/i18n';
import { formatDate } from '../../platform/i18n/format';
import type { TableColumn } from '../../platform/xlsx/table';
import { type OpportunityMessages, opportunityMessages } from '../opportunities/messages';
import type { TimeWindow } from '../opportunities/opportunity';
import type { OpportunityDetail } from '../opportunities/store';
import { type ListingMessages, listingMessages } from './messages';

export type ListingEntry = OpportunityDetail;

export type ListingText = { m: ListingMessages; om: OpportunityMessages; locale: Locale };

export function listingText(locale: Locale): ListingText {
  return { m: listingMessages[locale], om: opportunityMessages[locale], locale };
}

/** '08:30' → '8:30' (how times are written on Japanese schedules). */
export function displayTime(time: string): string {
  return time.replace(/^0(\d):/, '$1:');
}

/**
 * Weekly windows as lines, one per distinct time and capacity, the days joined in week order:
 * 月水金 8:30–12:00(各日 定員2人). Windows are ISO weekdays (1 = 月).
 */
export function windowLines(t: ListingText, windows: readonly TimeWindow[]): string[] {
  const groups = new Map<string, { start: string; end: string; capacity: number; days: number[] }>();
  for (const w of windows) {
    const key = `${w.start}|${w.end}|${w.capacity}`;
    const group = groups.get(key) ?? { start: w.start, end: w.end, capacity: w.capacity, days: [] };
    if (!group.days.includes(w.weekday)) group.days.push(w.weekday);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, days: g.days.sort((a, b) => a - b) }))
    .sort((a, b) => (a.days[0] ?? 0) - (b.days[0] ?? 0) || a.start.localeCompare(b.start))
    .map((g) => {
      const days = g.days
        .map((d) => t.om.weekdays[d as TimeWindow['weekday']])
        .join(t.locale === 'ja' ? '' : ' ');
      const capacity = g.days.length > 1 ? t.m.capacityEach(g.capacity) : t.m.capacityOne(g.capacity);
      const range = `${displayTime(g.start)}–${displayTime(g.end)}`;
      return t.locale === 'ja' ? `${days} ${range}(${capacity})` : `${days} ${range} (${capacity})`;
    });
}

function range(from: string | null, to: string | null, unit: (v: string) => string, om: OpportunityMessages) {
  if (from === null && to === null) return null;
  if (from === to || to === null) return from === null ? null : unit(from);
  if (from === null) return unit(`〜${to}`);
  return unit(om.range(from, to));
}

/** 1日2〜4時間・週1〜3日, or '' when the facility gave neither. */
export function hoursText(t: ListingText, entry: ListingEntry): string {
  const v = entry.values;
  const hours = (minutes: number | null) => (minutes === null ? null : String(minutes / 60));
  const daily = range(hours(v.min_daily_minutes), hours(v.max_daily_minutes), t.m.hoursUnit, t.om);
  const weekly = range(
    v.min_days_per_week === null ? null : String(v.min_days_per_week),
    v.max_days_per_week === null ? null : String(v.max_days_per_week),
    t.m.daysUnit,
    t.om,
  );
  return [daily ? t.m.dailyHours(daily) : null, weekly ? t.m.weeklyDays(weekly) : null]
    .filter((s) => s !== null)
    .join(t.locale === 'ja' ? '・' : ', ');
}

/** なし / 時給 1,100円 / 日給 5,000円 */
export function payText(t: ListingText, entry: ListingEntry): string {
  const v = entry.values;
  if (v.pay_type === 'hourly' && v.pay_yen !== null) return t.om.perHour(v.pay_yen);
  if (v.pay_type === 'daily' && v.pay_yen !== null) return t.om.perDay(v.pay_yen);
  return t.om.payTypes.none;
}

/** なし / あり / あり(1日500円まで) */
export function transportText(t: ListingText, entry: ListingEntry): string {
  const v = entry.values;
  if (!v.transport_allowance) return t.om.none;
  return v.transport_cap_yen === null ? t.m.transportYes : t.om.transportCap(v.transport_cap_yen);
}

function joiner(t: ListingText) {
  return t.locale === 'ja' ? '、' : ', ';
}

export function tasksText(t: ListingText, entry: ListingEntry): string {
  return entry.values.tasks.map((code) => t.om.tasks[code]).join(joiner(t));
}

export function workFormsText(t: ListingText, entry: ListingEntry): string {
  return entry.values.work_forms.map((code) => t.om.workForms[code]).join(joiner(t));
}

export function supportsText(t: ListingText, entry: ListingEntry): string {
  return entry.values.supports.map((code) => t.om.supports[code]).join(joiner(t));
}

export function unavailableSupportsText(t: ListingText, entry: ListingEntry): string {
  return entry.values.supports_unavailable.map((code) => t.om.supports[code]).join(joiner(t));
}

/** 見学可・体験可・面接あり */
export function visitText(t: ListingText, entry: ListingEntry): string {
  const v = entry.values;
  return [
    v.visit_possible ? t.m.visit.yes : t.m.visit.no,
    v.trial_possible ? t.m.trial.yes : t.m.trial.no,
    v.interview_required ? t.m.interview.yes : t.m.interview.no,
  ].join(t.locale === 'ja' ? '・' : ', ');
}

export function accessText(t: ListingText, entry: ListingEntry): string {
  return entry.nearestStation ? t.m.walk(entry.nearestStation, entry.walkMinutes) : '';
}

/** A Tokyo calendar date of an ISO timestamp: 'YYYY-MM-DD'. */
export function tokyoDate(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return new Date(date.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

export type MunicipalityGroup = { code: string; name: string; entries: ListingEntry[] };

/**
 * Entries grouped by municipality, in the reference order (municipality code: 千代田区 first,
 * then the wards, cities, towns and villages as the 全国地方公共団体コード lists them); the
 * entries keep the order they came in.
 */
export function groupByMunicipality(entries: readonly ListingEntry[]): MunicipalityGroup[] {
  const groups = new Map<string, MunicipalityGroup>();
  for (const entry of entries) {
    const group = groups.get(entry.municipalityCode) ?? {
      code: entry.municipalityCode,
      name: entry.municipalityName,
      entries: [],
    };
    group.entries.push(entry);
    groups.set(entry.municipalityCode, group);
  }
  return [...groups.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * The columns of the xlsx and csv exports, one row per opportunity: the 登録シート's items in
 * words (labels, not codes), so the sheet reads as it is. `baseUrl` makes the page link absolute.
 */
export function listingColumns(t: ListingText, baseUrl: string): TableColumn<ListingEntry>[] {
  const l = t.m.labels;
  const text = (s: string | null) => (s === null || s === '' ? null : s);
  return [
    { header: l.municipality, width: 12, value: (e) => e.municipalityName },
    { header: l.facility, width: 28, value: (e) => e.facilityName },
    { header: l.corporation, width: 24, value: (e) => e.corporationName },
    { header: l.title, width: 30, value: (e) => e.values.title },
    { header: l.status, width: 14, value: (e) => t.om.status[e.status] },
    { header: l.tasks, width: 24, value: (e) => text(tasksText(t, e)) },
    { header: l.description, width: 40, value: (e) => text(e.values.description) },
    { header: l.setting, width: 10, value: (e) => t.om.settings[e.values.setting] },
    { header: l.workForms, width: 28, value: (e) => text(workFormsText(t, e)) },
    { header: l.windows, width: 34, value: (e) => text(windowLines(t, e.values.windows).join('\n')) },
    { header: l.hours, width: 22, value: (e) => text(hoursText(t, e)) },
    { header: l.pay, width: 16, value: (e) => payText(t, e) },
    { header: l.transport, width: 20, value: (e) => transportText(t, e) },
    { header: l.supports, width: 40, value: (e) => text(supportsText(t, e)) },
    { header: l.unavailable, width: 24, value: (e) => text(unavailableSupportsText(t, e)) },
    { header: l.visit, width: 24, value: (e) => visitText(t, e) },
    {
      header: l.earliestStart,
      width: 14,
      value: (e) =>
        e.values.earliest_start_date ? formatDate(e.values.earliest_start_date, t.locale) : null,
    },
    { header: l.phone, width: 16, value: (e) => text(e.phone ?? '') },
    { header: l.contactName, width: 16, value: (e) => text(e.contactName ?? '') },
    { header: l.contactEmail, width: 28, value: (e) => text(e.contactEmail ?? '') },
    { header: l.address, width: 36, value: (e) => text(e.address) },
    { header: l.access, width: 22, value: (e) => text(accessText(t, e)) },
    { header: l.lastConfirmedAt, width: 14, value: (e) => tokyoDate(e.lastConfirmedAt) },
    { header: l.url, width: 44, value: (e) => `${baseUrl.replace(/\/$/, '')}/opportunities/${e.id}` },
  ];
}
