// The channel-neutral vocabulary between channel adapters (bots/telegram, bots/zalo, the web chat)
// and the one intake dialog. No channel's types appear here or in the dialog: an adapter turns its
// updates into an InboundEnvelope and renders each Outbound in its own way.

export type DialogChannel = 'telegram' | 'zalo' | 'web' | 'messenger';
export type Locale = 'vi' | 'en';

/** Who is talking, as the channel identifies them. Never logged, never put in a job payload. */
export interface ConversationRef {
  channel: DialogChannel;
  /** Stable id of the conversation on that channel (Telegram chat id, Zalo user id, web session id). */
  conversationId: string;
  /** The person's account id on the channel when it differs from the conversation (groups). */
  userId?: string;
  /** The language the channel reports for the user, if any. */
  languageHint?: string;
}

export interface InboundFile {
  kind: 'photo' | 'document' | 'voice';
  /** The channel's own handle for the file; the adapter knows how to download it. */
  channelFileId: string;
  fileName?: string;
  mimeType?: string;
  /** As reported by the channel before download, when known: lets the dialog refuse early. */
  sizeBytes?: number;
  /** Downloads the bytes (the adapter implements it: Telegram getFile, Zalo URL, web upload). */
  download(): Promise<Buffer>;
}

export type Inbound =
  | { type: 'text'; text: string }
  /** A button press; `value` is the Button.value the dialog sent. */
  | { type: 'choice'; value: string }
  /** `/start u_ta-kkb` → { command: 'start', args: 'u_ta-kkb' }; names without the slash, lower case. */
  | { type: 'command'; command: string; args: string }
  | { type: 'file'; file: InboundFile; caption?: string }
  /** A sticker or GIF: no words to take, but it deserves an answer. */
  | { type: 'sticker' }
  | { type: 'location'; latitude: number; longitude: number }
  | { type: 'contact'; phone: string; name?: string };

export interface InboundEnvelope {
  conversation: ConversationRef;
  event: Inbound;
  /** The channel's id for this update/message, used to ignore repeats (e.g. `tg:<update_id>`). */
  eventId: string;
  receivedAt: Date;
  /**
   * Where the person writes from, when the channel knows it: an opaque keyed hash (the web chat's
   * client address), never the address. A submission counts against the cap on new cases per
   * unit and organisation for it (src/intake/new-case-cap.ts); without it, the conversation is.
   */
  source?: string;
}

export interface Button {
  /** What the person reads, in their language. */
  label: string;
  /** Sent back as Inbound `choice`. At most 64 bytes of [A-Za-z0-9_:.-] (Telegram's callback_data limit). */
  value: string;
}

export interface OutboundFile {
  fileName: string;
  mimeType: string;
  /**
   * The file store's key (letters: what a stored notification carries, decision 0021) or the
   * bytes. Channel adapters are given bytes: the key is read where the message is sent from.
   */
  key?: string;
  bytes?: Buffer;
}

export interface Outbound {
  text: string;
  /** Rows of buttons. */
  buttons?: Button[][];
  file?: OutboundFile;
  /** Ask the channel for the person's phone number (Telegram request_contact keyboard). */
  requestContact?: boolean;
  /**
   * Set on the receipt of a new case (the text already says all of it): lets a channel that can
   * show links (the web chat) point at the tracking page. Channels without links ignore it.
   */
  receipt?: { code: string; followUpSecret?: string };
}

/**
 * How a button press is answered besides messages to the chat. In a group a press is private to
 * the presser (others see neither the press nor a refusal), while the message carrying the buttons
 * is seen by everyone: it changes only when what it shows changed.
 */
export interface PressAnswer {
  /** Shown to the presser alone (Telegram: answerCallbackQuery). */
  notice?: {
    text: string;
    /** A dialog to dismiss (a refusal that must be read) rather than a passing toast. */
    alert?: boolean;
    /**
     * The presser has a private chat with the bot (staff bound by /thamgia): a notice too long for
     * the channel's toast may be sent there in full.
     */
    privateCopy?: boolean;
  };
  /** The pressed message: left as it is, or rewritten for everyone (without buttons: none left). */
  message: 'keep' | { text: string; buttons?: Button[][] };
}

/** A handler's answer to a button press: messages to the chat, and the press's own answer. */
export interface PressReply {
  replies: Outbound[];
  press: PressAnswer;
}

/**
 * What a handler answers to one inbound event. Plain messages, or, to a button press, a PressReply;
 * a press answered with plain messages gets the channel's default (Telegram: the pressed keyboard
 * is retired, which suits the one-person intake dialog).
 */
export type InboundAnswer = Outbound[] | PressReply;

export function repliesOf(answer: InboundAnswer): Outbound[] {
  return Array.isArray(answer) ? answer : answer.replies;
}

export function pressOf(answer: InboundAnswer): PressAnswer | undefined {
  return Array.isArray(answer) ? undefined : answer.press;
}
