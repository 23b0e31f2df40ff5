// Sends one stored notification through its channel's sender. Idempotent: only a `pending` row is
// ever sent, and it is marked `sent` (or `undeliverable`, or `failed`) conditionally, so a retry, a
// recovery sweep or a second worker never sends a sent message again. Waiting (per-recipient
// pacing, a channel's retry_after) is returned to the caller, which delays the job without
// spending an attempt.
import type { AppContext } from '../app-context.js';
import { AppError } from '../core/app-error.js';
import type { ConversationRef, Outbound } from '../dialog/dialog-types.js';
import { readStoredFile } from '../files/file-store.js';
import type { NotificationStatus } from '../db/generated/enums.js';
import {
  RetryAfterError,
  SendRejectedError,
  UndeliverableError,
  type ChannelSenders,
} from './channel-sender.js';
import {
  findNotification,
  markNotificationFailed,
  markNotificationSent,
  markNotificationUndeliverable,
  recordNotificationError,
  recordSendAttempt,
} from './notification.repository.js';
import { fromStoredOutbound } from './outbound-content.js';
import type { HeldNotifications } from './held-notifications.js';
import { recipientKey, type RecipientPacer } from './recipient-pacer.js';
import { createConversationHash } from '../core/keyed-hash.js';

export interface DeliveryDeps {
  senders: ChannelSenders;
  pacer: RecipientPacer;
  /** Where messages a channel refuses until the person writes again wait (Zalo, once its free reply window is over and the organisation's policy has no other route). */
  held?: HeldNotifications;
}

export type DeliveryResult =
  | { outcome: 'sent'; channelMessageId: string }
  | { outcome: 'already-done'; status: NotificationStatus }
  | { outcome: 'missing' }
  | { outcome: 'wait'; ms: number; reason: 'pacing' | 'retry-after' | 'busy' }
  | { outcome: 'undeliverable'; reason: string }
  | { outcome: 'failed'; reason: string };

/** A send that has not resolved by then is considered lost to a crash; another worker may try. */
const CLAIM_MS = 120_000;

export async function deliverNotification(
  ctx: AppContext,
  deps: DeliveryDeps,
  notificationId: string,
  options: { lastAttempt: boolean } = { lastAttempt: false },
): Promise<DeliveryResult> {
  const db = ctx.db.prisma;
  const row = await findNotification(db, notificationId);
  if (!row) return { outcome: 'missing' };
  if (row.status !== 'pending') return { outcome: 'already-done', status: row.status };

  let recipient: ConversationRef;
  let content: Outbound;
  try {
    recipient = ctx.sealedBox.openJson<ConversationRef>(row.recipientCiphertext);
    content = fromStoredOutbound(row.content);
  } catch {
    const reason = 'stored notification unreadable (key or content)';
    await markNotificationFailed(db, notificationId, reason);
    return { outcome: 'failed', reason };
  }

  // A letter is stored by key; the channel is given its bytes, read from the shared file store.
  // Missing bytes are retried: an older file may still be on the disk of a process that has not
  // copied it into the database yet (decision 0021).
  const file = content.file;
  if (file?.key && !file.bytes) {
    const bytes = await readStoredFile(ctx, file.key);
    if (!bytes) {
      const reason = `stored file ${file.key} not found`;
      if (options.lastAttempt) await markNotificationFailed(db, notificationId, reason);
      else await recordNotificationError(db, notificationId, reason);
      throw new AppError('unavailable', reason);
    }
    const { key: _key, ...rest } = file;
    content = { ...content, file: { ...rest, bytes } };
  }

  const sender = deps.senders.get(recipient.channel);
  if (!sender) {
    const reason = `no sender configured for channel ${recipient.channel}`;
    if (options.lastAttempt) await markNotificationFailed(db, notificationId, reason);
    else await recordNotificationError(db, notificationId, reason);
    throw new AppError('unavailable', reason);
  }

  const key = recipientKey(createConversationHash(ctx.sealedBox), recipient);
  const wait = await deps.pacer.reserve(key, notificationId, sender.paceMs(recipient, content));
  if (wait > 0) return { outcome: 'wait', ms: wait, reason: 'pacing' };
  if (!(await deps.pacer.claim(notificationId, CLAIM_MS)))
    return { outcome: 'wait', ms: 5000, reason: 'busy' };

  try {
    // Read again under the claim: a worker that finished meanwhile has marked it.
    const fresh = await findNotification(db, notificationId);
    if (!fresh || fresh.status !== 'pending') {
      return fresh ? { outcome: 'already-done', status: fresh.status } : { outcome: 'missing' };
    }
    await recordSendAttempt(db, notificationId);
    try {
      const { channelMessageId } = await sender.send(recipient, content, {
        notificationId,
        caseId: row.caseId ?? undefined,
      });
      await markNotificationSent(db, notificationId, channelMessageId, ctx.clock.now());
      return { outcome: 'sent', channelMessageId };
    } catch (err) {
      if (err instanceof RetryAfterError) {
        await deps.pacer.holdOff(key, err.retryAfterMs);
        await recordNotificationError(
          db,
          notificationId,
          `rate limited by ${recipient.channel}: retry after ${Math.ceil(err.retryAfterMs / 1000)} s`,
        );
        return { outcome: 'wait', ms: err.retryAfterMs, reason: 'retry-after' };
      }
      if (err instanceof UndeliverableError) {
        await markNotificationUndeliverable(db, notificationId, err.reason);
        if (err.holdUntilNextContact && deps.held)
          await deps.held.holdUntilNextContact(recipient, notificationId);
        return { outcome: 'undeliverable', reason: err.reason };
      }
      if (err instanceof SendRejectedError) {
        await markNotificationFailed(db, notificationId, err.reason);
        return { outcome: 'failed', reason: err.reason };
      }
      const reason = describeError(err);
      if (options.lastAttempt) await markNotificationFailed(db, notificationId, reason);
      else await recordNotificationError(db, notificationId, reason);
      throw err;
    }
  } finally {
    await deps.pacer.release(notificationId).catch(() => {});
  }
}

/** A short reason fit for an officer's screen: no token, no payload. */
export function describeError(err: unknown): string {
  const e = err instanceof Error ? err : new Error(String(err));
  return `${e.name}: ${e.message}`.replace(/bot\d+:[A-Za-z0-9_-]+/g, 'bot<token>').slice(0, 300);
}
