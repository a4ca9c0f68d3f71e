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
  ])('lets only council staff manage the public site content (%#)', (who, allowed) => {
    expect(can(who, 'content.manage', { kind: 'council' })).toBe(allowed);
  });

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

  it('lets every role read its own inbox and choose how notices are mailed', () => {
    for (const who of [councilAdmin, councilStaff, corpAdmin, coordinator, counsellor]) {
      expect(can(who, 'notification.read', { kind: 'self' })).toBe(true);
      expect(can(who, 'notification.settings', { kind: 'self' })).toBe(true);
    }
  });

  it('lets the two parties of a referral schedule and decide; the council reads; others nothing', () => {
    const referral = {
      kind: 'referral',
      id: 'ref-1',
      agencyId: 'agency-x',
      facilityId: 'fac-a1',
      corporationId: 'corp-a',
      state: 'meeting_scheduled',
    } as const;
    const otherFacility = actor('facility_coordinator', 'corp-a', ['fac-a2']);
    const otherAgency = actor('counsellor', 'agency-y');
    for (const action of [
      'appointment.schedule',
      'appointment.cancel',
      'meeting_record.write',
      'meeting_record.agree',
    ] as const) {
      expect(can(counsellor, action, referral)).toBe(true);
      expect(can(coordinator, action, referral)).toBe(true);
      expect(can(corpAdmin, action, referral)).toBe(true);
      expect(can(councilStaff, action, referral)).toBe(false);
      expect(can(otherFacility, action, referral)).toBe(false);
      expect(can(otherAgency, action, referral)).toBe(false);
    }
    for (const action of ['appointment.read', 'meeting_record.read'] as const) {
      expect(can(councilStaff, action, referral)).toBe(true);
      expect(can(councilStaff, action, { ...referral, state: 'draft' })).toBe(false);
      expect(can(coordinator, action, { ...referral, state: 'draft' })).toBe(false);
      expect(can(otherAgency, action, referral)).toBe(false);
    }
    for (const who of [councilAdmin, councilStaff, corpAdmin, coordinator, counsellor]) {
      expect(can(who, 'calendar.read', { kind: 'self' })).toBe(true);
    }
  });

  it('lets a placement be read by its agency, its facility’s staff and the council; confirmed by the council; ended by agency or council', () => {
    const placement = {
      kind: 'placement',
      id: 'placement-1',
      agencyId: 'agency-x',
      facilityId: 'fac-a1',
      corporationId: 'corp-a',
      status: 'awaiting_support_decision',
    } as const;
    const otherFacility = actor('facility_coordinator', 'corp-a', ['fac-a2']);
    const otherCorporation = actor('corporation_admin', 'corp-b');
    const otherAgency = actor('counsellor', 'agency-y');
    for (const who of [counsellor, coordinator, corpAdmin, councilStaff, councilAdmin]) {
      expect(can(who, 'placement.read', placement)).toBe(true);
    }
    for (const who of [otherFacility, otherCorporation, otherAgency]) {
      expect(can(who, 'placement.read', placement)).toBe(false);
      expect(can(who, 'placement.end', placement)).toBe(false);
      expect(can(who, 'placement.confirm_support_decision', placement)).toBe(false);
    }
    expect(can(councilStaff, 'placement.confirm_support_decision', placement)).toBe(true);
    expect(can(councilStaff, 'placement.confirm_support_decision', { ...placement, status: 'active' })).toBe(
      false,
    );
    for (const who of [counsellor, coordinator, corpAdmin]) {
      expect(can(who, 'placement.confirm_support_decision', placement)).toBe(false);
    }
    expect(can(counsellor, 'placement.end', placement)).toBe(true);
    expect(can(councilStaff, 'placement.end', placement)).toBe(true);
    expect(can(coordinator, 'placement.end', placement)).toBe(false);
    expect(can(counsellor, 'placement.end', { ...placement, status: 'ended' })).toBe(false);
  });

  it('lets a referral be read by its agency, its facility and the council, moved only by the two parties', () => {
    const referral = {
      kind: 'referral',
      id: 'ref-2',
      agencyId: 'agency-x',
      facilityId: 'fac-a1',
      corporationId: 'corp-a',
      state: 'sent',
    } as const;
    const draft = { ...referral, state: 'draft' } as const;
    const otherFacility = actor('facility_coordinator', 'corp-a', ['fac-a2']);
    const otherAgency = actor('counsellor', 'agency-y');
    const stranger = actor('corporation_admin', 'corp-b');
    for (const who of [counsellor, coordinator, corpAdmin, councilStaff, councilAdmin]) {
      expect(can(who, 'referral.read', referral)).toBe(true);
    }
    for (const who of [otherFacility, otherAgency, stranger]) {
      expect(can(who, 'referral.read', referral)).toBe(false);
      expect(can(who, 'referral.transition', referral)).toBe(false);
      expect(can(who, 'referral.message', referral)).toBe(false);
      expect(can(who, 'referral.shared_data', referral)).toBe(false);
    }
    expect(can(counsellor, 'referral.read', draft)).toBe(true);
    for (const who of [coordinator, corpAdmin, councilStaff])
      expect(can(who, 'referral.read', draft)).toBe(false);
    for (const who of [counsellor, coordinator, corpAdmin]) {
      expect(can(who, 'referral.transition', referral)).toBe(true);
      expect(can(who, 'referral.message', referral)).toBe(true);
      expect(can(who, 'referral.mediate', referral)).toBe(false);
    }
    expect(can(councilStaff, 'referral.transition', referral)).toBe(false);
    expect(can(councilStaff, 'referral.mediate', referral)).toBe(true);
    expect(can(coordinator, 'referral.shared_data', referral)).toBe(true);
    expect(can(corpAdmin, 'referral.shared_data', referral)).toBe(true);
    expect(can(counsellor, 'referral.shared_data', referral)).toBe(false);
    expect(can(councilStaff, 'referral.shared_data', referral)).toBe(false);
    const participant = { kind: 'participant', id: 'p-1', agencyId: 'agency-x' } as const;
    expect(can(counsellor, 'referral.create', participant)).toBe(true);
    expect(can(otherAgency, 'referral.create', participant)).toBe(false);
    expect(can(councilStaff, 'referral_reason.manage', { kind: 'council' })).toBe(true);
    expect(can(corpAdmin, 'referral_reason.manage', { kind: 'council' })).toBe(false);
  });

  it.each([
    [councilAdmin, true],
    [councilStaff, true],
    [corpAdmin, false],
    [coordinator, false],
    [counsellor, false],
  ])(
    'lets only council staff manage the digest; anyone subscribes and reads the archive (%#)',
    (who, allowed) => {
      expect(can(who, 'digest.manage', { kind: 'council' })).toBe(allowed);
      expect(can(who, 'digest.subscribe', { kind: 'self' })).toBe(true);
      expect(can(who, 'digest.read', { kind: 'self' })).toBe(true);
    },
  );

  it('keeps the audit log to council admins', () => {
    expect(can(councilAdmin, 'audit.read', { kind: 'council' })).toBe(true);
    expect(can(councilStaff, 'audit.read', { kind: 'council' })).toBe(false);
    expect(can(corpAdmin, 'audit.read', { kind: 'council' })).toBe(false);
  });
});
