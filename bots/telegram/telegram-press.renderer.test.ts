import { describe, expect, it } from 'vitest';
import { RenderError, TEXT_LIMIT } from './telegram-message.renderer.js';
import { CALLBACK_ANSWER_LIMIT, renderPress, shorten } from './telegram-press.renderer.js';

describe('renderPress', () => {
  it('without a PressAnswer answers silently and retires the keyboard, unless told not to', () => {
    expect(renderPress(undefined, { retireKeyboard: true })).toEqual({
      answer: {},
      edit: { kind: 'remove_keyboard' },
    });
    expect(renderPress(undefined, { retireKeyboard: false })).toEqual({ answer: {} });
  });

  it('a refusal is an alert to the presser; the pressed message is left alone', () => {
    const calls = renderPress(
      { notice: { text: 'Cán bộ xử lý không có quyền thụ lý hồ sơ.', alert: true }, message: 'keep' },
      { retireKeyboard: true },
    );
    expect(calls).toEqual({
      answer: { text: 'Cán bộ xử lý không có quyền thụ lý hồ sơ.', show_alert: true },
    });
  });

  it('rewrites the pressed message with its new buttons, or with none', () => {
    const withButtons = renderPress(
      {
        notice: { text: '✅ Thụ lý: hồ sơ ABC.' },
        message: { text: 'Trạng thái: Đã thụ lý', buttons: [[{ label: 'Xem', value: 'oc:view:ABC' }]] },
      },
      { retireKeyboard: true },
    );
    expect(withButtons).toEqual({
      answer: { text: '✅ Thụ lý: hồ sơ ABC.' },
      edit: {
        kind: 'text',
        text: 'Trạng thái: Đã thụ lý',
        reply_markup: { inline_keyboard: [[{ text: 'Xem', callback_data: 'oc:view:ABC' }]] },
      },
    });
    const none = renderPress({ message: { text: 'Đã đóng' } }, { retireKeyboard: true });
    expect(none.edit).toEqual({ kind: 'text', text: 'Đã đóng' });
  });

  it('refuses a rewritten message whose buttons Telegram would reject', () => {
    expect(() =>
      renderPress(
        { message: { text: 'x', buttons: [[{ label: 'Xem', value: 'có dấu' }]] } },
        { retireKeyboard: true },
      ),
    ).toThrow(RenderError);
  });

  it('cuts a long notice to 200 characters; with a private chat, says the full text is there', () => {
    const long = `Không được: ${'lý do rất dài '.repeat(30)}`.trim();
    const plain = renderPress(
      { notice: { text: long, alert: true }, message: 'keep' },
      { retireKeyboard: true },
    );
    expect(plain.answer.text!.length).toBeLessThanOrEqual(CALLBACK_ANSWER_LIMIT);
    expect(plain.answer.text!.endsWith('…')).toBe(true);
    expect(plain.privateCopy).toBeUndefined();

    const offered = renderPress(
      { notice: { text: long, alert: true, privateCopy: true }, message: 'keep' },
      { retireKeyboard: true },
    );
    expect(offered.answer.text!.length).toBeLessThanOrEqual(CALLBACK_ANSWER_LIMIT);
    expect(offered.answer.text).toMatch(/… \(xem đủ trong tin nhắn riêng\)$/);
    expect(offered.privateCopy).toBe(long);

    const short = renderPress(
      { notice: { text: 'Ngắn.', alert: true, privateCopy: true }, message: 'keep' },
      { retireKeyboard: true },
    );
    expect(short.privateCopy).toBeUndefined();
  });

  it('keeps a rewritten message within the text limit', () => {
    const calls = renderPress({ message: { text: 'a'.repeat(TEXT_LIMIT + 10) } }, { retireKeyboard: true });
    expect(calls.edit?.kind === 'text' && calls.edit.text.length).toBe(TEXT_LIMIT);
  });
});

describe('shorten', () => {
  it('leaves short text as it is', () => {
    expect(shorten('Thụ lý', 10)).toBe('Thụ lý');
  });
  it('cuts at a nearby space and ends with an ellipsis', () => {
    expect(shorten('một hai ba bốn năm sáu', 12)).toBe('một hai ba…');
  });
  it('never splits a surrogate pair', () => {
    const cut = shorten(`${'a'.repeat(8)}😀😀😀`, 10);
    expect(cut.length).toBeLessThanOrEqual(10);
    expect(cut).toBe(`${'a'.repeat(8)}…`);
  });
});
