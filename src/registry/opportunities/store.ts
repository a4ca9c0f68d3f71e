/**
 * All SQL on opportunities, their time windows and versions, split by concern under ./store/:
 * who sees which rows (scope), columns and row mapping, windows, reads and lists for the pages
 * and the API, details for exports and search, writes, versions (history) and the confirmation
 * reminders. This file keeps the import path that the other areas use. Every read for a person
 * takes the caller (Actor) and filters in SQL; columns are named, never selectAll.
 */
export {
  columnsOf,
  type OpportunityContact,
  type OpportunityDetail,
  type OpportunityMeta,
} from './store/columns';
export { listOpportunityDetails, listOpportunityDetailsByIds } from './store/details';
export {
  facilityContactEmails,
  listDueForReminder,
  markReminded,
  type ReminderDue,
} from './store/freshness';
export {
  type ChangedOpportunity,
  countOpportunities,
  listOpportunities,
  listOpportunitiesChangedSince,
  type OpportunitySummary,
} from './store/lists';
export {
  findOpportunity,
  findOpportunityForUpdate,
  findOpportunitySubject,
  findPublicOpportunity,
  type PublicOpportunity,
} from './store/reads';
export type { OpportunityFilter, OpportunityScope } from './store/scope';
export { insertVersion, listVersions, type VersionEntry } from './store/versions';
export { listWindows, replaceWindows } from './store/windows';
export { insertOpportunity, listSearchSources, updateOpportunityRow } from './store/writes';
