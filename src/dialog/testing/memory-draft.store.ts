// The draft store in memory, for unit tests and a single-process demo. Drafts are copied through
// JSON and the zod schema on the way in and out, as they are through Redis, so a test catches state
// that would not survive a real save.
import { ZDraftSchema, type Draft } from '../dialog-draft.js';
import type { ConversationRef } from '../dialog-types.js';
import type { DraftStore } from '../draft.store.js';

export interface MemoryDraftStore extends DraftStore {
  /** Everything stored, serialised: what a test inspects to prove nothing was kept. */
  dump(): string;
  size(): number;
}

export function createMemoryDraftStore(): MemoryDraftStore {
  const drafts = new Map<string, string>();
  const seen = new Set<string>();
  const locks = new Map<string, Promise<unknown>>();
  /** Wrong staff codes per conversation; the window's end is not simulated (no clock here). */
  const staffFailures = new Map<string, number>();
  const key = (c: Pick<ConversationRef, 'channel' | 'conversationId'>) => `${c.channel}:${c.conversationId}`;
  const read = (raw: string | undefined): Draft | null => (raw ? ZDraftSchema.parse(JSON.parse(raw)) : null);

  return {
    load: async (conversation) => read(drafts.get(key(conversation))),
    async loadById(draftId) {
      for (const raw of drafts.values()) {
        const draft = read(raw);
        if (draft?.id === draftId) return draft;
      }
      return null;
    },
    async save(draft) {
      drafts.set(key(draft.conversation), JSON.stringify(draft));
    },
    async delete(draft) {
      drafts.delete(key(draft.conversation));
    },
    async claimEvent(channel, eventId) {
      const k = `${channel}:${eventId}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    },
    async releaseEvent(channel, eventId) {
      seen.delete(`${channel}:${eventId}`);
    },
    async withLock(conversation, fn) {
      const k = key(conversation);
      const previous = locks.get(k) ?? Promise.resolve();
      const run = previous.catch(() => undefined).then(fn);
      locks.set(k, run);
      return run;
    },
    staffCodeFailures: async (conversation) => staffFailures.get(key(conversation)) ?? 0,
    async recordStaffCodeFailure(conversation) {
      const count = (staffFailures.get(key(conversation)) ?? 0) + 1;
      staffFailures.set(key(conversation), count);
      return count;
    },
    dump: () => JSON.stringify([...drafts.entries()]),
    size: () => drafts.size,
  };
}
