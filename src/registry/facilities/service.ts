/**
 * Use cases of facilities (事業所): register one in a corporation, update it, and the scoped
 * reads other areas use. Each change checks the policy, validates, writes the row and its audit
 * row (which fields changed, before and after) in one transaction.
 */

import type { Kysely } from 'kysely';
import { getOrganisationSubject } from '../../accounts/organisations/service';
import type { AuditEntry } from '../../platform/audit/audit';
import { recordAudit } from '../../platform/audit/audit';
import { type Actor, can } from '../../platform/auth/policy';
import type { Database, ServiceType } from '../../platform/db/schema';
import { newId, nowIso } from '../../platform/db/time';
import { toSearchText } from '../../platform/text/normalise';
import { refreshOpportunitySearchText } from '../opportunities/service';
import {
  checkPostalCodeMunicipality,
  type FieldErrorCode,
  FieldErrors,
  MAX_NAME,
  type Outcome,
  parseChoice,
  parseEmail,
  parseKana,
  parseMunicipality,
  parsePhone,
  parsePostalCode,
  parseRequiredText,
  parseText,
  parseWalkMinutes,
  type RawInput,
} from './fields';
import {
  countFacilities,
  type FacilityColumns,
  type FacilityDetail,
  type FacilityFilter,
  type FacilitySummary,
  findFacility,
  findFacilityIdByName,
  findFacilityRowForUpdate,
  insertAssignmentIfMissing,
  insertFacility,
  listFacilities,
  updateFacilityRow,
} from './store';

export type { FacilityDetail, FacilitySummary };

export const serviceTypes: readonly ServiceType[] = [
  'elderly',
  'disability',
  'children',
  'nursery',
  'relief',
  'other',
];

/** The form's (and the audit trail's) names of the fields a facility has. */
export const facilityFields = [
  'name',
  'name_kana',
  'service_type',
  'postal_code',
  'municipality_code',
  'address',
  'nearest_station',
  'walk_minutes',
  'phone',
  'contact_name',
  'contact_email',
] as const;
export type FacilityField = (typeof facilityFields)[number];

/** Who is acting, for the audit trail (see auditActor). */
export type AuditContext = Pick<AuditEntry, 'userId' | 'organisationId' | 'requestId' | 'ip'>;

/** Validates what a person typed into the facility form (or sent to the API). */
export function parseFacilityInput(
  raw: RawInput,
):
  | { ok: true; value: FacilityColumns }
  | { ok: false; errors: Partial<Record<FacilityField, FieldErrorCode>> } {
  const f = new FieldErrors<FacilityField>();
  const name = f.take('name', parseRequiredText(raw.name, MAX_NAME));
  const nameKana = f.take('name_kana', parseKana(raw.name_kana, { required: true, script: 'katakana' }));
  const serviceType = f.take('service_type', parseChoice(raw.service_type, serviceTypes, { required: true }));
  const postalCode = f.take('postal_code', parsePostalCode(raw.postal_code));
  const municipalityCode = f.take(
    'municipality_code',
    parseMunicipality(raw.municipality_code, { required: true }),
  );
  const address = f.take('address', parseRequiredText(raw.address));
  const nearestStation = f.take('nearest_station', parseText(raw.nearest_station, { max: MAX_NAME }));
  const walkMinutes = f.take('walk_minutes', parseWalkMinutes(raw.walk_minutes));
  const phone = f.take('phone', parsePhone(raw.phone));
  const contactName = f.take('contact_name', parseText(raw.contact_name, { max: MAX_NAME }));
  const contactEmail = f.take('contact_email', parseEmail(raw.contact_email));
  if (postalCode && municipalityCode !== undefined) {
    f.add('postal_code', checkPostalCodeMunicipality(postalCode, municipalityCode));
  }
  if (
    !f.ok ||
    name === undefined ||
    nameKana === undefined ||
    !serviceType ||
    postalCode === undefined ||
    !municipalityCode ||
    address === undefined ||
    nearestStation === undefined ||
    walkMinutes === undefined ||
    phone === undefined ||
    contactName === undefined ||
    contactEmail === undefined
  ) {
    return { ok: false, errors: f.errors };
  }
  return {
    ok: true,
    value: {
      name,
      name_kana: nameKana,
      service_type: serviceType,
      postal_code: postalCode,
      municipality_code: municipalityCode,
      address,
      nearest_station: nearestStation,
      walk_minutes: walkMinutes,
      phone,
      contact_name: contactName,
      contact_email: contactEmail,
    },
  };
}

/** Field → { before, after } for the fields whose value differs. */
export function changedFields<T extends Record<string, unknown>>(
  before: Partial<T>,
  after: Partial<T>,
): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of Object.keys(after)) {
    const was = before[key] ?? null;
    const now = after[key] ?? null;
    if (was !== now) changes[key] = { before: was, after: now };
  }
  return changes;
}

type FacilityOutcome = Outcome<FacilityField>;

