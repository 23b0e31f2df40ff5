// Web chat sessions. The page keeps a random 128-bit session id in localStorage and sends it in a
// header; it is a bearer secret (whoever holds it reads the conversation), so it is stored nowhere:
// Redis, the dialog, the notify outbox and `web_chat_messages` only see its SHA-256 (the session
// key), which is also the dialog's conversation id for the web channel.
//
// The session also remembers where it was last opened from: the keyed hash of the client address
// (src/core/keyed-hash.ts; never the address itself), refreshed each time the page resumes it. The
// dialog's submit counts new cases against that source (src/intake/new-case-cap.ts, decision 0026).
import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

export const SESSION_HEADER = 'x-chat-session';
/** 16 random bytes in base64url. */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
/** What the dialog and the stored messages know a session by. */
export const SESSION_KEY_PATTERN = /^[0-9a-f]{32}$/;
/** Sessions, their stored messages and answers live this long after the last use. */
export const WEB_CHAT_RETENTION_DAYS = 30;
const SESSION_TTL_SECONDS = WEB_CHAT_RETENTION_DAYS * 24 * 3600;

export function newSessionId(): string {
  return randomBytes(16).toString('base64url');
}

export function sessionKeyOf(sessionId: string): string {
  return createHash('sha256').update(`web-chat:${sessionId}`).digest('hex').slice(0, 32);
}

export interface WebChatSessions {
  /** The session key when the id is one this server issued and not expired; refreshes its expiry. */
  touch(sessionId: string | undefined): Promise<string | undefined>;
  /** `source`: the keyed hash of the client address opening it. */
  create(source: string): Promise<{ sessionId: string; sessionKey: string }>;
  /** Like touch, and records the address it is resumed from; undefined when the session is gone. */
  resume(sessionId: string | undefined, source: string): Promise<string | undefined>;
  /** The keyed client address the session was last opened from; undefined for sessions older than that. */
  sourceOf(sessionKey: string): Promise<string | undefined>;
}

/** What sessions stored before they remembered their source hold. */
const NO_SOURCE = '1';

export function createWebChatSessions(redis: Redis, prefix: string): WebChatSessions {
  const key = (sessionKey: string) => `${prefix}:web:session:${sessionKey}`;
  return {
    async touch(sessionId) {
      if (!sessionId || !SESSION_ID_PATTERN.test(sessionId)) return undefined;
      const sessionKey = sessionKeyOf(sessionId);
      return (await redis.expire(key(sessionKey), SESSION_TTL_SECONDS)) === 1 ? sessionKey : undefined;
    },
    async create(source) {
      const sessionId = newSessionId();
      const sessionKey = sessionKeyOf(sessionId);
      await redis.set(key(sessionKey), source, 'EX', SESSION_TTL_SECONDS);
      return { sessionId, sessionKey };
    },
    async resume(sessionId, source) {
      if (!sessionId || !SESSION_ID_PATTERN.test(sessionId)) return undefined;
      const sessionKey = sessionKeyOf(sessionId);
      // XX: only a session that exists; a forged or expired id opens nothing.
      const set = await redis.set(key(sessionKey), source, 'EX', SESSION_TTL_SECONDS, 'XX');
      return set === 'OK' ? sessionKey : undefined;
    },
    async sourceOf(sessionKey) {
      const value = await redis.get(key(sessionKey));
      return value && value !== NO_SOURCE ? value : undefined;
    },
  };
}
