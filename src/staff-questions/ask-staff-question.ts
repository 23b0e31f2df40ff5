// A staff member's question reaches the collection. Called by the dialog after the staff access
// code proved membership of the organisation; nothing about who sent it comes in or is stored:
// no account, chat or channel key, and no time finer than the day (decision 0039). Nothing is logged
// here either: a log line with the question beside the bot's log of the chat would pair them.
//
// Idempotent: the dialog chooses the question id (random) and, for a sealed question, the
// follow-up code before it asks, so a retried confirm stores one question and shows the same code.
import { toDbDate, toVietnamDate, vietnamDayStart } from '../calendar/local-date.js';
import { AppError } from '../core/app-error.js';
import { isUniqueViolation } from '../db/prisma-errors.js';
import type { StaffQaContext } from './staff-qa-context.js';
import {
  checkQuestionText,
  collectionState,
  hashQuestionFollowUpCode,
  newQuestionRef,
  STAFF_QUESTION_MAX_CHARS,
  STAFF_QUESTION_MIN_CHARS,
} from './staff-qa-rules.js';
import { fromDbDate } from '../calendar/local-date.js';
import {
  appendStaffQaEvent,
  findCollectionById,
  findQuestionById,
  insertQuestion,
  refTaken,
} from './staff-qa.repository.js';

export interface AskStaffQuestionInput {
  /** Random (uuid v4), chosen once per question by the caller. */
  questionId: string;
  collectionId: string;
  /** The organisation the staff access code proved. */
  organizationId: string;
  text: string;
  mode: 'sealed' | 'no_trace';
  /** Sealed only: the code the asker keeps (only its hash is stored). */
  followUpCode?: string;
}

export async function askStaffQuestion(
  ctx: StaffQaContext,
  input: AskStaffQuestionInput,
): Promise<{ ref: string; created: boolean }> {
  const existing = await findQuestionById(ctx.db.prisma, input.questionId);
  if (existing) return { ref: existing.ref, created: false };

  const collection = await findCollectionById(ctx.db.prisma, input.collectionId);
  if (!collection || collection.organizationId !== input.organizationId) {
    throw new AppError('not_found', 'Không tìm thấy đợt lấy câu hỏi này.');
  }
  const today = toVietnamDate(ctx.clock.now());
  const state = collectionState(
    { opensOn: fromDbDate(collection.opensOn), closesOn: fromDbDate(collection.closesOn) },
    today,
  );
  if (state !== 'open') throw new AppError('conflict', 'Đợt lấy câu hỏi này không còn nhận câu hỏi.');
  const checked = checkQuestionText(input.text);
  if (!checked.ok) {
    throw new AppError(
      'validation',
      `Câu hỏi cần từ ${STAFF_QUESTION_MIN_CHARS} đến ${STAFF_QUESTION_MAX_CHARS} ký tự.`,
    );
  }
  let followUpHash: string | null = null;
  if (input.mode === 'sealed') {
    followUpHash = input.followUpCode ? (hashQuestionFollowUpCode(input.followUpCode) ?? null) : null;
    if (!followUpHash) throw new AppError('validation', 'Thiếu mã theo dõi câu hỏi.');
  }
  try {
    return await ctx.db.prisma.$transaction(async (tx) => {
      let ref = newQuestionRef();
      for (let i = 0; i < 8 && (await refTaken(tx, collection.id, ref)); i++) ref = newQuestionRef();
      await insertQuestion(tx, {
        id: input.questionId,
        collectionId: collection.id,
        ref,
        text: checked.text,
        mode: input.mode,
        followUpHash,
        receivedOn: toDbDate(today),
      });
      // The day only, no actor: the trail records that a question came, never from whom or when.
      await appendStaffQaEvent(tx, {
        collectionId: collection.id,
        action: 'ask',
        questionId: input.questionId,
        actorStaffId: null,
        data: { ref, mode: input.mode },
        at: vietnamDayStart(today),
      });
      return { ref, created: true };
    });
  } catch (err) {
    // The same question confirmed twice at once: the other confirm stored it.
    if (!isUniqueViolation(err)) throw err;
    const stored = await findQuestionById(ctx.db.prisma, input.questionId);
    if (!stored) throw err;
    return { ref: stored.ref, created: false };
  }
}
