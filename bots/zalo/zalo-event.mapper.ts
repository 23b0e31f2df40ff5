// Zalo webhook event → channel-neutral InboundEnvelope. Every event is parsed with zod first;
// events the dialog does not take (the OA's own messages, anything new Zalo adds)
// come back as `ignored` with their name, to be logged and answered 200. Pure: the only I/O is the
// `download` the caller passes, run when the dialog asks for a file's bytes.
//
// Buttons: the OA API has no callback buttons. A button of type `oa.query.hide` makes the user's
// app send its payload as a hidden text message, which arrives here as `user_send_text`; our
// payloads start with BUTTON_PAYLOAD_PREFIX, so such a text is a button press (Inbound `choice`).
// QR keywords: a Zalo OA link cannot carry a parameter into the chat (zalo-link.ts), so a poster
// prints a keyword `#u_<unitCode>` to send; it is read like Telegram's `/start u_<unitCode>`.
import { z } from 'zod';
import type { ConversationRef, InboundEnvelope, InboundFile } from '../../src/dialog/dialog-types.js';

export const BUTTON_PAYLOAD_PREFIX = '#ln:';

const ZIdSchema = z.string().min(1).max(64);
/**
 * No cap of our own below the webhook's body limit: a text refused here used to be dropped as
 * "malformed" with no answer at all; the dialog answers a text that is too long in words.
 */
const ZUserTextSchema = z.string().max(200_000);
const ZTimestampSchema = z
  .union([z.string().regex(/^\d{10,16}$/), z.number().int().positive()])
  .transform(Number);
const ZCoordinateSchema = z.union([z.string(), z.number()]).transform(Number).pipe(z.number().finite());
const ZSizeSchema = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(Number);

const ZEnvelopeSchema = z.looseObject({
  event_name: z.string().min(1).max(100),
  timestamp: ZTimestampSchema,
});

const ZUserMessageBase = {
  event_name: z.string(),
  timestamp: ZTimestampSchema,
  sender: z.looseObject({ id: ZIdSchema }),
};

const ZTextEventSchema = z.looseObject({
  ...ZUserMessageBase,
  message: z.looseObject({ msg_id: ZIdSchema, text: ZUserTextSchema }),
});

const ZImageEventSchema = z.looseObject({
  ...ZUserMessageBase,
  message: z.looseObject({
    msg_id: ZIdSchema,
    text: ZUserTextSchema.optional(),
    attachments: z
      .array(
        z.looseObject({ type: z.string(), payload: z.looseObject({ url: z.url({ protocol: /^https?$/ }) }) }),
      )
      .min(1),
  }),
});

const ZFileEventSchema = z.looseObject({
  ...ZUserMessageBase,
  message: z.looseObject({
    msg_id: ZIdSchema,
    text: ZUserTextSchema.optional(),
    attachments: z
      .array(
        z.looseObject({
          type: z.string(),
          payload: z.looseObject({
            url: z.url({ protocol: /^https?$/ }),
            name: z.string().max(255).optional(),
            size: ZSizeSchema.optional(),
            type: z.string().max(20).optional(),
          }),
        }),
      )
      .min(1),
  }),
});

const ZLocationEventSchema = z.looseObject({
  ...ZUserMessageBase,
  message: z.looseObject({
    msg_id: ZIdSchema,
    attachments: z
      .array(
        z.looseObject({
          type: z.string(),
          payload: z.looseObject({
            coordinates: z.looseObject({ latitude: ZCoordinateSchema, longitude: ZCoordinateSchema }),
          }),
        }),
      )
      .min(1),
  }),
});

const ZStickerEventSchema = z.looseObject({
  ...ZUserMessageBase,
  message: z.looseObject({ msg_id: ZIdSchema }),
});

const ZFollowEventSchema = z.looseObject({
  event_name: z.string(),
  timestamp: ZTimestampSchema,
  follower: z.looseObject({ id: ZIdSchema }),
});

export type ParsedZaloEvent =
  | { kind: 'text'; userId: string; msgId: string; timestampMs: number; text: string }
  | {
      kind: 'image' | 'file';
      userId: string;
      msgId: string;
      timestampMs: number;
      url: string;
      caption?: string;
      fileName?: string;
      sizeBytes?: number;
      extension?: string;
    }
  | {
      kind: 'location';
      userId: string;
      msgId: string;
      timestampMs: number;
      latitude: number;
      longitude: number;
    }
  | { kind: 'sticker'; userId: string; msgId: string; timestampMs: number }
  | { kind: 'follow' | 'unfollow'; userId: string; timestampMs: number }
  | { kind: 'ignored'; eventName: string; reason: 'unknown-event' | 'malformed' };

export const HANDLED_EVENTS = [
  'user_send_text',
  'user_send_image',
  'user_send_file',
  'user_send_location',
  'user_send_sticker',
  'user_send_gif',
  'follow',
  'unfollow',
] as const;

