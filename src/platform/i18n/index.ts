/** The two UI languages and how a request picks one: the cookie set by the language switch, else Japanese. */
import { en } from './en';
import { ja, type Messages } from './ja';

export type Locale = 'ja' | 'en';
export const LOCALE_COOKIE = 'lang';

const catalogues: Record<Locale, Messages> = { ja, en };

export function messagesFor(locale: Locale): Messages {
  return catalogues[locale];
}

export function parseLocale(value: string | undefined | null): Locale | undefined {
  return value === 'ja' || value === 'en' ? value : undefined;
}

/** Japanese unless the cookie says otherwise; the program's users read Japanese first. */
export function pickLocale(cookie: string | undefined): Locale {
  return parseLocale(cookie) ?? 'ja';
}

export type { Messages };
