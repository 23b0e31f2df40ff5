// The notify worker's ChannelSender for Zalo: render, upload and send, map Zalo's error codes. A
// message refused because the user has not written to the OA for 7 days becomes an
// UndeliverableError that asks notify to hold it until their next contact.
import type { ConversationRef, Outbound } from '../../src/dialog/dialog-types.js';
import { SendRejectedError, type ChannelSender } from '../../src/notify/channel-sender.js';
import type { ZaloOaClient } from './zalo-api.js';
import { toChannelError } from './zalo-errors.js';
import { RenderError, renderOutbound, uploadedMessage, type ZaloCall } from './zalo-message.renderer.js';

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

/** Performs the calls in order; resolves with the id of the last message sent. */
export async function performZaloCalls(
  client: ZaloOaClient,
  userId: string,
  calls: ZaloCall[],
): Promise<string> {
  let last = '';
  for (const call of calls) {
    if (call.kind === 'send') {
      last = await client.sendMessage(userId, call.message);
    } else {
      const id = await client.upload(call.upload, call.file);
      last = await client.sendMessage(userId, uploadedMessage(call.upload, id));
    }
  }
  return last;
}

export function createZaloSender(client: ZaloOaClient, options: { paceMs?: number } = {}): ChannelSender {
  const each = options.paceMs ?? ZALO_PACE_MS;
  return {
    channel: 'zalo',
    paceMs(recipient, content) {
      try {
        return each * Math.max(1, renderForZalo(recipient, content).length);
      } catch {
        return each;
      }
    },
    async send(recipient, content) {
      const calls = renderForZalo(recipient, content);
      if (calls.length === 0) throw new SendRejectedError('empty message');
      try {
        return { channelMessageId: await performZaloCalls(client, recipient.conversationId, calls) };
      } catch (err) {
        throw toChannelError(err);
      }
    },
  };
}
