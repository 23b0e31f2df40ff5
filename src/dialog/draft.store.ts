// Where drafts live between two messages, what a repeated event looks like, and one turn at a time
// per conversation. The Redis store is what runs; testing/memory-draft.store.ts mirrors it for tests.
import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppError } from '../core/app-error.js';
import { createConversationHash } from '../core/keyed-hash.js';
import { moveLegacyKey } from '../core/move-legacy-key.js';
import type { SealedBox } from '../core/sealed-box.js';
import { ZDraftSchema, type Draft } from './dialog-draft.js';
import type { ConversationRef, DialogChannel } from './dialog-types.js';

export interface DraftStore {
  load(conversation: ConversationRef): Promise<Draft | null>;
  /** For the reminder job, which knows the draft only by its random id. */
  loadById(draftId: string): Promise<Draft | null>;
  /** Saves and restarts the expiry, unless `keepExpiry` (a reminder is not activity). */
  save(draft: Draft, options?: { keepExpiry?: boolean }): Promise<void>;
  delete(draft: Pick<Draft, 'id' | 'conversation'>): Promise<void>;
  /** True the first time an event id is seen on a channel; false for a repeat. */
  claimEvent(channel: DialogChannel, eventId: string): Promise<boolean>;
  /** Forgets an event whose handling failed, so that the channel's retry is handled. */
  releaseEvent(channel: DialogChannel, eventId: string): Promise<void>;
  /** Runs `fn` while no other process handles a message of the same conversation. */
  withLock<T>(conversation: ConversationRef, fn: () => Promise<T>): Promise<T>;
  /**
   * Wrong staff access codes of this conversation within the window. Kept beside the draft, not in
   * it: /start and /huy start a new draft, and must not start a new count (issue 16).
   */
  staffCodeFailures(conversation: ConversationRef): Promise<number>;
  /** Counts one more wrong code; the window starts at the first and is not extended by the next. */
  recordStaffCodeFailure(conversation: ConversationRef, windowSeconds: number): Promise<number>;
}

export interface RedisDraftStoreOptions {
  /** A connection, or one still being opened (BullMQ's queue client, for workers). */
  redis: Redis | Promise<Redis>;
  prefix: string;
  /** Drafts hold what people typed: encrypted at rest in Redis like everything personal. */
  sealedBox: SealedBox;
  ttlSeconds: number;
  /** How long a repeated event id is recognised. */
  eventTtlSeconds?: number;
  lockTimeoutMs?: number;
}

type ConversationHash = ReturnType<typeof createConversationHash>;
type ConversationOf = Pick<ConversationRef, 'channel' | 'conversationId'>;

/**
 * `${prefix}:dialog:<channel>:h:<keyed hash>`: a key name never holds the chat id (decision 0023).
 * The hash comes from `createConversationHash(sealedBox)`.
 */
export function draftKey(prefix: string, hash: ConversationHash, conversation: ConversationOf): string {
  return `${prefix}:dialog:${conversation.channel}:h:${hash({
    channel: conversation.channel,
    conversationId: conversation.conversationId,
  })}`;
}

/** The layout before decision 0023, read once and moved: drafts in flight survive the deploy. */
export function legacyDraftKey(prefix: string, conversation: ConversationOf): string {
  return `${prefix}:dialog:${conversation.channel}:${conversation.conversationId}`;
}

