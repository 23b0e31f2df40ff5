// The notify worker's ChannelSender for Zalo: render, upload and send, map Zalo's error codes.
// Every message goes out as a reply to the person's last message (its message_id) while Zalo's
// reply window has room; after that a notice follows the organisation's policy (decision 0027):
// a proactive message where the OA is verified, a ZNS template to the phone the person gave, or
// held (UndeliverableError) until the person next writes.
import { systemClock, type Clock } from '../../src/core/clock.js';
import type { ConversationRef, Outbound } from '../../src/dialog/dialog-types.js';
import {
  SendRejectedError,
  UndeliverableError,
  type ChannelSender,
  type SendContext,
} from '../../src/notify/channel-sender.js';
import type { ZaloOaClient, ZaloQuota, ZaloRecipient, ZnsRequest } from './zalo-api.js';
import {
  QUOTA_CODES,
  toChannelError,
  WINDOW_CLOSED_CODES,
  WINDOW_CLOSED_REASON,
  ZaloApiError,
} from './zalo-errors.js';
import { RenderError, renderOutbound, uploadedMessage, type ZaloCall } from './zalo-message.renderer.js';
import type { ZaloReplyWindow } from './zalo-reply-window.js';

/** Zalo publishes no per-user rate; a short gap keeps a burst of replies in order. */
export const ZALO_PACE_MS = 300;

export function renderForZalo(recipient: ConversationRef, content: Outbound): ZaloCall[] {
  try {
    return renderOutbound(content, { languageHint: recipient.languageHint });
  } catch (err) {
    if (err instanceof RenderError) throw new SendRejectedError(`not sendable on zalo: ${err.message}`);
    throw err;
  }
}

/**
 * Performs the calls in order, each to `to` (a reply when it has a messageId); resolves with the id
 * of the last message sent. `onQuota` hears every quota Zalo reports.
 */
export async function performZaloCalls(
  client: ZaloOaClient,
  to: ZaloRecipient,
  calls: ZaloCall[],
  onQuota?: (quota: ZaloQuota) => unknown,
): Promise<string> {
  let last = '';
  for (const call of calls) {
    const message =
      call.kind === 'send'
        ? call.message
        : uploadedMessage(call.upload, await client.upload(call.upload, call.file));
    const sent = await client.sendMessage(to, message);
    if (sent.quota && onQuota) await onQuota(sent.quota);
    last = sent.messageId;
  }
  return last;
}

/** How a notice reaches a person whose reply window is closed: the organisation's policy. */
export interface ZaloNoticeRoute {
  /** The OA is verified and may spend its proactive quota. */
  oaVerified: boolean;
  /** A ZNS template to the phone the person gave with consent (the request without trackingId). */
  zns?: Omit<ZnsRequest, 'trackingId'> | undefined;
}

export interface ZaloSenderOptions {
  paceMs?: number;
  /** Without it every message goes by user_id alone (proactive, as before decision 0027). */
  window?: ZaloReplyWindow;
  userKeyOf?: (userId: string) => string;
  /** The policy for a notice after the window; without it such a notice is held. */
  noticeRoute?: (context: SendContext | undefined, content: Outbound) => Promise<ZaloNoticeRoute>;
  onQuota?: (quota: ZaloQuota) => unknown;
  clock?: Clock;
}

export function createZaloSender(client: ZaloOaClient, options: ZaloSenderOptions = {}): ChannelSender {
  const each = options.paceMs ?? ZALO_PACE_MS;
  const clock = options.clock ?? systemClock;
  const hold = (why: string) =>
    new UndeliverableError(`${WINDOW_CLOSED_REASON} (${why}).`, { holdUntilNextContact: true });

  async function sendAfterWindow(
    userId: string,
    calls: ZaloCall[],
    content: Outbound,
    context: SendContext | undefined,
  ): Promise<string> {
    const route = options.noticeRoute ? await options.noticeRoute(context, content) : { oaVerified: false };
    if (route.oaVerified) {
      try {
        return await performZaloCalls(client, { userId }, calls, options.onQuota);
      } catch (err) {
        // The OA's proactive quota is spent, or Zalo will not reach the person: try the next route.
        if (!(
          err instanceof ZaloApiError &&
          (QUOTA_CODES.has(err.code) || WINDOW_CLOSED_CODES.has(err.code))
        ))
          throw toChannelError(err);
        if (QUOTA_CODES.has(err.code)) await options.onQuota?.({ kind: 'proactive', remain: 0 });
      }
    }
    // A ZNS template carries a line of text: a letter or a question to answer waits for the chat.
    if (route.zns && context && !content.file && !content.buttons?.length) {
      try {
        const sent = await client.sendZns({ ...route.zns, trackingId: context.notificationId });
        if (sent.quota) await options.onQuota?.(sent.quota);
        return `zns:${sent.messageId}`;
      } catch (err) {
        if (!(err instanceof ZaloApiError)) throw toChannelError(err);
        if (QUOTA_CODES.has(err.code)) await options.onQuota?.({ kind: 'zns', remain: 0 });
        // A refused ZNS (no Zalo account on that number, template off): hold it for their next message.
      }
    }
    throw hold(route.oaVerified ? 'hết hạn mức tin chủ động' : 'ngoài thời gian trả lời miễn phí');
  }

  return {
    channel: 'zalo',
    paceMs(recipient, content) {
      try {
        return each * Math.max(1, renderForZalo(recipient, content).length);
      } catch {
        return each;
      }
    },
    async send(recipient, content, context) {
      const calls = renderForZalo(recipient, content);
      if (calls.length === 0) throw new SendRejectedError('empty message');
      const userId = recipient.conversationId;
      try {
        if (!options.window || !options.userKeyOf) {
          return { channelMessageId: await performZaloCalls(client, { userId }, calls, options.onQuota) };
        }
        const userKey = options.userKeyOf(userId);
        const messageId = await options.window.take(userKey, calls.length, clock.now().getTime());
        if (!messageId) return { channelMessageId: await sendAfterWindow(userId, calls, content, context) };
        try {
          return {
            channelMessageId: await performZaloCalls(client, { userId, messageId }, calls, options.onQuota),
          };
        } catch (err) {
          // Zalo says the window is over (its count differs from ours): the policy decides.
          if (err instanceof ZaloApiError && QUOTA_CODES.has(err.code))
            return { channelMessageId: await sendAfterWindow(userId, calls, content, context) };
          throw err;
        }
      } catch (err) {
        throw err instanceof UndeliverableError ? err : toChannelError(err);
      }
    },
  };
}
