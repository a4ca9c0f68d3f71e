import { describe, expect, it } from 'vitest';
import type { Role } from '../db/schema';
import { type Actor, can } from './policy';

const actor = (role: Role, organisationId: string, facilityIds: string[] = []): Actor => ({
  userId: `${role}-user`,
  role,
  organisationId,
  facilityIds,
});

const councilAdmin = actor('council_admin', 'council');
const councilStaff = actor('council_staff', 'council');
const corpAdmin = actor('corporation_admin', 'corp-a');
const coordinator = actor('facility_coordinator', 'corp-a', ['fac-a1']);
const counsellor = actor('counsellor', 'agency-x');

const corpA = { kind: 'organisation', id: 'corp-a', organisationKind: 'corporation' } as const;
const corpB = { kind: 'organisation', id: 'corp-b', organisationKind: 'corporation' } as const;
const facilityA = { kind: 'facility', id: 'fac-a1', corporationId: 'corp-a' } as const;
const facilityB = { kind: 'facility', id: 'fac-b1', corporationId: 'corp-b' } as const;

describe('the policy', () => {
  it.each([
    [councilAdmin, true],
    [councilStaff, true],
    [corpAdmin, false],
    [coordinator, false],
    [counsellor, false],
  ])('lets only the council list and create organisations (%#)', (who, allowed) => {
    expect(can(who, 'organisation.list', { kind: 'council' })).toBe(allowed);
    expect(can(who, 'organisation.create', { kind: 'council' })).toBe(allowed);
  });

  it('lets a corporation admin edit its own corporation and facilities, not another', () => {
    expect(can(corpAdmin, 'organisation.update', corpA)).toBe(true);
    expect(can(corpAdmin, 'organisation.update', corpB)).toBe(false);
    expect(can(corpAdmin, 'facility.update', facilityA)).toBe(true);
    expect(can(corpAdmin, 'facility.update', facilityB)).toBe(false);
    expect(can(corpAdmin, 'facility.create', corpA)).toBe(true);
    expect(can(corpAdmin, 'facility.create', corpB)).toBe(false);
    expect(can(coordinator, 'facility.update', facilityA)).toBe(false);
    expect(can(counsellor, 'organisation.update', corpA)).toBe(false);
  });

  it('only invites roles that belong to the kind of organisation', () => {
    const invite = (
      role: Role,
      organisationId: string,
      organisationKind: 'council' | 'corporation' | 'agency',
    ) => ({ kind: 'invitation', organisationId, organisationKind, role }) as const;
    expect(can(councilAdmin, 'user.invite', invite('corporation_admin', 'corp-b', 'corporation'))).toBe(true);
    expect(can(councilAdmin, 'user.invite', invite('counsellor', 'agency-x', 'agency'))).toBe(true);
    expect(can(councilAdmin, 'user.invite', invite('counsellor', 'corp-b', 'corporation'))).toBe(false);
    expect(can(corpAdmin, 'user.invite', invite('facility_coordinator', 'corp-a', 'corporation'))).toBe(true);
    expect(can(corpAdmin, 'user.invite', invite('facility_coordinator', 'corp-b', 'corporation'))).toBe(
      false,
    );
    expect(can(corpAdmin, 'user.invite', invite('council_admin', 'council', 'council'))).toBe(false);
    expect(can(councilStaff, 'user.invite', invite('corporation_admin', 'corp-a', 'corporation'))).toBe(
      false,
    );
    expect(can(counsellor, 'user.invite', invite('counsellor', 'agency-x', 'agency'))).toBe(false);
  });

  it('never lets a user deactivate themself', () => {
    const self = {
      kind: 'user',
      id: corpAdmin.userId,
      organisationId: 'corp-a',
      role: 'corporation_admin',
    } as const;
    expect(can(corpAdmin, 'user.deactivate', self)).toBe(false);
    expect(can(corpAdmin, 'user.deactivate', { ...self, id: 'other' })).toBe(true);
    expect(can(corpAdmin, 'user.deactivate', { ...self, id: 'other', organisationId: 'corp-b' })).toBe(false);
  });

  it('keeps the audit log to council admins', () => {
    expect(can(councilAdmin, 'audit.read', { kind: 'council' })).toBe(true);
    expect(can(councilStaff, 'audit.read', { kind: 'council' })).toBe(false);
    expect(can(corpAdmin, 'audit.read', { kind: 'council' })).toBe(false);
  });
});
