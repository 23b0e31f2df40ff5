// Where an open hotline form waits between two messages: Redis, sealed (it holds a caller's name
// and number), 15 minutes, one per officer and chat.
import type { Redis } from 'ioredis';
import type { SealedBox } from '../core/sealed-box.js';
import type { ConversationRef } from '../dialog/dialog-types.js';
import { ZHotlineFormStateSchema, type HotlineFormState } from './hotline-form.js';

export const HOTLINE_FORM_TTL_SECONDS = 15 * 60;

export interface HotlineFormStore {
  load(conversation: ConversationRef): Promise<HotlineFormState | null>;
  save(conversation: ConversationRef, state: HotlineFormState): Promise<void>;
  clear(conversation: ConversationRef): Promise<void>;
}

export function createRedisHotlineFormStore(options: {
  redis: Redis;
  prefix: string;
  sealedBox: SealedBox;
}): HotlineFormStore {
  const { redis, prefix, sealedBox } = options;
  const key = (c: ConversationRef) =>
    `${prefix}:officer:hotline-form:${c.channel}:${c.conversationId}:${c.userId ?? c.conversationId}`;
  return {
    async load(conversation) {
      const raw = await redis.getBuffer(key(conversation));
      if (!raw) return null;
      try {
        return ZHotlineFormStateSchema.parse(sealedBox.openJson(raw));
      } catch {
        await redis.del(key(conversation));
        return null;
      }
    },
    async save(conversation, state) {
      await redis.set(key(conversation), sealedBox.sealJson(state), 'EX', HOTLINE_FORM_TTL_SECONDS);
    },
    async clear(conversation) {
      await redis.del(key(conversation));
    },
  };
}
