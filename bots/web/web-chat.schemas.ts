// The web chat's JSON bodies, as zod schemas: the routes parse with them and the OpenAPI document
// (src/http/openapi.ts) is generated from them.
import { freeText } from '../../src/core/free-text.js';
import { z } from 'zod';
import type { WebChatMessageView } from './web-chat-mailbox.js';

export const MAX_CHAT_TEXT = 10_000;

export const ZEventId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
export const ZLang = z.enum(['vi', 'en']);

/** POST /api/chat/events */
export const ZChatEventBody = z.object({
  eventId: ZEventId.meta({ description: 'Chosen by the page; the same id again returns the same answer.' }),
  lang: ZLang.optional(),
  event: z.discriminatedUnion('type', [
    z.object({ type: z.literal('text'), text: freeText(MAX_CHAT_TEXT).pipe(z.string().min(1)) }),
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

/** POST /api/chat/upload: the file is the raw body; these come in headers. */
export const ZChatUploadHeaders = z.object({
  eventId: ZEventId,
  lang: ZLang.optional(),
  fileName: z.string().min(1).max(255),
  fileType: z.string().max(255).optional(),
});

/** GET /api/chat/messages */
export const ZChatPollQuery = z.object({ after: z.uuid().optional() });

/** POST /api/chat/session */
export const ZChatSessionResponse = z
  .object({
    session: z.string().meta({ description: 'Send it back in the x-chat-session header.' }),
    resumed: z.boolean(),
  })
  .strict();

export const ZChatMessageView = z
  .object({
    id: z.string().optional(),
    text: z.string(),
    buttons: z.array(z.array(z.object({ label: z.string(), value: z.string() }).strict())).optional(),
    receipt: z.object({ code: z.string(), followUpSecret: z.string().optional() }).strict().optional(),
    file: z
      .object({ fileName: z.string(), mimeType: z.string() })
      .strict()
      .optional()
      .meta({ description: 'Fetch it from GET /api/chat/messages/{id}/file with the session header.' }),
  })
  .strict();

/** The answer of events, upload and messages. */
export const ZChatMessagesResponse = z
  .object({
    messages: z.array(ZChatMessageView),
    transcript: z
      .array(z.object({ who: z.enum(['me', 'bot']), text: z.string() }).strict())
      .optional()
      .meta({
        description:
          'With the answer to a `start` command: what the unfinished draft said so far, oldest first. ' +
          'Absent while the draft is locked after being left idle.',
      }),
  })
  .strict();

// Compile-time: the documented message is exactly what the mailbox and inbox return.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _messageViewMatches: Same<z.output<typeof ZChatMessageView>, WebChatMessageView> = true;
void _messageViewMatches;
