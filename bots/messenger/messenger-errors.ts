// Graph API errors → typed errors, and those → the notify path's channel errors. Graph answers
// `{ error: { message, type, code, error_subcode } }` with an HTTP 4xx/5xx. The codes below are the
// ones the Messenger Platform's error-code reference lists for the Send API; anything else is
// treated as transient and retried with backoff (delivery is idempotent).
import { RetryAfterError, SendRejectedError, UndeliverableError } from '../../src/notify/channel-sender.js';

/** "This message is sent outside of allowed window": the 24-hour standard messaging window closed. */
export const OUTSIDE_WINDOW = { code: 10, subcode: 2018278 } as const;
/** "This person isn't available right now" (blocked the Page, deactivated). */
export const UNAVAILABLE_CODE = 551;
/** Application / Page / user rate limits. */
export const RATE_LIMIT_CODES: ReadonlySet<number> = new Set([4, 17, 32, 613]);
/** The token is invalid or expired: an operator must set a new MESSENGER_PAGE_ACCESS_TOKEN. */
export const TOKEN_ERROR_CODE = 190;
/** The request itself is wrong: retrying cannot help. */
export const REJECTED_CODES: ReadonlySet<number> = new Set([100]);

export const RATE_LIMIT_WAIT_MS = 60_000;

/** Graph refused a call. Only the codes and Graph's short message are kept. */
export class MessengerApiError extends Error {
  override name = 'MessengerApiError';
  constructor(
    readonly code: number,
    readonly subcode: number | undefined,
    readonly graphMessage: string,
    readonly httpStatus: number,
  ) {
    super(`messenger ${code}${subcode ? `/${subcode}` : ''}: ${graphMessage.slice(0, 200)}`);
  }
}

/** Shown to officers on the notification: short, Vietnamese, no personal data. */
export const WINDOW_CLOSED_REASON =
  'Messenger không cho gửi: đã quá 24 giờ từ tin nhắn cuối của người gửi. Tin được giữ lại, hiện trên trang tra cứu, và sẽ tự gửi khi họ nhắn lại cho Trang.';

export function toChannelError(err: unknown): Error {
  if (err instanceof MessengerApiError) {
    if (err.code === OUTSIDE_WINDOW.code && err.subcode === OUTSIDE_WINDOW.subcode) {
      return new UndeliverableError(WINDOW_CLOSED_REASON, { holdUntilNextContact: true });
    }
    if (err.code === UNAVAILABLE_CODE) {
      return new UndeliverableError(
        `Messenger không cho gửi tới người nhận này (mã ${err.code}). Tin được giữ lại và sẽ tự gửi khi họ nhắn lại cho Trang.`,
        { holdUntilNextContact: true },
      );
    }
    if (RATE_LIMIT_CODES.has(err.code) || err.httpStatus === 429)
      return new RetryAfterError(RATE_LIMIT_WAIT_MS);
    if (REJECTED_CODES.has(err.code)) return new SendRejectedError(err.message);
    return new Error(err.message);
  }
  const e = err instanceof Error ? err : new Error(String(err));
  return new Error(`${e.name}: ${e.message}`.slice(0, 300));
}
