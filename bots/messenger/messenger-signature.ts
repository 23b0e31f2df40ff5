// Meta signs every webhook call: `X-Hub-Signature-256: sha256=<hex>`, hex being HMAC-SHA256 of the
// body exactly as sent, keyed with the app secret. The route hands us the raw text, never a
// re-serialised object. Meta's calls carry no timestamp of their own to check freshness with; a
// replayed call is caught by the inbox remembering message ids (messenger-channel.ts).
import { createHmac, timingSafeEqual } from 'node:crypto';

export type MessengerSignatureCheck =
  { ok: true } | { ok: false; reason: 'unsigned' | 'malformed' | 'forged' };

export function computeMessengerSignature(appSecret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody, 'utf8').digest('hex')}`;
}

export function verifyMessengerSignature(
  header: string | string[] | undefined,
  rawBody: string,
  appSecret: string,
): MessengerSignatureCheck {
  if (typeof header !== 'string' || header.trim() === '') return { ok: false, reason: 'unsigned' };
  const given = /^\s*sha256=([0-9a-fA-F]{64})\s*$/.exec(header)?.[1]?.toLowerCase();
  if (!given) return { ok: false, reason: 'malformed' };
  const expected = createHmac('sha256', appSecret).update(rawBody, 'utf8').digest();
  if (!timingSafeEqual(Buffer.from(given, 'hex'), expected)) return { ok: false, reason: 'forged' };
  return { ok: true };
}
