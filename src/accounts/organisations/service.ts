/**
 * Use cases of organisations: the council registers corporations and agencies, the council or a
 * corporation's admin edits them, and an organisation's settings (two-factor requirement) change.
 * Each change checks the policy, validates, and writes the row and its audit row in one
 * transaction. Reference corporations (the program's public list) keep their name: it is
 * maintained by syncReferenceCorporations, not by hand.
 */
import type { Kysely } from 'kysely';
import type { AuditEntry } from '../../platform/audit/audit';
import { recordAudit } from '../../platform/audit/audit';
import { type Actor, can, type Subject } from '../../platform/auth/policy';
import type { AgencyType, Database, OrganisationKind } from '../../platform/db/schema';
import { newId, nowIso } from '../../platform/db/time';
import { toSearchText } from '../../platform/text/normalise';
import {
  checkPostalCodeMunicipality,
  type FieldErrorCode,
  FieldErrors,
  MAX_NAME,
  type Outcome,
  parseChoice,
  parseKana,
  parseMunicipality,
  parsePhone,
  parsePostalCode,
  parseRequiredText,
  parseText,
  parseUrl,
  type RawInput,
} from '../../registry/facilities/fields';
import {
  countOrganisations,
  countUsers,
  findOrganisation,
  findOrganisationIdByName,
  findOrganisationKind,
  findOrganisationRowForUpdate,
  insertOrganisationRow,
  listOrganisations,
  type OrganisationColumns,
  type OrganisationDetail,
  type OrganisationFilter,
  type OrganisationSummary,
  setAgencyTypeIfMissing,
  updateOrganisationRow,
} from './store';

export type { OrganisationDetail, OrganisationSummary };

export const organisationKinds: readonly OrganisationKind[] = ['council', 'corporation', 'agency'];
/** The kinds the council registers through the form; there is one council, made at setup. */
export const creatableKinds: readonly OrganisationKind[] = ['corporation', 'agency'];
export const agencyTypes: readonly AgencyType[] = [
  'independence_support',
  'welfare_office',
  'social_welfare_council',
  'community_support_centre',
  'disability_support',
  'youth_support_station',
  'other',
];

export const organisationFields = [
  'kind',
  'name',
  'name_kana',
  'agency_type',
  'municipality_code',
  'postal_code',
  'address',
  'phone',
  'website',
] as const;
export type OrganisationField = (typeof organisationFields)[number];

export type AuditContext = Pick<AuditEntry, 'userId' | 'organisationId' | 'requestId' | 'ip'>;
type OrganisationOutcome = Outcome<OrganisationField>;

/**
 * Validates the organisation form for an organisation of `kind`. An agency needs its type and
 * municipality; the other kinds have no agency type. `fixedName` keeps a reference
 * corporation's name whatever was posted.
 */
export function parseOrganisationInput(
  raw: RawInput,
  kind: OrganisationKind,
  options: { fixedName?: string } = {},
):
  | { ok: true; value: OrganisationColumns }
  | { ok: false; errors: Partial<Record<OrganisationField, FieldErrorCode>> } {
  const f = new FieldErrors<OrganisationField>();
  const name =
    options.fixedName === undefined
      ? f.take('name', parseRequiredText(raw.name, MAX_NAME))
      : options.fixedName;
  const nameKana = f.take('name_kana', parseKana(raw.name_kana, { script: 'hiragana' }));
  const agency = kind === 'agency';
  const agencyType = agency
    ? f.take('agency_type', parseChoice(raw.agency_type, agencyTypes, { required: true }))
    : null;
  const municipalityCode = f.take(
    'municipality_code',
    parseMunicipality(raw.municipality_code, { required: agency }),
  );
  const postalCode = f.take('postal_code', parsePostalCode(raw.postal_code));
  const address = f.take('address', parseText(raw.address));
  const phone = f.take('phone', parsePhone(raw.phone));
  const website = f.take('website', parseUrl(raw.website));
  if (postalCode && municipalityCode !== undefined) {
    f.add('postal_code', checkPostalCodeMunicipality(postalCode, municipalityCode));
  }
  if (
    !f.ok ||
    name === undefined ||
    nameKana === undefined ||
    agencyType === undefined ||
    municipalityCode === undefined ||
    postalCode === undefined ||
    address === undefined ||
    phone === undefined ||
    website === undefined
  ) {
    return { ok: false, errors: f.errors };
  }
  return {
    ok: true,
    value: {
      name,
      name_kana: nameKana,
      agency_type: agencyType,
      municipality_code: municipalityCode,
      postal_code: postalCode,
      address,
      phone,
      website,
    },
  };
}

function changedFields(
  before: Partial<Record<string, unknown>>,
  after: Record<string, unknown>,
): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const [key, value] of Object.entries(after)) {
    const was = before[key] ?? null;
    const now = value ?? null;
    if (was !== now) changes[key] = { before: was, after: now };
  }
  return changes;
}

