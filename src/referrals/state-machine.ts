/**
 * The referral state machine (受け入れ依頼の状態): which event may move a referral from which state,
 * and by which party. Pure: no I/O. The one table below is the rule; docs/decisions/014 explains it.
 */
import type { ReferralParty, ReferralStateCode } from '../platform/db/schema';

export type ReferralState = ReferralStateCode;
export type ReferralEvent =
  | 'send'
  | 'view'
  | 'ask'
  | 'answer'
  | 'schedule_visit'
  | 'schedule_trial'
  | 'schedule_meeting'
  | 'agree'
  | 'not_agree'
  | 'decline'
  | 'withdraw'
  | 'expire';
export type Party = ReferralParty;

export const referralStates: readonly ReferralState[] = [
  'draft',
  'sent',
  'viewed',
  'questions',
  'visit_scheduled',
  'trial_scheduled',
  'meeting_scheduled',
  'agreed',
  'not_agreed',
  'declined',
  'withdrawn',
  'expired',
];

export const referralEvents: readonly ReferralEvent[] = [
  'send',
  'view',
  'ask',
  'answer',
  'schedule_visit',
  'schedule_trial',
  'schedule_meeting',
  'agree',
  'not_agree',
  'decline',
  'withdraw',
  'expire',
];

export const parties: readonly Party[] = ['agency', 'facility', 'council', 'system'];

export const terminalStates: readonly ReferralState[] = [
  'agreed',
  'not_agreed',
  'declined',
  'withdrawn',
  'expired',
];

/** States in which the facility is the one to act next (what "waiting for my answer" means). */
export const awaitingFacility: readonly ReferralState[] = ['sent', 'viewed'];
/** States the reminder/expiry job watches: nobody has moved the request forward yet. */
export const expirable: readonly ReferralState[] = ['sent', 'viewed', 'questions'];

/** Events that close a referral and need a reason from the council's list. */
export const reasonRequired: Partial<Record<ReferralEvent, 'declined' | 'not_agreed' | 'withdrawn'>> = {
  decline: 'declined',
  not_agree: 'not_agreed',
  withdraw: 'withdrawn',
};

type Transition = { from: readonly ReferralState[]; to: ReferralState; by: readonly Party[] };

const open: readonly ReferralState[] = [
  'sent',
  'viewed',
  'questions',
  'visit_scheduled',
  'trial_scheduled',
  'meeting_scheduled',
];

/**
 * THE table. A scheduled step can be skipped (a facility may invite to the meeting straight
 * away) but never gone back to; 'answer' returns the question to the facility ('viewed').
 * The council mediates (notes) but makes no transition; 'system' expires, and withdraws the
 * referrals of a case that closed (docs/decisions/014).
 */
export const transitions: Record<ReferralEvent, Transition> = {
  send: { from: ['draft'], to: 'sent', by: ['agency'] },
  view: { from: ['sent'], to: 'viewed', by: ['facility'] },
  ask: { from: ['sent', 'viewed'], to: 'questions', by: ['facility'] },
  answer: { from: ['questions'], to: 'viewed', by: ['agency'] },
  schedule_visit: { from: ['sent', 'viewed', 'questions'], to: 'visit_scheduled', by: ['facility'] },
  schedule_trial: {
    from: ['sent', 'viewed', 'questions', 'visit_scheduled'],
    to: 'trial_scheduled',
    by: ['facility'],
  },
  schedule_meeting: {
    from: ['viewed', 'questions', 'visit_scheduled', 'trial_scheduled'],
    to: 'meeting_scheduled',
    by: ['agency', 'facility'],
  },
  agree: { from: ['meeting_scheduled'], to: 'agreed', by: ['agency', 'facility'] },
  not_agree: { from: ['meeting_scheduled'], to: 'not_agreed', by: ['agency', 'facility'] },
  decline: { from: open, to: 'declined', by: ['facility'] },
  // The system withdraws when the case closes or is anonymised (reason 'case_closed').
  withdraw: { from: ['draft', ...open], to: 'withdrawn', by: ['agency', 'system'] },
  expire: { from: expirable, to: 'expired', by: ['system'] },
};

export type NextState =
  | { ok: true; to: ReferralState }
  | { ok: false; reason: 'not_allowed' | 'wrong_party' };

/**
 * Where `event` by `party` takes a referral in `state`: 'not_allowed' when the event cannot
 * happen in that state at all, 'wrong_party' when it can, but only by another party.
 */
export function nextState(state: ReferralState, event: ReferralEvent, party: Party): NextState {
  const rule = transitions[event];
  if (!rule?.from.includes(state)) return { ok: false, reason: 'not_allowed' };
  if (!rule.by.includes(party)) return { ok: false, reason: 'wrong_party' };
  return { ok: true, to: rule.to };
}

export function isTerminal(state: ReferralState): boolean {
  return terminalStates.includes(state);
}

/** The events `party` may take now, in table order (the buttons a page shows). */
export function allowedEvents(state: ReferralState, party: Party): ReferralEvent[] {
  return referralEvents.filter((event) => nextState(state, event, party).ok);
}

/** The party a user's role acts as. */
export function partyOfRole(role: string): Party {
  if (role === 'counsellor') return 'agency';
  if (role === 'corporation_admin' || role === 'facility_coordinator') return 'facility';
  return 'council';
}
