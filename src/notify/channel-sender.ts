// What the notify worker needs from a channel: send one Outbound to one recipient, and say how far
// apart messages to that recipient must be. Each channel adapter (bots/telegram, later Zalo and the
// web chat) implements it and is registered at start; the use cases never see a channel's client.
import type { ConversationRef, DialogChannel, Outbound } from '../dialog/dialog-types.js';

/** What the notify worker knows about the message being sent, beyond its recipient and content. */
export interface SendContext {
  notificationId: string;
  /** The case it is about, when it is about one (a notice by another route needs the case: Zalo ZNS). */
  caseId?: string | undefined;
}

export interface ChannelSender {
  readonly channel: DialogChannel;
  /**
   * Sends the content; resolves with the channel's id of the (last) message sent. Throws
   * RetryAfterError when the channel asks to wait, UndeliverableError when the recipient cannot
   * be reached at all, SendRejectedError when the channel refuses the content itself; anything
   * else is a transient failure retried with backoff.
   */
  send(
    recipient: ConversationRef,
    content: Outbound,
    context?: SendContext,
  ): Promise<{ channelMessageId: string }>;
  /** Minimum time to keep free after this content before the next message to the same recipient. */
  paceMs(recipient: ConversationRef, content: Outbound): number;
}

/** The channel asked to wait (Telegram 429 `retry_after`). Not a failure: the job is delayed, no attempt is spent. */
export class RetryAfterError extends Error {
  override name = 'RetryAfterError';
  constructor(readonly retryAfterMs: number) {
    super(`channel asked to retry after ${retryAfterMs} ms`);
  }
}

/**
 * The recipient cannot be reached (bot blocked, chat gone, messaging window closed). Recorded on
 * the notification as `undeliverable` with `reason`, never retried. `reason` is shown to officers:
 * short, no personal data.
 */
export class UndeliverableError extends Error {
  override name = 'UndeliverableError';
  /**
   * The channel will accept messages again once the person writes (Zalo's reply window): the
   * notification is held (src/notify/held-notifications.ts) and sent again on their next contact.
   */
  readonly holdUntilNextContact: boolean;
  constructor(
    readonly reason: string,
    options: { holdUntilNextContact?: boolean } = {},
  ) {
    super(reason);
    this.holdUntilNextContact = options.holdUntilNextContact ?? false;
  }
}

/** The channel refused the content itself (too long, malformed): retrying cannot help. Recorded as `failed`. */
export class SendRejectedError extends Error {
  override name = 'SendRejectedError';
  constructor(readonly reason: string) {
    super(reason);
  }
}

export interface ChannelSenders {
  get(channel: DialogChannel): ChannelSender | undefined;
  register(sender: ChannelSender): void;
  channels(): DialogChannel[];
}

export function createChannelSenders(initial: ChannelSender[] = []): ChannelSenders {
  const byChannel = new Map<DialogChannel, ChannelSender>();
  const register = (sender: ChannelSender) => {
    if (byChannel.has(sender.channel))
      throw new Error(`a sender for ${sender.channel} is already registered`);
    byChannel.set(sender.channel, sender);
  };
  initial.forEach(register);
  return {
    get: (channel) => byChannel.get(channel),
    register,
    channels: () => [...byChannel.keys()],
  };
}
