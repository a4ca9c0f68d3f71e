/**
 * The participant (就労希望者) record: what a counsellor types at intake, validated and
 * normalised. Pure: the pages, the API and the demo seed share these rules. Contact and address
 * fields reuse the registry's parsers (registry/facilities/fields.ts); a participant may live
 * outside Tokyo, so the municipality is optional and the 郵便番号 may be anywhere in Japan.
 */
import { katakanaToHiragana } from '../platform/text/normalise';
import { findMunicipality } from '../reference/municipalities';
import { lookupPostalCode, normalisePostalCode } from '../reference/postal-codes';
import {
  type FieldErrorCode,
  hiraganaToKatakana,
  type Parsed,
  parseEmail,
  parseKana,
  parseMunicipality,
  parsePhone,
  parsePostalCode,
  parseText,
  type RawValue,
  rawText,
} from '../registry/facilities/fields';
import { ageOn, parseJapaneseDate } from './japanese-date';

export type { RawValue };
export type RawInput = Record<string, RawValue>;

/** The youngest age the program registers (就労: 15 and over). */
export const MINIMUM_AGE = 15;
export const MAXIMUM_AGE = 120;
export const MAX_NAME = 100;
export const MAX_SHORT = 50;
export const MAX_TEXT = 200;

export type ParticipantErrorCode =
  | FieldErrorCode
  | 'invalidDate'
  | 'birthDateInFuture'
  | 'tooYoung'
  | 'tooOld'
  | 'invalidFlag'
  | 'decisionIncomplete';

/** Field names as the form, the store and the audit trail use them. */
export const participantFields = [
  'name',
  'name_kana',
  'birth_date',
  'gender',
  'phone',
  'email',
  'postal_code',
  'municipality_code',
  'address',
  'nearest_station',
  'emergency_name',
  'emergency_relation',
  'emergency_phone',
  'case_number',
  'preferred_language',
  'easy_japanese',
  'support_decision_on',
  'support_decision_municipality_code',
] as const;
export type ParticipantField = (typeof participantFields)[number];

export type ParticipantValues = {
  name: string;
  name_kana: string;
  birth_date: string;
  gender: string | null;
  phone: string | null;
  email: string | null;
  postal_code: string | null;
  municipality_code: string | null;
  address: string | null;
  nearest_station: string | null;
  emergency_name: string | null;
  emergency_relation: string | null;
  emergency_phone: string | null;
  case_number: string | null;
  preferred_language: string | null;
  easy_japanese: number;
  support_decision_on: string | null;
  support_decision_municipality_code: string | null;
};

export type ParticipantErrors = Partial<Record<ParticipantField, ParticipantErrorCode>>;

/**
 * The key two registrations of one person share: the reading folded to hiragana, without
 * spaces, middle dots or width differences (ヤマダ タロウ, やまだたろう, ﾔﾏﾀﾞﾀﾛｳ are one key).
 */
export function kanaKey(kana: string): string {
  return katakanaToHiragana(kana.normalize('NFKC')).replace(/[\s・･\u3000]/g, '');
}

/** フリガナ: katakana (hiragana and half-width accepted), stored in full-width katakana. */
export function parseFurigana(raw: RawValue): Parsed<string> {
  const parsed = parseKana(raw, { required: true, script: 'katakana' });
  return parsed.ok ? { ok: true, value: hiraganaToKatakana(parsed.value) } : parsed;
}

/** A date of birth in 西暦 or 和暦; not in the future, and the person at least MINIMUM_AGE. */
export function parseBirthDate(
  raw: RawValue,
  today: string,
): { ok: true; value: string } | { ok: false; error: ParticipantErrorCode } {
  const value = parseJapaneseDate(raw === null || raw === undefined ? '' : String(raw));
  if (value === '') return { ok: false, error: 'required' };
  if (value === undefined) return { ok: false, error: 'invalidDate' };
  if (value > today) return { ok: false, error: 'birthDateInFuture' };
  const age = ageOn(value, today);
  if (age < MINIMUM_AGE) return { ok: false, error: 'tooYoung' };
  if (age > MAXIMUM_AGE) return { ok: false, error: 'tooOld' };
  return { ok: true, value };
}

/** A date in 西暦 or 和暦, optional. */
export function parseOptionalDate(
  raw: RawValue,
): { ok: true; value: string | null } | { ok: false; error: ParticipantErrorCode } {
  const value = parseJapaneseDate(raw === null || raw === undefined ? '' : String(raw));
  if (value === undefined) return { ok: false, error: 'invalidDate' };
  return { ok: true, value: value === '' ? null : value };
}

/** '1', 'true', 'on', true → 1; '', '0', 'false', false, null → 0. */
export function parseFlag(raw: RawValue): number | undefined {
  if (raw === true || raw === 1) return 1;
  if (raw === false || raw === 0 || raw === null || raw === undefined) return 0;
  const value = rawText(raw).toLowerCase();
  if (['1', 'true', 'on', 'yes'].includes(value)) return 1;
  if (['', '0', 'false', 'off', 'no'].includes(value)) return 0;
  return undefined;
}

/**
 * A 郵便番号 and a chosen Tokyo municipality must agree; with no municipality chosen (the person
 * lives outside Tokyo, or it is not known yet) any known code is accepted.
 */
