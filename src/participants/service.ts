/**
 * Use cases of a participant's case: register (with the duplicate check), update, read and list
 * (each read writes its audit row), record an assessment version, write to the support log.
 * Each checks the policy, validates, and writes its rows and audit row in one transaction. The
 * audit trail names fields, never their values: it is append-only, and a person's data must be
 * erasable (docs/decisions/011).
 */
import type { Kysely } from 'kysely';
import type { AuditEntry } from '../platform/audit/audit';
import { recordAudit } from '../platform/audit/audit';
import { type Actor, can } from '../platform/auth/policy';
import type { Database, SupportLogKind } from '../platform/db/schema';
import { newId, nowIso } from '../platform/db/time';
import { toSearchText } from '../platform/text/normalise';
import { type AssessmentErrors, type AssessmentInput, validateAssessment } from './assessment';
import { parseJapaneseDate, todayInTokyo } from './japanese-date';
import {
  kanaKey,
  type ParticipantErrors,
  type ParticipantValues,
  participantFields,
  type RawInput,
  type RawValue,
  validateParticipant,
} from './participant';
import {
  type AssessmentRow,
  countParticipants,
  findDuplicatesElsewhere,
  findDuplicatesInAgency,
  findParticipant,
  findParticipantSubject,
  insertAssessment,
  insertParticipant,
  insertSupportLogEntry,
  listAssessments,
  listParticipants,
  listSupportLog,
  nextAssessmentVersion,
  type ParticipantFilter,
  type ParticipantRow,
  type ParticipantSummary,
  type SupportLogRow,
  updateParticipantRow,
} from './store';

export type { AssessmentRow, ParticipantRow, ParticipantSummary, SupportLogRow };

/** Who is acting, for the audit trail (see auditActor). */
export type AuditContext = Pick<AuditEntry, 'userId' | 'organisationId' | 'requestId' | 'ip'>;

export type DuplicateMatch = { id: string; name: string; caseNumber: string | null };

export type CreateOutcome =
  | { status: 'ok'; id: string; elsewhere: boolean }
  | { status: 'invalid'; errors: ParticipantErrors }
  /** Same reading and date of birth in the caller's agency: confirm before saving. */
  | { status: 'duplicate'; matches: DuplicateMatch[]; elsewhere: boolean }
  | { status: 'forbidden' };

export type ChangeOutcome<E> =
  | { status: 'ok'; id: string }
  | { status: 'invalid'; errors: E }
  | { status: 'not_found' }
  | { status: 'forbidden' };

type Options = { today?: string };

function searchTextOf(values: ParticipantValues): string {
  const compact = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');
  return toSearchText(values.name, values.name_kana, compact(values.name), compact(values.name_kana));
}

/** The names of the fields that hold a value (or differ), for the audit trail. */
function fieldNames(before: Partial<ParticipantValues>, after: ParticipantValues): string[] {
  return participantFields.filter((f) => (before[f] ?? null) !== (after[f] ?? null));
}

/**
 * Registers a participant in the counsellor's agency. A person with the same reading and date
 * of birth in the same agency is returned as a possible duplicate unless `confirmDistinct`; one
 * at another agency is only flagged (`elsewhere`) and recorded for the council, with no details.
 */
export async function createParticipant(
  db: Kysely<Database>,
  actor: Actor,
  raw: RawInput,
  audit: AuditContext,
  options: Options & { confirmDistinct?: boolean; isDemo?: boolean } = {},
): Promise<CreateOutcome> {
  if (!can(actor, 'participant.create', { kind: 'self' })) return { status: 'forbidden' };
  const parsed = validateParticipant(raw, options.today ?? todayInTokyo());
  if (!parsed.ok) return { status: 'invalid', errors: parsed.errors };
  const values = parsed.value;
  const key = kanaKey(values.name_kana);
  return db.transaction().execute(async (trx): Promise<CreateOutcome> => {
    const same = await findDuplicatesInAgency(trx, actor.organisationId, key, values.birth_date);
    const elsewhere = await findDuplicatesElsewhere(trx, actor.organisationId, key, values.birth_date);
    if (same.length > 0 && !options.confirmDistinct) {
      return { status: 'duplicate', matches: same, elsewhere: elsewhere.length > 0 };
    }
    const id = newId();
    const now = nowIso();
    await insertParticipant(trx, {
      ...values,
      id,
      agency_id: actor.organisationId,
      kana_key: key,
      search_text: searchTextOf(values),
      is_demo: options.isDemo ? 1 : 0,
      created_by: options.isDemo ? null : actor.userId,
      created_at: now,
    });
    await recordAudit(trx, {
      ...audit,
      action: 'participant.create',
      subjectType: 'participant',
      subjectId: id,
      detail: {
        agencyId: actor.organisationId,
        fields: fieldNames({}, values),
        ...(same.length > 0 ? { confirmedDistinctFrom: same.map((m) => m.id) } : {}),
      },
    });
    if (elsewhere.length > 0) {
      // For the council to resolve (協議会事務局): ids only, no personal data.
      await recordAudit(trx, {
        ...audit,
        action: 'participant.possible_duplicate',
        subjectType: 'participant',
        subjectId: id,
        detail: {
          agencyId: actor.organisationId,
          otherParticipants: elsewhere.map((e) => ({ id: e.id, agencyId: e.agencyId })),
        },
      });
    }
    return { status: 'ok', id, elsewhere: elsewhere.length > 0 };
  });
}

