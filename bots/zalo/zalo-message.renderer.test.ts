import { describe, expect, it } from 'vitest';
import {
  combineOutbounds,
  RenderError,
  renderOutbound,
  splitText,
  TEXT_LIMIT,
  uploadedMessage,
} from './zalo-message.renderer.js';

const b = (value: string, label = value) => ({ label, value });

describe('Outbound → Zalo messages', () => {
  it('sends plain text as one message', () => {
    expect(renderOutbound({ text: 'Xin chào' })).toEqual([{ kind: 'send', message: { text: 'Xin chào' } }]);
  });

  it('puts buttons as oa.query.hide buttons on the last text, carrying #ln:<value>', () => {
    const [call] = renderOutbound({
      text: 'Bạn muốn gửi gì?',
      buttons: [[b('menu:report', '📝 Phản ánh')], [b('menu:praise', '👏 Khen ngợi')]],
    });
    expect(call).toEqual({
      kind: 'send',
      message: {
        text: 'Bạn muốn gửi gì?',
        attachment: {
          type: 'template',
          payload: {
            buttons: [
              { title: '📝 Phản ánh', type: 'oa.query.hide', payload: '#ln:menu:report' },
              { title: '👏 Khen ngợi', type: 'oa.query.hide', payload: '#ln:menu:praise' },
            ],
          },
        },
      },
    });
  });

  it('continues past 5 buttons in a follow-up message, in the person’s language', () => {
    const buttons = [
      ['a', 'b', 'c'],
      ['d', 'e', 'f', 'g'],
    ].map((row) => row.map((v) => b(v)));
    const calls = renderOutbound({ text: 'Chọn', buttons });
    expect(calls).toHaveLength(2);
    const titles = calls.map((c) =>
      c.kind === 'send' &&
      'attachment' in c.message &&
      c.message.attachment?.type === 'template' &&
      'buttons' in c.message.attachment.payload
        ? c.message.attachment.payload.buttons.map((x) => x.title)
        : [],
    );
    expect(titles).toEqual([
      ['a', 'b', 'c', 'd', 'e'],
      ['f', 'g'],
    ]);
    expect(calls[1]).toMatchObject({ message: { text: 'Lựa chọn khác:' } });
    expect(renderOutbound({ text: 'Pick', buttons }, { languageHint: 'en' })[1]).toMatchObject({
      message: { text: 'More choices:' },
    });
  });

  it('shortens a long button title to 100 characters and refuses unsafe values or buttons without text', () => {
    const [call] = renderOutbound({ text: 'x', buttons: [[b('ok', 'á'.repeat(150))]] });
    const title =
      call!.kind === 'send' &&
      'attachment' in call!.message &&
      call!.message.attachment?.type === 'template' &&
      'buttons' in call!.message.attachment.payload
        ? call!.message.attachment.payload.buttons[0]!.title
        : '';
    expect([...title]).toHaveLength(100);
    expect(() => renderOutbound({ text: 'x', buttons: [[b('có dấu')]] })).toThrow(RenderError);
    expect(() => renderOutbound({ text: ' ', buttons: [[b('ok')]] })).toThrow(RenderError);
  });

  it('splits long text under 2 000 characters at line breaks', () => {
    const text = `${'a'.repeat(1500)}\n${'b'.repeat(1500)}`;
    expect(splitText(text, TEXT_LIMIT)).toEqual(['a'.repeat(1500), 'b'.repeat(1500)]);
    expect(splitText('🙂'.repeat(2500), TEXT_LIMIT).map((p) => [...p].length)).toEqual([2000, 500]);
  });

  it('uploads a PDF as a file and a JPEG as an image after the text; refuses other types', () => {
    const calls = renderOutbound({
      text: 'Phiếu chuyển',
      file: { fileName: 'a.pdf', mimeType: 'application/pdf', bytes: Buffer.from('%PDF') },
    });
    expect(calls.map((c) => c.kind)).toEqual(['send', 'upload']);
    expect(calls[1]).toMatchObject({ upload: 'file' });
    expect(
      renderOutbound({
        text: '',
        file: { fileName: 'a.jpg', mimeType: 'image/jpeg', bytes: Buffer.from('x') },
      }),
    ).toMatchObject([{ upload: 'image' }]);
    expect(() =>
      renderOutbound({
        text: '',
        file: { fileName: 'a.zip', mimeType: 'application/zip', bytes: Buffer.from('x') },
      }),
    ).toThrow(RenderError);
    expect(uploadedMessage('file', 'tok')).toEqual({
      attachment: { type: 'file', payload: { token: 'tok' } },
    });
  });
});

describe('answers sent together on Zalo', () => {
  it('joins a plain text into the next answer, keeping its buttons and file, within one message', () => {
    const buttons = [[{ label: 'Xong', value: 'attach:done' }]];
    expect(
      combineOutbounds([{ text: 'Đã nhận tệp.' }, { text: 'Gửi thêm hoặc bấm Xong.', buttons }]),
    ).toEqual([{ text: 'Đã nhận tệp.\n\nGửi thêm hoặc bấm Xong.', buttons }]);
    // A message with buttons or a file ends a group; text that would not fit stays apart.
    const withButtons = { text: 'Chọn một mục', buttons };
    expect(combineOutbounds([withButtons, { text: 'Tiếp' }])).toEqual([withButtons, { text: 'Tiếp' }]);
    const long = { text: 'a'.repeat(1990) };
    expect(combineOutbounds([long, { text: 'b'.repeat(20) }])).toHaveLength(2);
    expect(combineOutbounds([{ text: 'một' }, { text: 'hai' }, { text: 'ba' }])).toEqual([
      { text: 'một\n\nhai\n\nba' },
    ]);
  });
});

describe('many buttons on Zalo', () => {
  it('shows ten as buttons in two messages and lists the rest as words to type', () => {
    const buttons = [Array.from({ length: 13 }, (_, i) => b(`unit:u${i}`, `Khoa ${i}`))];
    const calls = renderOutbound({ text: 'Khoa nào?', buttons });
    expect(calls).toHaveLength(2);
    expect(calls[1]).toMatchObject({
      message: { text: 'Lựa chọn khác:\n\nHoặc gõ một trong các lựa chọn:\n• Khoa 10\n• Khoa 11\n• Khoa 12' },
    });
  });
});
