// Any use case that wants a person or a unit's group to receive a message calls this: the message
// is stored first (recipient sealed, content as JSON), then the job `notify.deliver` is added with
// the notification id only. The same dedupe key twice → one row, one message.
import type { AppContext } from '../app-context.js';
import { AppError } from '../core/app-error.js';
import type { ConversationRef, DialogChannel, Outbound } from '../dialog/dialog-types.js';
import { findNotificationByDedupeKey, insertNotification } from './notification.repository.js';
import { toStoredOutbound } from './outbound-content.js';

export interface NotificationRequest {
  caseId?: string;
  channel: DialogChannel;
  recipient: ConversationRef;
  content: Outbound;
  /**
   * What makes this message unique, e.g. `case:<caseId>:event:<eventId>:sender` or
   * `case:<caseId>:card:unit:<unitId>`. A second call with the same key does nothing.
   */
  dedupeKey: string;
}

export interface EnqueuedNotification {
  notificationId: string;
  /** False when the dedupe key was used before: nothing was stored or queued. */
  created: boolean;
}

export async function enqueueNotification(
  ctx: AppContext,
  request: NotificationRequest,
): Promise<EnqueuedNotification> {
  const { caseId, channel, recipient, content, dedupeKey } = request;
  if (recipient.channel !== channel) {
    throw new AppError('validation', 'Kênh nhận tin không khớp với người nhận.', { field: 'channel' });
  }
  if (!recipient.conversationId) {
    throw new AppError('validation', 'Thiếu người nhận tin.', { field: 'recipient' });
  }
  if (!dedupeKey || dedupeKey.length > 300) {
    throw new AppError('validation', 'Khoá chống trùng của tin nhắn không hợp lệ.', { field: 'dedupeKey' });
  }
  let stored;
  try {
    stored = toStoredOutbound(content);
  } catch {
    throw new AppError('validation', 'Nội dung tin nhắn không hợp lệ.', { field: 'content' });
  }

  const existing = await findNotificationByDedupeKey(ctx.db.prisma, dedupeKey);
  if (existing) return { notificationId: existing.id, created: false };

  const row = await insertNotification(ctx.db.prisma, {
    caseId,
    channel,
    recipientCiphertext: ctx.sealedBox.sealJson(pickRecipient(recipient)),
    content: stored,
    dedupeKey,
  });
  if (!row) {
    // Another process inserted the same key between our look-up and our insert.
    const raced = await findNotificationByDedupeKey(ctx.db.prisma, dedupeKey);
    return { notificationId: raced!.id, created: false };
  }

  try {
    await ctx.queues.add('notify.deliver', { notificationId: row.id });
  } catch (err) {
    // The row is durable; requeuePendingNotifications adds the job again.
    ctx.logger.warn(
      { err: { message: (err as Error).message }, notificationId: row.id },
      'notify queue add failed; left for the recovery sweep',
    );
  }
  return { notificationId: row.id, created: true };
}

function pickRecipient(r: ConversationRef): ConversationRef {
  return {
    channel: r.channel,
    conversationId: r.conversationId,
    ...(r.userId ? { userId: r.userId } : {}),
    ...(r.languageHint ? { languageHint: r.languageHint } : {}),
  };
}