/** Updates a participant; `raw` holds every field (a form, or an API PATCH merged into the stored values). */
export async function updateParticipant(
  db: Kysely<Database>,
  actor: Actor,
  participantId: string,
  raw: RawInput,
  audit: AuditContext,
  options: Options = {},
): Promise<ChangeOutcome<ParticipantErrors>> {
  return db.transaction().execute(async (trx): Promise<ChangeOutcome<ParticipantErrors>> => {
    const before = await findParticipant(trx, actor, participantId);
    if (!before) return { status: 'not_found' };
    if (
      !can(actor, 'participant.update', { kind: 'participant', id: before.id, agencyId: before.agencyId })
    ) {
      return { status: 'forbidden' };
    }
    const parsed = validateParticipant(raw, options.today ?? todayInTokyo());
    if (!parsed.ok) return { status: 'invalid', errors: parsed.errors };
    const changed = fieldNames(before, parsed.value);
    if (changed.length === 0) return { status: 'ok', id: participantId };
    await updateParticipantRow(trx, participantId, {
      ...parsed.value,
      kana_key: kanaKey(parsed.value.name_kana),
      search_text: searchTextOf(parsed.value),
      updated_at: nowIso(),
    });
    await recordAudit(trx, {
      ...audit,
      action: 'participant.update',
      subjectType: 'participant',
      subjectId: participantId,
      detail: { agencyId: before.agencyId, changed },
    });
    return { status: 'ok', id: participantId };
  });
}

