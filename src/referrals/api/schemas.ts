/**
 * The shapes the referral API shares across its resources (OpenAPI components): a referral as
 * any party may see it, its state, data groups and schedule, and the path id.
 */
import { z } from '@hono/zod-openapi';
import { referralStates } from '../state-machine';
import type { ReferralSummary } from '../store/referrals';

export const security = [{ bearerAuth: [] }];
export const tags = ['Referrals'];

export const State = z.enum(referralStates as [string, ...string[]]);
export const DataGroup = z.enum(['basic_identity', 'contact', 'assessment_summary', 'health_and_support']);
export const ScheduleEntry = z.object({
  weekday: z.number().int().min(1).max(7).openapi({ description: 'ISO weekday, 1 = Monday' }),
  start: z.string().openapi({ example: '08:30' }),
  end: z.string().openapi({ example: '12:00' }),
});

export const Referral = z
  .object({
    id: z.string(),
    state: State,
    participantId: z.string(),
    opportunityId: z.string(),
    opportunityTitle: z.string(),
    facilityId: z.string(),
    facilityName: z.string(),
    corporationId: z.string(),
    agencyId: z.string(),
    agencyName: z.string(),
    counsellorUserId: z.string(),
    message: z.string(),
    proposedStartDate: z.string().nullable(),
    proposedSchedule: z.array(ScheduleEntry),
    dataGroups: z.array(DataGroup),
    sentAt: z.string().nullable(),
    viewedAt: z.string().nullable(),
    lastTransitionAt: z.string(),
    closedAt: z.string().nullable(),
    closeReasonCode: z.string().nullable(),
    closeNote: z.string().nullable(),
  })
  .openapi('Referral');

export function toApi(r: ReferralSummary): z.infer<typeof Referral> {
  return {
    id: r.id,
    state: r.state,
    participantId: r.participantId,
    opportunityId: r.opportunityId,
    opportunityTitle: r.opportunityTitle,
    facilityId: r.facilityId,
    facilityName: r.facilityName,
    corporationId: r.corporationId,
    agencyId: r.agencyId,
    agencyName: r.agencyName,
    counsellorUserId: r.counsellorUserId,
    message: r.message,
    proposedStartDate: r.proposedStartDate,
    proposedSchedule: r.proposedSchedule,
    dataGroups: r.dataGroups,
    sentAt: r.sentAt,
    viewedAt: r.viewedAt,
    lastTransitionAt: r.lastTransitionAt,
    closedAt: r.closedAt,
    closeReasonCode: r.closeReasonCode,
    closeNote: r.closeNote,
  };
}

export const Id = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
