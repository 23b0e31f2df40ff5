// The sender's answer to "are you satisfied?" (QĐ 56/QĐ-BYT 2024: 1 Rất không hài lòng … 5
// Rất hài lòng), asked after resolution. Only the case's own sender may answer: in a conversation,
// it must be the reply handle sealed in SenderIdentity; on the tracking page, the holder of the code
// and, when the case has one, of its follow-up secret (the same proof that shows the replies), and
// there the first answer stands (decision 0012). The answer and its audit event are written in one
// transaction; the same answer twice changes nothing.
import type { AppContext } from '../app-context.js';
import { AppError } from '../core/app-error.js';
import type { ConversationRef } from '../dialog/dialog-types.js';
import { isCaseSender } from '../intake/sender-identity.js';
import { appendCaseEvent, findCaseByCode, findCaseById, setCaseSatisfaction } from './case.repository.js';
import { verifySecret } from './follow-up-secret.js';
import { parseTrackingCode } from './tracking-code.js';
import { cleanFreeText } from '../core/free-text.js';

export type RecordSatisfactionInput = {
  code: string;
  score: number;
  /** Undefined keeps a comment given before; an empty string clears it. */
  comment?: string;
} & (
  | { conversation: ConversationRef }
  /** The public tracking page: the secret is required when the case has one. */
  | { trackingPage: { secret?: string } }
);

export interface RecordSatisfactionResult {
  caseId: string;
  status: string;
  resolvedAt: Date | null;
  /** False when this exact answer was already recorded (or, on the tracking page, any answer). */
  changed: boolean;
  /** The score on the case afterwards. */
  score: number;
}

/** Why an answer was refused, in `AppError.details.reason`. */
export type SatisfactionRefusal = 'not_found' | 'not_sender' | 'not_resolved';

const MAX_COMMENT_CHARS = 1000;

export async function recordSatisfaction(
  ctx: AppContext,
  input: RecordSatisfactionInput,
): Promise<RecordSatisfactionResult> {
  if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5) {
    throw new AppError('validation', 'Mức hài lòng phải từ 1 đến 5.');
  }
  const parsed = parseTrackingCode(input.code);
  if (!parsed.ok) throw new AppError('malformed_code', parsed.message, { reason: 'not_found' });
  const found = await findCaseByCode(ctx.db.prisma, parsed.code);
  if (!found)
    throw new AppError('not_found', `Không tìm thấy hồ sơ có mã ${parsed.code}.`, { reason: 'not_found' });
  const isSender =
    'conversation' in input
      ? await isCaseSender(ctx, found.id, input.conversation)
      : found.followUpSecretHash === null ||
        (!!input.trackingPage.secret &&
          (await verifySecret(input.trackingPage.secret, found.followUpSecretHash)));
  if (!isSender) {
    throw new AppError('forbidden', 'Chỉ người đã gửi hồ sơ mới đánh giá được.', { reason: 'not_sender' });
  }
  // A duplicate merged into another case is answered by that case's resolution: its sender, asked
  // under their own code, rates their own item.
  const settled = (status: string) => status === 'resolved' || status === 'closed';
  const master =
    found.status === 'merged' && found.duplicateOfId
      ? await findCaseById(ctx.db.prisma, found.duplicateOfId)
      : null;
  if (!settled(found.status) && !(master && settled(master.status))) {
    throw new AppError('unprocessable', 'Hồ sơ chưa được giải quyết xong.', { reason: 'not_resolved' });
  }

  const comment =
    input.comment === undefined
      ? found.satisfactionComment
      : cleanFreeText(input.comment).slice(0, MAX_COMMENT_CHARS) || null;
  const result = { caseId: found.id, status: found.status, resolvedAt: found.resolvedAt };
  if (found.satisfaction === input.score && found.satisfactionComment === comment)
    return { ...result, changed: false, score: input.score };
  // The code may have been shown to others (printed, forwarded): on the page it cannot overwrite.
  if ('trackingPage' in input && found.satisfaction !== null)
    return { ...result, changed: false, score: found.satisfaction };

  const at = ctx.clock.now();
  await ctx.db.prisma.$transaction(async (tx) => {
    await setCaseSatisfaction(tx, found.id, input.score, comment);
    await appendCaseEvent(tx, {
      caseId: found.id,
      action: 'satisfaction',
      actorType: 'sender',
      // The comment itself stays on the case; the audit trail records that one was given.
      data: {
        score: input.score,
        previousScore: found.satisfaction,
        comment: comment !== null,
        via: 'conversation' in input ? input.conversation.channel : 'tracking_page',
      },
      at,
    });
  });
  return { ...result, changed: true, score: input.score };
}
