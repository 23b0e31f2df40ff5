import { describe, expect, it } from 'vitest';
import {
  CAPTION_LIMIT,
  RenderError,
  TEXT_LIMIT,
  renderOutbound,
  splitText,
} from './telegram-message.renderer.js';

describe('renderOutbound', () => {
  it('sends plain text without parse mode, clearing any reply keyboard in a private chat', () => {
    expect(renderOutbound('42', { text: 'Xin chào <b>' })).toEqual([
      {
        method: 'sendMessage',
        payload: { chat_id: '42', text: 'Xin chào <b>', reply_markup: { remove_keyboard: true } },
      },
    ]);
  });

  it('leaves group messages without a keyboard', () => {
    expect(renderOutbound('-100123', { text: 'Hồ sơ mới' })).toEqual([
      { method: 'sendMessage', payload: { chat_id: '-100123', text: 'Hồ sơ mới' } },
    ]);
  });

  it('turns button rows into an inline keyboard whose callback_data is the button value', () => {
    const [call] = renderOutbound('42', {
      text: 'Bạn muốn làm gì?',
      buttons: [
        [
          { label: 'Phản ánh', value: 'kind:report' },
          { label: 'Khiếu nại', value: 'kind:complaint' },
        ],
        [{ label: 'Tra cứu', value: 'track' }],
      ],
    });
    expect(call!.payload.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: 'Phản ánh', callback_data: 'kind:report' },
          { text: 'Khiếu nại', callback_data: 'kind:complaint' },
        ],
        [{ text: 'Tra cứu', callback_data: 'track' }],
      ],
    });
  });

  it('refuses button values Telegram cannot carry back (over 64 bytes, other characters)', () => {
    expect(() =>
      renderOutbound('42', { text: 't', buttons: [[{ label: 'x', value: 'a'.repeat(65) }]] }),
    ).toThrow(RenderError);
    expect(() => renderOutbound('42', { text: 't', buttons: [[{ label: 'x', value: 'có dấu' }]] })).toThrow(
      RenderError,
    );
    expect(() =>
      renderOutbound('42', { text: 't', buttons: [[{ label: 'x', value: 'a'.repeat(64) }]] }),
    ).not.toThrow();
  });

  it('asks for the phone number with a one-time contact keyboard in the person’s language', () => {
    const [vi] = renderOutbound('42', { text: 'Số điện thoại?', requestContact: true });
    expect(vi!.payload.reply_markup).toEqual({
      keyboard: [[{ text: '📱 Gửi số điện thoại', request_contact: true }]],
      resize_keyboard: true,
      one_time_keyboard: true,
    });
    const [en] = renderOutbound('42', { text: 'Phone?', requestContact: true }, { languageHint: 'en-US' });
    expect(en!.payload.reply_markup).toMatchObject({ keyboard: [[{ text: '📱 Share my phone number' }]] });
  });

  it('with buttons and a contact request, sends the buttons first and the contact keyboard in a second message', () => {
    const calls = renderOutbound('42', {
      text: 'Để lại liên hệ hay ẩn danh?',
      buttons: [[{ label: 'Ẩn danh', value: 'anonymous' }]],
      requestContact: true,
    });
    expect(calls).toHaveLength(2);
    expect(calls[0]!.payload).toMatchObject({
      text: 'Để lại liên hệ hay ẩn danh?',
      reply_markup: { inline_keyboard: [[{ callback_data: 'anonymous' }]] },
    });
    expect(calls[1]!.payload.reply_markup).toMatchObject({ keyboard: [[{ request_contact: true }]] });
  });

  it('sends a file with sendDocument, the text as caption when it fits', () => {
    const bytes = Buffer.from('%PDF');
    expect(
      renderOutbound('42', {
        text: 'Phiếu tiếp nhận',
        file: { fileName: 'phieu.pdf', mimeType: 'application/pdf', bytes },
      }),
    ).toEqual([
      {
        method: 'sendDocument',
        payload: {
          chat_id: '42',
          document: { fileName: 'phieu.pdf', mimeType: 'application/pdf', bytes },
          caption: 'Phiếu tiếp nhận',
          reply_markup: { remove_keyboard: true },
        },
      },
    ]);
  });

  it('sends a long text before the file, and the buttons on the file', () => {
    const text = 'x'.repeat(CAPTION_LIMIT + 1);
    const calls = renderOutbound('42', {
      text,
      file: { fileName: 'a.pdf', mimeType: 'application/pdf', bytes: Buffer.from('%PDF-1.4') },
      buttons: [[{ label: 'OK', value: 'ok' }]],
    });
    expect(calls.map((c) => c.method)).toEqual(['sendMessage', 'sendDocument']);
    expect(calls[0]!.payload).toEqual({ chat_id: '42', text });
    expect(calls[1]!.payload).toMatchObject({
      document: { bytes: Buffer.from('%PDF-1.4') },
      reply_markup: { inline_keyboard: [[{ text: 'OK' }]] },
    });
    expect(calls[1]!.payload).not.toHaveProperty('caption');
  });

  it('splits text over 4096 characters, buttons on the last piece', () => {
    const paragraph = 'Nội dung dài. '.repeat(200).trim();
    const text = `${paragraph}\n${paragraph}\n${paragraph}`;
    const calls = renderOutbound('42', { text, buttons: [[{ label: 'OK', value: 'ok' }]] });
    expect(calls.length).toBeGreaterThan(1);
    for (const c of calls)
      expect((c.payload as { text: string }).text.length).toBeLessThanOrEqual(TEXT_LIMIT);
    expect(calls.slice(0, -1).every((c) => !c.payload.reply_markup)).toBe(true);
    expect(calls.at(-1)!.payload.reply_markup).toMatchObject({ inline_keyboard: [[{ text: 'OK' }]] });
  });

  it('renders nothing for an empty message, and refuses buttons without text', () => {
    expect(renderOutbound('42', { text: '  ' })).toEqual([]);
    expect(() => renderOutbound('42', { text: '', buttons: [[{ label: 'a', value: 'a' }]] })).toThrow(
      RenderError,
    );
  });
});

describe('splitText', () => {
  it('keeps short text whole and cuts long text at line breaks, then spaces', () => {
    expect(splitText('ngắn', 10)).toEqual(['ngắn']);
    expect(splitText('dòng một\ndòng hai', 12)).toEqual(['dòng một', 'dòng hai']);
    expect(splitText('một hai ba bốn năm', 10)).toEqual(['một hai ba', 'bốn năm']);
  });

  it('never cuts a surrogate pair and loses nothing', () => {
    const text = '😀'.repeat(10);
    const pieces = splitText(text, 5);
    expect(pieces.join('')).toBe(text);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(5);
      expect(p.codePointAt(p.length - 1)).not.toBe(0xd83d);
    }
  });
});
