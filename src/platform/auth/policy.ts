/**
 * Who may do what to which record: every rule of the product in one table. Routes and API
 * operations name an action here; stores additionally scope their queries by organisation, so a
 * missed check still cannot return another organisation's rows.
 */
import type { OrganisationKind, Role } from '../db/schema';

export type Actor = {
  userId: string;
  role: Role;
  organisationId: string;
  /** Facilities a facility coordinator is assigned to; empty for other roles. */
  facilityIds: readonly string[];
};

export type Subject =
  | { kind: 'council' }
  | { kind: 'self' }
  | { kind: 'organisation'; id: string; organisationKind: OrganisationKind }
  | { kind: 'facility'; id: string; corporationId: string }
  | { kind: 'user'; id: string; organisationId: string; role: Role }
  | { kind: 'invitation'; organisationId: string; organisationKind: OrganisationKind; role: Role }
  | { kind: 'opportunity'; id: string; facilityId: string; corporationId: string; status: string }
  | { kind: 'participant'; id: string; agencyId: string }
  | {
      kind: 'referral';
      id: string;
      agencyId: string;
      facilityId: string;
      corporationId: string;
      state: string;
    }
  | {
      kind: 'placement';
      id: string;
      agencyId: string;
      facilityId: string;
      corporationId: string;
      status: string;
    };

type SubjectOf<K extends Subject['kind']> = Extract<Subject, { kind: K }>;

type Rule<K extends Subject['kind']> = {
  subject: K;
  allow: (actor: Actor, subject: SubjectOf<K>) => boolean;
};

const isCouncil = (actor: Actor) => actor.role === 'council_admin' || actor.role === 'council_staff';
const isCouncilAdmin = (actor: Actor) => actor.role === 'council_admin';

/** Roles an organisation of each kind can hold. */
export const rolesOfOrganisationKind: Record<OrganisationKind, readonly Role[]> = {
  council: ['council_admin', 'council_staff'],
  corporation: ['corporation_admin', 'facility_coordinator'],
  agency: ['counsellor'],
};

/**
 * Council admins invite organisation admins (and the council's own staff, and counsellors, as
 * agencies have no admin role); corporation admins invite their own corporation's staff.
 */
function mayInvite(
  actor: Actor,
  target: { organisationId: string; organisationKind: OrganisationKind; role: Role },
): boolean {
  if (!rolesOfOrganisationKind[target.organisationKind].includes(target.role)) return false;
  if (isCouncilAdmin(actor)) return true;
  return actor.role === 'corporation_admin' && target.organisationId === actor.organisationId;
}

/**
 * Who keeps a facility's はたらく場 and 認定: council staff everywhere, the corporation admin for
 * the corporation's facilities, a facility coordinator for the facilities assigned to them.
 */
function mayKeepFacilityOffer(actor: Actor, facilityId: string, corporationId: string): boolean {
  if (isCouncil(actor)) return true;
  if (actor.role === 'corporation_admin') return corporationId === actor.organisationId;
  return actor.role === 'facility_coordinator' && actor.facilityIds.includes(facilityId);
}

/**
 * A participant's case (要配慮個人情報) is kept by the counsellors of the agency that owns it,
 * and by nobody else: the council sees only aggregate counts, facilities only what a request
 * shares with consent (docs/decisions/011).
 */
function keepsCase(actor: Actor, agencyId: string): boolean {
  return actor.role === 'counsellor' && actor.organisationId === agencyId;
}

/** The facility side of a referral: its assigned coordinators and its corporation's admins. */
function isReferralFacility(actor: Actor, facilityId: string, corporationId: string): boolean {
  if (actor.role === 'corporation_admin') return actor.organisationId === corporationId;
  return actor.role === 'facility_coordinator' && actor.facilityIds.includes(facilityId);
}

/** A party to a referral: the sending agency's counsellors, or its facility (once sent). */
function isReferralParty(actor: Actor, r: SubjectOf<'referral'>): boolean {
  if (actor.role === 'counsellor') return actor.organisationId === r.agencyId;
  return r.state !== 'draft' && isReferralFacility(actor, r.facilityId, r.corporationId);
}

/** The facility side of a placement: its assigned coordinators and its corporation's admins. */
function isPlacementFacility(actor: Actor, facilityId: string, corporationId: string): boolean {
  if (actor.role === 'corporation_admin') return actor.organisationId === corporationId;
  return (
    actor.role === 'facility_coordinator' &&
    actor.organisationId === corporationId &&
    actor.facilityIds.includes(facilityId)
  );
}

function rule<K extends Subject['kind']>(
  subject: K,
  allow: (actor: Actor, subject: SubjectOf<K>) => boolean,
): Rule<K> {
  return { subject, allow };
}

