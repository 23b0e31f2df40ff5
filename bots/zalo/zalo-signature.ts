// Zalo signs every webhook call: header `X-ZEvent-Signature: mac=<hex>` where
// hex = SHA-256(app_id + raw body + timestamp + OA secret key), `timestamp` being the event's own
// field (milliseconds, sent as a string). It is computed over the body exactly as received, so the
// route hands us the raw text, never a re-serialised object.
//
// Freshness: an event whose timestamp is more than STALE_AFTER_MS old (or that many ahead of our
// clock) is refused. Ten minutes absorbs clock skew and Zalo's own delivery delay, and is far
// shorter than the 24 h during which an event id is remembered (zalo-channel.ts), so a captured
// call replayed later is refused either as stale or as a duplicate — never handled twice.
import { createHash, timingSafeEqual } from 'node:crypto';

export const STALE_AFTER_MS = 10 * 60_000;

export type SignatureCheck =
  | { ok: true; timestampMs: number; mac: string }
  | { ok: false; reason: 'unsigned' | 'malformed' | 'forged' | 'stale' | 'wrong-app' };

export interface SignatureOptions {
  appId: string;
  oaSecretKey: string;
  nowMs: number;
  toleranceMs?: number;
}

export function computeZaloMac(
  appId: string,
  rawBody: string,
  timestamp: string,
  oaSecretKey: string,
): string {
  return createHash('sha256').update(`${appId}${rawBody}${timestamp}${oaSecretKey}`, 'utf8').digest('hex');
}

export function verifyZaloSignature(
  header: string | string[] | undefined,
  rawBody: string,
  options: SignatureOptions,
): SignatureCheck {
  if (typeof header !== 'string' || header.trim() === '') return { ok: false, reason: 'unsigned' };
  const given = /^\s*mac\s*=\s*([0-9a-fA-F]{64})\s*$/.exec(header)?.[1]?.toLowerCase();
  if (!given) return { ok: false, reason: 'malformed' };

  let fields: { app_id?: unknown; timestamp?: unknown };
  try {
    fields = JSON.parse(rawBody) as typeof fields;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!fields || typeof fields !== 'object') return { ok: false, reason: 'malformed' };
  const timestamp =
    typeof fields.timestamp === 'string' || typeof fields.timestamp === 'number'
      ? String(fields.timestamp)
      : '';
  if (!/^\d{10,16}$/.test(timestamp)) return { ok: false, reason: 'malformed' };

  const expected = computeZaloMac(options.appId, rawBody, timestamp, options.oaSecretKey);
  if (!timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(expected, 'hex'))) {
    return { ok: false, reason: 'forged' };
  }
  // Signed with our secret for another app id: not ours to handle.
  if (fields.app_id !== undefined && String(fields.app_id) !== options.appId)
    return { ok: false, reason: 'wrong-app' };

  const timestampMs = Number(timestamp);
  const tolerance = options.toleranceMs ?? STALE_AFTER_MS;
  if (Math.abs(options.nowMs - timestampMs) > tolerance) return { ok: false, reason: 'stale' };
  return { ok: true, timestampMs, mac: expected };
}
