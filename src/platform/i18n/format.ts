/** Dates and times as people in Japan write them, always in Asia/Tokyo whatever the server's zone. */
import type { Locale } from './index';

const zone = 'Asia/Tokyo';

const dateTimeFormats: Record<Locale, Intl.DateTimeFormat> = {
  ja: new Intl.DateTimeFormat('ja-JP', {
    timeZone: zone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }),
};

const dateFormats: Record<Locale, Intl.DateTimeFormat> = {
  ja: new Intl.DateTimeFormat('ja-JP', {
    timeZone: zone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
  }),
};

const eraFormat = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  timeZone: zone,
  era: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
});

/**
 * Timestamps already written, per locale: Intl costs ~3 µs a call, and a result list writes the
 * same few hundred "last updated" times on every page. Emptied when full.
 */
const writtenDateTimes: Record<Locale, Map<string, string>> = { ja: new Map(), en: new Map() };
const WRITTEN_DATE_TIMES_KEPT = 10_000;

/** 2026年11月25日 17:02 / 25 Nov 2026, 17:02 — from an ISO-8601 UTC timestamp. */
export function formatDateTime(iso: string, locale: Locale): string {
  const written = writtenDateTimes[locale];
  let text = written.get(iso);
  if (text === undefined) {
    text = dateTimeFormats[locale].format(new Date(iso));
    if (written.size >= WRITTEN_DATE_TIMES_KEPT) written.clear();
    written.set(iso, text);
  }
  return text;
}

/** A `YYYY-MM-DD` calendar date: 2026年11月25日(水). Read as a Tokyo date, never shifted by the server zone. */
export function formatDate(date: string, locale: Locale): string {
  return dateFormats[locale].format(new Date(`${date}T00:00:00+09:00`));
}

/** 和暦, for forms that use it: 令和8年11月25日. Year 1 of an era is written 元年. */
export function formatJapaneseEraDate(date: string): string {
  return eraFormat.format(new Date(`${date}T00:00:00+09:00`)).replace(/(\D)1年/, '$1元年');
}
