// POST /webhooks/telegram: Telegram's calls, authenticated by the secret token given to
// setWebhook (header X-Telegram-Bot-Api-Secret-Token). A call without the right secret is refused
// with 401 before its body is read, and nothing happens. The update is stored for its chat before
// the answer, so a 200 means it will be handled; a failure answers 500 and Telegram sends it again
// (a repeat is recognised by its update_id).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { NOT_RATE_LIMITED } from '../rate-limits.js';

export const TELEGRAM_WEBHOOK_PATH = '/webhooks/telegram';

export interface TelegramWebhookReceiver {
  secretToken: string;
  receiveUpdate(update: unknown): Promise<unknown>;
}

export function registerTelegramWebhookRoute(app: FastifyInstance, receiver: TelegramWebhookReceiver): void {
  const expected = digest(receiver.secretToken);
  app.post(
    TELEGRAM_WEBHOOK_PATH,
    {
      // Telegram's servers share a few addresses among every bot: an address limit would drop
      // updates of our own citizens. The secret token is the check.
      config: { rateLimit: NOT_RATE_LIMITED },
      onRequest: async (request, reply) => {
        const given = request.headers['x-telegram-bot-api-secret-token'];
        if (typeof given !== 'string' || !timingSafeEqual(digest(given), expected)) {
          return reply
            .status(401)
            .send({ error: { code: 'unauthorized', message: 'Sai hoặc thiếu mã bí mật của webhook.' } });
        }
      },
    },
    async (request, reply) => {
      const update = request.body as { update_id?: unknown } | null;
      if (!update || typeof update !== 'object' || !Number.isSafeInteger(update.update_id)) {
        return reply
          .status(400)
          .send({ error: { code: 'bad_request', message: 'Không phải một update của Telegram.' } });
      }
      try {
        await receiver.receiveUpdate(update);
      } catch (err) {
        request.log.error(
          { err: { name: (err as Error).name, message: (err as Error).message } },
          'telegram update not stored',
        );
        return reply.status(500).send({ error: { code: 'internal', message: 'Thử lại sau.' } });
      }
      return reply.status(200).send({ ok: true });
    },
  );
}

/** Fixed-length digests, so the comparison takes the same time whatever was sent. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
