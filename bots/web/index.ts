// The web chat adapter's public surface: routes for the page and its API, and the notify sender
// that stores messages for the page to fetch. The same dialog as every other channel answers.
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { AppContext } from '../../src/app-context.js';
import { createWebChatInbox, type DialogHandle } from './web-chat-inbox.js';
import { createWebChatMailbox } from './web-chat-mailbox.js';
import { registerWebChatRoutes } from './web-chat.routes.js';
import { createWebChatSessions } from './web-chat-session.js';
import { createUploadQuota } from './web-chat-upload-quota.js';

export { createWebChatSender, createWebChatMailbox } from './web-chat-mailbox.js';
export { sessionKeyOf, SESSION_HEADER } from './web-chat-session.js';

/** Registers the web chat on the app's HTTP server (bootstrap passes it to `mountRoutes`). */
export function createWebChatRoutes(
  ctx: AppContext,
  deps: { redis: Redis; handle: DialogHandle },
): (app: FastifyInstance) => void {
  const prefix = ctx.config.queuePrefix;
  const inbox = createWebChatInbox({
    redis: deps.redis,
    prefix,
    sealedBox: ctx.sealedBox,
    clock: ctx.clock,
    handle: deps.handle,
    idleLockMs: ctx.config.webChatIdleLockMs,
  });
  const routeDeps = {
    sessions: createWebChatSessions(deps.redis, prefix),
    inbox,
    mailbox: createWebChatMailbox(ctx),
    uploads: createUploadQuota(deps.redis, prefix, {
      filesPerDay: ctx.config.limits.chatUploadsPerDay,
      bytesPerDay: ctx.config.limits.chatUploadBytesPerDay,
    }),
  };
  return (app) => registerWebChatRoutes(app, ctx, routeDeps);
}
