import { describe, expect, it } from 'vitest';
import { type Actor, can } from '../../platform/auth/policy';
import type { Role } from '../../platform/db/schema';

const actor = (role: Role, organisationId: string, facilityIds: string[] = []): Actor => ({
  userId: `${role}-user`,
  role,
  organisationId,
  facilityIds,
});

const councilAdmin = actor('council_admin', 'council');
const councilStaff = actor('council_staff', 'council');
const adminA = actor('corporation_admin', 'corp-a');
const adminB = actor('corporation_admin', 'corp-b');
const coordinatorA1 = actor('facility_coordinator', 'corp-a', ['fac-a1']);
const counsellor = actor('counsellor', 'agency');

const opportunity = (facilityId: string, corporationId: string, status: string) =>
  ({ kind: 'opportunity', id: 'o', facilityId, corporationId, status }) as const;
const facilityA1 = { kind: 'facility', id: 'fac-a1', corporationId: 'corp-a' } as const;
const facilityA2 = { kind: 'facility', id: 'fac-a2', corporationId: 'corp-a' } as const;

describe('はたらく場 policy', () => {
  it.each([
    [councilAdmin, true, true, true],
    [councilStaff, true, true, true],
    [adminA, true, true, false],
    [adminB, false, false, true],
    [coordinatorA1, true, false, false],
    [counsellor, false, false, false],
  ])('who keeps which facility’s opportunities (%#)', (who, a1, a2, b1) => {
    const subjects = [
      ['fac-a1', 'corp-a'],
      ['fac-a2', 'corp-a'],
      ['fac-b1', 'corp-b'],
    ] as const;
    const expected = [a1, a2, b1];
    subjects.forEach(([facilityId, corporationId], i) => {
      for (const action of ['opportunity.update', 'opportunity.confirm'] as const) {
        expect(can(who, action, opportunity(facilityId, corporationId, 'published'))).toBe(expected[i]);
      }
      expect(can(who, 'opportunity.create', { kind: 'facility', id: facilityId, corporationId })).toBe(
        expected[i],
      );
      expect(can(who, 'certification.update', { kind: 'facility', id: facilityId, corporationId })).toBe(
        expected[i],
      );
    });
  });

  it('lets counsellors read published opportunities, never drafts', () => {
    expect(can(counsellor, 'opportunity.read', opportunity('fac-b1', 'corp-b', 'published'))).toBe(true);
    expect(can(counsellor, 'opportunity.read', opportunity('fac-b1', 'corp-b', 'full'))).toBe(true);
    expect(can(counsellor, 'opportunity.read', opportunity('fac-b1', 'corp-b', 'draft'))).toBe(false);
    expect(can(coordinatorA1, 'opportunity.read', opportunity('fac-a2', 'corp-a', 'published'))).toBe(false);
    expect(can(adminB, 'opportunity.read', opportunity('fac-a1', 'corp-a', 'draft'))).toBe(false);
    expect(can(coordinatorA1, 'certification.read', facilityA2)).toBe(true);
    expect(can(counsellor, 'certification.read', facilityA1)).toBe(true);
    expect(can(adminB, 'certification.read', facilityA1)).toBe(false);
  });
});
