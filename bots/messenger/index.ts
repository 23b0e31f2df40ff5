// The Messenger (Facebook Page) adapter's public surface. Everything Messenger-specific stays here.
export { createMessengerClient, type MessengerClient } from './messenger-api.js';
export { createMessengerChannel, type MessengerChannel } from './messenger-channel.js';
export { createMessengerSender } from './messenger-sender.js';
export { computeMessengerSignature } from './messenger-signature.js';
export { MESSENGER_WEBHOOK_PATH, registerMessengerWebhookRoute } from './messenger-webhook.route.js';
