// A Messenger webhook call (object "page") → the messaging events in it → channel-neutral
// InboundEnvelopes. One call may batch several entries and events; each is parsed with zod on its
// own, and what the dialog does not take (echoes of our own messages, deliveries, reads,
// reactions, anything new) comes back as `ignored`. Pure: the only I/O is the `download` the
// caller passes, run when the dialog asks for a file's bytes.
//
// Shapes (Messenger Platform webhook reference, `messages`, `messaging_postbacks`,
// `messaging_referrals`): { object: 'page', entry: [{ id, time, messaging: [{ sender: { id: PSID },
// recipient: { id: PAGE_ID }, timestamp, message: { mid, text, quick_reply: { payload },
// attachments: [{ type, payload: { url } }], is_echo } | postback: { mid, title, payload,
// referral } | referral: { ref, source, type } }] }] }.
//
// Quick replies come back as a message whose `quick_reply.payload` is the Button.value we sent: a
// `choice`. A poster's m.me link carries `?ref=u_<unitCode>`, which arrives as a referral (or in the
// Get Started postback of a new thread): read like Telegram's `/start u_<unitCode>`.
import { z } from 'zod';
import type { ConversationRef, InboundEnvelope, InboundFile } from '../../src/dialog/dialog-types.js';

const ZIdSchema = z.string().min(1).max(64);
const ZUrlSchema = z.url({ protocol: /^https?$/ });

const ZMessagingSchema = z.looseObject({
  sender: z.looseObject({ id: ZIdSchema }),
  recipient: z.looseObject({ id: ZIdSchema }),
  timestamp: z.number().int().positive(),
});

const ZMessageSchema = z.looseObject({
  mid: z.string().min(1).max(300),
  is_echo: z.boolean().optional(),
  text: z.string().max(10_000).optional(),
  quick_reply: z.looseObject({ payload: z.string().max(1000) }).optional(),
  attachments: z
    .array(
      z.looseObject({ type: z.string(), payload: z.looseObject({ url: ZUrlSchema.optional() }).nullish() }),
    )
    .optional(),
});

const ZReferralSchema = z.looseObject({ ref: z.string().max(250).optional(), source: z.string().optional() });

const ZPostbackSchema = z.looseObject({
  mid: z.string().max(300).optional(),
  payload: z.string().max(1000).optional(),
  referral: ZReferralSchema.optional(),
});

const ZBodySchema = z.looseObject({
  object: z.string(),
  entry: z.array(z.looseObject({ id: ZIdSchema, messaging: z.array(z.unknown()).optional() })).max(100),
});

interface Base {
  userId: string;
  pageId: string;
  timestampMs: number;
  /** Unique per event: the message id, or for a referral its own digest source. */
  eventKey: string;
}

export type ParsedMessengerEvent =
  | (Base & { kind: 'text'; text: string })
  | (Base & { kind: 'choice'; value: string })
  | (Base & { kind: 'start'; ref: string })
  | (Base & { kind: 'file'; fileKind: 'photo' | 'document' | 'voice'; url: string; caption?: string })
  | { kind: 'ignored'; reason: string };

/** Every messaging event of a webhook call, in the order Meta sent them. */
export function parseMessengerWebhook(json: unknown): ParsedMessengerEvent[] {
  const body = ZBodySchema.safeParse(json);
  if (!body.success || body.data.object !== 'page') return [{ kind: 'ignored', reason: 'not-a-page-event' }];
  return body.data.entry.flatMap((entry) => (entry.messaging ?? []).flatMap(parseMessaging));
}

