/**
 * Parsing of the contact and address fields that facilities and organisations share: names,
 * readings, 郵便番号, municipality, phone, e-mail, minutes on foot. Pure functions: each takes
 * what a person typed (a form string, or a JSON value from the API), normalises it (NFKC, trim)
 * and returns the stored value or an error code that the views turn into a Japanese message.
 */

import { katakanaToHiragana, normaliseEmail, normaliseInput } from '../../platform/text/normalise';
import { findMunicipality } from '../../reference/municipalities';
import { lookupPostalCode, normalisePostalCode, type PostalAddress } from '../../reference/postal-codes';

export type FieldErrorCode =
  | 'required'
  | 'tooLong'
  | 'invalidChoice'
  | 'invalidKana'
  | 'unknownMunicipality'
  | 'invalidPostalCode'
  | 'unknownPostalCode'
  | 'postalCodeOutsideTokyo'
  | 'postalCodeMunicipalityMismatch'
  | 'invalidWalkMinutes'
  | 'invalidPhone'
  | 'invalidEmail'
  | 'invalidUrl'
  | 'duplicateName';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: FieldErrorCode };

/** What a field can arrive as: a form string, or a JSON value. */
export type RawValue = string | number | boolean | null | undefined;
export type RawInput = Record<string, RawValue>;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (error: FieldErrorCode): Parsed<never> => ({ ok: false, error });

/** Form strings and JSON values alike, NFKC-normalised and trimmed; null and undefined read as ''. */
export function rawText(raw: RawValue): string {
  if (raw === null || raw === undefined) return '';
  return normaliseInput(String(raw));
}

export const MAX_NAME = 100;
export const MAX_TEXT = 200;

/** Free text; '' is null unless required. */
export function parseText(
  raw: RawValue,
  options: { required?: boolean; max?: number } = {},
): Parsed<string | null> {
  const value = rawText(raw);
  if (value === '') return options.required ? fail('required') : ok(null);
  if (value.length > (options.max ?? MAX_TEXT)) return fail('tooLong');
  return ok(value);
}

export function parseRequiredText(raw: RawValue, max = MAX_TEXT): Parsed<string> {
  const parsed = parseText(raw, { required: true, max });
  return parsed.ok ? ok(parsed.value ?? '') : parsed;
}

const KANA = /^[\p{Script=Katakana}\p{Script=Hiragana}ー・ ]+$/u;

export function hiraganaToKatakana(value: string): string {
  return value.replace(/[\u3041-\u3096]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60));
}

/**
 * A reading in kana (half-width katakana is folded by NFKC). `script` picks how it is stored:
 * katakana for facilities' フリガナ, hiragana for organisations' ふりがな.
 */
export function parseKana(
  raw: RawValue,
  options: { required?: boolean; script: 'katakana' | 'hiragana' },
): Parsed<string> {
  const value = rawText(raw).replace(/\s+/g, ' ');
  if (value === '') return options.required ? fail('required') : ok('');
  if (value.length > MAX_NAME) return fail('tooLong');
  if (!KANA.test(value)) return fail('invalidKana');
  return ok(options.script === 'katakana' ? hiraganaToKatakana(value) : katakanaToHiragana(value));
}

/** One of a fixed list of codes (service type, agency type, kind). */
export function parseChoice<T extends string>(
  raw: RawValue,
  choices: readonly T[],
  options: { required?: boolean } = {},
): Parsed<T | null> {
  const value = rawText(raw);
  if (value === '') return options.required ? fail('required') : ok(null);
  const found = choices.find((choice) => choice === value);
  return found ? ok(found) : fail('invalidChoice');
}

/** One of Tokyo's 62 municipalities, by its 6-digit code. */
export function parseMunicipality(
  raw: RawValue,
  options: { required?: boolean } = {},
): Parsed<string | null> {
  const value = rawText(raw);
  if (value === '') return options.required ? fail('required') : ok(null);
  const municipality = /^\d{6}$/.test(value) ? findMunicipality(value) : undefined;
  return municipality ? ok(municipality.code) : fail('unknownMunicipality');
}

/** A 郵便番号 that Japan Post lists, as 7 digits; full-width digits, hyphens and 〒 are accepted. */
export function parsePostalCode(raw: RawValue): Parsed<string | null> {
  const value = rawText(raw);
  if (value === '') return ok(null);
  const code = normalisePostalCode(value);
  if (!code) return fail('invalidPostalCode');
  return lookupPostalCode(code).length > 0 ? ok(code) : fail('unknownPostalCode');
}

/** An address with a known postal code must be in Tokyo, and in the municipality chosen. */
export function checkPostalCodeMunicipality(
  postalCode: string,
  municipalityCode: string | null,
): FieldErrorCode | null {
  const addresses = lookupPostalCode(postalCode);
  const inTokyo = addresses.filter((a) => findMunicipality(a.municipalityCode));
  if (inTokyo.length === 0) return 'postalCodeOutsideTokyo';
  if (municipalityCode && !inTokyo.some((a) => a.municipalityCode === municipalityCode)) {
    return 'postalCodeMunicipalityMismatch';
  }
  return null;
}

