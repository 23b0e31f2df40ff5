// Messages officers write on a case:
// - an internal note (visibility internal): stays inside the organisation, never sent to the sender;
// - a public reply (visibility public): shown in tracking, and delivered through the notify outbox
//   to the sender on the channel they came from, and to the senders of duplicates merged into the
//   case (they follow it).
// Each message and its audit event (`note` / `reply`) are written in one transaction.
import type { AppContext } from '../app-context.js';
import { AppError } from '../core/app-error.js';
import { loadActiveStaff } from '../directory/resolve-staff.js';
import { enqueueNotification } from '../notify/enqueue-notification.js';
import { insertCaseMessageWithEvent } from './case.repository.js';
import { REPLY_ROLES, applicableRoles, authorizeCaseAction } from './case-permissions.js';
import { loadCaseWithScope } from './case-scope.service.js';
import { ACTOR_LABELS, isOpenStatus, type Role } from './case-vocabulary.js';
import type { Locale } from '../dialog/dialog-types.js';
import { noticeLocale, replyHandleOf, sendToMergedFollowers } from './notify-case-sender.js';
import { mergedFollowerNote, senderReplyNotice } from './sender-notices.js';
import { cleanFreeText } from '../core/free-text.js';

export const MAX_MESSAGE_CHARS = 3000;

export { REPLY_ROLES } from './case-permissions.js';

export interface WrittenMessage {
  caseId: string;
  caseCode: string;
  messageId: string;
  eventId: string;
  role: Role;
  /** How many senders the reply was queued for (the case's own and merged duplicates'). */
  deliveredTo: number;
}

function cleanBody(text: string, what: string): string {
  const body = cleanFreeText(text);
  if (!body) throw new AppError('validation', `Cần nhập nội dung ${what}.`);
  if (body.length > MAX_MESSAGE_CHARS) {
    throw new AppError('validation', `Nội dung ${what} dài quá ${MAX_MESSAGE_CHARS} ký tự.`);
  }
  return body;
}

export async function addInternalNote(
  ctx: AppContext,
  input: { caseId: string; staffId: string; text: string },
): Promise<WrittenMessage> {
  const body = cleanBody(input.text, 'ghi chú');
  const staff = await loadActiveStaff(ctx, input.staffId);
  const { case: subject, scope } = await loadCaseWithScope(ctx, input.caseId);
  const auth = authorizeCaseAction(staff, scope, 'note');
  if (!auth.ok) throw new AppError('forbidden', auth.message, { reason: auth.code });
  const written = await insertCaseMessageWithEvent(ctx.db.prisma, {
    caseId: subject.id,
    direction: 'outbound',
    visibility: 'internal',
    body,
    authorStaffId: staff.id,
    channel: null,
    event: { action: 'note', status: subject.status, role: auth.role },
    at: ctx.clock.now(),
  });
  ctx.logger.info(
    { caseId: subject.id, staffId: staff.id, messageId: written.messageId },
    'internal note added',
  );
  return { caseId: subject.id, caseCode: subject.code, ...written, role: auth.role, deliveredTo: 0 };
}

export async function replyToSender(
  ctx: AppContext,
  input: { caseId: string; staffId: string; text: string },
): Promise<WrittenMessage> {
  const body = cleanBody(input.text, 'trả lời');
  const staff = await loadActiveStaff(ctx, input.staffId);
  const { case: subject, scope } = await loadCaseWithScope(ctx, input.caseId);
  const reach = applicableRoles(staff, scope);
  if (!reach.ok) throw new AppError('forbidden', reach.message, { reason: reach.code });
  const role = reach.roles.find((r) => REPLY_ROLES.includes(r));
  if (!role) {
    const held = reach.roles.map((r) => ACTOR_LABELS[r].vi).join(', ');
    throw new AppError('forbidden', `Với vai trò ${held}, bạn không có quyền trả lời người gửi hồ sơ này.`, {
      reason: 'role_not_allowed',
    });
  }
  if (!isOpenStatus(subject.status) && subject.status !== 'resolved') {
    throw new AppError(
      'illegal_transition',
      'Hồ sơ đã kết thúc (đã đóng, gộp, chuyển hoặc không thụ lý); không gửi thêm trả lời được.',
      { reason: 'status_not_allowed' },
    );
  }
  const written = await insertCaseMessageWithEvent(ctx.db.prisma, {
    caseId: subject.id,
    direction: 'outbound',
    visibility: 'public',
    body,
    authorStaffId: staff.id,
    channel: subject.channel,
    event: { action: 'reply', status: subject.status, role },
    at: ctx.clock.now(),
  });
  const deliveredTo = await sendToFollowers(
    ctx,
    subject.id,
    (locale) => senderReplyNotice(subject.code, body, locale),
    `message:${written.messageId}`,
  );
  ctx.logger.info(
    { caseId: subject.id, staffId: staff.id, messageId: written.messageId, deliveredTo },
    'reply to sender written',
  );
  return { caseId: subject.id, caseCode: subject.code, ...written, role, deliveredTo };
}

/**
 * Queues `text` (in each recipient's language) for the sender of the case and for the senders of
 * the duplicates merged into it. The merged senders are told under their own code: the master's
 * code belongs to someone else.
 */
export async function sendToFollowers(
  ctx: AppContext,
  caseId: string,
  text: (locale: Locale) => string,
  key: string,
): Promise<number> {
  let count = 0;
  const own = await replyHandleOf(ctx, caseId);
  if (own) {
    await enqueueNotification(ctx, {
      caseId,
      channel: own.channel,
      recipient: own,
      content: { text: text(noticeLocale(own)) },
      dedupeKey: `case:${caseId}:${key}:sender`,
    });
    count++;
  }
  count += await sendToMergedFollowers(
    ctx,
    caseId,
    (code, locale) => `${text(locale)}\n\n${mergedFollowerNote(code, locale)}`,
    key,
  );
  return count;
}
