/**
 * Consent (同意): what a participant agreed may be shared with one recipient — a corporation
 * (all its facilities) or one facility — which data groups, for what purpose, from when until
 * when (inclusive dates), and whether it was revoked. Pure: validation of the record and revoke
 * forms, a consent's status on a day, and the one rule that decides whether recorded consents
 * cover a share (`evaluateConsents`, used by `checkConsent` in service.ts).
 */
import type { ConsentDataGroup, ConsentRecipientKind } from '../../platform/db/schema';
import { type RawValue, rawText } from '../../registry/facilities/fields';
import { parseJapaneseDate } from '../japanese-date';

export type { ConsentDataGroup, ConsentRecipientKind };

/** In the order the form and the printed form list them. */
export const consentDataGroups: readonly ConsentDataGroup[] = [
  'basic_identity',
  'contact',
  'assessment_summary',
  'health_and_support',
];

export const DEFAULT_PURPOSE = 'はたらく場の受け入れ調整のため';
export const MAX_PURPOSE = 500;
export const MAX_REASON = 500;
/** A council override must say why in at least this many characters. */
export const MIN_OVERRIDE_REASON = 20;
/** How long an unused override stays usable (days, inclusive of the day it was granted). */
export const OVERRIDE_VALID_DAYS = 14;

/** A share's recipient as callers name it: a corporation, and optionally one of its facilities. */
export type ShareRecipient = { corporationId: string; facilityId?: string };

export type ConsentStatus = 'active' | 'upcoming' | 'expired' | 'revoked';

export type ConsentErrorCode =
  | 'required'
  | 'tooLong'
  | 'invalidChoice'
  | 'invalidDate'
  | 'endBeforeStart'
  | 'dateInFuture'
  | 'reasonTooShort';

export type ConsentValues = {
  recipient_kind: ConsentRecipientKind;
  recipient_id: string;
  data_groups: ConsentDataGroup[];
  purpose: string;
  valid_from: string;
  valid_until: string;
};

export type ConsentErrors = Partial<
  Record<'recipient' | 'data_groups' | 'purpose' | 'valid_from' | 'valid_until', ConsentErrorCode>
>;

/** `YYYY-MM-DD` plus whole days (UTC arithmetic on a calendar date). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** One year of consent from `from`: until the day before the same date next year (inclusive). */
export function oneYearFrom(from: string): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y + 1, m - 1, d));
  // 29 February: the next year has none, Date rolls to 1 March; the day before is 28 February.
  if (next.getUTCMonth() !== m - 1) next.setUTCDate(0);
  else next.setUTCDate(next.getUTCDate() - 1);
  return next.toISOString().slice(0, 10);
}

/** `corporation:<id>` / `facility:<id>` — the recipient select's values. */
export function recipientValue(kind: ConsentRecipientKind, id: string): string {
  return `${kind}:${id}`;
}

export function parseRecipientValue(raw: RawValue): { kind: ConsentRecipientKind; id: string } | undefined {
  const match = /^(corporation|facility):([0-9A-Za-z-]{1,64})$/.exec(rawText(raw));
  if (!match) return undefined;
  return { kind: match[1] as ConsentRecipientKind, id: match[2] as string };
}

function listOf(raw: RawValue | readonly RawValue[]): string[] {
  if (Array.isArray(raw)) return raw.map((v) => rawText(v)).filter((v) => v !== '');
  const text = rawText(raw as RawValue);
  return text === '' ? [] : [text];
}

function parseDateField(raw: RawValue): string | '' | undefined {
  const text = rawText(raw);
  if (text === '') return '';
  return parseJapaneseDate(text);
}

export type ConsentInput = {
  recipient?: RawValue;
  data_groups?: RawValue | readonly RawValue[];
  purpose?: RawValue;
  valid_from?: RawValue;
  valid_until?: RawValue;
};

/**
 * Validates a consent record. `isRecipient` says whether a recipient exists (the registry's
 * active corporations and facilities). The end may be left empty: one year from the start.
 */