/** Minutes on foot from the nearest station: a whole number from 0 to 120. */
export function parseWalkMinutes(raw: RawValue): Parsed<number | null> {
  const value = rawText(raw);
  if (value === '') return ok(null);
  if (!/^\d{1,3}$/.test(value)) return fail('invalidWalkMinutes');
  const minutes = Number(value);
  return minutes <= 120 ? ok(minutes) : fail('invalidWalkMinutes');
}

/** Every dash people type between digits: hyphen-minus, ‐, −, –, —, ー, ｰ (NFKC folds the full widths). */
const DASHES = /[\u002d\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\uff70]/g;

/**
 * A Japanese phone number: 10 or 11 digits starting with 0, hyphens optional (full-width digits
 * and any dash accepted). Stored with ASCII hyphens where the person put them, e.g. 03-1234-5678;
 * brackets around the area code read as a hyphen: (03)1234-5678 → 03-1234-5678.
 */
export function parsePhone(raw: RawValue): Parsed<string | null> {
  let value = rawText(raw).replace(DASHES, '-').replace(/\s+/g, '');
  if (value === '') return ok(null);
  value = value.replace(/^\((0\d{1,4})\)/, '$1-').replace(/[()]/g, '-');
  if (!/^0[\d-]+\d$/.test(value) || /--/.test(value)) return fail('invalidPhone');
  const digits = value.replace(/-/g, '');
  return digits.length === 10 || digits.length === 11 ? ok(value) : fail('invalidPhone');
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function parseEmail(raw: RawValue, options: { required?: boolean } = {}): Parsed<string | null> {
  const value = normaliseEmail(raw === null || raw === undefined ? '' : String(raw));
  if (value === '') return options.required ? fail('required') : ok(null);
  if (value.length > MAX_TEXT || !EMAIL.test(value)) return fail('invalidEmail');
  return ok(value);
}

export function parseUrl(raw: RawValue): Parsed<string | null> {
  const value = rawText(raw);
  if (value === '') return ok(null);
  if (value.length > MAX_TEXT) return fail('tooLong');
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? ok(url.toString()) : fail('invalidUrl');
  } catch {
    return fail('invalidUrl');
  }
}

/** Collects parsed fields and their errors; `take` returns the value, or undefined after an error. */
export class FieldErrors<F extends string> {
  readonly errors: Partial<Record<F, FieldErrorCode>> = {};

  take<T>(field: F, parsed: Parsed<T>): T | undefined {
    if (parsed.ok) return parsed.value;
    this.errors[field] ??= parsed.error;
    return undefined;
  }

  add(field: F, error: FieldErrorCode | null): void {
    if (error) this.errors[field] ??= error;
  }

  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }
}

/** The outcome of a use case that changes a record. */
export type Outcome<F extends string> =
  | { status: 'ok'; id: string }
  | { status: 'invalid'; errors: Partial<Record<F, FieldErrorCode>> }
  | { status: 'not_found' }
  | { status: 'forbidden' };

/** The address part after the municipality, as Japan Post writes it: town, and street for 事業所個別番号. */
function addressAfterMunicipality(address: PostalAddress): string {
  return `${address.town}${address.street ?? ''}`;
}

/**
 * The 郵便番号 step of an address form: when a known Tokyo code is posted and the municipality or
 * the address is still empty, fills them from Japan Post's data. Returns the new values and
 * whether anything was filled (the form is then shown again for the person to check).
 */
export function fillAddressFromPostalCode(
  values: Record<string, string>,
  fields: { postalCode: string; municipality: string; address: string } = {
    postalCode: 'postal_code',
    municipality: 'municipality_code',
    address: 'address',
  },
): { values: Record<string, string>; filled: boolean } {
  const code = normalisePostalCode(rawText(values[fields.postalCode]));
  if (!code) return { values, filled: false };
  const municipalityCode = rawText(values[fields.municipality]);
  const address = rawText(values[fields.address]);
  if (municipalityCode !== '' && address !== '') return { values, filled: false };
  const inTokyo = lookupPostalCode(code).filter((a) => findMunicipality(a.municipalityCode));
  const chosen =
    inTokyo.find((a) => municipalityCode === '' || a.municipalityCode === municipalityCode) ?? undefined;
  if (!chosen) return { values, filled: false };
  const next = { ...values };
  let filled = false;
  if (municipalityCode === '') {
    next[fields.municipality] = chosen.municipalityCode;
    filled = true;
  }
  // Several towns share some codes: fill the town only when it is the only one.
  const towns = new Set(
    inTokyo.filter((a) => a.municipalityCode === chosen.municipalityCode).map(addressAfterMunicipality),
  );
  const town = addressAfterMunicipality(chosen);
  if (address === '' && towns.size === 1 && town !== '') {
    next[fields.address] = town;
    filled = true;
  }
  next[fields.postalCode] = `${code.slice(0, 3)}-${code.slice(3)}`;
  return { values: next, filled };
}
