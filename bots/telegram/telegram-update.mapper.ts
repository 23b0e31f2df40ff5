// Telegram update → channel-neutral InboundEnvelope. Pure: the only I/O is the `download` the
// caller passes in, which runs when the dialog asks for a file's bytes. Anything the dialog does
// not understand (edits, polls, channel posts) maps to undefined and is ignored. A sticker is
// mapped: people send one instead of words, and silence would leave them waiting.
import type { ConversationRef, InboundEnvelope, InboundFile } from '../../src/dialog/dialog-types.js';

/** The part of Telegram's Update this adapter reads (allowed_updates: message, callback_query). */
export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  callback_query?: TgCallbackQuery;
}
export interface TgUser {
  id: number;
  is_bot?: boolean;
  first_name?: string;
  language_code?: string;
}
export interface TgChat {
  id: number;
  type: string;
}
interface TgFileRef {
  file_id: string;
  file_size?: number;
  file_name?: string;
  mime_type?: string;
}
export interface TgMessage {
  message_id: number;
  date?: number;
  chat: TgChat;
  from?: TgUser;
  text?: string;
  caption?: string;
  photo?: TgFileRef[];
  document?: TgFileRef;
  voice?: TgFileRef;
  audio?: TgFileRef;
  video?: TgFileRef;
  location?: { latitude: number; longitude: number };
  contact?: { phone_number: string; first_name?: string; last_name?: string; user_id?: number };
  sticker?: { file_id: string };
}
export interface TgCallbackQuery {
  id: string;
  from: TgUser;
  data?: string;
  message?: { message_id: number; chat: TgChat };
}

export interface UpdateMappingOptions {
  /** The bot's own username, to ignore `/command@OtherBot` in groups. */
  botUsername?: string | undefined;
  download: (channelFileId: string) => Promise<Buffer>;
  receivedAt: Date;
}

/** `/start u_ta-kkb`, `/tracuu@LangNgheBot ABC`: name, optional addressee, optional arguments. */
const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{3,64}))?(?:\s+([\s\S]*))?$/;

export function isTgUpdate(value: unknown): value is TgUpdate {
  return (
    typeof value === 'object' &&
    value !== null &&
    Number.isSafeInteger((value as { update_id?: unknown }).update_id)
  );
}

/** The chat an update belongs to: the unit of ordering. */
export function chatOfUpdate(update: TgUpdate): TgChat | undefined {
  return update.message?.chat ?? update.callback_query?.message?.chat;
}

export function mapTelegramUpdate(
  update: TgUpdate,
  options: UpdateMappingOptions,
): InboundEnvelope | undefined {
  const envelope = (chat: TgChat, from: TgUser | undefined, event: InboundEnvelope['event']) => ({
    conversation: conversationOf(chat, from),
    event,
    eventId: `tg:${update.update_id}`,
    receivedAt: options.receivedAt,
  });

  const query = update.callback_query;
  if (query) {
    if (!query.message || typeof query.data !== 'string' || query.data === '') return undefined;
    return envelope(query.message.chat, query.from, { type: 'choice', value: query.data });
  }

  const m = update.message;
  if (!m?.chat || m.from?.is_bot) return undefined;

  if (typeof m.text === 'string') {
    const command = COMMAND.exec(m.text.trim());
    if (command) {
      const [, name, addressee, args] = command;
      if (addressee && options.botUsername && addressee.toLowerCase() !== options.botUsername.toLowerCase()) {
        return undefined;
      }
      return envelope(m.chat, m.from, {
        type: 'command',
        command: name!.toLowerCase(),
        args: (args ?? '').trim(),
      });
    }
    return envelope(m.chat, m.from, { type: 'text', text: m.text });
  }

  const file = fileOf(m, options.download);
  if (file) {
    return envelope(m.chat, m.from, {
      type: 'file',
      file,
      ...(m.caption ? { caption: m.caption } : {}),
    });
  }

  if (m.location && Number.isFinite(m.location.latitude) && Number.isFinite(m.location.longitude)) {
    return envelope(m.chat, m.from, {
      type: 'location',
      latitude: m.location.latitude,
      longitude: m.location.longitude,
    });
  }

  if (m.contact?.phone_number) {
    const name = [m.contact.first_name, m.contact.last_name].filter(Boolean).join(' ').trim();
    return envelope(m.chat, m.from, {
      type: 'contact',
      phone: m.contact.phone_number,
      ...(name ? { name } : {}),
    });
  }
  if (m.sticker) return envelope(m.chat, m.from, { type: 'sticker' });
  return undefined;
}

function conversationOf(chat: TgChat, from: TgUser | undefined): ConversationRef {
  const ref: ConversationRef = { channel: 'telegram', conversationId: String(chat.id) };
  if (from && from.id !== chat.id) ref.userId = String(from.id);
  if (from?.language_code) ref.languageHint = from.language_code;
  return ref;
}

function fileOf(m: TgMessage, download: (id: string) => Promise<Buffer>): InboundFile | undefined {
  const make = (
    kind: InboundFile['kind'],
    f: TgFileRef,
    defaults: { mimeType?: string } = {},
  ): InboundFile => {
    const file: InboundFile = { kind, channelFileId: f.file_id, download: () => download(f.file_id) };
    if (f.file_name) file.fileName = f.file_name;
    const mimeType = f.mime_type ?? defaults.mimeType;
    if (mimeType) file.mimeType = mimeType;
    if (typeof f.file_size === 'number') file.sizeBytes = f.file_size;
    return file;
  };
  if (m.photo?.length) {
    // Telegram lists the sizes smallest first; the last is the original resolution.
    return make('photo', m.photo[m.photo.length - 1]!, { mimeType: 'image/jpeg' });
  }
  if (m.document) return make('document', m.document);
  if (m.voice) return make('voice', m.voice, { mimeType: 'audio/ogg' });
  // Audio and video are attachments like any document; the dialog's limits decide.
  if (m.audio) return make('document', m.audio);
  if (m.video) return make('document', m.video, { mimeType: 'video/mp4' });
  return undefined;
}
