import { describe, expect, it, vi } from 'vitest';
import { chatOfUpdate, mapTelegramUpdate, type TgUpdate } from './telegram-update.mapper.js';

const receivedAt = new Date('2026-03-02T02:00:00Z');
const download = vi.fn(async (id: string) => Buffer.from(`bytes of ${id}`));
const map = (update: TgUpdate, botUsername = 'LangNgheBot') =>
  mapTelegramUpdate(update, { botUsername, download, receivedAt });

const privateChat = { id: 5551234, type: 'private' };
const me = { id: 5551234, first_name: 'Lan', language_code: 'vi' };
const msg = (fields: Record<string, unknown>) => ({
  update_id: 901,
  message: { message_id: 7, chat: privateChat, from: me, ...fields },
});

describe('mapTelegramUpdate', () => {
  it('maps a text message to a text event with the conversation and tg:<update_id>', () => {
    expect(map(msg({ text: 'Phòng chờ quá nóng' }))).toEqual({
      conversation: { channel: 'telegram', conversationId: '5551234', languageHint: 'vi' },
      event: { type: 'text', text: 'Phòng chờ quá nóng' },
      eventId: 'tg:901',
      receivedAt,
    });
  });

  it('maps /start with a deep-link payload to a command', () => {
    expect(map(msg({ text: '/start u_ta-kkb' }))?.event).toEqual({
      type: 'command',
      command: 'start',
      args: 'u_ta-kkb',
    });
  });

  it('lower-cases the command, keeps multi-word arguments, and accepts its own @username', () => {
    expect(map(msg({ text: '/TraCuu@LangNgheBot  ABCD-123 xyz ' }))?.event).toEqual({
      type: 'command',
      command: 'tracuu',
      args: 'ABCD-123 xyz',
    });
    expect(map(msg({ text: '/huy' }))?.event).toEqual({ type: 'command', command: 'huy', args: '' });
  });

  it('ignores a command addressed to another bot', () => {
    expect(map(msg({ text: '/start@SomeOtherBot' }))).toBeUndefined();
  });

  it('treats a slash that is not a command as text', () => {
    expect(map(msg({ text: '/ không phải lệnh' }))?.event).toEqual({
      type: 'text',
      text: '/ không phải lệnh',
    });
  });

  it('maps a button press to a choice', () => {
    const env = map({
      update_id: 902,
      callback_query: {
        id: 'q1',
        from: me,
        data: 'kind:complaint',
        message: { message_id: 3, chat: privateChat },
      },
    });
    expect(env?.event).toEqual({ type: 'choice', value: 'kind:complaint' });
    expect(env?.eventId).toBe('tg:902');
    expect(env?.conversation.conversationId).toBe('5551234');
  });

  it('ignores a button press without a message (inline mode) or without data', () => {
    expect(map({ update_id: 1, callback_query: { id: 'q', from: me, data: 'x' } })).toBeUndefined();
    expect(
      map({
        update_id: 1,
        callback_query: { id: 'q', from: me, message: { message_id: 1, chat: privateChat } },
      }),
    ).toBeUndefined();
  });

  it('maps the largest photo size with a lazy download', async () => {
    const env = map(
      msg({
        photo: [
          { file_id: 'small', file_size: 100 },
          { file_id: 'large', file_size: 90_000 },
        ],
        caption: 'ảnh hành lang',
      }),
    );
    expect(env?.event).toMatchObject({
      type: 'file',
      caption: 'ảnh hành lang',
      file: { kind: 'photo', channelFileId: 'large', mimeType: 'image/jpeg', sizeBytes: 90_000 },
    });
    expect(download).not.toHaveBeenCalled();
    if (env?.event.type !== 'file') throw new Error('expected a file');
    expect((await env.event.file.download()).toString()).toBe('bytes of large');
    expect(download).toHaveBeenCalledWith('large');
  });

  it('maps documents, voice notes, audio and video to files', () => {
    expect(
      map(
        msg({ document: { file_id: 'd', file_name: 'don.pdf', mime_type: 'application/pdf', file_size: 5 } }),
      )?.event,
    ).toMatchObject({
      type: 'file',
      file: { kind: 'document', fileName: 'don.pdf', mimeType: 'application/pdf', sizeBytes: 5 },
    });
    expect(map(msg({ voice: { file_id: 'v', file_size: 9 } }))?.event).toMatchObject({
      file: { kind: 'voice', mimeType: 'audio/ogg' },
    });
    expect(map(msg({ audio: { file_id: 'a', mime_type: 'audio/mpeg' } }))?.event).toMatchObject({
      file: { kind: 'document', mimeType: 'audio/mpeg' },
    });
    expect(map(msg({ video: { file_id: 'vid' } }))?.event).toMatchObject({
      file: { kind: 'document', mimeType: 'video/mp4' },
    });
  });

  it('maps location and contact', () => {
    expect(map(msg({ location: { latitude: 10.98, longitude: 106.65 } }))?.event).toEqual({
      type: 'location',
      latitude: 10.98,
      longitude: 106.65,
    });
    expect(
      map(
        msg({
          contact: { phone_number: '+84912345678', first_name: 'Lan', last_name: 'Phạm', user_id: 5551234 },
        }),
      )?.event,
    ).toEqual({ type: 'contact', phone: '+84912345678', name: 'Lan Phạm' });
  });

  it('names the user separately in a group, maps stickers, and skips what the dialog does not take', () => {
    const env = map({
      update_id: 5,
      message: { message_id: 1, chat: { id: -100777, type: 'supergroup' }, from: me, text: '/hopthu' },
    });
    expect(env?.conversation).toEqual({
      channel: 'telegram',
      conversationId: '-100777',
      userId: '5551234',
      languageHint: 'vi',
    });
    expect(map(msg({ sticker: { file_id: 's' } }))?.event).toEqual({ type: 'sticker' });
    expect(map({ update_id: 6 })).toBeUndefined();
    expect(map(msg({ text: 'hi', from: { id: 9, is_bot: true } }))).toBeUndefined();
  });

  it('finds the chat of messages and button presses', () => {
    expect(chatOfUpdate(msg({ text: 'x' }))).toEqual(privateChat);
    expect(
      chatOfUpdate({
        update_id: 1,
        callback_query: { id: 'q', from: me, message: { message_id: 1, chat: privateChat } },
      }),
    ).toEqual(privateChat);
    expect(chatOfUpdate({ update_id: 1 })).toBeUndefined();
  });
});