function parseMessaging(raw: unknown): ParsedMessengerEvent[] {
  const m = ZMessagingSchema.safeParse(raw);
  if (!m.success) return [{ kind: 'ignored', reason: 'malformed' }];
  const record = raw as Record<string, unknown>;
  const base = { userId: m.data.sender.id, pageId: m.data.recipient.id, timestampMs: m.data.timestamp };

  if (record.message !== undefined) {
    const msg = ZMessageSchema.safeParse(record.message);
    if (!msg.success) return [{ kind: 'ignored', reason: 'malformed' }];
    if (msg.data.is_echo) return [{ kind: 'ignored', reason: 'echo' }];
    const eventKey = `m:${msg.data.mid}`;
    if (msg.data.quick_reply?.payload) {
      return [{ ...base, eventKey, kind: 'choice', value: msg.data.quick_reply.payload }];
    }
    const files = (msg.data.attachments ?? []).filter(
      (a): a is typeof a & { payload: { url: string } } => typeof a.payload?.url === 'string',
    );
    const file = files[0];
    if (file) {
      const fileKind = file.type === 'image' ? 'photo' : file.type === 'audio' ? 'voice' : 'document';
      const caption = msg.data.text?.trim();
      return [
        { ...base, eventKey, kind: 'file', fileKind, url: file.payload.url, ...(caption ? { caption } : {}) },
      ];
    }
    if (msg.data.text !== undefined && msg.data.text.trim() !== '') {
      return [{ ...base, eventKey, kind: 'text', text: msg.data.text }];
    }
    return [{ kind: 'ignored', reason: 'unsupported-message' }];
  }
  if (record.postback !== undefined) {
    const pb = ZPostbackSchema.safeParse(record.postback);
    if (!pb.success) return [{ kind: 'ignored', reason: 'malformed' }];
    const eventKey = pb.data.mid ? `m:${pb.data.mid}` : `p:${base.userId}:${base.timestampMs}`;
    // The Get Started button of a new thread (with the m.me ref when the person came from a poster).
    return [{ ...base, eventKey, kind: 'start', ref: pb.data.referral?.ref ?? '' }];
  }
  if (record.referral !== undefined) {
    const ref = ZReferralSchema.safeParse(record.referral);
    if (!ref.success) return [{ kind: 'ignored', reason: 'malformed' }];
    return [
      { ...base, eventKey: `r:${base.userId}:${base.timestampMs}`, kind: 'start', ref: ref.data.ref ?? '' },
    ];
  }
  // Deliveries, reads, reactions, optins…: nothing for the dialog.
  return [{ kind: 'ignored', reason: 'unknown-event' }];
}

export interface EventMappingOptions {
  download: (url: string) => Promise<Buffer>;
  receivedAt: Date;
  /** Our id for the event, used by the dialog to ignore repeats (`messenger:<digest>`). */
  eventId: string;
}

/** `/tracuu ABC` typed as text: like Telegram's commands. */
const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:\s+([\s\S]*))?$/;
/** What an m.me `ref` may preset: `u_<unit>` or `t_<code>` (dialog/deep-link.ts checks it). */
const REF = /^(?:u|t)_[A-Za-z0-9_-]{1,62}$/;

type Handled = Exclude<ParsedMessengerEvent, { kind: 'ignored' }>;

export function toInboundEnvelope(event: Handled, options: EventMappingOptions): InboundEnvelope {
  const conversation: ConversationRef = { channel: 'messenger', conversationId: event.userId };
  const envelope = (e: InboundEnvelope['event']): InboundEnvelope => ({
    conversation,
    event: e,
    eventId: options.eventId,
    receivedAt: options.receivedAt,
  });
  switch (event.kind) {
    case 'choice':
      return envelope({ type: 'choice', value: event.value });
    case 'start':
      return envelope({ type: 'command', command: 'start', args: REF.test(event.ref) ? event.ref : '' });
    case 'text': {
      const command = COMMAND.exec(event.text.trim());
      if (command) {
        return envelope({
          type: 'command',
          command: command[1]!.toLowerCase(),
          args: (command[2] ?? '').trim(),
        });
      }
      return envelope({ type: 'text', text: event.text });
    }
    case 'file': {
      const file: InboundFile = {
        kind: event.fileKind,
        channelFileId: `messenger:${event.eventKey}`,
        download: () => options.download(event.url),
      };
      if (event.fileKind === 'photo') file.mimeType = 'image/jpeg';
      const name = /\/([^/?#]+\.[A-Za-z0-9]{1,5})(?:[?#]|$)/.exec(event.url)?.[1];
      if (name) file.fileName = decodeURIComponent(name);
      return envelope({ type: 'file', file, ...(event.caption ? { caption: event.caption } : {}) });
    }
  }
}
