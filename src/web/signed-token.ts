// Short-lived signed tokens for links a page hands out after it has checked who is asking (a letter
// download after a successful tracking lookup). A token holds ids (UUIDs) and an expiry, never
// personal data, signed with HMAC-SHA256 under a key derived from ENCRYPTION_KEY; a link copied out
// of the page stops working when it expires. Binary and truncated to stay well under the router's
// 100-character path parameter: 2 ids + expiry + 128-bit tag ≈ 70 characters.
import { createHmac, timingSafeEqual } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TAG_BYTES = 16;

export interface IdLinkTokens {
  issue(ids: readonly string[], now: Date): string;
  /** The ids, or undefined when the token is forged, malformed or expired. */
  verify(token: string, now: Date): string[] | undefined;
}

const uuidToBytes = (id: string) => Buffer.from(id.replaceAll('-', ''), 'hex');
const bytesToUuid = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

export function createIdLinkTokens(
  key: Buffer,
  options: { purpose: string; ttlSeconds: number },
): IdLinkTokens {
  const tag = (body: Buffer) =>
    createHmac('sha256', key).update(options.purpose).update(body).digest().subarray(0, TAG_BYTES);
  return {
    issue(ids, now) {
      if (!ids.every((id) => UUID.test(id))) throw new Error('link tokens carry UUIDs only');
      const exp = Buffer.alloc(4);
      exp.writeUInt32BE(Math.floor(now.getTime() / 1000) + options.ttlSeconds);
      const body = Buffer.concat([...ids.map(uuidToBytes), exp]);
      return `${body.toString('base64url')}.${tag(body).toString('base64url')}`;
    },
    verify(token, now) {
      if (token.length > 200) return undefined;
      const [bodyText, tagText, extra] = token.split('.');
      if (!bodyText || !tagText || extra !== undefined) return undefined;
      const body = Buffer.from(bodyText, 'base64url');
      const given = Buffer.from(tagText, 'base64url');
      if ((body.length - 4) % 16 !== 0 || body.length < 4) return undefined;
      if (given.length !== TAG_BYTES || !timingSafeEqual(given, tag(body))) return undefined;
      if (body.readUInt32BE(body.length - 4) * 1000 < now.getTime()) return undefined;
      const ids: string[] = [];
      for (let i = 0; i + 16 <= body.length - 4; i += 16) ids.push(bytesToUuid(body.subarray(i, i + 16)));
      return ids;
    },
  };
}