const RELEASE_LOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export function createRedisDraftStore(options: RedisDraftStoreOptions): DraftStore {
  const { prefix, sealedBox, ttlSeconds } = options;
  const connection = Promise.resolve(options.redis);
  const eventTtl = options.eventTtlSeconds ?? 24 * 60 * 60;
  const lockMs = options.lockTimeoutMs ?? 15_000;
  const hash = createConversationHash(sealedBox);
  const keyOf = (conversation: ConversationOf) => draftKey(prefix, hash, conversation);
  const idKey = (draftId: string) => `${prefix}:dialog:draft-id:${draftId}`;
  // Hashed: an adapter's event id may carry an account id, and a no-trace sender leaves no key
  // naming their conversation.
  const eventKey = (channel: DialogChannel, eventId: string) =>
    `${prefix}:dialog:seen:${channel}:${createHash('sha256').update(eventId).digest('hex').slice(0, 32)}`;
  // One per conversation like the draft (not per user of a group); it lives seconds: nothing to move.
  const lockKey = (c: ConversationRef) =>
    `${prefix}:dialog:lock:${c.channel}:h:${hash({ channel: c.channel, conversationId: c.conversationId })}`;
  const staffFailuresKey = (c: ConversationRef) =>
    `${prefix}:dialog:staff-code-failures:${c.channel}:h:${hash({ channel: c.channel, conversationId: c.conversationId })}`;

  async function read(key: string): Promise<Draft | null> {
    const redis = await connection;
    const sealed = await redis.getBuffer(key);
    if (!sealed) return null;
    try {
      const parsed = ZDraftSchema.safeParse(sealedBox.openJson(sealed));
      // A draft from an older version or another key is dropped: starting again beats misreading.
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** Moves a draft kept under the old layout, and its id's pointer, to the hashed key. */
  async function moveLegacy(conversation: ConversationOf): Promise<Draft | null> {
    const redis = await connection;
    const key = keyOf(conversation);
    if (!(await moveLegacyKey(redis, legacyDraftKey(prefix, conversation), key))) return null;
    const draft = await read(key);
    if (draft) await redis.set(idKey(draft.id), key, 'KEEPTTL', 'XX');
    return draft;
  }

  return {
    async load(conversation) {
      return (await read(keyOf(conversation))) ?? moveLegacy(conversation);
    },
    async loadById(draftId) {
      const redis = await connection;
      const key = await redis.get(idKey(draftId));
      if (!key) return null;
      let draft = await read(key);
      if (draft && key !== keyOf(draft.conversation)) draft = await moveLegacy(draft.conversation);
      return draft?.id === draftId ? draft : null;
    },
    async save(draft, saveOptions) {
      const redis = await connection;
      const key = keyOf(draft.conversation);
      const sealed = sealedBox.sealJson(draft);
      if (saveOptions?.keepExpiry) {
        await redis.set(key, sealed, 'KEEPTTL');
        return;
      }
      await redis
        .multi()
        .set(key, sealed, 'EX', ttlSeconds)
        .set(idKey(draft.id), key, 'EX', ttlSeconds)
        .exec();
    },
    async delete(draft) {
      const redis = await connection;
      await redis.del(keyOf(draft.conversation), legacyDraftKey(prefix, draft.conversation), idKey(draft.id));
    },
    async claimEvent(channel, eventId) {
      const redis = await connection;
      return (await redis.set(eventKey(channel, eventId), '1', 'EX', eventTtl, 'NX')) === 'OK';
    },
    async releaseEvent(channel, eventId) {
      const redis = await connection;
      await redis.del(eventKey(channel, eventId));
    },
    async staffCodeFailures(conversation) {
      const redis = await connection;
      return Number((await redis.get(staffFailuresKey(conversation))) ?? 0);
    },
    async recordStaffCodeFailure(conversation, windowSeconds) {
      const redis = await connection;
      const key = staffFailuresKey(conversation);
      // EXPIRE NX: the first failure opens the window; later ones do not push its end further.
      const [[, count]] = (await redis.multi().incr(key).expire(key, windowSeconds, 'NX').exec()) as [
        [Error | null, number],
        [Error | null, number],
      ];
      return count;
    },
    async withLock(conversation, fn) {
      const redis = await connection;
      const key = lockKey(conversation);
      const token = randomBytes(12).toString('hex');
      const deadline = Date.now() + lockMs;
      while ((await redis.set(key, token, 'PX', lockMs, 'NX')) !== 'OK') {
        if (Date.now() > deadline) {
          throw new AppError(
            'unavailable',
            'Hệ thống đang bận xử lý tin nhắn trước của bạn. Vui lòng thử lại.',
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      try {
        return await fn();
      } finally {
        await redis.eval(RELEASE_LOCK, 1, key, token);
      }
    },
  };
}
