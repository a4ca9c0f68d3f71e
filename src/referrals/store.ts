/**
 * Every SQL query of referrals (受け入れ依頼), their timeline, thread and closing reasons, split
 * by concern under ./store/. This file keeps the import path that the meetings, decisions and
 * participants' rights code use. Reads that return a referral are scoped in SQL to who may see
 * it (`visibleTo`); personal data is read only by `sharedDataOf` and `participantNamesOf`,
 * whose callers audit the read.
 */
export {
  agencyRecipients,
  anonymiseReferralText,
  isCaseActive,
  openReferralIdsOfParticipant,
  referralIdsOfCase,
  setReferralAgency,
} from './store/case';
export { type CloseReason, listCloseReasons, upsertCloseReason } from './store/close-reasons';
export {
  type Executor,
  findOpenReferral,
  findReferral,
  findReferralByKey,
  findReferralUnscoped,
  insertReferral,
  markDraftSent,
  markReminded,
  moveReferral,
  type ReferralInsert,
  type ReferralSummary,
  type ScheduleEntry,
  type ScopeActor,
  visibleTo,
} from './store/referrals';
export {
  candidateOpportunities,
  type OpportunityFacts,
  opportunityFacts,
  opportunityWindows,
} from './store/registry-facts';
export {
  overrideValidUntil,
  type SharedAssessment,
  type SharedPerson,
  sharedDataOf,
} from './store/shared-data';
export {
  type EventInsert,
  insertEvent,
  insertMessage,
  listEvents,
  listMessages,
  type MessageRow,
  type TimelineRow,
} from './store/timeline';
export {
  countByState,
  listReferrals,
  listWaitingReferrals,
  participantNamesOf,
  type ReferralListFilter,
} from './store/work-lists';