export function validateConsent(
  raw: ConsentInput,
  isRecipient: (kind: ConsentRecipientKind, id: string) => boolean,
): { ok: true; value: ConsentValues } | { ok: false; errors: ConsentErrors } {
  const errors: ConsentErrors = {};
  const recipient = parseRecipientValue(raw.recipient);
  if (rawText(raw.recipient as RawValue) === '') errors.recipient = 'required';
  else if (!recipient || !isRecipient(recipient.kind, recipient.id)) errors.recipient = 'invalidChoice';

  const groups = listOf(raw.data_groups);
  const known = consentDataGroups.filter((g) => groups.includes(g));
  if (groups.length === 0) errors.data_groups = 'required';
  else if (known.length !== new Set(groups).size) errors.data_groups = 'invalidChoice';

  const purpose = rawText(raw.purpose).replace(/\r\n?/g, '\n');
  if (purpose === '') errors.purpose = 'required';
  else if (purpose.length > MAX_PURPOSE) errors.purpose = 'tooLong';

  const from = parseDateField(raw.valid_from);
  if (from === '') errors.valid_from = 'required';
  else if (from === undefined) errors.valid_from = 'invalidDate';
  const untilRaw = parseDateField(raw.valid_until);
  let until: string | undefined;
  if (untilRaw === undefined) errors.valid_until = 'invalidDate';
  else if (untilRaw === '') until = from ? oneYearFrom(from) : undefined;
  else until = untilRaw;
  if (from && until && until < from) errors.valid_until = 'endBeforeStart';

  if (!recipient || !from || !until || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      recipient_kind: recipient.kind,
      recipient_id: recipient.id,
      data_groups: known,
      purpose,
      valid_from: from,
      valid_until: until,
    },
  };
}

export type RevocationErrors = Partial<Record<'revoked_on' | 'reason', ConsentErrorCode>>;

/** A revocation: the day the person withdrew (not in the future) and why (optional, short). */
export function validateRevocation(
  raw: { revoked_on?: RawValue; reason?: RawValue },
  today: string,
):
  | { ok: true; value: { revoked_on: string; reason: string | null } }
  | { ok: false; errors: RevocationErrors } {
  const errors: RevocationErrors = {};
  const on = parseDateField(raw.revoked_on);
  if (on === '') errors.revoked_on = 'required';
  else if (on === undefined) errors.revoked_on = 'invalidDate';
  else if (on > today) errors.revoked_on = 'dateInFuture';
  const reason = rawText(raw.reason).replace(/\r\n?/g, '\n');
  if (reason.length > MAX_REASON) errors.reason = 'tooLong';
  if (!on || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { revoked_on: on, reason: reason === '' ? null : reason } };
}

/** The fields of a stored consent the rules look at. */
export type ConsentFacts = {
  id: string;
  recipientKind: ConsentRecipientKind;
  recipientId: string;
  dataGroups: readonly ConsentDataGroup[];
  validFrom: string;
  validUntil: string;
  /** The day the revocation took effect ('YYYY-MM-DD'), if revoked. */
  revokedOn: string | null;
};

export function consentStatusOn(consent: ConsentFacts, on: string): ConsentStatus {
  if (consent.revokedOn !== null && consent.revokedOn <= on) return 'revoked';
  if (consent.validUntil < on) return 'expired';
  if (consent.validFrom > on) return 'upcoming';
  return 'active';
}

/** Whether a consent names this recipient: a corporation's consent covers all its facilities. */
export function namesRecipient(
  consent: Pick<ConsentFacts, 'recipientKind' | 'recipientId'>,
  to: ShareRecipient,
) {
  if (consent.recipientKind === 'corporation') return consent.recipientId === to.corporationId;
  return to.facilityId !== undefined && consent.recipientId === to.facilityId;
}

export type ConsentRefusal = 'none' | 'expired' | 'revoked' | 'wrong_recipient' | 'missing_groups';
export type ConsentCheck =
  | { ok: true; consentIds: string[]; overrideId?: string }
  | { ok: false; reasons: ConsentRefusal[] };

/**
 * The one rule: the consents that name the recipient and are active on the day must together
 * cover every requested data group. A refusal says why: no consent at all, none for this
 * recipient, the recipient's consents expired or were revoked, or they leave groups out.
 */
export function evaluateConsents(
  consents: readonly ConsentFacts[],
  request: { recipient: ShareRecipient; dataGroups: readonly ConsentDataGroup[]; on: string },
): ConsentCheck {
  if (consents.length === 0) return { ok: false, reasons: ['none'] };
  const named = consents.filter((c) => namesRecipient(c, request.recipient));
  if (named.length === 0) return { ok: false, reasons: ['wrong_recipient'] };
  const active = named.filter((c) => consentStatusOn(c, request.on) === 'active');
  const covered = new Set(active.flatMap((c) => c.dataGroups));
  const wanted = [...new Set(request.dataGroups)];
  if (active.length > 0 && wanted.every((g) => covered.has(g))) {
    const used = active.filter((c) => c.dataGroups.some((g) => wanted.includes(g)));
    return { ok: true, consentIds: (used.length > 0 ? used : active).map((c) => c.id) };
  }
  const reasons = new Set<ConsentRefusal>();
  for (const c of named) {
    const status = consentStatusOn(c, request.on);
    if (status === 'revoked') reasons.add('revoked');
    else if (status === 'expired') reasons.add('expired');
  }
  if (active.length > 0) reasons.add('missing_groups');
  if (reasons.size === 0) reasons.add('none'); // only consents that start later
  return { ok: false, reasons: [...reasons] };
}
