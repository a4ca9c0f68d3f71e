/**
 * Explanations: each scored factor, and each hard constraint, as one plain sentence in the
 * page's language (「月水金 9:00–12:00 が本人の希望時間に合います」「推定通勤 25分(上限 40分)」
 * 「『作業指示を紙や図で』に対応」「交通費: …」). Pure; the API returns the same items as data.
 */
import type { Locale } from '../platform/i18n';
import { opportunityMessages } from '../registry/opportunities/messages';
import { hoursOfMinutes, type TimeWindow, type Weekday } from '../registry/opportunities/opportunity';
import type { Exclusion } from './constraints';
import type { MatchOpportunity } from './facts';
import { matchingMessages } from './messages';
import type { Factor } from './score';

export type Effect = 'match' | 'partial' | 'mismatch' | 'unknown' | 'info';

export type Explanation = { factor: Factor['factor'] | 'transport'; effect: Effect; text: string };

const trimTime = (time: string) => time.replace(/^0(\d)/, '$1');

/** 「月水金 9:00–12:00」: windows grouped by equal times, weekdays joined. */
export function describeWindows(windows: readonly TimeWindow[], locale: Locale): string {
  const om = opportunityMessages[locale];
  const groups = new Map<string, Weekday[]>();
  for (const w of windows) {
    const key = `${trimTime(w.start)}–${trimTime(w.end)}`;
    const days = groups.get(key) ?? [];
    if (!days.includes(w.weekday)) days.push(w.weekday);
    groups.set(key, days);
  }
  const sep = locale === 'ja' ? '' : ' ';
  return [...groups.entries()]
    .map(
      ([times, days]) =>
        `${days
          .sort((a, b) => a - b)
          .map((d) => om.weekdays[d])
          .join(sep)} ${times}`,
    )
    .join(locale === 'ja' ? '、' : ', ');
}

function effectOf(value: number | null): Effect {
  if (value === null) return 'unknown';
  if (value >= 1) return 'match';
  return value > 0 ? 'partial' : 'mismatch';
}

function rangeText(
  range: { min: number | null; max: number | null },
  locale: Locale,
  unit: (n: number) => string,
): string {
  const m = matchingMessages[locale];
  if (range.min === null && range.max === null) return m.notSaid;
  if (range.min !== null && range.max !== null && range.min === range.max) return unit(range.min);
  return m.openRange(range.min === null ? '' : unit(range.min), range.max === null ? '' : unit(range.max));
}

/** One sentence per factor, in factorKeys order, then the travel-cost note. */
export function explainFactors(
  factors: readonly Factor[],
  o: MatchOpportunity,
  locale: Locale,
): Explanation[] {
  const m = matchingMessages[locale];
  const e = m.explain;
  const om = opportunityMessages[locale];
  const hours = (n: number) => m.hours(hoursOfMinutes(n));
  const out: Explanation[] = [];
  for (const f of factors) {
    const d = f.detail;
    const effect = effectOf(f.value);
    const add = (text: string, as: Effect = effect) => out.push({ factor: f.factor, effect: as, text });
    switch (d.factor) {
      case 'schedule':
        if (f.value === null) add(e.scheduleUnknown);
        else if (d.fitting.length === 0) add(e.scheduleNone);
        else add(e.scheduleFits(describeWindows(d.fitting, locale)) + e.fitDays(d.fitDays, d.targetDays));
        break;
      case 'daily_hours': {
        const person = rangeText(d.person, locale, hours);
        const offer = rangeText(d.offer, locale, hours);
        add(
          f.value === null
            ? e.hoursUnknown
            : f.value > 0
              ? e.hoursMeet(person, offer)
              : e.hoursMiss(person, offer),
        );
        break;
      }
      case 'days_per_week': {
        const person = rangeText(d.person, locale, m.days);
        const offer = rangeText(d.offer, locale, m.days);
        add(
          f.value === null
            ? e.daysUnknown
            : f.value > 0
              ? e.daysMeet(person, offer)
              : e.daysMiss(person, offer),
        );
        break;
      }
      case 'travel': {
        if (!d.travel) {
          add(d.sameMunicipality ? e.travelSameMunicipality : e.travelUnknown);
          break;
        }
        const limits = [
          d.limitMinutes === null ? null : m.minutes(d.limitMinutes),
          d.limitMetres === null ? null : m.km(String(d.limitMetres / 1000)),
        ].filter((x): x is string => x !== null);
        const notes = [
          d.overLimit ? e.travelOver : null,
          d.pointIsOffice ? e.travelOffice : null,
          d.travel.modesAssumed ? e.modesAssumed : null,
        ].filter(Boolean);
        add(
          e.travel(d.travel.minutes, m.modes[d.travel.mode], (d.travel.metres / 1000).toFixed(1)) +
            (limits.length > 0 ? e.travelLimit(limits.join(locale === 'ja' ? '・' : ', ')) : '') +
            (notes.length > 0 ? (locale === 'ja' ? `。${notes.join('。')}` : `. ${notes.join('. ')}`) : ''),
          d.overLimit ? 'partial' : effect,
        );
        break;
      }
      case 'tasks':
        if (f.value === null) add(e.tasksUnknown);
        else if (d.matched.length === 0) add(e.tasksNone);
        else add(e.tasksMatch(d.matched.map((t) => om.tasks[t]).join(locale === 'ja' ? '・' : ', ')));
        break;
      case 'supports':
        if (d.needed.length === 0) add(e.supportsNone, 'info');
        for (const s of d.offered) add(e.supportOffered(om.supports[s]), 'match');
        for (const s of d.unknown) add(e.supportUnknown(om.supports[s]), 'unknown');
        break;
      case 'visit_trial':
        if (d.visit) add(e.visit, 'match');
        if (d.trial) add(e.trial, 'match');
        if (!d.visit && !d.trial) add(e.noVisitTrial, 'info');
        break;
      case 'freshness': {
        const date = d.lastConfirmedAt.slice(0, 10);
        add(d.stale ? e.stale(date) : e.fresh(date), d.stale ? 'mismatch' : 'info');
        break;
      }
    }
  }
  out.push({
    factor: 'transport',
    effect: 'info',
    text: !o.transportAllowance
      ? e.transportNone
      : o.transportCapYen === null
        ? e.transportNoCap
        : e.transportCap(o.transportCapYen),
  });
  return out;
}

/** One sentence per hard constraint broken. */
export function explainExclusion(x: Exclusion, locale: Locale): string {
  const m = matchingMessages[locale];
  const om = opportunityMessages[locale];
  switch (x.rule) {
    case 'not_accepting':
      return m.exclusions.not_accepting(m.statuses[x.status as keyof typeof m.statuses] ?? x.status);
    case 'no_open_place':
      return m.exclusions.no_open_place;
    case 'no_fitting_window':
      return m.exclusions.no_fitting_window;
    case 'work_form':
      return m.exclusions.work_form(x.forms.map((f) => om.workForms[f]).join(locale === 'ja' ? '、' : ', '));
    case 'support_unavailable':
      return m.exclusions.support_unavailable(
        x.supports.map((s) => om.supports[s]).join(locale === 'ja' ? '」「' : '", "'),
      );
    case 'too_far': {
      const limits = [
        x.limitMinutes === null ? null : m.minutes(x.limitMinutes),
        x.limitMetres === null ? null : m.km(String(x.limitMetres / 1000)),
      ].filter((v): v is string => v !== null);
      return m.exclusions.too_far(x.travel.minutes, limits.join(locale === 'ja' ? '・' : ', '));
    }
  }
}
