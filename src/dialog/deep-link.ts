// `/start <payload>` links printed in QR codes and sent in messages. Telegram allows 64 characters of
// [A-Za-z0-9_-] in a start payload: a unit code is at most 40 of [A-Za-z0-9-] and a tracking code
// is 12 symbols with dashes, so both fit with their two-character prefix.
import { parseTrackingCode } from '../cases/tracking-code.js';

export type StartPayload =
  | { readonly type: 'unit'; readonly unitCode: string }
  | { readonly type: 'track'; readonly code: string }
  | { readonly type: 'none' };

const PAYLOAD = /^[A-Za-z0-9_-]{1,64}$/;
const UNIT_CODE = /^[A-Za-z0-9-]{1,40}$/;

export function parseStartPayload(args: string): StartPayload {
  const payload = args.trim();
  if (!PAYLOAD.test(payload)) return { type: 'none' };
  if (payload.startsWith('u_') && UNIT_CODE.test(payload.slice(2)))
    return { type: 'unit', unitCode: payload.slice(2) };
  if (payload.startsWith('t_')) {
    const parsed = parseTrackingCode(payload.slice(2));
    // A mangled code still opens tracking, which then says what is wrong with it.
    return { type: 'track', code: parsed.ok ? parsed.code : payload.slice(2) };
  }
  return { type: 'none' };
}

/** The payload for a department's QR poster: `u_<unitCode>`. */
export function unitStartPayload(unitCode: string): string {
  if (!UNIT_CODE.test(unitCode)) throw new Error(`Unit code "${unitCode}" cannot go in a start link.`);
  return `u_${unitCode}`;
}

/** The payload that opens tracking of a case: `t_<code>`. */
export function trackStartPayload(code: string): string {
  const parsed = parseTrackingCode(code);
  if (!parsed.ok) throw new Error('Not a tracking code.');
  return `t_${parsed.code}`;
}
