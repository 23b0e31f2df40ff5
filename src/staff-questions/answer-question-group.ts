// The assigned leader answers a group (an unassigned group may be taken by any leader by answering
// it). Answering again replaces the answer; each answer is an audit event.
import type { StaffPrincipal } from '../cases/case-permissions.js';
import { AppError } from '../core/app-error.js';
import { cleanFreeText } from '../core/free-text.js';
import type { StaffQaContext } from './staff-qa-context.js';
import { collectionOf } from './staff-qa-context.js';
import { mayAnswerGroup } from './staff-qa-permissions.js';
import { formatGroupNumber, STAFF_QA_ANSWER_MAX_CHARS } from './staff-qa-rules.js';
import { appendStaffQaEvent, findGroup, updateGroup } from './staff-qa.repository.js';

export interface AnswerGroupInput {
  actor: StaffPrincipal;
  collectionNumber?: number;
  group: number;
  answer: string;
}

export async function answerQuestionGroup(ctx: StaffQaContext, input: AnswerGroupInput) {
  const collection = await collectionOf(ctx, input.actor.organizationId, input.collectionNumber);
  const answer = cleanFreeText(input.answer);
  if (answer.length < 5 || answer.length > STAFF_QA_ANSWER_MAX_CHARS) {
    throw new AppError('validation', `Câu trả lời cần từ 5 đến ${STAFF_QA_ANSWER_MAX_CHARS} ký tự.`);
  }
  const now = ctx.clock.now();
  return ctx.db.prisma.$transaction(async (tx) => {
    const group = await findGroup(tx, collection.id, input.group);
    if (!group) throw new AppError('not_found', `Không có nhóm ${formatGroupNumber(input.group)}.`);
    if (!mayAnswerGroup(input.actor, group.assigneeId)) {
      throw new AppError(
        'forbidden',
        `Nhóm ${formatGroupNumber(group.number)} được phân công cho lãnh đạo khác.`,
      );
    }
    const updated = await updateGroup(tx, group.id, {
      answer,
      answeredById: input.actor.id,
      answeredAt: now,
      ...(group.assigneeId ? {} : { assigneeId: input.actor.id }),
    });
    await appendStaffQaEvent(tx, {
      collectionId: collection.id,
      action: 'answer',
      groupId: group.id,
      actorStaffId: input.actor.id,
      data: { number: group.number, replaced: group.answer !== null },
      at: now,
    });
    return { number: updated.number, replaced: group.answer !== null };
  });
}
