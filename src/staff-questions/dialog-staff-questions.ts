// The dialog's door to staff questions (DialogStaffQuestions in src/dialog/dialog-deps.ts).
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import { toDbDate, toVietnamDate } from '../calendar/local-date.js';
import { AppError } from '../core/app-error.js';
import type { DialogStaffQuestions } from '../dialog/dialog-deps.js';
import { askStaffQuestion } from './ask-staff-question.js';
import { lookUpStaffQuestion } from './look-up-staff-question.js';
import { newQuestionFollowUpCode } from './staff-qa-rules.js';
import { findOrganizationByCodeForQa, listOpenCollections } from './staff-qa.repository.js';

export function createDialogStaffQuestions(ctx: AppContext): DialogStaffQuestions {
  const organizationId = async (code: string) => {
    const org = await findOrganizationByCodeForQa(ctx.db.prisma, code);
    if (!org) throw new AppError('not_found', 'Không tìm thấy đơn vị.');
    return org.id;
  };
  return {
    async openCollections(organizationCode) {
      const today = toDbDate(toVietnamDate(ctx.clock.now()));
      const open = await listOpenCollections(ctx.db.prisma, await organizationId(organizationCode), today);
      return open.map((c) => ({ id: c.id, topic: c.topic }));
    },
    async ask(input) {
      const { ref } = await askStaffQuestion(ctx, {
        questionId: input.questionId,
        collectionId: input.collectionId,
        organizationId: await organizationId(input.organizationCode),
        text: input.text,
        mode: input.mode,
        ...(input.followUpCode ? { followUpCode: input.followUpCode } : {}),
      });
      return { ref };
    },
    lookUp: (code) => lookUpStaffQuestion(ctx, code),
    // Random (v4): a v7 id would carry the instant the question was written.
    newQuestionId: () => randomUUID(),
    newFollowUpCode: () => newQuestionFollowUpCode(),
  };
}
