// The notify worker's ChannelSender for Telegram: render, perform, map errors. Pacing follows
// Telegram's guidance: about one message per second in a private chat, twenty per minute in a
// group (negative chat ids), counted per message actually sent.
import type { ConversationRef, Outbound } from '../../src/dialog/dialog-types.js';
import { SendRejectedError, type ChannelSender } from '../../src/notify/channel-sender.js';
import { createTelegramClient, performCalls, type TelegramApiOptions } from './telegram-api.js';
import { toChannelError } from './telegram-errors.js';
import { RenderError, renderOutbound } from './telegram-message.renderer.js';

export const PRIVATE_CHAT_PACE_MS = 1000;
export const GROUP_CHAT_PACE_MS = 3000;

export function createTelegramSender(
  options: TelegramApiOptions & { privatePaceMs?: number; groupPaceMs?: number },
): ChannelSender {
  const telegram = createTelegramClient(options);
  const render = (recipient: ConversationRef, content: Outbound) => {
    try {
      return renderOutbound(recipient.conversationId, content, { languageHint: recipient.languageHint });
    } catch (err) {
      if (err instanceof RenderError) throw new SendRejectedError(`not sendable on telegram: ${err.message}`);
      throw err;
    }
  };
  return {
    channel: 'telegram',
    paceMs(recipient, content) {
      const group = recipient.conversationId.startsWith('-');
      const each = group
        ? (options.groupPaceMs ?? GROUP_CHAT_PACE_MS)
        : (options.privatePaceMs ?? PRIVATE_CHAT_PACE_MS);
      let count = 1;
      try {
        count = Math.max(1, render(recipient, content).length);
      } catch {
        // send() will refuse it; pacing does not matter.
      }
      return each * count;
    },
    async send(recipient, content) {
      const calls = render(recipient, content);
      if (calls.length === 0) throw new SendRejectedError('empty message');
      try {
        const id = await performCalls(telegram, calls);
        return { channelMessageId: String(id ?? '') };
      } catch (err) {
        throw toChannelError(err);
      }
    },
  };
}
