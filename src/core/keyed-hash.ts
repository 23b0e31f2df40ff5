// A keyed hash for values that must not appear in Redis key names or logs (client addresses,
// session ids). HMAC, not a plain hash: the IPv4 space is small enough to reverse a plain SHA-256
// by trying every address, while without the key (derived from ENCRYPTION_KEY) nobody can.
import { createHmac } from 'node:crypto';

/** 22 base64url characters (132 bits): short key names, no collisions in practice. */
export type KeyedHash = (value: string) => string;

export function createKeyedHash(key: Buffer): KeyedHash {
  return (value) => createHmac('sha256', key).update(value).digest('base64url').slice(0, 22);
}

/** The one keyed hash of client addresses: rate limits, the tracking guess limit, the case caps. */
export function createClientAddressHash(box: { deriveKey(purpose: string): Buffer }): KeyedHash {
  return createKeyedHash(box.deriveKey('client-address'));
}

/**
 * The one keyed hash of whom a chat is with (a Telegram chat, a Zalo user, a web chat session) in
 * Redis key names. Telegram chat ids are short numbers: a plain hash of one is reversed by trying
 * them all, and a key name is read by anyone who can list the keys.
 */
export function createConversationHash(box: {
  deriveKey(purpose: string): Buffer;
}): (ref: { channel: string; conversationId: string; userId?: string }) => string {
  const hash = createKeyedHash(box.deriveKey('conversation-key'));
  return (ref) =>
    hash(
      ref.userId === undefined
        ? `${ref.channel}\n${ref.conversationId}`
        : `${ref.channel}\n${ref.conversationId}\n${ref.userId}`,
    );
}
