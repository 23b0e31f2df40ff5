// Zalo OpenAPI error codes → typed errors, and those → the notify path's channel errors. Zalo
// answers HTTP 200 with `{ error: <negative code>, message }` for most refusals, so the code is
// what counts. The codes below are the ones Zalo's OA API reference and the integrations we read
// (docs/decisions/0010-zalo-oa-client-of-our-own.md) agree on; anything else is treated as
// transient and retried with backoff, which is safe because delivery is idempotent.
import { RetryAfterError, SendRejectedError, UndeliverableError } from '../../src/notify/channel-sender.js';

/** Access token invalid or expired: refresh once and try again. */
export const TOKEN_ERROR_CODES: ReadonlySet<number> = new Set([-124, -216]);
/** Zalo will not let the OA write to the user now (-230: no interaction for 7 days) or they do not follow it (-213). */
export const WINDOW_CLOSED_CODES: ReadonlySet<number> = new Set([-213, -230]);
/** The recipient cannot be reached at all (unknown user id, OA blocked by the user). */
export const UNREACHABLE_CODES: ReadonlySet<number> = new Set([-214, -217]);
/** The request itself is wrong (bad parameter, body or attachment): retrying cannot help. */
export const REJECTED_CODES: ReadonlySet<number> = new Set([-201, -202, -204, -210, -215]);
/**
 * The quota the message needed is spent ("Out of quota" in Zalo's OA error table; decision 0027):
 * not the message's fault, and retrying will not help until Zalo renews the quota.
 */
export const QUOTA_CODES: ReadonlySet<number> = new Set([-211]);
/** Too many requests. */
export const RATE_LIMIT_CODES: ReadonlySet<number> = new Set([-32]);
/** Zalo shut the v2.0 message endpoint down; seeing it means a wrong ZALO_API_BASE or path. */
export const SHUT_DOWN_CODE = -240;

/** Wait after a rate-limit answer: Zalo gives no retry-after, its limits are per minute. */
export const RATE_LIMIT_WAIT_MS = 60_000;

/** Zalo refused a call with an error code. Only the code and Zalo's short message are kept. */
export class ZaloApiError extends Error {
  override name = 'ZaloApiError';
  constructor(
    readonly code: number,
    readonly zaloMessage: string,
    readonly httpStatus = 200,
  ) {
    super(`zalo ${code}: ${zaloMessage.slice(0, 200)}`);
  }
  get isTokenError(): boolean {
    return TOKEN_ERROR_CODES.has(this.code) || this.httpStatus === 401;
  }
}

/** The OAuth server refused to turn the stored refresh token into a new pair. */
export class ZaloAuthError extends Error {
  override name = 'ZaloAuthError';
}

/** No token pair stored yet: an operator must run `npx langnghe zalo:token <refresh-token>`. */
export class ZaloNotAuthorizedError extends Error {
  override name = 'ZaloNotAuthorizedError';
  constructor() {
    super('no Zalo OA token stored; run: npx langnghe zalo:token <refresh-token>');
  }
}

/** Shown to officers on the notification: short, Vietnamese, no personal data. */
export const WINDOW_CLOSED_REASON =
  'Zalo không cho gửi: người nhận chưa nhắn lại cho OA trong thời gian OA được trả lời. Tin được giữ lại và sẽ tự gửi khi họ nhắn lại cho OA; trang tra cứu vẫn hiển thị nội dung';

export function toChannelError(err: unknown): Error {
  if (err instanceof ZaloApiError) {
    if (WINDOW_CLOSED_CODES.has(err.code)) {
      return new UndeliverableError(`${WINDOW_CLOSED_REASON} (mã ${err.code}).`, {
        holdUntilNextContact: true,
      });
    }
    if (UNREACHABLE_CODES.has(err.code)) {
      return new UndeliverableError(
        `Zalo không cho gửi tới người nhận này (mã ${err.code}). Tin được giữ lại và sẽ tự gửi khi họ nhắn lại cho OA.`,
        { holdUntilNextContact: true },
      );
    }
    if (RATE_LIMIT_CODES.has(err.code) || err.httpStatus === 429)
      return new RetryAfterError(RATE_LIMIT_WAIT_MS);
    if (QUOTA_CODES.has(err.code)) {
      return new UndeliverableError(
        `Zalo không cho gửi: OA đã hết hạn mức tin (mã ${err.code}). Tin được giữ lại và sẽ tự gửi khi người nhận nhắn lại cho OA.`,
        { holdUntilNextContact: true },
      );
    }
    if (REJECTED_CODES.has(err.code)) return new SendRejectedError(err.message);
    return new Error(err.message);
  }
  if (err instanceof ZaloAuthError || err instanceof ZaloNotAuthorizedError) return new Error(err.message);
  const e = err instanceof Error ? err : new Error(String(err));
  // fetch errors never quote our headers, but a URL could carry a query: keep the name and message only.
  return new Error(`${e.name}: ${e.message}`.slice(0, 300));
}
