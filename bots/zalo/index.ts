// The Zalo OA adapter's public surface. Everything Zalo-specific stays behind this line.
export { createZaloOaClient, type ZaloOaClient, type ZaloQuota } from './zalo-api.js';
export { createZaloChannel, type ZaloChannel, type ZaloChannelOptions } from './zalo-channel.js';
export { ZaloApiError, ZaloAuthError, ZaloNotAuthorizedError } from './zalo-errors.js';
export { zaloOaLink, zaloUnitKeyword } from './zalo-link.js';
export { createZaloQuotaWatch } from './zalo-quota-watch.js';
export { createZaloReplyWindow, zaloUserKey, type ZaloReplyWindow } from './zalo-reply-window.js';
export { createZaloSender, type ZaloNoticeRoute } from './zalo-sender.js';
export { computeZaloMac, STALE_AFTER_MS } from './zalo-signature.js';
export {
  createZaloTokens,
  storeZaloTokenFromRefreshToken,
  type ZaloOAuthOptions,
  type ZaloTokens,
} from './zalo-tokens.js';
export { registerZaloWebhookRoute, ZALO_WEBHOOK_PATH } from './zalo-webhook.route.js';
