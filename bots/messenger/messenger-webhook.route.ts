// GET and POST /webhooks/messenger. GET is Meta's verification handshake (hub.mode=subscribe,
// hub.verify_token, hub.challenge echoed back). POST: the signature covers the body exactly as
// Meta sent it, so this route reads the body as text (its own content-type parser, scoped to this
// route). Forged or unsigned calls get 403 and change nothing; 200 means every event in the call is
// stored in Redis (or a known repeat, or of a kind we ignore); 500 when it could not be stored.
import type { FastifyInstance } from 'fastify';
import { NOT_RATE_LIMITED } from '../../src/http/rate-limits.js';
import type { MessengerChannel } from './messenger-channel.js';

export const MESSENGER_WEBHOOK_PATH = '/webhooks/messenger';
const BODY_LIMIT = 512 * 1024;

export function registerMessengerWebhookRoute(
  app: FastifyInstance,
  channel: Pick<MessengerChannel, 'receiveWebhook' | 'verifySubscription'>,
): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_request, body, done) =>
      done(null, body),
    );
    scope.get(MESSENGER_WEBHOOK_PATH, async (request, reply) => {
      const challenge = channel.verifySubscription(request.query as Record<string, unknown>);
      if (challenge === undefined) {
        return reply
          .status(403)
          .send({ error: { code: 'forbidden', message: 'Mã xác minh webhook không đúng.' } });
      }
      return reply.status(200).type('text/plain').send(challenge);
    });
    // Meta calls from shared addresses: no address limit, the signature is the check.
    scope.post(
      MESSENGER_WEBHOOK_PATH,
      { config: { rateLimit: NOT_RATE_LIMITED } },
      async (request, reply) => {
        const raw = typeof request.body === 'string' ? request.body : '';
        let outcome;
        try {
          outcome = await channel.receiveWebhook(raw, request.headers['x-hub-signature-256']);
        } catch (err) {
          request.log.error(
            { err: { name: (err as Error).name, message: (err as Error).message } },
            'messenger event not taken',
          );
          return reply.status(500).send({ error: { code: 'internal', message: 'Thử lại sau.' } });
        }
        if (outcome.status === 403) {
          return reply
            .status(403)
            .send({ error: { code: 'forbidden', message: 'Chữ ký webhook Messenger không hợp lệ.' } });
        }
        return reply.status(200).send('EVENT_RECEIVED');
      },
    );
  });
}
