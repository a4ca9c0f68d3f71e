/**
 * The person's rights over what the agency holds (issue 5 item 7): export everything (JSON for a
 * transfer, a PDF for the person), close the case, and — as a scheduled job — anonymise cases
 * closed longer ago than the retention period (setting `participant_retention_years`, default
 * 5), keeping only anonymous statistics. Each use case writes its audit row in its transaction;
 * audit rows name fields and ids, never values.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit/audit';
import { type Actor, can } from '../../platform/auth/policy';
import type { Database } from '../../platform/db/schema';
import { readSetting } from '../../platform/db/settings';
import { nowIso } from '../../platform/db/time';
import { withdrawReferralsOfCase } from '../../referrals/service';
import { anonymiseReferralText } from '../../referrals/store';
import { rawText } from '../../registry/facilities/fields';
import { listConsents } from '../consents/store';
import { parseJapaneseDate, todayInTokyo } from '../japanese-date';
import type { AuditContext } from '../service';
import { findParticipant, listAssessments, listSupportLog } from '../store';
import {
  anonymiseParticipantRows,
  findBirthDate,
  findDueForAnonymisation,
  markParticipantClosed,
} from './store';

export const RETENTION_SETTING = 'participant_retention_years';
export const DEFAULT_RETENTION_YEARS = 5;
export const MAX_CLOSE_REASON = 500;
export const EXPORT_FORMAT = 'hataraku.participant-export/1';

export type ParticipantExport = {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  participant: NonNullable<Awaited<ReturnType<typeof findParticipant>>> & {
    closedAt: string | null;
    closedReason: string | null;
  };
  assessments: Awaited<ReturnType<typeof listAssessments>>;
  supportLog: Awaited<ReturnType<typeof listSupportLog>>;
  consents: Awaited<ReturnType<typeof listConsents>>;
};

/**
 * Everything held about a participant the actor may see, for the person (PDF) or a transfer
 * (JSON); the export is audited (participant.export, with the format) in the same transaction.
 */
export async function exportParticipantData(
  db: Kysely<Database>,
  actor: Actor,
  participantId: string,
  audit: AuditContext,
  format: 'json' | 'pdf',
): Promise<ParticipantExport | undefined> {
  return db.transaction().execute(async (trx) => {
    const participant = await findParticipant(trx, actor, participantId);
    if (!participant) return undefined;
    if (
      !can(actor, 'participant.export', {
        kind: 'participant',
        id: participant.id,
        agencyId: participant.agencyId,
      })
    ) {
      return undefined;
    }
    const closure = await trx
      .selectFrom('participant')
      .select(['closed_at', 'closed_reason'])
      .where('id', '=', participantId)
      .executeTakeFirstOrThrow();
    const [assessments, supportLog, consents] = [
      await listAssessments(trx, actor, participantId),
      await listSupportLog(trx, actor, participantId, 100_000),
      await listConsents(trx, actor, participantId),
    ];
    await recordAudit(trx, {
      ...audit,
      action: 'participant.export',
      subjectType: 'participant',
      subjectId: participantId,
      detail: { agencyId: participant.agencyId, format },
    });
    return {
      format: EXPORT_FORMAT,
      exportedAt: nowIso(),
      participant: { ...participant, closedAt: closure.closed_at, closedReason: closure.closed_reason },
      assessments,
      supportLog,
      consents,
    };
  });
}

export type CloseErrors = Partial<
  Record<'closed_on' | 'reason', 'required' | 'invalidDate' | 'dateInFuture' | 'tooLong'>
>;

export function validateClosure(
  raw: { closed_on?: unknown; reason?: unknown },
  today: string,
): { ok: true; value: { closed_on: string; reason: string } } | { ok: false; errors: CloseErrors } {
  const errors: CloseErrors = {};
  const text = (v: unknown) => rawText(typeof v === 'string' ? v : '');
  const date = parseJapaneseDate(text(raw.closed_on));
  if (date === '') errors.closed_on = 'required';
  else if (date === undefined) errors.closed_on = 'invalidDate';
  else if (date > today) errors.closed_on = 'dateInFuture';
  const reason = text(raw.reason).replace(/\r\n?/g, '\n');
  if (reason === '') errors.reason = 'required';
  else if (reason.length > MAX_CLOSE_REASON) errors.reason = 'tooLong';
  if (!date || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { closed_on: date, reason } };
}

