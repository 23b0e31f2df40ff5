import { describe, expect, it } from 'vitest';
import { parseZaloEvent, toInboundEnvelope } from './zalo-event.mapper.js';

const base = { app_id: '1', timestamp: '1760000000000', recipient: { id: 'oa' } };
const opts = { download: async () => Buffer.from('x'), receivedAt: new Date(0), eventId: 'zalo:m1' };
const map = (event: Record<string, unknown>) =>
  toInboundEnvelope(parseZaloEvent({ ...base, ...event }), opts);
const text = (t: string) =>
  map({ event_name: 'user_send_text', sender: { id: '42' }, message: { msg_id: 'm1', text: t } })?.event;

describe('Zalo events → Inbound', () => {
  it('maps a text to the conversation of its sender', () => {
    const env = map({
      event_name: 'user_send_text',
      sender: { id: '42' },
      message: { msg_id: 'm1', text: 'Xin chào' },
    });
    expect(env).toMatchObject({
      conversation: { channel: 'zalo', conversationId: '42' },
      event: { type: 'text', text: 'Xin chào' },
      eventId: 'zalo:m1',
    });
  });

  it('reads a button press (hidden #ln: payload) as a choice, commands and poster keywords as commands', () => {
    expect(text('#ln:menu:report')).toEqual({ type: 'choice', value: 'menu:report' });
    expect(text('/tracuu ABCD-EFG-HJK')).toEqual({
      type: 'command',
      command: 'tracuu',
      args: 'ABCD-EFG-HJK',
    });
    expect(text('#u_ta-kkb')).toEqual({ type: 'command', command: 'start', args: 'u_ta-kkb' });
    expect(text('#ln:')).toEqual({ type: 'text', text: '#ln:' });
    expect(text('#hashtag bình thường')).toEqual({ type: 'text', text: '#hashtag bình thường' });
  });

  it('maps an image and a file to files the dialog downloads through the adapter', async () => {
    const image = map({
      event_name: 'user_send_image',
      sender: { id: '42' },
      message: {
        msg_id: 'm2',
        text: 'ảnh phòng chờ',
        attachments: [{ type: 'image', payload: { url: 'https://cdn.zalo/x.jpg' } }],
      },
    });
    expect(image?.event).toMatchObject({
      type: 'file',
      caption: 'ảnh phòng chờ',
      file: { kind: 'photo', mimeType: 'image/jpeg' },
    });
    const file = map({
      event_name: 'user_send_file',
      sender: { id: '42' },
      message: {
        msg_id: 'm3',
        attachments: [
          {
            type: 'file',
            payload: { url: 'https://cdn.zalo/a', name: 'don.pdf', size: '2048', type: 'pdf' },
          },
        ],
      },
    });
    expect(file?.event).toMatchObject({
      type: 'file',
      file: { kind: 'document', fileName: 'don.pdf', mimeType: 'application/pdf', sizeBytes: 2048 },
    });
    if (file?.event.type === 'file') expect((await file.event.file.download()).toString()).toBe('x');
  });

  it('maps a location given as strings, and refuses impossible coordinates', () => {
    const loc = (latitude: string) =>
      map({
        event_name: 'user_send_location',
        sender: { id: '42' },
        message: {
          msg_id: 'm4',
          attachments: [{ type: 'location', payload: { coordinates: { latitude, longitude: '106.78' } } }],
        },
      })?.event;
    expect(loc('10.79')).toEqual({ type: 'location', latitude: 10.79, longitude: 106.78 });
    expect(loc('123')).toBeUndefined();
  });

  it('maps a sticker and a GIF to a sticker the dialog answers', () => {
    for (const event_name of ['user_send_sticker', 'user_send_gif']) {
      const env = map({
        event_name,
        sender: { id: '42' },
        message: {
          msg_id: 'm9',
          attachments: [{ type: 'sticker', payload: { id: 'x', url: 'https://s/x' } }],
        },
      });
      expect(env).toMatchObject({ conversation: { conversationId: '42' }, event: { type: 'sticker' } });
    }
    expect(parseZaloEvent({ ...base, event_name: 'user_send_sticker', sender: { id: '42' } })).toMatchObject({
      kind: 'ignored',
      reason: 'malformed',
    });
  });

  it('greets a new follower like /start; unfollow, unknown and malformed events map to nothing', () => {
    expect(map({ event_name: 'follow', follower: { id: '42' } })?.event).toEqual({
      type: 'command',
      command: 'start',
      args: '',
    });
    expect(parseZaloEvent({ ...base, event_name: 'unfollow', follower: { id: '42' } })).toMatchObject({
      kind: 'unfollow',
    });
    expect(map({ event_name: 'unfollow', follower: { id: '42' } })).toBeUndefined();
    expect(parseZaloEvent({ ...base, event_name: 'user_send_video', sender: { id: '42' } })).toEqual({
      kind: 'ignored',
      eventName: 'user_send_video',
      reason: 'unknown-event',
    });
    expect(parseZaloEvent({ ...base, event_name: 'user_send_text', sender: { id: '42' } })).toMatchObject({
      kind: 'ignored',
      reason: 'malformed',
    });
    expect(
      parseZaloEvent({
        ...base,
        event_name: 'user_send_image',
        sender: { id: '42' },
        message: { msg_id: 'm', attachments: [{ type: 'image', payload: { url: 'file:///etc/passwd' } }] },
      }),
    ).toMatchObject({ kind: 'ignored' });
    expect(parseZaloEvent('nonsense')).toMatchObject({ kind: 'ignored', reason: 'malformed' });
  });
});