/** The policy's view of an organisation the actor may see; undefined when it is out of scope. */
export async function getOrganisationSubject(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<Extract<Subject, { kind: 'organisation' }> | undefined> {
  const row = await findOrganisationKind(db, actor, id);
  return row ? { kind: 'organisation', id: row.id, organisationKind: row.kind } : undefined;
}

export async function getOrganisation(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<(OrganisationDetail & { userCount: number }) | undefined> {
  const organisation = await findOrganisation(db, actor, id);
  if (!organisation) return undefined;
  return { ...organisation, userCount: await countUsers(db, organisation.id) };
}

export async function listOrganisationsFor(
  db: Kysely<Database>,
  actor: Actor,
  filter: OrganisationFilter & { limit: number; offset: number },
): Promise<{ items: OrganisationSummary[]; total: number }> {
  const [items, total] = await Promise.all([
    listOrganisations(db, actor, filter),
    countOrganisations(db, actor, filter),
  ]);
  return { items, total };
}

/** Registers a corporation or an agency (council staff). */
export async function createOrganisation(
  db: Kysely<Database>,
  actor: Actor,
  raw: RawInput,
  audit: AuditContext,
): Promise<OrganisationOutcome> {
  if (!can(actor, 'organisation.create', { kind: 'council' })) return { status: 'forbidden' };
  const kind = parseChoice(raw.kind, creatableKinds, { required: true });
  const parsed = parseOrganisationInput(raw, kind.ok && kind.value ? kind.value : 'corporation');
  if (!kind.ok || !kind.value) {
    return {
      status: 'invalid',
      errors: { ...(parsed.ok ? {} : parsed.errors), kind: kind.ok ? 'required' : kind.error },
    };
  }
  if (!parsed.ok) return { status: 'invalid', errors: parsed.errors };
  const organisationKind = kind.value;
  const row = parsed.value;
  return db.transaction().execute(async (trx): Promise<OrganisationOutcome> => {
    if (await findOrganisationIdByName(trx, organisationKind, row.name)) {
      return { status: 'invalid', errors: { name: 'duplicateName' } };
    }
    const id = newId();
    await insertOrganisationRow(trx, {
      ...row,
      id,
      kind: organisationKind,
      search_text: toSearchText(row.name, row.name_kana),
      is_demo: 0,
      created_at: nowIso(),
    });
    await recordAudit(trx, {
      ...audit,
      action: 'organisation.create',
      subjectType: 'organisation',
      subjectId: id,
      detail: { kind: organisationKind, changes: changedFields({}, row) },
    });
    return { status: 'ok', id };
  });
}

/** Updates an organisation's details; the kind never changes, nor a reference corporation's name. */
export async function updateOrganisation(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  raw: RawInput,
  audit: AuditContext,
): Promise<OrganisationOutcome> {
  return db.transaction().execute(async (trx): Promise<OrganisationOutcome> => {
    const before = await findOrganisationRowForUpdate(trx, actor, id);
    if (!before) return { status: 'not_found' };
    if (!can(actor, 'organisation.update', { kind: 'organisation', id, organisationKind: before.kind })) {
      return { status: 'forbidden' };
    }
    const parsed = parseOrganisationInput(raw, before.kind, {
      fixedName: before.is_reference === 1 ? before.name : undefined,
    });
    if (!parsed.ok) return { status: 'invalid', errors: parsed.errors };
    const sameName = await findOrganisationIdByName(trx, before.kind, parsed.value.name);
    if (sameName && sameName !== id) return { status: 'invalid', errors: { name: 'duplicateName' } };
    const changes = changedFields(before, parsed.value);
    if (Object.keys(changes).length === 0) return { status: 'ok', id };
    await updateOrganisationRow(trx, id, {
      ...parsed.value,
      search_text: toSearchText(parsed.value.name, parsed.value.name_kana),
      updated_at: nowIso(),
    });
    await recordAudit(trx, {
      ...audit,
      action: 'organisation.update',
      subjectType: 'organisation',
      subjectId: id,
      detail: { changes },
    });
    return { status: 'ok', id };
  });
}

/** Organisation settings: whether its members must use two-factor authentication. */
export async function updateOrganisationSettings(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  raw: RawInput,
  audit: AuditContext,
): Promise<Outcome<'two_factor_required'>> {
  return db.transaction().execute(async (trx): Promise<Outcome<'two_factor_required'>> => {
    const before = await findOrganisationRowForUpdate(trx, actor, id);
    if (!before) return { status: 'not_found' };
    if (!can(actor, 'organisation.settings', { kind: 'organisation', id, organisationKind: before.kind })) {
      return { status: 'forbidden' };
    }
    const choice = parseChoice(raw.two_factor_required, ['1', '0'] as const, { required: true });
    if (!choice.ok || !choice.value) {
      return { status: 'invalid', errors: { two_factor_required: choice.ok ? 'required' : choice.error } };
    }
    const required = Number(choice.value);
    if (required === before.two_factor_required) return { status: 'ok', id };
    await updateOrganisationRow(trx, id, { two_factor_required: required, updated_at: nowIso() });
    await recordAudit(trx, {
      ...audit,
      action: 'organisation.settings',
      subjectType: 'organisation',
      subjectId: id,
      detail: { changes: { two_factor_required: { before: before.two_factor_required, after: required } } },
    });
    return { status: 'ok', id };
  });
}

/** The stored values of an organisation as form fields. */
export async function organisationFormValues(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<Record<OrganisationField, string> | undefined> {
  const row = await findOrganisationRowForUpdate(db, actor, id);
  if (!row) return undefined;
  const values = {} as Record<OrganisationField, string>;
  for (const field of organisationFields) {
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

/** Demo data only: the demo agency is a 自立相談支援機関. */
export async function ensureDemoAgencyType(db: Kysely<Database>, id: string, agencyType: AgencyType) {
  await setAgencyTypeIfMissing(db, id, agencyType);
}
