// Staff questions against the real database: the refusals the e2e test does not walk through —
// a closed call, a repeated send, a leader answering another's group, publishing nothing, a board
// member of another organisation — and that a refusal changes nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLocalDate } from '../../src/calendar/local-date.js';
import { fixedClock } from '../../src/core/clock.js';
import { createStaff } from '../../src/directory/create-staff.js';
import type { StaffMember } from '../../src/directory/staff-member.js';
import { answerQuestionGroup } from '../../src/staff-questions/answer-question-group.js';
import { askStaffQuestion } from '../../src/staff-questions/ask-staff-question.js';
import { assignQuestionGroup } from '../../src/staff-questions/assign-question-group.js';
import { groupStaffQuestions } from '../../src/staff-questions/group-questions.js';
import { openStaffQaCollection } from '../../src/staff-questions/open-collection.js';
import { publishStaffAnswers } from '../../src/staff-questions/publish-staff-answers.js';
import {
  hashQuestionFollowUpCode,
  newQuestionFollowUpCode,
} from '../../src/staff-questions/staff-qa-rules.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

const clock = fixedClock(new Date('2027-01-06T03:00:00Z'));
let t: TestContext;
let receiver: StaffMember;
let leaderA: StaffMember;
let leaderB: StaffMember;
let otherBoard: StaffMember;

beforeAll(async () => {
  t = await createTestContext({ clock });
  const staff = (organizationCode: string, fullName: string, role: string) =>
    createStaff(t.ctx, { organizationCode, fullName, roles: [{ role }] as never });
  receiver = await staff('ttyt-thuan-an', 'Phạm Tiếp Nhận', 'receiver');
  leaderA = await staff('ttyt-thuan-an', 'Lê Văn Tâm', 'leader');
  leaderB = await staff('ttyt-thuan-an', 'Ngô Thị Bình', 'leader');
  otherBoard = await staff('ttyt-hoai-nhon', 'Cán bộ Hoài Nhơn', 'receiver');
}, 120_000);

afterAll(async () => {
  await t?.cleanup();
});

const events = () => t.ctx.db.prisma.staffQaEvent.count();

describe('staff questions', () => {
  it('refuses what it must, and a refusal writes nothing', async () => {
    const org = await t.ctx.db.prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-thuan-an' } });
    const c = await openStaffQaCollection(t.ctx, {
      actor: receiver,
      topic: 'Hội nghị viên chức, người lao động năm 2027',
      opensOn: parseLocalDate('2027-01-05'),
      closesOn: parseLocalDate('2027-01-10'),
    });
    const code = newQuestionFollowUpCode();
    const input = {
      questionId: randomUUID(),
      collectionId: c.id,
      organizationId: org.id,
      text: 'Khi nào có chế độ phụ cấp trực mới?',
      mode: 'sealed' as const,
      followUpCode: code,
    };
    const first = await askStaffQuestion(t.ctx, input);
    expect(await askStaffQuestion(t.ctx, input)).toEqual({ ref: first.ref, created: false });
    const stored = await t.ctx.db.prisma.staffQuestion.findMany();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.followUpHash).toBe(hashQuestionFollowUpCode(code));

    const before = await events();
    // Another organisation's staff code cannot post into this call.
    const other = await t.ctx.db.prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-hoai-nhon' } });
    await expect(
      askStaffQuestion(t.ctx, { ...input, questionId: randomUUID(), organizationId: other.id }),
    ).rejects.toMatchObject({ code: 'not_found' });
    // Another organisation's board sees no call of this one.
    await expect(groupStaffQuestions(t.ctx, { actor: otherBoard, refs: [first.ref] })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(publishStaffAnswers(t.ctx, { actor: receiver })).rejects.toMatchObject({ code: 'conflict' });
    await groupStaffQuestions(t.ctx, { actor: receiver, refs: [first.ref] });
    await assignQuestionGroup(t.ctx, { actor: receiver, group: 1, leaderName: 'Lê Văn Tâm' });
    await expect(
      answerQuestionGroup(t.ctx, { actor: leaderB, group: 1, answer: 'Tôi trả lời thay.' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      answerQuestionGroup(t.ctx, { actor: receiver, group: 1, answer: 'Bộ phận tiếp nhận trả lời.' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(await events()).toBe(before + 2); // the group and the assignment only
    await answerQuestionGroup(t.ctx, { actor: leaderA, group: 1, answer: 'Từ tháng 3 theo nghị định mới.' });

    // After the closing day nothing more is taken.
    clock.set(new Date('2027-01-11T03:00:00Z'));
    await expect(askStaffQuestion(t.ctx, { ...input, questionId: randomUUID() })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await t.ctx.db.prisma.staffQuestion.count()).toBe(1);
  });
});