export function checkPostalCode(postalCode: string, municipalityCode: string | null): FieldErrorCode | null {
  if (!municipalityCode) return null;
  const addresses = lookupPostalCode(postalCode);
  return addresses.some((a) => a.municipalityCode === municipalityCode)
    ? null
    : 'postalCodeMunicipalityMismatch';
}

/** Validates a participant; `today` ('YYYY-MM-DD', Tokyo) decides ages. */
export function validateParticipant(
  raw: RawInput,
  today: string,
): { ok: true; value: ParticipantValues } | { ok: false; errors: ParticipantErrors } {
  const errors: ParticipantErrors = {};
  const take = <T>(
    field: ParticipantField,
    parsed: { ok: true; value: T } | { ok: false; error: ParticipantErrorCode },
  ): T | undefined => {
    if (parsed.ok) return parsed.value;
    errors[field] ??= parsed.error;
    return undefined;
  };
  const text = (field: ParticipantField, max = MAX_TEXT) => take(field, parseText(raw[field], { max }));

  const name = take('name', parseText(raw.name, { required: true, max: MAX_NAME }));
  const nameKana = take('name_kana', parseFurigana(raw.name_kana));
  const birthDate = take('birth_date', parseBirthDate(raw.birth_date, today));
  const municipality = take('municipality_code', parseMunicipality(raw.municipality_code));
  const postalCode = take('postal_code', parsePostalCode(raw.postal_code));
  if (postalCode && municipality !== undefined) {
    const mismatch = checkPostalCode(postalCode, municipality);
    if (mismatch) errors.postal_code ??= mismatch;
  }
  const easy = parseFlag(raw.easy_japanese);
  if (easy === undefined) errors.easy_japanese = 'invalidFlag';
  const decisionOn = take('support_decision_on', parseOptionalDate(raw.support_decision_on));
  const decisionMunicipality = take(
    'support_decision_municipality_code',
    parseMunicipality(raw.support_decision_municipality_code),
  );
  if (decisionOn && decisionMunicipality === null) errors.support_decision_municipality_code ??= 'required';
  if (decisionOn === null && decisionMunicipality) errors.support_decision_on ??= 'required';

  const value: ParticipantValues = {
    name: name ?? '',
    name_kana: nameKana ?? '',
    birth_date: birthDate ?? '',
    gender: text('gender', MAX_SHORT) ?? null,
    phone: take('phone', parsePhone(raw.phone)) ?? null,
    email: take('email', parseEmail(raw.email)) ?? null,
    postal_code: postalCode ?? null,
    municipality_code: municipality ?? null,
    address: text('address') ?? null,
    nearest_station: text('nearest_station', MAX_NAME) ?? null,
    emergency_name: text('emergency_name', MAX_NAME) ?? null,
    emergency_relation: text('emergency_relation', MAX_SHORT) ?? null,
    emergency_phone: take('emergency_phone', parsePhone(raw.emergency_phone)) ?? null,
    case_number: text('case_number', MAX_SHORT) ?? null,
    preferred_language: text('preferred_language', MAX_SHORT) ?? null,
    easy_japanese: easy ?? 0,
    support_decision_on: decisionOn ?? null,
    support_decision_municipality_code: decisionMunicipality ?? null,
  };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value };
}

/** Stored values as form strings (dates stay 西暦 'YYYY-MM-DD'; the 郵便番号 gets its hyphen). */
export function formValuesOf(values: ParticipantValues): Record<ParticipantField, string> {
  const form = {} as Record<ParticipantField, string>;
  for (const field of participantFields) {
    const value = values[field];
    form[field] =
      field === 'postal_code' && typeof value === 'string'
        ? `${value.slice(0, 3)}-${value.slice(3)}`
        : field === 'easy_japanese'
          ? value
            ? '1'
            : ''
          : value === null
            ? ''
            : String(value);
  }
  return form;
}

/**
 * The 郵便番号 step of the participant form: a posted code with the municipality and address
 * still empty fills them — in Tokyo the municipality and the town, elsewhere the whole address
 * (prefecture, city, town) with no municipality. Returns whether anything was filled.
 */
export function fillParticipantAddress(values: Record<string, string>): {
  values: Record<string, string>;
  filled: boolean;
} {
  const code = normalisePostalCode(rawText(values.postal_code));
  if (!code) return { values, filled: false };
  const municipality = rawText(values.municipality_code);
  const address = rawText(values.address);
  if (address !== '') return { values, filled: false };
  const found = lookupPostalCode(code);
  const chosen = found.find((a) => municipality === '' || a.municipalityCode === municipality);
  if (!chosen) return { values, filled: false };
  const next: Record<string, string> = { ...values, postal_code: `${code.slice(0, 3)}-${code.slice(3)}` };
  const towns = new Set(
    found.filter((a) => a.municipalityCode === chosen.municipalityCode).map((a) => a.town),
  );
  const town = towns.size === 1 ? `${chosen.town}${chosen.street ?? ''}` : '';
  if (findMunicipality(chosen.municipalityCode)) {
    next.municipality_code = chosen.municipalityCode;
    next.address = town;
  } else {
    next.municipality_code = '';
    next.address = `${chosen.prefecture}${chosen.city}${town}`;
  }
  return { values: next, filled: true };
}
