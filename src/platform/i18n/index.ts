/** The two UI languages and how a request picks one: the cookie set by the language switch, else Japanese. */
import { en } from './en';
import { ja, type Messages, type Widen } from './ja';

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

/**
 * An area's own strings, Japanese first; the English catalogue must have the same keys. Each
 * area keeps its catalogue beside its code (e.g. `accounts/messages.ts`), so areas grow without
 * editing one shared file; the shell's strings stay in ja.ts/en.ts.
 */
export function defineMessages<const T>(jaMessages: T, enMessages: Widen<T>): Record<Locale, Widen<T>> {
  return { ja: jaMessages as Widen<T>, en: enMessages };
}
