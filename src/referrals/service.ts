/**
 * Referral use cases (受け入れ依頼), split by use case under ./service/: create and send
 * (refused unless the participant's consent covers the corporation/facility, the data groups
 * and today), every transition of the state machine (`applyReferralEvent`, also called by
 * meetings/decisions), the message thread and the council's mediation notes, the facility's view
 * of the shared data, work lists and the closing reasons. Each runs in one transaction with its
 * audit row and notifications. This file is the area's service as other areas call it.
 * docs/decisions/014-016.
 */

export { findReferralForActor, referralSubject } from './service/access';
export type { AuditActor, ReferralActor } from './service/actors';
export { CASE_CLOSED_REASON, moveReferralsOfCase, withdrawReferralsOfCase } from './service/case';
export { closeReasons, type ReasonErrors, reasonsFor, saveCloseReasons } from './service/close-reasons';
export { type CreateOutcome, createReferral, type SendOutcome, sendReferral } from './service/create';
export { candidatesForReferral, opportunityForReferral, proposedScheduleFor } from './service/form-choices';
export { coveredGroups, readSharedData, type SharedData } from './service/shared-data';
export { type MessageOutcome, postReferralMessage, threadOf, timelineOf } from './service/thread';
export {
  applyReferralEvent,
  openReferral,
  type TransitionResult,
  transitionReferral,
} from './service/transitions';
export {
  listReferralsFor,
  referralCountsByState,
  referralsOfParticipant,
  type WorkListItem,
} from './service/work-lists';
export type { CloseReason } from './store/close-reasons';
export type { ReferralSummary } from './store/referrals';
export type { MessageRow, TimelineRow } from './store/timeline';