export const policy = {
  'organisation.list': rule('council', isCouncil),
  'organisation.create': rule('council', isCouncil),
  'organisation.read': rule('organisation', (a, o) => isCouncil(a) || o.id === a.organisationId),
  'organisation.update': rule(
    'organisation',
    (a, o) => isCouncil(a) || (a.role === 'corporation_admin' && o.id === a.organisationId),
  ),
  'organisation.settings': rule(
    'organisation',
    (a, o) => isCouncilAdmin(a) || (a.role === 'corporation_admin' && o.id === a.organisationId),
  ),
  // Agencies read every facility (they look for work places); corporations only their own.
  'facility.read': rule(
    'facility',
    (a, f) => isCouncil(a) || a.role === 'counsellor' || f.corporationId === a.organisationId,
  ),
  // Every role lists the facilities it may see; the store scopes the rows (council: all,
  // corporation staff: their corporation's, counsellors: active ones).
  'facility.list': rule('self', () => true),
  'facility.create': rule(
    'organisation',
    (a, o) =>
      o.organisationKind === 'corporation' &&
      (isCouncil(a) || (a.role === 'corporation_admin' && o.id === a.organisationId)),
  ),
  'facility.update': rule(
    'facility',
    (a, f) => isCouncil(a) || (a.role === 'corporation_admin' && f.corporationId === a.organisationId),
  ),
  'user.list': rule(
    'organisation',
    (a, o) => isCouncilAdmin(a) || (a.role === 'corporation_admin' && o.id === a.organisationId),
  ),
  'user.invite': rule('invitation', mayInvite),
  'user.deactivate': rule(
    'user',
    (a, u) =>
      u.id !== a.userId &&
      (isCouncilAdmin(a) || (a.role === 'corporation_admin' && u.organisationId === a.organisationId)),
  ),
  'user.assign_facilities': rule(
    'user',
    (a, u) =>
      u.role === 'facility_coordinator' &&
      (isCouncilAdmin(a) || (a.role === 'corporation_admin' && u.organisationId === a.organisationId)),
  ),
  // はたらく場: kept by the facility's coordinators, its corporation admin and council staff; read
  // by them and by counsellors once published (a draft is the facility's own). Lists are scoped
  // by the store.
  'opportunity.list': rule('self', () => true),
  // The registry search (issue 4, item 4): counsellors and council staff, over every facility.
  'opportunity.search': rule('self', (a) => isCouncil(a) || a.role === 'counsellor'),
  'opportunity.create': rule('facility', (a, f) => mayKeepFacilityOffer(a, f.id, f.corporationId)),
  // The spreadsheet import page: whoever keeps some facility's はたらく場; each row is then
  // checked with 'opportunity.create' against its facility.
  'opportunity.import': rule(
    'self',
    (a) => isCouncil(a) || a.role === 'corporation_admin' || a.role === 'facility_coordinator',
  ),
  'opportunity.read': rule(
    'opportunity',
    (a, o) =>
      mayKeepFacilityOffer(a, o.facilityId, o.corporationId) ||
      (a.role === 'counsellor' && o.status !== 'draft'),
  ),
  'opportunity.update': rule('opportunity', (a, o) => mayKeepFacilityOffer(a, o.facilityId, o.corporationId)),
  'opportunity.confirm': rule('opportunity', (a, o) =>
    mayKeepFacilityOffer(a, o.facilityId, o.corporationId),
  ),
  'certification.read': rule(
    'facility',
    (a, f) => isCouncil(a) || a.role === 'counsellor' || f.corporationId === a.organisationId,
  ),
  'certification.update': rule('facility', (a, f) => mayKeepFacilityOffer(a, f.id, f.corporationId)),
  // 就労希望者: counsellors of the owning agency only; lists and creation are in the caller's own
  // agency (the store scopes the rows).
  'participant.list': rule('self', (a) => a.role === 'counsellor'),
  'participant.create': rule('self', (a) => a.role === 'counsellor'),
  'participant.read': rule('participant', (a, p) => keepsCase(a, p.agencyId)),
  'participant.update': rule('participant', (a, p) => keepsCase(a, p.agencyId)),
  'assessment.record': rule('participant', (a, p) => keepsCase(a, p.agencyId)),
  'support_log.write': rule('participant', (a, p) => keepsCase(a, p.agencyId)),
  // 同意: recorded, revoked and printed by the case's counsellors; only a council admin may
  // override a missing consent, once, with a written reason (participants/consents/service.ts).
  'consent.read': rule('participant', (a, p) => keepsCase(a, p.agencyId)),
  'consent.record': rule('participant', (a, p) => keepsCase(a, p.agencyId)),
  'consent.revoke': rule('participant', (a, p) => keepsCase(a, p.agencyId)),
  'consent.override': rule('council', isCouncilAdmin),
  // Matching (issue 6): the shortlist is read under participant.read; saving a candidate is
  // kept by the case's counsellors.
  'candidate.save': rule('participant', (a, p) => keepsCase(a, p.agencyId)),
  // The person's rights: export what is held, close the case (participants/rights/).
  'participant.export': rule('participant', (a, p) => keepsCase(a, p.agencyId)),
  'participant.close': rule('participant', (a, p) => keepsCase(a, p.agencyId)),
  // 移管: the owning agency's counsellor moves the case to another agency (participants/transfer/).
  'participant.transfer': rule('participant', (a, p) => keepsCase(a, p.agencyId)),
  'audit.read': rule('council', isCouncilAdmin),
  'mail.read': rule('council', isCouncil),
  // The public site's content (pages, news, stories, videos, furigana corrections): council staff.
  'content.manage': rule('council', isCouncil),
  // 受け入れ依頼 (issue 7, src/referrals): sent by the case's counsellors; read by the agency,
  // the facility's coordinators and its corporation admins (not while a draft), and council staff
  // (state and timeline; personal data only through a consented share). Moved by the two parties,
  // each only by its own events (referrals/state-machine.ts); the council adds mediation notes.
  'referral.list': rule('self', () => true),
  'referral.create': rule('participant', (a, p) => keepsCase(a, p.agencyId)),
  'referral.read': rule('referral', (a, r) => (isCouncil(a) && r.state !== 'draft') || isReferralParty(a, r)),
  'referral.transition': rule('referral', isReferralParty),
  'referral.message': rule('referral', isReferralParty),
  'referral.mediate': rule('referral', (a, r) => isCouncil(a) && r.state !== 'draft'),
  // The consented shared data is for the facility the request was sent to.
  'referral.shared_data': rule(
    'referral',
    (a, r) => r.state !== 'draft' && isReferralFacility(a, r.facilityId, r.corporationId),
  ),
  'referral_reason.manage': rule('council', isCouncil),
  // 見学・面接・体験・三者協議 and the decision record (issue 7, src/referrals/appointments and
  // decisions): read like the referral; scheduled, cancelled, written and agreed by its two
  // parties (which event each party may apply is the state machine's rule). The calendar page
  // is every user's own, its rows scoped like the referrals.
  'appointment.read': rule(
    'referral',
    (a, r) => (isCouncil(a) && r.state !== 'draft') || isReferralParty(a, r),
  ),
  'appointment.schedule': rule('referral', isReferralParty),
  'appointment.cancel': rule('referral', isReferralParty),
  'meeting_record.read': rule(
    'referral',
    (a, r) => (isCouncil(a) && r.state !== 'draft') || isReferralParty(a, r),
  ),
  'meeting_record.write': rule('referral', isReferralParty),
  'meeting_record.agree': rule('referral', isReferralParty),
  'calendar.read': rule('self', () => true),
  // はたらく場の決定 (issue 7, src/placements): read by the case's agency, the facility's
  // coordinators and its corporation admins, and council staff (without the person's name);
  // lists are scoped by the store. The council confirms the municipality's 支援決定 (B–D) for a
  // placement waiting for it; the agency's counsellors or the council end a placement.
  'placement.list': rule('self', () => true),
  'placement.read': rule(
    'placement',
    (a, p) =>
      isCouncil(a) || keepsCase(a, p.agencyId) || isPlacementFacility(a, p.facilityId, p.corporationId),
  ),
  'placement.confirm_support_decision': rule(
    'placement',
    (a, p) => isCouncil(a) && p.status === 'awaiting_support_decision',
  ),
  'placement.end': rule(
    'placement',
    (a, p) => p.status !== 'ended' && (isCouncil(a) || keepsCase(a, p.agencyId)),
  ),
  // 通知 (issue 7, src/notifications): every user reads and marks their own inbox and chooses
  // immediate mail or a daily summary; the store scopes every row to the caller.
  'notification.read': rule('self', () => true),
  'notification.settings': rule('self', () => true),
  'account.manage': rule('self', () => true),
  // はたらく場情報 by e-mail (src/digest): anyone signed in subscribes their own address and
  // reads the archive of sent editions; council staff manage subscribers and editions.
  'digest.subscribe': rule('self', () => true),
  'digest.read': rule('self', () => true),
  'digest.manage': rule('council', isCouncil),
} as const;

export type Action = keyof typeof policy;
export type SubjectFor<A extends Action> = SubjectOf<(typeof policy)[A]['subject']>;

export function can<A extends Action>(actor: Actor, action: A, subject: SubjectFor<A>): boolean {
  const entry = policy[action] as unknown as Rule<Subject['kind']>;
  if (entry.subject !== subject.kind) return false;
  return entry.allow(actor, subject);
}
