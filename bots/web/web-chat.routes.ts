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
import { freeText } from '../../src/core/free-text.js';
import { parseInput } from '../../src/core/validation.js';
import type { Inbound } from '../../src/dialog/dialog-types.js';
import { MAX_ATTACHMENT_BYTES } from '../../src/intake/attachment-policy.js';
import { findUnitByCode } from '../../src/intake/intake.repository.js';
import { chatPage, chatUnitNotFoundPage, CHAT_SCRIPT, WIDGET_SCRIPT } from './web-chat-page.js';
import type { WebChatInbox } from './web-chat-inbox.js';
import type { WebChatMailbox } from './web-chat-mailbox.js';
import { SESSION_HEADER, type WebChatSessions } from './web-chat-session.js';

export const EVENT_ID_HEADER = 'x-chat-event-id';
const MAX_TEXT = 10_000;
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

const ZEventId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const ZLang = z.enum(['vi', 'en']);

const ZEventBody = z.object({
  eventId: ZEventId,
  lang: ZLang.optional(),
  event: z.discriminatedUnion('type', [
    z.object({ type: z.literal('text'), text: freeText(MAX_TEXT).pipe(z.string().min(1)) }),
    z.object({ type: z.literal('choice'), value: z.string().regex(/^[A-Za-z0-9_:.-]{1,64}$/) }),
    z.object({
      type: z.literal('command'),
      command: z.string().regex(/^[a-z_]{1,32}$/),
      args: z
        .string()
        .max(64)
        .regex(/^[A-Za-z0-9_ -]*$/)
        .default(''),
    }),
  ]),
});

const ZUploadHeaders = z.object({
  eventId: ZEventId,
  lang: ZLang.optional(),
  fileName: z.string().min(1).max(255),
  fileType: z.string().max(255).optional(),
});

const ZPollQuery = z.object({ after: z.uuid().optional() });

/** Frameable by any site (the widget), scripts from here only; the rest of the app stays unframeable. */
const CHAT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
  'frame-ancestors *',
].join('; ');

export interface WebChatRoutesDeps {
  sessions: WebChatSessions;
  inbox: WebChatInbox;
  mailbox: WebChatMailbox;
}

export function registerWebChatRoutes(app: FastifyInstance, ctx: AppContext, deps: WebChatRoutesDeps): void {
  const { sessions, inbox, mailbox } = deps;

  // Route-level onSend runs after the app-wide hooks, so these headers win over the global ones.
  const frameable = async (_request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    reply.header('content-security-policy', CHAT_CSP);
    reply.removeHeader('x-frame-options');
    reply.header('referrer-policy', 'no-referrer');
    return payload;
  };

  const pageRoute = async (request: FastifyRequest, reply: FastifyReply) => {
    const { unitCode } = (request.params ?? {}) as { unitCode?: string };
    const embed = (request.query as { embed?: string } | undefined)?.embed === '1';
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    if (unitCode === undefined) return reply.send(chatPage({ embed }));
    const unit = UNIT_CODE.test(unitCode) ? await findUnitByCode(ctx.db.prisma, unitCode) : null;
    if (!unit) return reply.status(404).send(chatUnitNotFoundPage());
    return reply.send(
      chatPage({
        embed,
        unit: { code: unit.code, name: unit.name, organizationName: unit.organization.name },
      }),
    );
  };
  app.get('/chat', { onSend: frameable }, pageRoute);
  app.get('/chat/:unitCode', { onSend: frameable }, pageRoute);

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
  const noStore = async (_request: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', 'no-store');
  };

  app.post('/api/chat/session', { onRequest: noStore }, async (request) => {
    const given = request.headers[SESSION_HEADER];
    if (typeof given === 'string' && (await sessions.touch(given))) return { session: given, resumed: true };
    const { sessionId } = await sessions.create();
    return { session: sessionId, resumed: false };
  });

  app.post('/api/chat/events', { onRequest: noStore }, async (request, reply) => {
    const sessionKey = await sessionOf(request, reply);
    if (!sessionKey) return reply;
    const body = parseInput(ZEventBody, request.body, LABELS);
    const event: Inbound = body.event;
    const { messages } = await inbox.handle({
      sessionKey,
      clientEventId: body.eventId,
      ...(body.lang ? { languageHint: body.lang } : {}),
      event,
    });
    return { messages };
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
        onRequest: async (request, reply) => {
          reply.header('cache-control', 'no-store');
          // Refused before a byte of an oversized file is read.
          if (Number(request.headers['content-length'] ?? 0) > MAX_ATTACHMENT_BYTES) {
            return reply.status(413).send({
              error: {
                code: 'too_large',
                message: `Tệp quá lớn: tối đa ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`,
              },
            });
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
          ZUploadHeaders,
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
  app.get('/api/chat/messages', { onRequest: noStore }, async (request, reply) => {
    const sessionKey = await sessionOf(request, reply);
    if (!sessionKey) return reply;
    const { after } = parseInput(ZPollQuery, request.query ?? {}, LABELS);
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

  app.get('/api/chat/messages/:id/file', { onRequest: noStore }, async (request, reply) => {
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
