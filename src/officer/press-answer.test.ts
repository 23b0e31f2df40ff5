import { describe, expect, it } from 'vitest';
import { cardKept, cardRewritten, refusedPress } from './press-answer.js';

describe('press answers', () => {
  it('a refusal in a group is an alert to the presser alone, offered privately to staff', () => {
    expect(refusedPress('Không có quyền.', { inGroup: true, staff: true })).toEqual({
      replies: [],
      press: { notice: { text: 'Không có quyền.', alert: true, privateCopy: true }, message: 'keep' },
    });
    expect(refusedPress('Chưa là cán bộ.', { inGroup: true, staff: false }).press.notice).toEqual({
      text: 'Chưa là cán bộ.',
      alert: true,
    });
  });

  it('a refusal in a private chat is a message; the card stays', () => {
    expect(refusedPress('Không có quyền.', { inGroup: false, staff: true })).toEqual({
      replies: [{ text: 'Không có quyền.' }],
      press: { message: 'keep' },
    });
  });

  it('a press that changed nothing keeps the card and its messages', () => {
    expect(cardKept([{ text: 'Hãy gửi: /tamdung ABC <lý do>' }])).toEqual({
      replies: [{ text: 'Hãy gửi: /tamdung ABC <lý do>' }],
      press: { message: 'keep' },
    });
  });

  it('a move rewrites the card; the presser reads the first line; the group gets no message', () => {
    const confirmation = { text: '✅ Thụ lý: hồ sơ ABC.\nTrạng thái: Đã thụ lý' };
    const card = { text: 'Mã hồ sơ: ABC', buttons: [[{ label: 'Xem', value: 'oc:view:ABC' }]] };
    expect(cardRewritten(confirmation, card, { inGroup: true, staff: true })).toEqual({
      replies: [],
      press: { notice: { text: '✅ Thụ lý: hồ sơ ABC.' }, message: card },
    });
    expect(cardRewritten(confirmation, { text: 'Đã đóng' }, { inGroup: false, staff: true })).toEqual({
      replies: [confirmation],
      press: { notice: { text: '✅ Thụ lý: hồ sơ ABC.' }, message: { text: 'Đã đóng' } },
    });
  });
});
