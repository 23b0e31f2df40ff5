// Bot API errors → the notify path's typed errors. Only the error code and Telegram's own
// description are kept: a TelegramError also carries the request (chat id, text), which must never
// reach a log line or a database row.
import { TelegramError } from 'telegraf';
import { RetryAfterError, SendRejectedError, UndeliverableError } from '../../src/notify/channel-sender.js';

const UNREACHABLE_400 = [
  'chat not found',
  'user not found',
  'peer_id_invalid',
  'group chat was upgraded',
  'chat_write_forbidden',
  'have no rights to send',
  'not enough rights',
  'bot was kicked',
  'user is deactivated',
];

export function toChannelError(err: unknown): Error {
  if (!(err instanceof TelegramError)) {
    const e = err instanceof Error ? err : new Error(String(err));
    // node-fetch errors may quote the request URL, which holds the bot token.
    return new Error(`${e.name}: ${e.message.replace(/bot\d+:[A-Za-z0-9_-]+/g, 'bot<token>')}`);
  }
  const code = err.code;
  const description = String(err.description ?? '').slice(0, 200);
  if (code === 429) {
    const seconds = Number(err.parameters?.retry_after ?? 5);
    return new RetryAfterError(Math.max(1, Number.isFinite(seconds) ? seconds : 5) * 1000);
  }
  if (code === 403) return new UndeliverableError(`telegram 403: ${description}`);
  if (code === 400) {
    const lower = description.toLowerCase();
    if (err.parameters?.migrate_to_chat_id || UNREACHABLE_400.some((s) => lower.includes(s))) {
      return new UndeliverableError(`telegram 400: ${description}`);
    }
    return new SendRejectedError(`telegram 400: ${description}`);
  }
  // 401 (token revoked), 409, 5xx: transient or operator-fixable; retried with backoff.
  return new Error(`telegram ${code}: ${description}`);
}

/** What a log line may say about a Bot API error. */
export function describeTelegramError(err: unknown): { code?: number; description: string } {
  if (err instanceof TelegramError)
    return { code: err.code, description: String(err.description).slice(0, 200) };
  const e = toChannelError(err);
  return { description: e.message.slice(0, 200) };
}
