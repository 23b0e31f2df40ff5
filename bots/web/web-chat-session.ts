// Web chat sessions. The page keeps a random 128-bit session id in localStorage and sends it in a
// header; it is a bearer secret (whoever holds it reads the conversation), so it is stored nowhere:
// Redis, the dialog, the notify outbox and `web_chat_messages` only see its SHA-256 (the session
// key), which is also the dialog's conversation id for the web channel.
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
  create(): Promise<{ sessionId: string; sessionKey: string }>;
}

export function createWebChatSessions(redis: Redis, prefix: string): WebChatSessions {
  const key = (sessionKey: string) => `${prefix}:web:session:${sessionKey}`;
  return {
    async touch(sessionId) {
      if (!sessionId || !SESSION_ID_PATTERN.test(sessionId)) return undefined;
      const sessionKey = sessionKeyOf(sessionId);
      return (await redis.expire(key(sessionKey), SESSION_TTL_SECONDS)) === 1 ? sessionKey : undefined;
    },
    async create() {
      const sessionId = newSessionId();
      const sessionKey = sessionKeyOf(sessionId);
      await redis.set(key(sessionKey), '1', 'EX', SESSION_TTL_SECONDS);
      return { sessionId, sessionKey };
    },
  };
}
