// Messages that reach a web chat after its page asked (officers' answers, the satisfaction
// question, the reminder of a silent draft): the notify worker stores each one sealed in
// `web_chat_messages` under the session key, and the page polls for them. Kept 30 days.
import { z } from 'zod';
import type { AppContext } from '../../src/app-context.js';
import type { Outbound } from '../../src/dialog/dialog-types.js';
import { MAX_ATTACHMENT_BYTES } from '../../src/intake/attachment-policy.js';
import {
  SendRejectedError,
  UndeliverableError,
  type ChannelSender,
} from '../../src/notify/channel-sender.js';
import { BUTTON_VALUE_PATTERN } from '../../src/notify/outbound-content.js';
import { SESSION_KEY_PATTERN, WEB_CHAT_RETENTION_DAYS } from './web-chat-session.js';

const DAY_MS = 24 * 3600 * 1000;

const ZStoredWebMessage = z.object({
  text: z.string().max(20_000),
  buttons: z
    .array(
      z.array(z.object({ label: z.string().min(1).max(200), value: z.string().regex(BUTTON_VALUE_PATTERN) })),
    )
    .optional(),
  receipt: z.object({ code: z.string(), followUpSecret: z.string().optional() }).optional(),
  file: z.object({ fileName: z.string(), mimeType: z.string(), bytesBase64: z.string() }).optional(),
});
type StoredWebMessage = z.infer<typeof ZStoredWebMessage>;

/** What the page receives for one message (immediate answers and stored ones alike). */
export interface WebChatMessageView {
  id?: string;
  text: string;
  buttons?: { label: string; value: string }[][];
  receipt?: { code: string; followUpSecret?: string };
  /** A letter or document: the page fetches it with its session header. */
  file?: { fileName: string; mimeType: string };
}

export function toMessageView(content: Outbound | StoredWebMessage, id?: string): WebChatMessageView {
  const view: WebChatMessageView = { text: content.text };
  if (id) view.id = id;
  if (content.buttons?.length)
    view.buttons = content.buttons.map((row) => row.map(({ label, value }) => ({ label, value })));
  if (content.receipt) view.receipt = { ...content.receipt };
  if (content.file) view.file = { fileName: content.file.fileName, mimeType: content.file.mimeType };
  return view;
}

export interface WebChatMailbox {
  /** Messages of the session after `afterId` (all kept ones without it), oldest first; marks them read. */
  list(sessionKey: string, afterId: string | undefined): Promise<WebChatMessageView[]>;
  file(sessionKey: string, id: string): Promise<{ fileName: string; mimeType: string; bytes: Buffer } | null>;
  /** Deletes messages older than the retention period; returns how many. */
  sweep(): Promise<number>;
}

export function createWebChatMailbox(ctx: AppContext): WebChatMailbox {
  const prisma = ctx.db.prisma;
  const since = () => new Date(ctx.clock.now().getTime() - WEB_CHAT_RETENTION_DAYS * DAY_MS);
  const open = (ciphertext: Uint8Array): StoredWebMessage | null => {
    try {
      return ZStoredWebMessage.parse(ctx.sealedBox.openJson(ciphertext));
    } catch {
      return null; // Sealed with a retired key or edited by hand: not shown rather than crashing the page.
    }
  };
  return {
    async list(sessionKey, afterId) {
      const rows = await prisma.webChatMessage.findMany({
        where: { sessionKey, createdAt: { gte: since() }, ...(afterId ? { id: { gt: afterId } } : {}) },
        orderBy: { id: 'asc' },
        take: 100,
      });
      const unread = rows.filter((r) => !r.readAt).map((r) => r.id);
      if (unread.length) {
        await prisma.webChatMessage.updateMany({
          where: { id: { in: unread } },
          data: { readAt: ctx.clock.now() },
        });
      }
      return rows.flatMap((r) => {
        const content = open(r.ciphertext);
        return content ? [toMessageView(content, r.id)] : [];
      });
    },
    async file(sessionKey, id) {
      const row = await prisma.webChatMessage.findFirst({ where: { id, sessionKey } });
      const file = row ? open(row.ciphertext)?.file : undefined;
      return file
        ? { fileName: file.fileName, mimeType: file.mimeType, bytes: Buffer.from(file.bytesBase64, 'base64') }
        : null;
    },
    async sweep() {
      const { count } = await prisma.webChatMessage.deleteMany({ where: { createdAt: { lt: since() } } });
      return count;
    },
  };
}

/** The notify worker's sender for channel 'web': stores the message for the page to fetch. */
export function createWebChatSender(ctx: AppContext): ChannelSender {
  return {
    channel: 'web',
    paceMs: () => 0,
    async send(recipient, content) {
      const sessionKey = recipient.conversationId;
      if (!SESSION_KEY_PATTERN.test(sessionKey)) throw new UndeliverableError('not a web chat session');
      const stored: StoredWebMessage = { text: content.text };
      if (content.buttons?.length) stored.buttons = content.buttons;
      if (content.receipt) stored.receipt = content.receipt;
      if (content.file) {
        const bytes = content.file.bytes;
        if (!bytes) throw new SendRejectedError('file without content');
        if (bytes.length > MAX_ATTACHMENT_BYTES)
          throw new SendRejectedError('file too large for the web chat');
        stored.file = {
          fileName: content.file.fileName,
          mimeType: content.file.mimeType,
          bytesBase64: bytes.toString('base64'),
        };
      }
      const parsed = ZStoredWebMessage.safeParse(stored);
      if (!parsed.success) throw new SendRejectedError('not sendable on the web chat');
      const row = await ctx.db.prisma.webChatMessage.create({
        data: {
          sessionKey,
          ciphertext: Uint8Array.from(ctx.sealedBox.sealJson(parsed.data)),
          createdAt: ctx.clock.now(),
        },
        select: { id: true },
      });
      return { channelMessageId: row.id };
    },
  };
}
