/**
 * The use cases of はたらく場情報 by e-mail, as the rest of the app calls them. Each lives under
 * ./service/ by concern: a subscriber's own side (apply, confirm, subscribe from an account,
 * unsubscribe), the council's side of the subscriber list (approve, resume, add, change,
 * remove), editions as built and kept (title, freeze, items), sending control (schedule, send
 * now, cancel, progress), and previews (as a subscriber, a test to oneself).
 */

export type { AuditContext } from './service/audit-context';
export {
  countEditions,
  editionItems,
  editionTitle,
  freezeEdition,
  getEdition,
  listEditions,
} from './service/editions';
export {
  type PreviewRecipient,
  previewEdition,
  previewRecipientOf,
  sendTestToSelf,
} from './service/preview';
export {
  cancelEdition,
  digestSendJobName,
  editionProgress,
  listEditionDeliveries,
  scheduleEdition,
  sendEditionNow,
} from './service/sending';
export {
  approveSubscriber,
  countSubscribers,
  createSubscriber,
  getSubscriber,
  listSubscribers,
  removeSubscriber,
  resumeSubscriber,
  updateSubscriberPreferences,
} from './service/subscriber-admin';
export {
  type AccountSubscriber,
  type Application,
  applyForDigest,
  CONFIRM_TTL_MS,
  type ConfirmationState,
  checkConfirmation,
  checkUnsubscribeLink,
  confirmSubscription,
  getMySubscription,
  subscribeFromAccount,
  type UnsubscribeLink,
  unsubscribe,
} from './service/subscriptions';
