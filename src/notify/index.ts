// The notify feature: any use case sends a message to a person or a unit's group with
// enqueueNotification; the `notify.deliver` job sends it through the channel's registered sender.
export {
  RetryAfterError,
  SendRejectedError,
  UndeliverableError,
  createChannelSenders,
  type ChannelSender,
  type ChannelSenders,
} from './channel-sender.js';
export { deliverNotification, type DeliveryDeps, type DeliveryResult } from './deliver-notification.js';
export {
  enqueueNotification,
  type EnqueuedNotification,
  type NotificationRequest,
} from './enqueue-notification.js';
export { createHeldNotifications, HOLD_TTL_SECONDS, type HeldNotifications } from './held-notifications.js';
export { listNotificationStatusesOfCase } from './notification.repository.js';
export { createRecipientPacer, recipientKey, type RecipientPacer } from './recipient-pacer.js';
export { requeuePendingNotifications } from './requeue-pending-notifications.js';
