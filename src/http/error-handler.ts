// Every error leaves the HTTP edge as { error: { code, message } } with a clear Vietnamese message.
import type { FastifyError, FastifyInstance } from 'fastify';
import { isAppError } from '../core/app-error.js';
import { isDatabaseUnavailable } from '../db/prisma-errors.js';

/** How long a client is asked to wait after a 503 (the database or Redis briefly away). */
export const RETRY_AFTER_SECONDS = 30;

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (isAppError(err)) {
      // A refusal that knows when to come back says so in the standard header too.
      const retryAfter = err.details?.retryAfterSeconds;
      if (err.code === 'rate_limited' && typeof retryAfter === 'number' && !reply.hasHeader('retry-after'))
        reply.header('retry-after', String(retryAfter));
      if (err.code === 'unavailable') reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return reply
        .status(err.httpStatus)
        .send({ error: { code: err.code, message: err.message, ...err.details } });
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send({
        error: { code: 'too_large', message: 'Nội dung gửi lên quá lớn. Vui lòng rút gọn nội dung.' },
      });
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(415).send({
        error: {
          code: 'unsupported_media_type',
          message: 'Chỉ nhận dữ liệu dạng JSON (Content-Type: application/json).',
        },
      });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Malformed JSON and the like: say so without echoing the body.
      return reply.status(err.statusCode).send({
        error: { code: 'bad_request', message: 'Yêu cầu không hợp lệ (dữ liệu JSON sai cú pháp?).' },
      });
    }
    if (isDatabaseUnavailable(err)) {
      // An outage, not a bug: "try again", and no stack trace per request for the whole outage.
      request.log.warn({ err: { message: err.message } }, 'database unavailable');
      return reply
        .status(503)
        .header('retry-after', String(RETRY_AFTER_SECONDS))
        .send({
          error: {
            code: 'unavailable',
            message: 'Hệ thống đang tạm gián đoạn. Vui lòng thử lại sau ít phút.',
          },
        });
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send({
      error: { code: 'internal', message: 'Hệ thống đang gặp sự cố. Vui lòng thử lại sau ít phút.' },
    });
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.status(404).send({ error: { code: 'not_found', message: 'Không tìm thấy địa chỉ này.' } }),
  );
}