export function parseZaloEvent(json: unknown): ParsedZaloEvent {
  const envelope = ZEnvelopeSchema.safeParse(json);
  if (!envelope.success) return { kind: 'ignored', eventName: 'unknown', reason: 'malformed' };
  const eventName = envelope.data.event_name;
  const malformed = { kind: 'ignored', eventName, reason: 'malformed' } as const;
  switch (eventName) {
    case 'user_send_text': {
      const e = ZTextEventSchema.safeParse(json);
      if (!e.success) return malformed;
      return {
        kind: 'text',
        userId: e.data.sender.id,
        msgId: e.data.message.msg_id,
        timestampMs: e.data.timestamp,
        text: e.data.message.text,
      };
    }
    case 'user_send_image':
    case 'user_send_file': {
      const e = (eventName === 'user_send_image' ? ZImageEventSchema : ZFileEventSchema).safeParse(json);
      if (!e.success) return malformed;
      const att = e.data.message.attachments[0]!;
      const payload = att.payload as { url: string; name?: string; size?: number; type?: string };
      const caption = e.data.message.text?.trim();
      return {
        kind: eventName === 'user_send_image' ? 'image' : 'file',
        userId: e.data.sender.id,
        msgId: e.data.message.msg_id,
        timestampMs: e.data.timestamp,
        url: payload.url,
        ...(caption ? { caption } : {}),
        ...(payload.name ? { fileName: payload.name } : {}),
        ...(payload.size !== undefined ? { sizeBytes: payload.size } : {}),
        ...(payload.type ? { extension: payload.type.toLowerCase() } : {}),
      };
    }
    case 'user_send_location': {
      const e = ZLocationEventSchema.safeParse(json);
      if (!e.success) return malformed;
      const { latitude, longitude } = e.data.message.attachments[0]!.payload.coordinates;
      if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return malformed;
      return {
        kind: 'location',
        userId: e.data.sender.id,
        msgId: e.data.message.msg_id,
        timestampMs: e.data.timestamp,
        latitude,
        longitude,
      };
    }
    // A sticker or GIF carries no words, but is answered (the dialog asks for words instead).
    case 'user_send_sticker':
    case 'user_send_gif': {
      const e = ZStickerEventSchema.safeParse(json);
      if (!e.success) return malformed;
      return {
        kind: 'sticker',
        userId: e.data.sender.id,
        msgId: e.data.message.msg_id,
        timestampMs: e.data.timestamp,
      };
    }
    case 'follow':
    case 'unfollow': {
      const e = ZFollowEventSchema.safeParse(json);
      if (!e.success) return malformed;
      return { kind: eventName, userId: e.data.follower.id, timestampMs: e.data.timestamp };
    }
    default:
      return { kind: 'ignored', eventName, reason: 'unknown-event' };
  }
}

export interface EventMappingOptions {
  download: (url: string) => Promise<Buffer>;
  receivedAt: Date;
  /** Our id for the event, used by the dialog to ignore repeats (`zalo:<msg_id>`). */
  eventId: string;
}

/** `/tracuu ABC`, `/start u_ta-kkb`: like Telegram's commands (no @addressee on Zalo). */
const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:\s+([\s\S]*))?$/;
/** A poster's keyword: `#u_ta-kkb` presets the unit, `#t_<code>` opens tracking. */
const KEYWORD = /^#((?:u|t)_[A-Za-z0-9_-]{1,62})$/;

const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  txt: 'text/plain',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  mp4: 'video/mp4',
};

export function toInboundEnvelope(
  event: ParsedZaloEvent,
  options: EventMappingOptions,
): InboundEnvelope | undefined {
  if (event.kind === 'ignored' || event.kind === 'unfollow') return undefined;
  const conversation: ConversationRef = { channel: 'zalo', conversationId: event.userId };
  const envelope = (e: InboundEnvelope['event']): InboundEnvelope => ({
    conversation,
    event: e,
    eventId: options.eventId,
    receivedAt: options.receivedAt,
  });
  switch (event.kind) {
    case 'follow':
      // Following the OA is the Zalo way of opening the chat: greet as Telegram's /start does.
      return envelope({ type: 'command', command: 'start', args: '' });
    case 'text': {
      const text = event.text.trim();
      if (text.startsWith(BUTTON_PAYLOAD_PREFIX) && text.length > BUTTON_PAYLOAD_PREFIX.length) {
        return envelope({ type: 'choice', value: text.slice(BUTTON_PAYLOAD_PREFIX.length) });
      }
      const keyword = KEYWORD.exec(text);
      if (keyword) return envelope({ type: 'command', command: 'start', args: keyword[1]! });
      const command = COMMAND.exec(text);
      if (command) {
        return envelope({
          type: 'command',
          command: command[1]!.toLowerCase(),
          args: (command[2] ?? '').trim(),
        });
      }
      return envelope({ type: 'text', text: event.text });
    }
    case 'image':
    case 'file': {
      const file: InboundFile = {
        kind: event.kind === 'image' ? 'photo' : 'document',
        channelFileId: `zalo:${event.msgId}`,
        download: () => options.download(event.url),
      };
      const extension =
        event.extension ?? /\.([A-Za-z0-9]{1,5})$/.exec(event.fileName ?? '')?.[1]?.toLowerCase();
      const mimeType =
        event.kind === 'image' ? 'image/jpeg' : extension ? MIME_BY_EXTENSION[extension] : undefined;
      if (mimeType) file.mimeType = mimeType;
      if (event.fileName) file.fileName = event.fileName;
      if (event.sizeBytes !== undefined) file.sizeBytes = event.sizeBytes;
      return envelope({ type: 'file', file, ...(event.caption ? { caption: event.caption } : {}) });
    }
    case 'location':
      return envelope({ type: 'location', latitude: event.latitude, longitude: event.longitude });
    case 'sticker':
      return envelope({ type: 'sticker' });
  }
}
