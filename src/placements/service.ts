/**
 * Use cases of はたらく場の決定 (Placement): create one inside the caller's transaction (the
 * three-party decision does, see src/referrals/decisions), end it, confirm the municipality's
 * 支援決定, and the scoped reads. Creating takes one open place in each opportunity time window
 * the person's schedule overlaps, with a conditional update per window, so two placements racing
 * for the last place cannot both succeed (docs/decisions/020). Each change writes an audit row
 * in the same transaction.
 */
import type { Kysely, Transaction } from 'kysely';
import { type AuditEntry, recordAudit } from '../platform/audit/audit';
import { type Actor, can } from '../platform/auth/policy';
import type { Database, PlacementStatus } from '../platform/db/schema';
import { newId, nowIso } from '../platform/db/time';
import { type WorkFormOffer, workFormOffers } from '../registry/opportunities/opportunity';
import { normaliseSchedule, occupiedWindows, type ScheduleEntry } from './schedule';
import {
  countPlacements,
  findOpportunityForPlacement,
  findParticipantAgency,
  findPlacement,
  findPlacementById,
  findPlacementIdByReferral,
  givePlaceBack,
  holdingCountsByWindow,
  insertPlacement,
  listHoldingSchedules,
  listPlacements,
  listPlacementWindowIds,
  listWindowSlots,
  lockWindows,
  moveStatus,
  openPlacesOf,
  type PlacementFilter,
  type PlacementSummary,
  participantNames,
  recountOpenPlaces,
  replacePlacementWindows,
  takePlace,
} from './store';

export type { PlacementFilter, PlacementSummary, ScheduleEntry };

/** Who is acting, for the audit trail (what auditActor(c) returns). */
export type AuditActor = Pick<AuditEntry, 'userId' | 'organisationId' | 'requestId' | 'ip'>;

type Executor = Kysely<Database> | Transaction<Database>;

export type CreatePlacementInput = {
  participantId: string;
  opportunityId: string;
  referralId?: string;
  workForm: WorkFormOffer;
  startDate: string;
  schedule: ScheduleEntry[];
  status: 'active' | 'awaiting_support_decision';
  counsellorUserId: string;
  facilityContactName?: string;
  actor: AuditActor;
  now?: Date;
};

export type CreatePlacementResult =
  | { ok: true; placementId: string }
  | { ok: false; reason: 'no_open_place' | 'opportunity_not_open' };

/**
 * Records a placement in the caller's transaction. Refused with 'opportunity_not_open' unless
 * the opportunity is published, and with 'no_open_place' when a scheduled day overlaps none of
 * its windows or a window it overlaps has no open place. Nothing is left written when refused
 * (places taken before the refusal are given back in the same transaction). Both statuses hold
 * the places. With a `referralId` that already has a placement, answers with that placement
 * (one per referral; a unique index backs it). Throws on a malformed schedule, work form or
 * participant (a caller's bug).
 */
