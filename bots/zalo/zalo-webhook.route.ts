// POST /webhooks/zalo. The signature covers the body exactly as Zalo sent it, so this route reads
// the body as text (its own content-type parser, scoped to this route) and never re-serialises it.
// Forged, unsigned and stale calls get 401 and change nothing; a 200 means the event is stored in
// Redis (or was recognised as a repeat, or is of a kind we ignore); 500 when it could not be
// stored, so that Zalo sends it again.
import type { FastifyInstance } from 'fastify';
import { NOT_RATE_LIMITED } from '../../src/http/rate-limits.js';
import type { ZaloChannel } from './zalo-channel.js';

export const ZALO_WEBHOOK_PATH = '/webhooks/zalo';
const BODY_LIMIT = 256 * 1024;

export function registerZaloWebhookRoute(
  app: FastifyInstance,
  channel: Pick<ZaloChannel, 'receiveWebhook'>,
): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_request, body, done) =>
      done(null, body),
    );
    // Zalo's servers call every OA's webhook from shared addresses: no address limit, the
    // signature is the check.
    scope.post(ZALO_WEBHOOK_PATH, { config: { rateLimit: NOT_RATE_LIMITED } }, async (request, reply) => {
      const raw = typeof request.body === 'string' ? request.body : '';
      let outcome;
      try {
        outcome = await channel.receiveWebhook(raw, request.headers['x-zevent-signature']);
      } catch (err) {
        request.log.error(
          { err: { name: (err as Error).name, message: (err as Error).message } },
          'zalo event not taken',
        );
        return reply.status(500).send({ error: { code: 'internal', message: 'Thử lại sau.' } });
      }
      if (outcome.status === 401) {
        return reply.status(401).send({
          error: { code: 'unauthorized', message: 'Chữ ký webhook Zalo không hợp lệ hoặc đã quá hạn.' },
        });
      }
      return reply.status(200).send({ ok: true });
    });
  });
}
