/**
 * Every SQL statement of はたらく場情報 by e-mail, by table under ./store/: subscribers, editions
 * and their frozen items, and the delivery rows the sender claims with a lease. Columns are
 * named, never selectAll.
 */

export {
  type ClaimedDelivery,
  claimDeliveries,
  type DeliveryCounts,
  deliveryCounts,
  insertDeliveries,
  listDeliveries,
  markDeliveriesSent,
  markDeliveryFailed,
  markDeliveryRetry,
  markDeliverySkipped,
  nextDeliveryDue,
} from './store/deliveries';
export {
  cancelScheduledEdition,
  countEditions,
  type EditionRow,
  findEdition,
  finishEdition,
  hasEditionBetween,
  insertEdition,
  insertItems,
  lastFrozenAt,
  listEditions,
  listItems,
  listSendingEditionIds,
  startEdition,
} from './store/editions';
export {
  countSubscribers,
  deleteSubscriber,
  findSubscriber,
  findSubscriberByConfirmHash,
  findSubscriberByEmail,
  findSubscriberByUser,
  insertSubscriber,
  listActiveRecipients,
  listRecipientsByIds,
  listSubscribers,
  type RecipientRow,
  recordPermanentFailure,
  resetFailures,
  type SubscriberPatch,
  type SubscriberRow,
  updateSubscriber,
} from './store/subscribers';
