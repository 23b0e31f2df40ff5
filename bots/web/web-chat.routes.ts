// The web chat's HTTP surface (mounted by bootstrap through buildHttpServer's `mountRoutes`):
//
//   GET  /chat, /chat/<unitCode>[?embed=1]   the page (unknown unit → 404 page)
//   GET  /chat/chat.js, /chat/widget.js      the page's script, the embeddable widget
//   POST /api/chat/session                   create or resume a session (id in X-Chat-Session)
//   POST /api/chat/events                    text / button / command → the dialog's answer
//   POST /api/chat/upload                    one file as the raw body (≤ 10 MB) → the dialog's answer
//   GET  /api/chat/messages?after=<id>       messages that arrived later (officers, satisfaction)
//   GET  /api/chat/messages/<id>/file        a letter sent to the chat
//
// The session id only travels in a header: never in a URL (server logs, Referer), and not in a
// cookie, which would be a third-party cookie inside the widget's iframe.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../src/app-context.js';
import { AppError } from '../../src/core/app-error.js';
import { createClientAddressHash } from '../../src/core/keyed-hash.js';
import { perAddress, perChatSession, rateLimitedError } from '../../src/http/rate-limits.js';
import { parseInput } from '../../src/core/validation.js';
import type { Inbound } from '../../src/dialog/dialog-types.js';
import { MAX_ATTACHMENT_BYTES } from '../../src/intake/attachment-policy.js';
import { findUnitByCode } from '../../src/intake/intake.repository.js';
import { chatPage, chatUnitNotFoundPage, CHAT_SCRIPT, WIDGET_SCRIPT } from './web-chat-page.js';
import type { WebChatInbox } from './web-chat-inbox.js';
import type { WebChatMailbox } from './web-chat-mailbox.js';
import { ZChatEventBody, ZChatPollQuery, ZChatUploadHeaders } from './web-chat.schemas.js';
import type { UploadQuota } from './web-chat-upload-quota.js';
import {
  SESSION_HEADER,
  SESSION_ID_PATTERN,
  sessionKeyOf,
  type WebChatSessions,
} from './web-chat-session.js';

export const EVENT_ID_HEADER = 'x-chat-event-id';
const UNIT_CODE = /^[A-Za-z0-9-]{1,40}$/;
const SWEEP_EVERY_MS = 3600_000;

const LABELS: Readonly<Record<string, string>> = {
  eventId: 'Mã sự kiện (eventId)',
  lang: 'Ngôn ngữ (lang)',
  event: 'Tin nhắn (event)',
  after: 'Mốc tin nhắn (after)',
  fileName: 'Tên tệp',
  fileType: 'Loại tệp',
};

/**
 * The chat page's own headers (src/http/security-headers.ts sets the app's): frameable by any site
 * (the widget), so no X-Frame-Options and a resource policy that lets another site's frame load it;
 * scripts from here only, as everywhere.
 */
const CHAT_PAGE_HELMET = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'connect-src': ["'self'"],
      'base-uri': ["'none'"],
      'form-action': ["'self'"],
      'object-src': ["'none'"],
      'frame-ancestors': ['*'],
    },
  },
  xFrameOptions: false,
  crossOriginResourcePolicy: { policy: 'cross-origin' },
} as const;

export interface WebChatRoutesDeps {
  sessions: WebChatSessions;
  inbox: WebChatInbox;
  mailbox: WebChatMailbox;
  uploads: UploadQuota;
}

