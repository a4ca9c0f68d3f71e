/**
 * A facility's 認定 as a 生活困窮者就労訓練事業所 (就労訓練事業の認定): number, date, the authority
 * that granted it and its status. Work forms B–D of an opportunity need a valid one. Pure.
 */
import { normaliseInput } from '../../platform/text/normalise';

export const certificationStatuses = ['applying', 'certified', 'suspended', 'revoked'] as const;
export type CertificationStatus = (typeof certificationStatuses)[number];

export type CertificationValues = {
  number: string;
  certified_on: string;
  authority: string;
  status: CertificationStatus;
};

export type CertificationField = keyof CertificationValues;
export type CertificationErrorCode = 'required' | 'tooLong' | 'invalidDate' | 'futureDate' | 'invalidChoice';

/** Only a granted, current 認定 lets a facility offer B–D. */
export function isValidCertification(certification: { status: string } | undefined | null): boolean {
  return certification?.status === 'certified';
}

const text = (raw: unknown) => (raw === null || raw === undefined ? '' : normaliseInput(String(raw)));

/** Validates the 認定 form; `today` is 'YYYY-MM-DD' (Tokyo), a certification date cannot be later. */
export function validateCertification(
  raw: Partial<Record<CertificationField, unknown>>,
  today: string,
):
  | { ok: true; value: CertificationValues }
  | { ok: false; errors: Partial<Record<CertificationField, CertificationErrorCode>> } {
  const errors: Partial<Record<CertificationField, CertificationErrorCode>> = {};
  const number = text(raw.number);
  if (number === '') errors.number = 'required';
  else if (number.length > 50) errors.number = 'tooLong';
  const authority = text(raw.authority);
  if (authority === '') errors.authority = 'required';
  else if (authority.length > 50) errors.authority = 'tooLong';
  const date = text(raw.certified_on).replace(/\//g, '-');
  const valid =
    /^\d{4}-\d{2}-\d{2}$/.test(date) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date);
  if (date === '') errors.certified_on = 'required';
  else if (!valid) errors.certified_on = 'invalidDate';
  else if (date > today) errors.certified_on = 'futureDate';
  const status = certificationStatuses.find((s) => s === text(raw.status));
  if (!status) errors.status = text(raw.status) === '' ? 'required' : 'invalidChoice';
  if (Object.keys(errors).length > 0 || !status) return { ok: false, errors };
  return { ok: true, value: { number, certified_on: date, authority, status } };
}

/** Today's date in Tokyo as 'YYYY-MM-DD'. */
export function tokyoToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}
