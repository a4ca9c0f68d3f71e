/**
 * The row types of every table, as Kysely sees them. One interface per table, kept in the file
 * of its area under ./schema/; columns follow the data rules in docs/decisions/001: text ids,
 * ISO-8601 UTC text timestamps, 0/1 booleans. Database merges every area's tables.
 */

import type { AccountsTables } from './schema/accounts';
import type { ContentTables } from './schema/content';
import type { DigestTables } from './schema/digest';
import type { NotificationsTables } from './schema/notifications';
import type { ParticipantsTables } from './schema/participants';
import type { PlacementsTables } from './schema/placements';
import type { PlatformTables } from './schema/platform';
import type { ReferralsTables } from './schema/referrals';
import type { RegistryTables } from './schema/registry';

export type {
  AgencyType,
  ApiTokenTable,
  FacilityAssignmentTable,
  InvitationTable,
  NewUser,
  Organisation,
  OrganisationKind,
  OrganisationTable,
  PasswordResetTable,
  RecoveryCodeTable,
  Role,
  SessionStage,
  SessionTable,
  User,
  UserTable,
  UserUpdate,
} from './schema/accounts';
export type {
  FuriganaCorrectionTable,
  SiteContentKind,
  SiteContentRevisionTable,
  SiteContentTable,
  SitePhotoTable,
} from './schema/content';
export type {
  DigestDeliveryStatus,
  DigestDeliveryTable,
  DigestEditionItemTable,
  DigestEditionKind,
  DigestEditionStatus,
  DigestEditionTable,
  DigestSubscriberStatus,
  DigestSubscriberTable,
} from './schema/digest';
export type {
  NotificationDelivery,
  NotificationPreferenceTable,
  NotificationTable,
} from './schema/notifications';
export type {
  AssessmentTable,
  ConsentDataGroup,
  ConsentOverrideTable,
  ConsentRecipientKind,
  ConsentTable,
  ParticipantCandidateTable,
  ParticipantStatus,
  ParticipantTable,
  SupportLogEntryTable,
  SupportLogKind,
} from './schema/participants';
export type { PlacementStatus, PlacementTable, PlacementWindowTable } from './schema/placements';
export type {
  AuditEventTable,
  Job,
  JobStatus,
  JobTable,
  MailMessage,
  MailMessageTable,
  MailStatus,
  MunicipalityTable,
  RateLimitTable,
  SettingTable,
} from './schema/platform';
export type {
  AppointmentKind,
  AppointmentTable,
  MeetingOutcome,
  MeetingRecordTable,
  ReferralCloseReasonTable,
  ReferralEventTable,
  ReferralMessageTable,
  ReferralParty,
  ReferralStateCode,
  ReferralTable,
  SupportDecisionStatus,
} from './schema/referrals';
export type {
  Facility,
  FacilityCertificationTable,
  FacilityTable,
  OpportunitySearchDocTable,
  OpportunityTable,
  OpportunityVersionTable,
  OpportunityWindowTable,
  RegistryChangeTable,
  ServiceType,
} from './schema/registry';

/** Every table by name: the type Kysely is built over. */
export interface Database
  extends PlatformTables,
    AccountsTables,
    RegistryTables,
    ParticipantsTables,
    ReferralsTables,
    NotificationsTables,
    ContentTables,
    PlacementsTables,
    DigestTables {}