export function registerWebChatRoutes(app: FastifyInstance, ctx: AppContext, deps: WebChatRoutesDeps): void {
  const { sessions, inbox, mailbox, uploads } = deps;
  const { limits } = ctx.config;
  const clientKey = createClientAddressHash(ctx.sealedBox);

  /** The session key of the id in the header, unchecked (a hash: safe in a key name either way). */
  const claimedSession = (request: FastifyRequest) => {
    const given = request.headers[SESSION_HEADER];
    return typeof given === 'string' && SESSION_ID_PATTERN.test(given) ? sessionKeyOf(given) : undefined;
  };
  // Events, polls and uploads per session: a page polls every 5 s and many people share one
  // hospital or mobile-carrier address, so an address limit here would stop the innocent.
  const perSession = {
    config: { rateLimit: perChatSession(limits.chatEventsPerMinute, 60_000, claimedSession, clientKey) },
  };

  const pageRoute = async (request: FastifyRequest, reply: FastifyReply) => {
    const { unitCode } = (request.params ?? {}) as { unitCode?: string };
    const embed = (request.query as { embed?: string } | undefined)?.embed === '1';
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    const idleLockMs = ctx.config.webChatIdleLockMs;
    if (unitCode === undefined) return reply.send(chatPage({ embed, idleLockMs }));
    const unit = UNIT_CODE.test(unitCode) ? await findUnitByCode(ctx.db.prisma, unitCode) : null;
    if (!unit) return reply.status(404).send(chatUnitNotFoundPage());
    return reply.send(
      chatPage({
        embed,
        idleLockMs,
        unit: { code: unit.code, name: unit.name, organizationName: unit.organization.name },
      }),
    );
  };
  app.get('/chat', { helmet: CHAT_PAGE_HELMET }, pageRoute);
  app.get('/chat/:unitCode', { helmet: CHAT_PAGE_HELMET }, pageRoute);

  app.get('/chat/chat.js', async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(CHAT_SCRIPT),
  );
  app.get('/chat/widget.js', async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      // Loaded by other sites' pages: a global same-origin resource policy must not block it.
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('access-control-allow-origin', '*')
      .send(WIDGET_SCRIPT),
  );

  const sessionOf = async (request: FastifyRequest, reply: FastifyReply): Promise<string | undefined> => {
    const given = request.headers[SESSION_HEADER];
    const sessionKey = await sessions.touch(typeof given === 'string' ? given : undefined);
    if (!sessionKey) {
      void reply.status(401).send({
        error: {
          code: 'unknown_session',
          message: 'Phiên trò chuyện đã hết hạn hoặc không tồn tại. Vui lòng tải lại trang.',
        },
      });
    }
    return sessionKey;
  };
  /**
   * Where new cases of this session count against the cap on new cases per unit: the address the
   * page last opened the session from, or this request's for a session older than that.
   */
  const sourceOf = async (request: FastifyRequest, sessionKey: string): Promise<string> =>
    (await sessions.sourceOf(sessionKey)) ?? clientKey(request.ip);
  const noStore = async (_request: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', 'no-store');
  };

  // New sessions per address (each is kept 30 days in Redis); resuming a live one is not counted.
  const newSessionLimit = {
    ...perAddress(
      limits.chatSessionsPerHour,
      3600_000,
      'Đã mở quá nhiều cuộc trò chuyện mới từ địa chỉ này.',
    ),
    allowList: async (request: FastifyRequest) => {
      const given = request.headers[SESSION_HEADER];
      return typeof given === 'string' && (await sessions.touch(given)) !== undefined;
    },
  };
  app.post(
    '/api/chat/session',
    { onRequest: noStore, config: { rateLimit: newSessionLimit } },
    async (request) => {
      const given = request.headers[SESSION_HEADER];
      const source = clientKey(request.ip);
      if (typeof given === 'string' && (await sessions.resume(given, source)))
        return { session: given, resumed: true };
      const { sessionId } = await sessions.create(source);
      return { session: sessionId, resumed: false };
    },
  );

  app.post('/api/chat/events', { onRequest: noStore, ...perSession }, async (request, reply) => {
    const sessionKey = await sessionOf(request, reply);
    if (!sessionKey) return reply;
    const body = parseInput(ZChatEventBody, request.body, LABELS);
    const event: Inbound = body.event;
    const { messages, transcript } = await inbox.handle({
      sessionKey,
      source: await sourceOf(request, sessionKey),
      clientEventId: body.eventId,
      ...(body.lang ? { languageHint: body.lang } : {}),
      event,
    });
    return transcript ? { messages, transcript } : { messages };
  });

  // The file is the raw request body: XMLHttpRequest reports upload progress for it, and no
  // multipart parser is needed. Its name and type come in headers.
  app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES },
      (_request, body, done) => done(null, body),
    );
    scope.post(
      '/api/chat/upload',
      {
        bodyLimit: MAX_ATTACHMENT_BYTES,
        ...perSession,
        onRequest: async (request, reply) => {
          reply.header('cache-control', 'no-store');
          // Refused before a byte of an oversized file is read.
          const declared = Number(request.headers['content-length'] ?? NaN);
          if (declared > MAX_ATTACHMENT_BYTES) {
            return reply.status(413).send({
              error: {
                code: 'too_large',
                message: `Tệp quá lớn: tối đa ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`,
              },
            });
          }
          // Also before the body: an unknown session, and a session past its day's uploads.
          const sessionKey = await sessionOf(request, reply);
          if (!sessionKey) return reply;
          // A body without a length may still be up to the limit: it is counted as that much.
          const size = Number.isFinite(declared) && declared >= 0 ? declared : MAX_ATTACHMENT_BYTES;
          const wait = await uploads.take(sessionKey, size);
          if (wait) {
            throw rateLimitedError(
              `Bạn đã gửi quá nhiều tệp trong ngày (tối đa ${limits.chatUploadsPerDay} tệp, ${Math.floor(limits.chatUploadBytesPerDay / 1024 / 1024)} MB).`,
              wait,
            );
          }
        },
      },
      async (request, reply) => {
        const sessionKey = await sessionOf(request, reply);
        if (!sessionKey) return reply;
        const header = (name: string) => {
          const v = request.headers[name];
          return typeof v === 'string' ? v : undefined;
        };
        let fileName: string | undefined;
        try {
          fileName = header('x-file-name') ? decodeURIComponent(header('x-file-name')!) : undefined;
        } catch {
          fileName = undefined;
        }
        const meta = parseInput(
          ZChatUploadHeaders,
          {
            eventId: header(EVENT_ID_HEADER),
            lang: header('x-chat-lang'),
            fileName,
            fileType: header('x-file-type') || undefined,
          },
          LABELS,
        );
        const bytes = request.body;
        if (!Buffer.isBuffer(bytes) || bytes.length === 0) {
          throw new AppError('validation', 'Tệp rỗng hoặc không đọc được.');
        }
        const isImage = /^image\//.test(meta.fileType ?? '');
        const { messages } = await inbox.handle({
          sessionKey,
          source: await sourceOf(request, sessionKey),
          clientEventId: meta.eventId,
          ...(meta.lang ? { languageHint: meta.lang } : {}),
          event: {
            type: 'file',
            file: {
              kind: isImage ? 'photo' : 'document',
              channelFileId: `upload:${meta.eventId}`,
              fileName: meta.fileName,
              ...(meta.fileType ? { mimeType: meta.fileType } : {}),
              sizeBytes: bytes.length,
              download: async () => bytes,
            },
          },
        });
        return { messages };
      },
    );
  });

  let lastSweep = 0;
  app.get('/api/chat/messages', { onRequest: noStore, ...perSession }, async (request, reply) => {
    const sessionKey = await sessionOf(request, reply);
    if (!sessionKey) return reply;
    const { after } = parseInput(ZChatPollQuery, request.query ?? {}, LABELS);
    // Old messages go at most once an hour per process, on the back of a poll.
    if (Date.now() - lastSweep > SWEEP_EVERY_MS) {
      lastSweep = Date.now();
      void mailbox
        .sweep()
        .catch((err: unknown) =>
          request.log.warn({ err: { message: (err as Error).message } }, 'web chat sweep failed'),
        );
    }
    return { messages: await mailbox.list(sessionKey, after) };
  });

  app.get('/api/chat/messages/:id/file', { onRequest: noStore, ...perSession }, async (request, reply) => {
    const sessionKey = await sessionOf(request, reply);
    if (!sessionKey) return reply;
    const { id } = parseInput(z.object({ id: z.uuid() }), request.params, LABELS);
    const file = await mailbox.file(sessionKey, id);
    if (!file) throw new AppError('not_found', 'Không tìm thấy tệp này.');
    return reply
      .type(file.mimeType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header('x-content-type-options', 'nosniff')
      .send(file.bytes);
  });
}
