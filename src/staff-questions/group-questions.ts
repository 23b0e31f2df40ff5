// The board merges questions that ask the same thing into one group with one canonical wording (a
// new group, or an existing one by its number). Questions moved out of a group leave it; a group
// left empty is removed. One audit event per change, naming the officer.
import type { StaffPrincipal } from '../cases/case-permissions.js';
import { AppError } from '../core/app-error.js';
import { cleanFreeText } from '../core/free-text.js';
import type { StaffQaContext } from './staff-qa-context.js';
import { collectionOf, requireOrganiser } from './staff-qa-context.js';
import { formatGroupNumber, formatQuestionRef, STAFF_QUESTION_MAX_CHARS } from './staff-qa-rules.js';
import {
  appendStaffQaEvent,
  deleteEmptyGroups,
  findGroup,
  findQuestionsByRefs,
  insertGroup,
  moveQuestionsToGroup,
  updateGroup,
} from './staff-qa.repository.js';

export interface GroupQuestionsInput {
  actor: StaffPrincipal;
  collectionNumber?: number;
  refs: string[];
  /** Into this existing group; else a new one. */
  into?: number;
  /** The canonical wording; a new group without one takes the first question's text. */
  wording?: string;
}

export async function groupStaffQuestions(ctx: StaffQaContext, input: GroupQuestionsInput) {
  requireOrganiser(input.actor);
  const collection = await collectionOf(ctx, input.actor.organizationId, input.collectionNumber);
  const refs = [...new Set(input.refs)];
  const wording = input.wording ? cleanFreeText(input.wording) : undefined;
  if (wording !== undefined && (wording.length < 5 || wording.length > STAFF_QUESTION_MAX_CHARS)) {
    throw new AppError('validation', `Nội dung gộp cần từ 5 đến ${STAFF_QUESTION_MAX_CHARS} ký tự.`);
  }
  const now = ctx.clock.now();
  return ctx.db.prisma.$transaction(async (tx) => {
    const found = await findQuestionsByRefs(tx, collection.id, refs);
    const missing = refs.filter((r) => !found.some((q) => q.ref === r));
    if (missing.length) {
      throw new AppError(
        'not_found',
        `Không có câu hỏi ${missing.map(formatQuestionRef).join(', ')} trong đợt này.`,
      );
    }
    let group;
    if (input.into !== undefined) {
      group = await findGroup(tx, collection.id, input.into);
      if (!group) throw new AppError('not_found', `Không có nhóm ${formatGroupNumber(input.into)}.`);
      if (wording) group = await updateGroup(tx, group.id, { wording });
    } else {
      if (!found.length) throw new AppError('validation', 'Cần ít nhất một câu hỏi để lập nhóm.');
      const first = await tx.staffQuestion.findUniqueOrThrow({
        where: { id: found[0]!.id },
        select: { text: true },
      });
      group = await insertGroup(tx, collection.id, wording ?? first.text);
    }
    await moveQuestionsToGroup(
      tx,
      found.map((q) => q.id),
      group.id,
    );
    const removed = await deleteEmptyGroups(tx, collection.id);
    await appendStaffQaEvent(tx, {
      collectionId: collection.id,
      action: 'group',
      groupId: group.id,
      actorStaffId: input.actor.id,
      data: { number: group.number, refs, ...(wording ? { wording } : {}), removedGroups: removed.length },
      at: now,
    });
    return { number: group.number, wording: group.wording, moved: found.length };
  });
}
