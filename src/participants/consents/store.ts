/**
 * All SQL on consents and council overrides. Reads that show a participant's consents take the
 * caller (Actor) and filter in SQL by the owning agency (the same rule as participants/store.ts:
 * a counsellor of the agency, nobody else). `consentFactsOf` and the override lookups are not
 * scoped: they serve `checkConsent`, which returns only yes/no, reasons and ids.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Actor } from '../../platform/auth/policy';
import type { ConsentDataGroup, ConsentRecipientKind, Database } from '../../platform/db/schema';
import type { ConsentFacts, ConsentValues } from './consent';

type Executor = Kysely<Database> | Transaction<Database>;

/** The condition on `participant as p` that keeps the rows the actor may see. */
function visibleTo(actor: Actor) {
  if (actor.role === 'counsellor') return sql<boolean>`${sql.ref('p.agency_id')} = ${actor.organisationId}`;
  return sql<boolean>`1 = 0`;
}

const parseGroups = (json: string): ConsentDataGroup[] => {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? (value as ConsentDataGroup[]) : [];
};

export type ConsentRow = ConsentFacts & {
  participantId: string;
  recipientName: string;
  /** The corporation of a facility recipient (its own name for a corporation). */
  recipientCorporationName: string | null;
  purpose: string;
  recordedAt: string;
  recordedByName: string | null;
  revocationReason: string | null;
  revokedByName: string | null;
};

function consentQuery(db: Executor, actor: Actor) {
  return db
    .selectFrom('consent as c')
    .innerJoin('participant as p', 'p.id', 'c.participant_id')
    .leftJoin('organisation as ro', (join) =>
      join.onRef('ro.id', '=', 'c.recipient_id').on('c.recipient_kind', '=', 'corporation'),
    )
    .leftJoin('facility as rf', (join) =>
      join.onRef('rf.id', '=', 'c.recipient_id').on('c.recipient_kind', '=', 'facility'),
    )
    .leftJoin('organisation as rfo', 'rfo.id', 'rf.corporation_id')
    .leftJoin('app_user as ru', 'ru.id', 'c.recorded_by')
    .leftJoin('app_user as vu', 'vu.id', 'c.revoked_by')
    .select([
      'c.id as id',
      'c.participant_id as participantId',
      'c.recipient_kind as recipientKind',
      'c.recipient_id as recipientId',
      'c.data_groups as dataGroups',
      'c.purpose as purpose',
      'c.valid_from as validFrom',
      'c.valid_until as validUntil',
      'c.recorded_at as recordedAt',
      'ru.name as recordedByName',
      'c.revoked_at as revokedOn',
      'c.revocation_reason as revocationReason',
      'vu.name as revokedByName',
      'ro.name as corporationName',
      'rf.name as facilityName',
      'rfo.name as facilityCorporationName',
    ])
    .where(visibleTo(actor));
}

type RawConsent = Awaited<ReturnType<ReturnType<typeof consentQuery>['execute']>>[number];

function toRow(r: RawConsent): ConsentRow {
  return {
    id: r.id,
    participantId: r.participantId,
    recipientKind: r.recipientKind,
    recipientId: r.recipientId,
    dataGroups: parseGroups(r.dataGroups),
    purpose: r.purpose,
    validFrom: r.validFrom,
    validUntil: r.validUntil,
    recordedAt: r.recordedAt,
    recordedByName: r.recordedByName,
    revokedOn: r.revokedOn,
    revocationReason: r.revocationReason,
    revokedByName: r.revokedByName,
    recipientName: (r.recipientKind === 'corporation' ? r.corporationName : r.facilityName) ?? '',
    recipientCorporationName:
      r.recipientKind === 'corporation' ? r.corporationName : r.facilityCorporationName,
  };
}