/** Registers a facility in a corporation (council staff, or that corporation's admin). */
export async function createFacility(
  db: Kysely<Database>,
  actor: Actor,
  corporationId: string,
  raw: RawInput,
  audit: AuditContext,
  options: { isDemo?: boolean } = {},
): Promise<FacilityOutcome> {
  const parsed = parseFacilityInput(raw);
  return db.transaction().execute(async (trx): Promise<FacilityOutcome> => {
    const corporation = await getOrganisationSubject(trx, actor, corporationId);
    if (!corporation) return { status: 'not_found' };
    if (!can(actor, 'facility.create', corporation)) return { status: 'forbidden' };
    if (!parsed.ok) return { status: 'invalid', errors: parsed.errors };
    if (await findFacilityIdByName(trx, corporationId, parsed.value.name)) {
      return { status: 'invalid', errors: { name: 'duplicateName' } };
    }
    const id = newId();
    const row = parsed.value;
    await insertFacility(trx, {
      ...row,
      id,
      corporation_id: corporationId,
      search_text: toSearchText(row.name, row.name_kana),
      is_demo: options.isDemo ? 1 : 0,
      created_at: nowIso(),
    });
    await recordAudit(trx, {
      ...audit,
      action: 'facility.create',
      subjectType: 'facility',
      subjectId: id,
      detail: { corporationId, changes: changedFields<FacilityColumns>({}, row) },
    });
    return { status: 'ok', id };
  });
}

/** Updates a facility; `raw` holds every field (a form), so a field left empty is cleared. */
export async function updateFacility(
  db: Kysely<Database>,
  actor: Actor,
  facilityId: string,
  raw: RawInput,
  audit: AuditContext,
): Promise<FacilityOutcome> {
  return db.transaction().execute(async (trx): Promise<FacilityOutcome> => {
    const before = await findFacilityRowForUpdate(trx, actor, facilityId);
    if (!before) return { status: 'not_found' };
    if (
      !can(actor, 'facility.update', {
        kind: 'facility',
        id: before.id,
        corporationId: before.corporation_id,
      })
    ) {
      return { status: 'forbidden' };
    }
    const parsed = parseFacilityInput(raw);
    if (!parsed.ok) return { status: 'invalid', errors: parsed.errors };
    const sameName = await findFacilityIdByName(trx, before.corporation_id, parsed.value.name);
    if (sameName && sameName !== facilityId) return { status: 'invalid', errors: { name: 'duplicateName' } };
    const changes = changedFields<FacilityColumns>(before, parsed.value);
    if (Object.keys(changes).length === 0) return { status: 'ok', id: facilityId };
    await updateFacilityRow(trx, facilityId, {
      ...parsed.value,
      search_text: toSearchText(parsed.value.name, parsed.value.name_kana),
      updated_at: nowIso(),
    });
    // Opportunities are found by their facility's name too; a rename must reach them.
    if ('name' in changes) await refreshOpportunitySearchText(trx, facilityId, parsed.value.name);
    await recordAudit(trx, {
      ...audit,
      action: 'facility.update',
      subjectType: 'facility',
      subjectId: facilityId,
      detail: { corporationId: before.corporation_id, changes },
    });
    return { status: 'ok', id: facilityId };
  });
}

/** The stored values of a facility as form fields, e.g. to merge an API PATCH into. */
export async function facilityFormValues(
  db: Kysely<Database>,
  actor: Actor,
  facilityId: string,
): Promise<Record<FacilityField, string> | undefined> {
  const row = await findFacilityRowForUpdate(db, actor, facilityId);
  if (!row) return undefined;
  const values = {} as Record<FacilityField, string>;
  for (const field of facilityFields) {
    const value = row[field];
    values[field] =
      field === 'postal_code' && typeof value === 'string'
        ? `${value.slice(0, 3)}-${value.slice(3)}`
        : value === null
          ? ''
          : String(value);
  }
  return values;
}

export function getFacility(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<FacilityDetail | undefined> {
  return findFacility(db, actor, id);
}

export async function listFacilitiesFor(
  db: Kysely<Database>,
  actor: Actor,
  filter: FacilityFilter & { limit: number; offset: number },
): Promise<{ items: FacilitySummary[]; total: number }> {
  const [items, total] = await Promise.all([
    listFacilities(db, actor, filter),
    countFacilities(db, actor, filter),
  ]);
  return { items, total };
}

/**
 * Demo data only: the fictional facility of the demo corporation with this name, created if
 * missing (without an audit row: nobody did it), and the demo coordinator assigned to it.
 */
export async function ensureDemoFacility(
  db: Kysely<Database>,
  corporationId: string,
  raw: RawInput,
): Promise<string> {
  const parsed = parseFacilityInput(raw);
  if (!parsed.ok) throw new Error(`demo facility is invalid: ${JSON.stringify(parsed.errors)}`);
  const existing = await findFacilityIdByName(db, corporationId, parsed.value.name);
  if (existing) return existing;
  const id = newId();
  await insertFacility(db, {
    ...parsed.value,
    id,
    corporation_id: corporationId,
    search_text: toSearchText(parsed.value.name, parsed.value.name_kana),
    is_demo: 1,
    created_at: nowIso(),
  });
  return id;
}

/** Demo data only: assigns a coordinator to a facility, once. */
export async function ensureDemoAssignment(db: Kysely<Database>, userId: string, facilityId: string) {
  await insertAssignmentIfMissing(db, userId, facilityId, nowIso());
}
