// A small typed client of the Graph API's Send API: what this adapter needs and nothing more, like
// the Zalo one (decision 0010). The Page access token travels in the Authorization header, never
// in the URL (URLs end up in logs). `messaging_type` is RESPONSE for answers to what the person
// just wrote and UPDATE for notices sent later; no message tag is used (decision 0032).
import { z } from 'zod';
import type { OutboundFile } from '../../src/dialog/dialog-types.js';
import { MessengerApiError } from './messenger-errors.js';
import type { MessengerMessage } from './messenger-message.renderer.js';

export type MessagingType = 'RESPONSE' | 'UPDATE';

export interface MessengerClientOptions {
  /** https://graph.facebook.com/v21.0, or a local fake in tests. No trailing slash. */
  graphUrl: string;
  pageId: string;
  pageAccessToken: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface MessengerClient {
  /** POST /{page-id}/messages; resolves with the message id. */
  sendMessage(psid: string, message: MessengerMessage, messagingType: MessagingType): Promise<string>;
  /** The same with an attachment uploaded in the call (multipart `filedata`). */
  sendFile(
    psid: string,
    file: OutboundFile,
    type: 'image' | 'file',
    messagingType: MessagingType,
  ): Promise<string>;
}

const ZErrorSchema = z.looseObject({
  error: z.looseObject({
    message: z.string().optional(),
    code: z.number().int(),
    error_subcode: z.number().int().optional(),
  }),
});
const ZSentSchema = z.looseObject({ message_id: z.string() });

export function createMessengerClient(options: MessengerClientOptions): MessengerClient {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const url = `${options.graphUrl}/${encodeURIComponent(options.pageId)}/messages`;

  async function post(body: string | FormData): Promise<string> {
    const res = await doFetch(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.pageAccessToken}`,
        ...(typeof body === 'string' ? { 'content-type': 'application/json' } : {}),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const json: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const parsed = ZErrorSchema.safeParse(json);
      if (!parsed.success) throw new MessengerApiError(-1, undefined, `unreadable answer`, res.status);
      const e = parsed.data.error;
      throw new MessengerApiError(e.code, e.error_subcode, e.message ?? '', res.status);
    }
    const sent = ZSentSchema.safeParse(json);
    if (!sent.success) throw new MessengerApiError(-1, undefined, 'answer without message_id', res.status);
    return sent.data.message_id;
  }

  return {
    sendMessage(psid, message, messagingType) {
      return post(JSON.stringify({ recipient: { id: psid }, messaging_type: messagingType, message }));
    },
    sendFile(psid, file, type, messagingType) {
      if (!file.bytes) throw new MessengerApiError(100, undefined, 'nothing to upload', 400);
      const form = new FormData();
      form.append('recipient', JSON.stringify({ id: psid }));
      form.append('messaging_type', messagingType);
      form.append('message', JSON.stringify({ attachment: { type, payload: { is_reusable: false } } }));
      form.append(
        'filedata',
        new Blob([Uint8Array.from(file.bytes)], { type: file.mimeType }),
        file.fileName,
      );
      return post(form);
    },
  };
}
