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
  tokens: ZaloTokens;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface ZaloOaClient {
  /** POST /v3.0/oa/message/cs; resolves with Zalo's message id. */
  sendMessage(userId: string, message: ZaloMessage): Promise<string>;
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

  async function request(path: string, token: string, init: { json?: unknown; form?: FormData }) {
    const res = await doFetch(`${options.apiBase}${path}`, {
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
    sendMessage(userId, message) {
      return withToken(async (token) => {
        const data = await request('/v3.0/oa/message/cs', token, {
          json: { recipient: { user_id: userId }, message },
        });
        return String((data as { message_id?: unknown }).message_id ?? '');
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
