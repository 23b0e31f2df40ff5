// "Hold until next contact": a channel that cannot reach a person until they write again (Zalo:
// free replies only within 48 hours of their last message, and no paid route the organisation
// chose; decision 0027) does not lose them. The notification row is marked `undeliverable` with a reason officers can read, its
// id is remembered under a keyed hash of the recipient (never the clear conversation id; decision
// 0023: ids held under the older plain hash are still found), and when that
// person next writes the adapter calls releaseHeldNotifications: every held row goes back to
// `pending` and is queued again, so it is delivered once, in the order it was created.
import type { Redis } from 'ioredis';
import type { AppContext } from '../app-context.js';
import type { ConversationRef } from '../dialog/dialog-types.js';
import { findNotification, reopenUndeliverableNotification } from './notification.repository.js';
import { createConversationHash } from '../core/keyed-hash.js';
import type { SealedBox } from '../core/sealed-box.js';
import { legacyRecipientKey, recipientKey } from './recipient-pacer.js';

/** How long a held message waits for its recipient to come back. */
export const HOLD_TTL_SECONDS = 90 * 24 * 3600;

export interface HeldNotifications {
  holdUntilNextContact(recipient: ConversationRef, notificationId: string): Promise<void>;
  /** Requeues what was held for this recipient; returns how many went back to the queue. */
  releaseHeldNotifications(ctx: AppContext, recipient: ConversationRef): Promise<number>;
  /** Ids held for this recipient (tests, diagnostics). */
  heldFor(recipient: ConversationRef): Promise<string[]>;
}

export function createHeldNotifications(
  redis: Redis,
  prefix: string,
  sealedBox: Pick<SealedBox, 'deriveKey'>,
): HeldNotifications {
  const hash = createConversationHash(sealedBox);
  const keyOf = (recipient: ConversationRef) => `${prefix}:notify:held:${recipientKey(hash, recipient)}`;
  // Held for up to 90 days: what was held before the deploy is merged in when the person is next seen.
  const legacyKeyOf = (recipient: ConversationRef) =>
    `${prefix}:notify:held:${legacyRecipientKey(recipient)}`;
  const idsFor = async (recipient: ConversationRef) => {
    const key = keyOf(recipient);
    const legacy = legacyKeyOf(recipient);
    if (await redis.exists(legacy)) {
      await redis.multi().sunionstore(key, key, legacy).expire(key, HOLD_TTL_SECONDS).del(legacy).exec();
    }
    return redis.smembers(key);
  };
  return {
    async holdUntilNextContact(recipient, notificationId) {
      const key = keyOf(recipient);
      await redis.multi().sadd(key, notificationId).expire(key, HOLD_TTL_SECONDS).exec();
    },

    async releaseHeldNotifications(ctx, recipient) {
      const key = keyOf(recipient);
      const ids = await idsFor(recipient);
      if (ids.length === 0) return 0;
      const rows = await Promise.all(ids.map((id) => findNotification(ctx.db.prisma, id)));
      // Oldest first: uuid v7 ids sort by creation time.
      const ordered = ids.map((id, i) => ({ id, row: rows[i] })).sort((a, b) => (a.id < b.id ? -1 : 1));
      let released = 0;
      for (const { id, row } of ordered) {
        if (row && (await reopenUndeliverableNotification(ctx.db.prisma, id))) {
          await requeue(ctx, id);
          released++;
        }
        await redis.srem(key, id);
      }
      if (released > 0) ctx.logger.info({ count: released }, 'held notifications released');
      return released;
    },

    heldFor: idsFor,
  };
}

/** The finished job of the first attempt still holds the deterministic job id: remove it first. */
async function requeue(ctx: AppContext, notificationId: string): Promise<void> {
  const queue = ctx.queues.queue('notify');
  const job = await queue.getJob(`notification-${notificationId}`);
  if (job) {
    for (let i = 0; i < 20 && (await job.isActive()); i++) await new Promise((r) => setTimeout(r, 100));
    if ((await job.isCompleted()) || (await job.isFailed())) await job.remove();
  }
  await ctx.queues.add('notify.deliver', { notificationId });
}
