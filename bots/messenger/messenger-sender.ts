// The notify worker's ChannelSender for Messenger, and the adapter's direct replies. A notice the
// platform refuses because the 24-hour window closed becomes an UndeliverableError that asks
// notify to hold it until the person writes again (src/notify/held-notifications.ts).
import type { ConversationRef, Outbound } from '../../src/dialog/dialog-types.js';
import { SendRejectedError, type ChannelSender } from '../../src/notify/channel-sender.js';
import type { MessagingType, MessengerClient } from './messenger-api.js';
import { toChannelError } from './messenger-errors.js';
import { RenderError, renderOutbound, type MessengerCall } from './messenger-message.renderer.js';

/** Messenger publishes no per-user rate; a short gap keeps a burst of replies in order. */
export const MESSENGER_PACE_MS = 300;

export function renderForMessenger(recipient: ConversationRef, content: Outbound): MessengerCall[] {
  try {
    return renderOutbound(content, { languageHint: recipient.languageHint });
  } catch (err) {
    if (err instanceof RenderError) throw new SendRejectedError(`not sendable on messenger: ${err.message}`);
    throw err;
  }
}

/** Performs the calls in order; resolves with the id of the last message sent. */
export async function performMessengerCalls(
  client: MessengerClient,
  psid: string,
  calls: MessengerCall[],
  messagingType: MessagingType,
): Promise<string> {
  let last = '';
  for (const call of calls) {
    last =
      call.kind === 'send'
        ? await client.sendMessage(psid, call.message, messagingType)
        : await client.sendFile(psid, call.file, call.type, messagingType);
  }
  return last;
}

export function createMessengerSender(
  client: MessengerClient,
  options: { paceMs?: number } = {},
): ChannelSender {
  const each = options.paceMs ?? MESSENGER_PACE_MS;
  return {
    channel: 'messenger',
    paceMs(recipient, content) {
      try {
        return each * Math.max(1, renderForMessenger(recipient, content).length);
      } catch {
        return each;
      }
    },
    async send(recipient, content) {
      const calls = renderForMessenger(recipient, content);
      if (calls.length === 0) throw new SendRejectedError('empty message');
      try {
        // Sent later than the person's message: a notice (UPDATE), allowed inside the window only.
        return {
          channelMessageId: await performMessengerCalls(client, recipient.conversationId, calls, 'UPDATE'),
        };
      } catch (err) {
        throw toChannelError(err);
      }
    },
  };
}