/** A participant's consents the actor may see, newest first. */
export async function listConsents(db: Executor, actor: Actor, participantId: string): Promise<ConsentRow[]> {
  const rows = await consentQuery(db, actor)
    .where('c.participant_id', '=', participantId)
    .orderBy('c.valid_from', 'desc')
    .orderBy('c.recorded_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
  return rows.map(toRow);
}

export async function findConsent(
  db: Executor,
  actor: Actor,
  participantId: string,
  consentId: string,
): Promise<ConsentRow | undefined> {
  const row = await consentQuery(db, actor)
    .where('c.participant_id', '=', participantId)
    .where('c.id', '=', consentId)
    .executeTakeFirst();
  return row ? toRow(row) : undefined;
}

export async function insertConsent(
  db: Executor,
  row: ConsentValues & {
    id: string;
    participant_id: string;
    recorded_by: string | null;
    recorded_at: string;
  },
): Promise<void> {
  await db
    .insertInto('consent')
    .values({
      ...row,
      data_groups: JSON.stringify(row.data_groups),
      revoked_at: null,
      revoked_by: null,
      revocation_reason: null,
    })
    .execute();
}

/** Marks a consent revoked unless it already is; true when this call revoked it. */
export async function markConsentRevoked(
  db: Executor,
  consentId: string,
  revocation: { revoked_on: string; revoked_by: string | null; reason: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('consent')
    .set({
      revoked_at: revocation.revoked_on,
      revoked_by: revocation.revoked_by,
      revocation_reason: revocation.reason,
    })
    .where('id', '=', consentId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Every consent of a participant as the rules see it (unscoped: for checkConsent only). */
export async function consentFactsOf(db: Executor, participantId: string): Promise<ConsentFacts[]> {
  const rows = await db
    .selectFrom('consent')
    .select([
      'id',
      'recipient_kind as recipientKind',
      'recipient_id as recipientId',
      'data_groups as dataGroups',
      'valid_from as validFrom',
      'valid_until as validUntil',
      'revoked_at as revokedOn',
    ])
    .where('participant_id', '=', participantId)
    .execute();
  return rows.map((r) => ({ ...r, dataGroups: parseGroups(r.dataGroups) }));
}

export type RecipientChoice = {
  kind: ConsentRecipientKind;
  id: string;
  name: string;
  corporationName: string;
};

/**
 * The registry's active corporations and their active facilities, for the recipient select:
 * public registry names only (no personal data), so not scoped by the caller.
 */
export async function listRecipientChoices(db: Executor): Promise<RecipientChoice[]> {
  const corporations = await db
    .selectFrom('organisation')
    .select(['id', 'name', 'name_kana'])
    .where('kind', '=', 'corporation')
    .where('active', '=', 1)
    .orderBy('name_kana')
    .orderBy('name')
    .execute();
  const facilities = await db
    .selectFrom('facility as f')
    .innerJoin('organisation as o', 'o.id', 'f.corporation_id')
    .select([
      'f.id as id',
      'f.name as name',
      'f.corporation_id as corporationId',
      'o.name as corporationName',
    ])
    .where('f.active', '=', 1)
    .where('o.active', '=', 1)
    .orderBy('f.name_kana')
    .orderBy('f.name')
    .execute();
  const choices: RecipientChoice[] = [];
  for (const corporation of corporations) {
    choices.push({
      kind: 'corporation',
      id: corporation.id,
      name: corporation.name,
      corporationName: corporation.name,
    });
    for (const f of facilities.filter((x) => x.corporationId === corporation.id)) {
      choices.push({ kind: 'facility', id: f.id, name: f.name, corporationName: f.corporationName });
    }
  }
  return choices;
}

/** The corporation a facility belongs to, if the facility exists. */
export async function corporationOfFacility(db: Executor, facilityId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('facility')
    .select('corporation_id')
    .where('id', '=', facilityId)
    .executeTakeFirst();
  return row?.corporation_id;
}

/** A participant's id and owning agency by id, unscoped (the council's override names the person by id). */
export async function findParticipantOwner(
  db: Executor,
  participantId: string,
): Promise<{ id: string; agencyId: string; status: string } | undefined> {
  return db
    .selectFrom('participant')
    .select(['id', 'agency_id as agencyId', 'status'])
    .where('id', '=', participantId)
    .executeTakeFirst();
}

export async function insertOverride(
  db: Executor,
  row: {
    id: string;
    participant_id: string;
    recipient_kind: ConsentRecipientKind;
    recipient_id: string;
    data_groups: ConsentDataGroup[];
    reason: string;
    granted_by: string | null;
    granted_at: string;
    valid_until: string;
  },
): Promise<void> {
  await db
    .insertInto('consent_override')
    .values({ ...row, data_groups: JSON.stringify(row.data_groups), used_at: null, used_for: null })
    .execute();
}

export type OverrideFacts = {
  id: string;
  participantId: string;
  recipientKind: ConsentRecipientKind;
  recipientId: string;
  dataGroups: ConsentDataGroup[];
  grantedAt: string;
  validUntil: string;
  usedAt: string | null;
};

export async function findOverride(db: Executor, overrideId: string): Promise<OverrideFacts | undefined> {
  const row = await db
    .selectFrom('consent_override')
    .select([
      'id',
      'participant_id as participantId',
      'recipient_kind as recipientKind',
      'recipient_id as recipientId',
      'data_groups as dataGroups',
      'granted_at as grantedAt',
      'valid_until as validUntil',
      'used_at as usedAt',
    ])
    .where('id', '=', overrideId)
    .executeTakeFirst();
  return row ? { ...row, dataGroups: parseGroups(row.dataGroups) } : undefined;
}

/** Spends an override once: true only for the call that marked it used. */
export async function markOverrideUsed(
  db: Executor,
  overrideId: string,
  usedAt: string,
  usedFor: string,
): Promise<boolean> {
  const result = await db
    .updateTable('consent_override')
    .set({ used_at: usedAt, used_for: usedFor })
    .where('id', '=', overrideId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