/** The policy subject of a participant the actor may see (no audit: nothing of it is shown). */
export async function getParticipantSubject(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<{ kind: 'participant'; id: string; agencyId: string } | undefined> {
  const found = await findParticipantSubject(db, actor, id);
  return found ? { kind: 'participant', id: found.id, agencyId: found.agencyId } : undefined;
}

/**
 * Reads a participant for showing, and records the read (participant.read) in the same
 * transaction; `view` says what was shown (page, edit form, api, assessments…).
 */
export async function readParticipant(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  audit: AuditContext,
  view: string,
): Promise<ParticipantRow | undefined> {
  return db.transaction().execute(async (trx) => {
    const participant = await findParticipant(trx, actor, id);
    if (!participant) return undefined;
    if (!can(actor, 'participant.read', { kind: 'participant', id, agencyId: participant.agencyId })) {
      return undefined;
    }
    await recordAudit(trx, {
      ...audit,
      action: 'participant.read',
      subjectType: 'participant',
      subjectId: id,
      detail: { agencyId: participant.agencyId, view },
    });
    return participant;
  });
}

/** One page of the actor's participants; the read is recorded with the ids whose names were shown. */
export async function listParticipantsFor(
  db: Kysely<Database>,
  actor: Actor,
  filter: ParticipantFilter & { limit: number; offset: number },
  audit: AuditContext,
  view: string,
): Promise<{ items: ParticipantSummary[]; total: number }> {
  return db.transaction().execute(async (trx) => {
    const items = await listParticipants(trx, actor, filter);
    const total = await countParticipants(trx, actor, filter);
    await recordAudit(trx, {
      ...audit,
      action: 'participant.list',
      subjectType: 'participant',
      subjectId: null,
      detail: { view, searched: Boolean(filter.q), shown: items.map((p) => p.id), total },
    });
    return { items, total };
  });
}

/** A participant's assessment versions (the counting one first); the caller has audited the read. */
export function listAssessmentsOf(
  db: Kysely<Database>,
  actor: Actor,
  participantId: string,
): Promise<AssessmentRow[]> {
  return listAssessments(db, actor, participantId);
}

/** Records a new assessment version (versions are never changed: a correction is a new one). */
export async function recordAssessment(
  db: Kysely<Database>,
  actor: Actor,
  participantId: string,
  input: AssessmentInput,
  audit: AuditContext,
  options: Options = {},
): Promise<
  | { status: 'ok'; id: string; version: number }
  | { status: 'invalid'; errors: AssessmentErrors }
  | { status: 'not_found' }
  | { status: 'forbidden' }
> {
  return db.transaction().execute(async (trx) => {
    const subject = await findParticipantSubject(trx, actor, participantId);
    if (!subject) return { status: 'not_found' as const };
    if (
      !can(actor, 'assessment.record', { kind: 'participant', id: subject.id, agencyId: subject.agencyId })
    ) {
      return { status: 'forbidden' as const };
    }
    const parsed = validateAssessment(input, options.today ?? todayInTokyo());
    if (!parsed.ok) return { status: 'invalid' as const, errors: parsed.errors };
    const version = await nextAssessmentVersion(trx, participantId);
    const id = newId();
    await insertAssessment(
      trx,
      { id, participant_id: participantId, version, recorded_by: actor.userId, recorded_at: nowIso() },
      parsed.value,
    );
    await recordAudit(trx, {
      ...audit,
      action: 'assessment.record',
      subjectType: 'participant',
      subjectId: participantId,
      detail: { agencyId: subject.agencyId, assessmentId: id, version, assessedOn: parsed.value.assessed_on },
    });
    return { status: 'ok' as const, id, version };
  });
}

export const supportLogKinds: readonly SupportLogKind[] = ['phone', 'visit', 'meeting', 'note'];
export const MAX_LOG_BODY = 2000;

export type SupportLogErrors = Partial<
  Record<
    'occurred_on' | 'kind' | 'body',
    'required' | 'invalidDate' | 'dateInFuture' | 'invalidChoice' | 'tooLong'
  >
>;

/** Validates a support log entry: a date (not in the future), a kind, and the text. */
export function validateSupportLogEntry(
  raw: { occurred_on?: RawValue; kind?: RawValue; body?: RawValue },
  today: string,
):
  | { ok: true; value: { occurred_on: string; kind: SupportLogKind; body: string } }
  | { ok: false; errors: SupportLogErrors } {
  const errors: SupportLogErrors = {};
  const date = parseJapaneseDate(
    raw.occurred_on === null || raw.occurred_on === undefined ? '' : String(raw.occurred_on),
  );
  if (date === '') errors.occurred_on = 'required';
  else if (date === undefined) errors.occurred_on = 'invalidDate';
  else if (date > today) errors.occurred_on = 'dateInFuture';
  const kindText = String(raw.kind ?? '').trim();
  const kind = supportLogKinds.find((k) => k === kindText);
  if (!kind) errors.kind = kindText === '' ? 'required' : 'invalidChoice';
  const body = String(raw.body ?? '')
    .normalize('NFKC')
    .replace(/\r\n?/g, '\n')
    .trim();
  if (body === '') errors.body = 'required';
  else if (body.length > MAX_LOG_BODY) errors.body = 'tooLong';
  if (!date || !kind || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { occurred_on: date, kind, body } };
}

/** Adds an entry to a participant's support log (支援経過記録). */
export async function writeSupportLogEntry(
  db: Kysely<Database>,
  actor: Actor,
  participantId: string,
  raw: { occurred_on?: RawValue; kind?: RawValue; body?: RawValue },
  audit: AuditContext,
  options: Options = {},
): Promise<ChangeOutcome<SupportLogErrors>> {
  return db.transaction().execute(async (trx): Promise<ChangeOutcome<SupportLogErrors>> => {
    const subject = await findParticipantSubject(trx, actor, participantId);
    if (!subject) return { status: 'not_found' };
    if (
      !can(actor, 'support_log.write', { kind: 'participant', id: subject.id, agencyId: subject.agencyId })
    ) {
      return { status: 'forbidden' };
    }
    const parsed = validateSupportLogEntry(raw, options.today ?? todayInTokyo());
    if (!parsed.ok) return { status: 'invalid', errors: parsed.errors };
    const id = newId();
    await insertSupportLogEntry(trx, {
      id,
      participant_id: participantId,
      ...parsed.value,
      recorded_by: actor.userId,
      recorded_at: nowIso(),
    });
    await recordAudit(trx, {
      ...audit,
      action: 'support_log.write',
      subjectType: 'participant',
      subjectId: participantId,
      detail: {
        agencyId: subject.agencyId,
        entryId: id,
        kind: parsed.value.kind,
        occurredOn: parsed.value.occurred_on,
      },
    });
    return { status: 'ok', id };
  });
}

/** A participant's support log, newest first; the caller has audited the read. */
export function supportLogOf(
  db: Kysely<Database>,
  actor: Actor,
  participantId: string,
): Promise<SupportLogRow[]> {
  return listSupportLog(db, actor, participantId);
}
