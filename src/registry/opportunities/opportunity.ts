/**
 * The はたらく場 (Opportunity) domain, split by concern under ./model/: the controlled lists
 * (codes), the value shapes, parsing of raw values and time windows, validation, the status
 * machine, freshness and "changed since" rules. Pure: no I/O, so the pages, the API, the
 * spreadsheet importer and matching all use the same rules. This file keeps the import path
 * that search, matching, digests, the site, imports, referrals and placements use.
 *
 * Conventions (docs/decisions/010): weekdays are ISO 1–7 (1 = 月 … 7 = 日); times 'HH:MM';
 * hours a day are stored as whole minutes; money as integer yen; dates 'YYYY-MM-DD'.
 */
export { type ChangeKind, classifyChange, diffValues } from './model/changes';
export {
  closedStatuses,
  isEmployed,
  MAX_CAPACITY,
  MAX_DESCRIPTION,
  MAX_NOTE,
  MAX_TITLE,
  MAX_WINDOWS,
  MAX_YEN,
  type MealOption,
  mealOptions,
  needsCertification,
  type OpportunityStatus,
  opportunityStatuses,
  type PayType,
  type PhysicalLoad,
  payTypes,
  physicalLoads,
  publicStatuses,
  type SupportAnswer,
  type SupportCode,
  supportCodes,
  type TaskCategory,
  taskCategories,
  taskCategoryLabels,
  type UniformOption,
  uniformOptions,
  type Weekday,
  type WorkForm,
  type WorkFormOffer,
  type WorkSetting,
  weekdayLabels,
  weekdays,
  workFormOf,
  workFormOffers,
  workSettings,
} from './model/codes';
export {
  CONFIRM_EVERY_DAYS,
  daysAgo,
  isStale,
  needsConfirmation,
  REMIND_AGAIN_AFTER_DAYS,
  STALE_AFTER_DAYS,
  staleThreshold,
} from './model/freshness';
export { hoursOfMinutes, parseDate, parseFlag, parseHours } from './model/parse';
export { nextStatuses, transitionStatus } from './model/status';
export { inputOfValues, validateOpportunity } from './model/validate';
export type {
  OpportunityErrorCode,
  OpportunityErrors,
  OpportunityField,
  OpportunityInput,
  OpportunityValues,
  RawValue,
  TimeWindow,
  ValidationContext,
} from './model/values';
export { minutesOfTime, openPlaces, parseTime } from './model/windows';
