// A small typed client of the OA OpenAPI: what this adapter needs and nothing more
// (docs/decisions/0010-zalo-oa-client-of-our-own.md). The access token goes in the `access_token`
// header; a token error (-124/-216, or HTTP 401) triggers one refresh and one retry.
import { z } from 'zod';
import type { OutboundFile } from '../../src/dialog/dialog-types.js';
import { ZaloApiError } from './zalo-errors.js';
import type { ZaloMessage } from './zalo-message.renderer.js';
import type { AccessToken, ZaloTokens } from './zalo-tokens.js';

export interface ZaloOaClientOptions {
  /** https://openapi.zalo.me, or a local fake in tests. No trailing slash. */
  apiBase: string;
  /** https://business.openapi.zalo.me (Zalo Notification Service); defaults to apiBase's fake in tests. */
  znsBase?: string;
  tokens: ZaloTokens;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * Who a message goes to. With `messageId` (the person's message it answers) it is a reply, free
 * within Zalo's reply window; without, Zalo counts it as a proactive message (decision 0027).
 */
export interface ZaloRecipient {
  userId: string;
  messageId?: string | undefined;
}

/** A quota Zalo reported with a sent message: which one was used and how much of it is left. */
export interface ZaloQuota {
  /** reply: the free replies to the person's message; proactive: the OA's own quota; zns: ZNS daily. */
  kind: 'reply' | 'proactive' | 'zns';
  remain: number;
  total?: number | undefined;
}

export interface ZaloSendResult {
  messageId: string;
  quota?: ZaloQuota | undefined;
}

export interface ZnsRequest {
  /** 84xxxxxxxxx */
  phone: string;
  templateId: string;
  templateData: Record<string, string>;
  /** Our id for the message (the notification id): Zalo echoes it in delivery reports. */
  trackingId: string;
}

export interface ZaloOaClient {
  /** POST /v3.0/oa/message/cs (recipient.message_id when it answers a message). */
  sendMessage(to: ZaloRecipient, message: ZaloMessage): Promise<ZaloSendResult>;
  /** POST <ZNS>/message/template: a registered template to a phone number. */
  sendZns(request: ZnsRequest): Promise<ZaloSendResult>;
  /** POST /v2.0/oa/upload/image|file; resolves with the attachment id (image) or token (file). */
  upload(kind: 'image' | 'file', file: OutboundFile): Promise<string>;
}

const ZAnswerSchema = z.looseObject({
  error: z.number().int(),
  message: z.string().optional(),
  data: z.looseObject({}).optional(),
});

export function createZaloOaClient(options: ZaloOaClientOptions): ZaloOaClient {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;

  async function request(
    path: string,
    token: string,
    init: { json?: unknown; form?: FormData; base?: string },
  ) {
    const res = await doFetch(`${init.base ?? options.apiBase}${path}`, {
      method: 'POST',
      headers: {
        access_token: token,
        ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: init.form ?? JSON.stringify(init.json),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const parsed = ZAnswerSchema.safeParse(await res.json().catch(() => null));
    if (!parsed.success)
      throw new ZaloApiError(res.ok ? -1 : -res.status, `unreadable answer (HTTP ${res.status})`, res.status);
    if (parsed.data.error !== 0 || !res.ok) {
      throw new ZaloApiError(parsed.data.error, parsed.data.message ?? '', res.status);
    }
    return parsed.data.data ?? {};
  }

  /** Runs `call` with the current token; once more with a fresh one if Zalo refused the token. */
  async function withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const first: AccessToken = await options.tokens.accessToken();
    try {
      return await call(first.token);
    } catch (err) {
      if (!(err instanceof ZaloApiError) || !err.isTokenError) throw err;
      const fresh = await options.tokens.refresh(first.version);
      return call(fresh.token);
    }
  }

  return {
    sendMessage(to, message) {
      return withToken(async (token) => {
        const recipient = to.messageId ? { message_id: to.messageId } : { user_id: to.userId };
        const data = await request('/v3.0/oa/message/cs', token, { json: { recipient, message } });
        return {
          messageId: String((data as { message_id?: unknown }).message_id ?? ''),
          quota: readMessageQuota(data),
        };
      });
    },
    sendZns(zns) {
      return withToken(async (token) => {
        const data = await request('/message/template', token, {
          base: options.znsBase ?? options.apiBase,
          json: {
            phone: zns.phone,
            template_id: zns.templateId,
            template_data: zns.templateData,
            tracking_id: zns.trackingId,
          },
        });
        return {
          messageId: String((data as { msg_id?: unknown }).msg_id ?? ''),
          quota: readZnsQuota(data),
        };
      });
    },
    async upload(kind, file) {
      const bytes = file.bytes;
      if (!bytes) throw new ZaloApiError(-201, 'nothing to upload');
      return withToken(async (token) => {
        const form = new FormData();
        form.append('file', new Blob([Uint8Array.from(bytes)], { type: file.mimeType }), file.fileName);
        const data = (await request(`/v2.0/oa/upload/${kind}`, token, { form })) as {
          attachment_id?: unknown;
          token?: unknown;
        };
        const id = kind === 'image' ? data.attachment_id : data.token;
        if (typeof id !== 'string' || id === '')
          throw new ZaloApiError(-1, `upload answer without ${kind} id`);
        return id;
      });
    },
  };
}

const ZCount = z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number);

/**
 * `data.quota` of a message/cs answer: `quota_type` "reply" (the free replies to the person's
 * message) or "sub_quota" / "purchase_quota" / "reward_quota" (the OA's own quota, spent by
 * proactive messages), with `remain` and `total`. Absent or unreadable: nothing to track.
 */
export function readMessageQuota(data: Record<string, unknown>): ZaloQuota | undefined {
  const parsed = z
    .looseObject({ quota_type: z.string(), remain: ZCount, total: ZCount.optional() })
    .safeParse(data.quota);
  if (!parsed.success) return undefined;
  const { quota_type, remain, total } = parsed.data;
  return { kind: quota_type === 'reply' ? 'reply' : 'proactive', remain, total };
}

/** `data.quota` of a ZNS answer: `dailyQuota` and `remainingQuota`. */
export function readZnsQuota(data: Record<string, unknown>): ZaloQuota | undefined {
  const parsed = z.looseObject({ dailyQuota: ZCount, remainingQuota: ZCount }).safeParse(data.quota);
  if (!parsed.success) return undefined;
  return { kind: 'zns', remain: parsed.data.remainingQuota, total: parsed.data.dailyQuota };
}