export async function createPlacementIn(
  trx: Transaction<Database>,
  input: CreatePlacementInput,
): Promise<CreatePlacementResult> {
  const schedule = normaliseSchedule(input.schedule);
  if (!schedule) throw new Error('createPlacementIn: invalid schedule');
  if (!workFormOffers.includes(input.workForm)) throw new Error('createPlacementIn: invalid work form');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.startDate)) throw new Error('createPlacementIn: invalid start date');
  const agencyId = await findParticipantAgency(trx, input.participantId);
  if (!agencyId) throw new Error('createPlacementIn: unknown participant');

  // One placement per referral: a repeated call answers with the placement already recorded.
  if (input.referralId) {
    const existing = await findPlacementIdByReferral(trx, input.referralId);
    if (existing) return { ok: true, placementId: existing };
  }
  const opportunity = await findOpportunityForPlacement(trx, input.opportunityId);
  if (opportunity?.status !== 'published') return { ok: false, reason: 'opportunity_not_open' };

  const { windowIds, uncovered } = occupiedWindows(schedule, await listWindowSlots(trx, opportunity.id));
  if (uncovered.length > 0 || windowIds.length === 0) return { ok: false, reason: 'no_open_place' };
  const open = await openPlacesOf(trx, windowIds);
  if (windowIds.some((id) => (open.get(id) ?? 0) < 1)) return { ok: false, reason: 'no_open_place' };

  // Take the places in id order (so two multi-window placements lock rows in the same order and
  // cannot deadlock); the condition is re-checked on the locked, committed row.
  const taken: string[] = [];
  for (const windowId of windowIds) {
    if (!(await takePlace(trx, windowId))) {
      await givePlaceBack(trx, taken);
      return { ok: false, reason: 'no_open_place' };
    }
    taken.push(windowId);
  }

  const id = newId();
  const at = nowIso(input.now);
  await insertPlacement(
    trx,
    {
      id,
      participantId: input.participantId,
      opportunityId: opportunity.id,
      facilityId: opportunity.facilityId,
      corporationId: opportunity.corporationId,
      agencyId,
      referralId: input.referralId ?? null,
      workForm: input.workForm,
      startDate: input.startDate,
      schedule,
      status: input.status,
      counsellorUserId: input.counsellorUserId,
      facilityContactName: input.facilityContactName?.trim() || null,
      at,
    },
    windowIds,
  );
  await recordAudit(trx, {
    ...input.actor,
    action: 'placement.create',
    subjectType: 'placement',
    subjectId: id,
    detail: {
      opportunityId: opportunity.id,
      facilityId: opportunity.facilityId,
      corporationId: opportunity.corporationId,
      agencyId,
      referralId: input.referralId ?? null,
      status: input.status,
      windows: windowIds.length,
    },
  });
  return { ok: true, placementId: id };
}

/**
 * Keeps placements right after an opportunity's time windows were edited (call in the same
 * transaction, after the windows were written): re-links every holding placement to the windows
 * its schedule now overlaps and sets open_places = capacity − holding placements per window.
 */
export async function syncOpenPlacesIn(trx: Transaction<Database>, opportunityId: string): Promise<void> {
  await lockWindows(trx, opportunityId);
  const slots = await listWindowSlots(trx, opportunityId);
  for (const placement of await listHoldingSchedules(trx, opportunityId)) {
    const { windowIds } = occupiedWindows(placement.schedule, slots);
    const before = await listPlacementWindowIds(trx, placement.id);
    if (before.join() !== windowIds.join()) await replacePlacementWindows(trx, placement.id, windowIds);
  }
  await recountOpenPlaces(trx, opportunityId);
}

export type PlacementOutcome =
  | { status: 'ok' }
  | { status: 'not_found' }
  | { status: 'forbidden' }
  /** Not in a status that allows it (e.g. already ended, or not awaiting a 支援決定). */
  | { status: 'conflict' };

function subjectOf(p: PlacementSummary) {
  return {
    kind: 'placement',
    id: p.id,
    agencyId: p.agencyId,
    facilityId: p.facilityId,
    corporationId: p.corporationId,
    status: p.status,
  } as const;
}

/** Ends a placement (終了) on `endDate` and gives its places back. */
export async function endPlacement(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  input: { endDate: string },
  audit: AuditActor,
  options: { now?: Date } = {},
): Promise<PlacementOutcome> {
  return db.transaction().execute(async (trx): Promise<PlacementOutcome> => {
    const placement = await findPlacement(trx, actor, id);
    if (!placement) return { status: 'not_found' };
    if (!can(actor, 'placement.end', subjectOf(placement))) return { status: 'forbidden' };
    if (placement.status === 'ended') return { status: 'conflict' };
    const at = nowIso(options.now);
    const moved = await moveStatus(trx, id, placement.status, {
      status: 'ended',
      updated_at: at,
      ended_at: at,
      end_date: input.endDate,
    });
    if (!moved) return { status: 'conflict' };
    await givePlaceBack(trx, await listPlacementWindowIds(trx, id));
    await recordAudit(trx, {
      ...audit,
      action: 'placement.end',
      subjectType: 'placement',
      subjectId: id,
      detail: { facilityId: placement.facilityId, agencyId: placement.agencyId, endDate: input.endDate },
    });
    return { status: 'ok' };
  });
}

