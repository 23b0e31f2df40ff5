// The staff-question side flow with in-memory fakes: what reaches the service carries nothing of the
// conversation, the draft goes once the question is sent, wrong codes count toward the lockout.
import { describe, expect, it } from 'vitest';
import { createIntakeDialog } from './intake-dialog.js';
import type { DialogStaffQuestions } from './dialog-deps.js';
import type { ConversationRef, Inbound, Outbound } from './dialog-types.js';
import { createFakeDialogDeps, FAKE_STAFF_CODE } from './testing/fake-dialog-deps.js';

function setup(open = [{ id: 'c1', topic: 'Hội nghị viên chức, người lao động năm 2027' }]) {
  const asked: Parameters<DialogStaffQuestions['ask']>[0][] = [];
  let n = 0;
  const staffQuestions: DialogStaffQuestions = {
    openCollections: async () => open,
    ask: async (input) => {
      if (!asked.some((a) => a.questionId === input.questionId)) asked.push(input);
      return { ref: 'AB23' };
    },
    lookUp: async (code) =>
      code === 'HD-2222-3333-4444'
        ? { topic: open[0]!.topic, text: 'Câu hỏi của tôi', status: 'answered', answer: 'Đã trả lời' }
        : null,
    newQuestionId: () => `q-${++n}`,
    newFollowUpCode: () => 'HD-2222-3333-4444',
  };
  const deps = { ...createFakeDialogDeps(), staffQuestions };
  const dialog = createIntakeDialog(deps);
  const conversation: ConversationRef = { channel: 'telegram', conversationId: 'chat-7070707' };
  let e = 0;
  let last: Outbound[] = [];
  const send = async (event: Inbound) =>
    (last = await dialog.handle({ conversation, event, eventId: `tg:${++e}`, receivedAt: deps.clock.now() }));
  return {
    deps,
    asked,
    conversation,
    command: (command: string, args = '') => send({ type: 'command', command, args }),
    text: (text: string) => send({ type: 'text', text }),
    press: (value: string) => send({ type: 'choice', value }),
    said: () => last.map((m) => m.text).join('\n'),
  };
}

describe('staff question side flow', () => {
  it('sealed: code, mode, text, confirm → one question with no trace of the chat, the draft gone', async () => {
    const s = setup();
    await s.command('cauhoi');
    expect(s.said()).toMatch(/mã truy cập góp ý nội bộ/);
    await s.text(FAKE_STAFF_CODE);
    expect(s.said()).toMatch(/Hội nghị viên chức/);
    await s.press('qaMode:sealed');
    await s.text('Khi nào đơn vị chi trả tiền trực đêm tháng trước?');
    expect(s.said()).toMatch(/Gửi đi\?/);
    await s.press('qaConfirm:send');
    expect(s.said()).toContain('HD-2222-3333-4444');
    expect(s.asked).toHaveLength(1);
    expect(JSON.stringify(s.asked)).not.toContain('7070707');
    expect(s.asked[0]).toMatchObject({
      mode: 'sealed',
      collectionId: 'c1',
      organizationCode: 'ttyt-thuan-an',
    });
    expect(await s.deps.drafts.load(s.conversation)).toBeNull();
    // A second press of the old button stores nothing more.
    await s.press('qaConfirm:send');
    expect(s.asked).toHaveLength(1);
  });

  it('no trace sends no follow-up code; an unfinished intake is kept and resumed', async () => {
    const s = setup();
    await s.press('menu:report');
    await s.text('Phòng chờ khoa Nhi nóng quá, quạt hỏng cả tuần nay rồi.');
    await s.command('cauhoi');
    await s.text(FAKE_STAFF_CODE);
    await s.press('qaMode:no_trace');
    await s.text('Đơn vị có kế hoạch mở rộng bãi giữ xe cho nhân viên không?');
    await s.press('qaConfirm:send');
    expect(s.asked[0]).not.toHaveProperty('followUpCode');
    const draft = await s.deps.drafts.load(s.conversation);
    expect(draft?.staffQuestion).toBeUndefined();
    expect(draft?.text).toMatch(/quạt hỏng/);
  });

  it('no open collection, a wrong code, and the sealed asker reading their answer', async () => {
    const none = setup([]);
    await none.command('cauhoi');
    await none.text(FAKE_STAFF_CODE);
    expect(none.said()).toMatch(/không có đợt lấy câu hỏi nào đang mở/);

    const s = setup();
    await s.command('cauhoi');
    await s.text('SAI-MA-CODE');
    expect(s.said()).toMatch(/còn 4 lần thử/);
    expect(await s.deps.drafts.staffCodeFailures(s.conversation)).toBe(1);
    await s.command('cauhoi', 'HD-9999-9999-9999');
    expect(s.said()).toBe('Mã xem trả lời không đúng.');
    await s.command('cauhoi', 'HD-2222-3333-4444');
    expect(s.said()).toMatch(/Trả lời: Đã trả lời/);
  });
});
