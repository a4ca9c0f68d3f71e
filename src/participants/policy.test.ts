import { describe, expect, it } from 'vitest';
import { type Actor, can } from '../platform/auth/policy';
import type { Role } from '../platform/db/schema';

const actor = (role: Role, organisationId: string, facilityIds: string[] = []): Actor => ({
  userId: `${role}-user`,
  role,
  organisationId,
  facilityIds,
});

const own = { kind: 'participant', id: 'p1', agencyId: 'agency-x' } as const;
const foreign = { kind: 'participant', id: 'p2', agencyId: 'agency-y' } as const;
const caseActions = [
  'participant.read',
  'participant.update',
  'assessment.record',
  'support_log.write',
] as const;

describe('the participant policy', () => {
  it("lets a counsellor keep their own agency's cases only", () => {
    const counsellor = actor('counsellor', 'agency-x');
    for (const action of caseActions) {
      expect(can(counsellor, action, own), action).toBe(true);
      expect(can(counsellor, action, foreign), action).toBe(false);
    }
    expect(can(counsellor, 'participant.list', { kind: 'self' })).toBe(true);
    expect(can(counsellor, 'participant.create', { kind: 'self' })).toBe(true);
  });

  it.each([
    actor('council_admin', 'agency-x'),
    actor('council_staff', 'council'),
    actor('corporation_admin', 'agency-x'),
    actor('facility_coordinator', 'corp-a', ['fac-1']),
  ])('gives $role no access to personal data, even with a matching organisation id', (who) => {
    for (const action of caseActions) expect(can(who, action, own), action).toBe(false);
    expect(can(who, 'participant.list', { kind: 'self' })).toBe(false);
    expect(can(who, 'participant.create', { kind: 'self' })).toBe(false);
  });
});