/** Closes a case (終結): status closed, the day and the reason; an audit row without the reason's text. */
export async function closeParticipant(
  db: Kysely<Database>,
  actor: Actor,
  participantId: string,
  raw: { closed_on?: unknown; reason?: unknown },
  audit: AuditContext,
  options: { today?: string } = {},
): Promise<
  | { status: 'ok'; id: string }
  | { status: 'invalid'; errors: CloseErrors }
  | { status: 'not_found' | 'forbidden' | 'not_active' }
> {
  return db.transaction().execute(async (trx) => {
    const participant = await findParticipant(trx, actor, participantId);
    if (!participant) return { status: 'not_found' as const };
    if (
      !can(actor, 'participant.close', {
        kind: 'participant',
        id: participant.id,
        agencyId: participant.agencyId,
      })
    ) {
      return { status: 'forbidden' as const };
    }
    if (participant.status !== 'active') return { status: 'not_active' as const };
    const parsed = validateClosure(raw, options.today ?? todayInTokyo());
    if (!parsed.ok) return { status: 'invalid' as const, errors: parsed.errors };
    const closed = await markParticipantClosed(trx, participantId, { ...parsed.value, updated_at: nowIso() });
    if (!closed) return { status: 'not_active' as const };
    // Its open referrals (受け入れ依頼) end: withdrawn by the system, the facility told.
    await withdrawReferralsOfCase(trx, participantId, audit);
    await recordAudit(trx, {
      ...audit,
      action: 'participant.close',
      subjectType: 'participant',
      subjectId: participantId,
      detail: { agencyId: participant.agencyId, closedOn: parsed.value.closed_on },
    });
    return { status: 'ok' as const, id: participantId };
  });
}

/** The same calendar day `years` earlier (29 February → 28 February). */
export function yearsBefore(date: string, years: number): string {
  const [y, m, d] = date.split('-') as [string, string, string];
  const year = String(Number(y) - years).padStart(4, '0');
  if (m === '02' && d === '29') return `${year}-02-28`;
  return `${year}-${m}-${d}`;
}

export async function retentionYears(db: Kysely<Database>): Promise<number> {
  const value = Number(await readSetting(db, RETENTION_SETTING));
  return Number.isInteger(value) && value >= 1 && value <= 100 ? value : DEFAULT_RETENTION_YEARS;
}

/**
 * The retention job: anonymises every case closed more than the retention period before `now`
 * (closed before the same day N years ago, Tokyo time). One transaction and one audit row
 * (participant.anonymise) per person, so a failure leaves the others done.
 */
export async function anonymiseExpiredParticipants(
  db: Kysely<Database>,
  options: { now?: Date; years?: number; batch?: number } = {},
): Promise<{ anonymised: number; cutoff: string; years: number }> {
  const years = options.years ?? (await retentionYears(db));
  const cutoff = yearsBefore(todayInTokyo(options.now ?? new Date()), years);
  const due = await findDueForAnonymisation(db, cutoff, options.batch ?? 500);
  const at = (options.now ?? new Date()).toISOString();
  for (const person of due) {
    await db.transaction().execute(async (trx) => {
      const birthDate = await findBirthDate(trx, person.id);
      const jobAudit = {
        userId: null,
        organisationId: null,
        requestId: 'job:participants.retention',
        ip: null,
      };
      await withdrawReferralsOfCase(trx, person.id, jobAudit);
      await anonymiseReferralText(trx, person.id);
      await anonymiseParticipantRows(trx, person.id, {
        birthYear: (birthDate ?? '0000').slice(0, 4),
        now: at,
      });
      await recordAudit(trx, {
        userId: null,
        organisationId: null,
        requestId: 'job:participants.retention',
        ip: null,
        action: 'participant.anonymise',
        subjectType: 'participant',
        subjectId: person.id,
        detail: { agencyId: person.agencyId, closedOn: person.closedAt, retentionYears: years },
      });
    });
  }
  return { anonymised: due.length, cutoff, years };
}
