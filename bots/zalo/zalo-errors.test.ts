import { describe, expect, it } from 'vitest';
import { RetryAfterError, SendRejectedError, UndeliverableError } from '../../src/notify/channel-sender.js';
import { toChannelError, ZaloApiError, ZaloAuthError } from './zalo-errors.js';

describe('Zalo error codes → channel errors', () => {
  it('holds a message refused outside the window (-230), to a non-follower (-213) or for a spent quota (-211), with a reason', () => {
    for (const code of [-230, -213, -211]) {
      const e = toChannelError(
        new ZaloApiError(code, 'User has not interacted with the OA in the past 7 days'),
      );
      expect(e).toBeInstanceOf(UndeliverableError);
      expect((e as UndeliverableError).holdUntilNextContact).toBe(true);
      expect((e as UndeliverableError).reason).toMatch(/giữ lại.*nhắn lại cho OA/);
    }
  });

  it('maps rate limits to a wait, bad content to a refusal, and the rest to a retried failure', () => {
    expect(toChannelError(new ZaloApiError(-32, 'rate limit'))).toBeInstanceOf(RetryAfterError);
    expect(toChannelError(new ZaloApiError(-1, 'x', 429))).toBeInstanceOf(RetryAfterError);
    expect(toChannelError(new ZaloApiError(-201, 'param invalid'))).toBeInstanceOf(SendRejectedError);
    const shutDown = toChannelError(new ZaloApiError(-240, 'v2 API is shut down'));
    expect(shutDown).not.toBeInstanceOf(UndeliverableError);
    expect(shutDown).not.toBeInstanceOf(SendRejectedError);
    expect(shutDown.message).toContain('-240');
    expect(toChannelError(new ZaloAuthError('refused'))).not.toBeInstanceOf(SendRejectedError);
  });

  it('recognises token errors (-216, -124, HTTP 401) as a reason to refresh', () => {
    expect(new ZaloApiError(-216, 'Access token is invalid').isTokenError).toBe(true);
    expect(new ZaloApiError(-124, 'expired').isTokenError).toBe(true);
    expect(new ZaloApiError(-1, 'x', 401).isTokenError).toBe(true);
    expect(new ZaloApiError(-230, 'window').isTokenError).toBe(false);
  });
});
