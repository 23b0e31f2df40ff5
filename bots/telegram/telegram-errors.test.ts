import { TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { RetryAfterError, SendRejectedError, UndeliverableError } from '../../src/notify/channel-sender.js';
import { toChannelError } from './telegram-errors.js';

const tgError = (error_code: number, description: string, parameters?: object) =>
  new TelegramError(
    { error_code, description, ...(parameters ? { parameters } : {}) },
    {
      method: 'sendMessage',
      payload: { chat_id: 5551234, text: 'nội dung riêng tư' },
    },
  );

describe('toChannelError', () => {
  it('turns 429 into RetryAfterError with retry_after in ms', () => {
    const e = toChannelError(tgError(429, 'Too Many Requests: retry after 7', { retry_after: 7 }));
    expect(e).toBeInstanceOf(RetryAfterError);
    expect((e as RetryAfterError).retryAfterMs).toBe(7000);
  });

  it('treats a blocked bot, a missing chat and a migrated group as undeliverable', () => {
    expect(toChannelError(tgError(403, 'Forbidden: bot was blocked by the user'))).toBeInstanceOf(
      UndeliverableError,
    );
    expect(toChannelError(tgError(400, 'Bad Request: chat not found'))).toBeInstanceOf(UndeliverableError);
    expect(
      toChannelError(
        tgError(400, 'Bad Request: group chat was upgraded to a supergroup chat', {
          migrate_to_chat_id: -100,
        }),
      ),
    ).toBeInstanceOf(UndeliverableError);
  });

  it('treats other 400s as rejected content, and 5xx or network errors as transient', () => {
    expect(toChannelError(tgError(400, 'Bad Request: message is too long'))).toBeInstanceOf(
      SendRejectedError,
    );
    const transient = toChannelError(tgError(502, 'Bad Gateway'));
    expect(transient).not.toBeInstanceOf(SendRejectedError);
    expect(transient).not.toBeInstanceOf(UndeliverableError);
  });

  it('never carries the request (chat id, text) or the bot token', () => {
    const e = toChannelError(tgError(403, 'Forbidden: bot was blocked by the user'));
    expect(JSON.stringify({ ...e, message: e.message })).not.toMatch(/5551234|riêng tư/);
    const net = toChannelError(
      new Error('request to https://api.telegram.org/bot123:AAsecret/sendMessage failed'),
    );
    expect(net.message).not.toContain('AAsecret');
  });
});
