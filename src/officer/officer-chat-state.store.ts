// What an officer is in the middle of in one chat (the hotline form, the answer a button asked
// for): Redis, sealed (a caller's name and number may be in it), short-lived, one per officer and
// chat and purpose. The key names a keyed hash of the chat and the officer, never their ids
// (decision 0023).
import type { Redis } from 'ioredis';
import type { z } from 'zod';
import { createConversationHash } from '../core/keyed-hash.js';
import { moveLegacyKey } from '../core/move-legacy-key.js';
import type { SealedBox } from '../core/sealed-box.js';
import type { ConversationRef, Outbound } from '../dialog/dialog-types.js';

export interface OfficerChatStateStore<T> {
  load(conversation: ConversationRef): Promise<T | null>;
  save(conversation: ConversationRef, state: T): Promise<void>;
  clear(conversation: ConversationRef): Promise<void>;
}

/**
 * After a form's turn that did not submit it: a cancelled form is dropped, one that goes on is kept
 * for the next message; either way the turn's reply is the answer. Submitting is the caller's.
 */
export async function keepFormTurn<T>(
  store: OfficerChatStateStore<T>,
  conversation: ConversationRef,
  turn: { next: 'cancelled'; reply: Outbound } | { next: 'continue'; state: T; reply: Outbound },
): Promise<Outbound[]> {
  if (turn.next === 'cancelled') await store.clear(conversation);
  else await store.save(conversation, turn.state);
  return [turn.reply];
}

export interface OfficerChatStateOptions {
  redis: Redis;
  prefix: string;
  sealedBox: SealedBox;
}

export function createRedisOfficerChatState<S extends z.ZodType>(
  options: OfficerChatStateOptions & { purpose: string; schema: S; ttlSeconds: number },
): OfficerChatStateStore<z.infer<S>> {
  const { redis, prefix, sealedBox, purpose, schema, ttlSeconds } = options;
  const hash = createConversationHash(sealedBox);
  const key = (c: ConversationRef) =>
    `${prefix}:officer:${purpose}:${c.channel}:h:${hash({ ...c, userId: c.userId ?? c.conversationId })}`;
  const legacyKey = (c: ConversationRef) =>
    `${prefix}:officer:${purpose}:${c.channel}:${c.conversationId}:${c.userId ?? c.conversationId}`;
  return {
    async load(conversation) {
      let raw = await redis.getBuffer(key(conversation));
      // A form open across the deploy, under the layout that named the ids: moved once.
      if (!raw && (await moveLegacyKey(redis, legacyKey(conversation), key(conversation)))) {
        raw = await redis.getBuffer(key(conversation));
      }
      if (!raw) return null;
      const parsed = schema.safeParse(sealedBox.openJson(raw));
      if (parsed.success) return parsed.data;
      await redis.del(key(conversation));
      return null;
    },
    async save(conversation, state) {
      await redis.set(key(conversation), sealedBox.sealJson(state), 'EX', ttlSeconds);
    },
    async clear(conversation) {
      await redis.del(key(conversation), legacyKey(conversation));
    },
  };
}