/** 支援決定を確認: the municipality's support decision is in place, so the placement starts. */
export async function confirmSupportDecision(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  audit: AuditActor,
  options: { now?: Date } = {},
): Promise<PlacementOutcome> {
  return db.transaction().execute(async (trx): Promise<PlacementOutcome> => {
    const placement = await findPlacement(trx, actor, id);
    if (!placement) return { status: 'not_found' };
    if (!can(actor, 'placement.confirm_support_decision', subjectOf(placement)))
      return { status: 'forbidden' };
    if (placement.status !== 'awaiting_support_decision') return { status: 'conflict' };
    const moved = await moveStatus(trx, id, 'awaiting_support_decision', {
      status: 'active',
      updated_at: nowIso(options.now),
    });
    if (!moved) return { status: 'conflict' };
    await recordAudit(trx, {
      ...audit,
      action: 'placement.confirm_support_decision',
      subjectType: 'placement',
      subjectId: id,
      detail: { facilityId: placement.facilityId, agencyId: placement.agencyId },
    });
    return { status: 'ok' };
  });
}

/** The policy subject for authorize(): undefined when out of the actor's scope (a 404). */
export async function getPlacementSubject(db: Executor, actor: Actor, id: string) {
  const placement = await findPlacement(db, actor, id);
  return placement ? subjectOf(placement) : undefined;
}

export type PlacementView = PlacementSummary & {
  /** The participant's name, only for the counsellors of the agency that keeps the case. */
  participantName: string | null;
};

/** Names only for the owning agency's counsellors; facility and council staff see none. */
async function withNames(db: Executor, actor: Actor, items: PlacementSummary[]): Promise<PlacementView[]> {
  const mine = actor.role === 'counsellor' ? items.filter((p) => p.agencyId === actor.organisationId) : [];
  const names = await participantNames(
    db,
    actor.organisationId,
    mine.map((p) => p.participantId),
  );
  return items.map((p) => ({
    ...p,
    participantName: mine.includes(p) ? (names.get(p.participantId) ?? null) : null,
  }));
}

/** One placement the actor may read, or undefined. */
export async function getPlacement(
  db: Executor,
  actor: Actor,
  id: string,
): Promise<PlacementView | undefined> {
  const placement = await findPlacement(db, actor, id);
  if (!placement || !can(actor, 'placement.read', subjectOf(placement))) return undefined;
  const [view] = await withNames(db, actor, [placement]);
  return view;
}

/** A page of the placements in the actor's scope, and how many there are. */
export async function listPlacementsFor(
  db: Executor,
  actor: Actor,
  filter: PlacementFilter & { limit: number; offset: number },
): Promise<{ items: PlacementView[]; total: number }> {
  const [items, total] = await Promise.all([
    listPlacements(db, actor, filter),
    countPlacements(db, actor, filter),
  ]);
  return { items: await withNames(db, actor, items), total };
}

/** Holding placements (active + awaiting 支援決定) per window id of these opportunities. */
export function activePlacementCounts(
  db: Executor,
  opportunityIds: readonly string[],
): Promise<Map<string, number>> {
  return holdingCountsByWindow(db, opportunityIds);
}

/** A placement by id without scoping, for another area's use case that checked the caller. */
export function findPlacementForUseCase(db: Executor, id: string): Promise<PlacementSummary | undefined> {
  return findPlacementById(db, id);
}

export const placementStatuses: readonly PlacementStatus[] = ['active', 'awaiting_support_decision', 'ended'];
