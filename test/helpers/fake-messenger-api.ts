// A local stand-in for Meta's Graph API Send API (POST /<page-id>/messages, JSON or multipart with
// `filedata`) on one node:http server, for tests that point MESSENGER_GRAPH_URL at it. It records
// every message, checks the Page token, answers (#10/2018278) "outside of allowed window" for a
// person whose 24-hour window the test closed, serves files for attachment events, and signs webhook
// calls as Meta does (X-Hub-Signature-256 over the raw body).
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { computeMessengerSignature } from '../../bots/messenger/messenger-signature.js';
import type { HandledEvents } from './handled-events.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface MessengerSent {
  psid: string;
  messagingType: string;
  text: string;
  quickReplies: { title: string; payload: string }[];
  attachment?: { type: string; bytes: number };
  at: number;
}

export interface FakeMessengerApi {
  url: string;
  pageId: string;
  pageAccessToken: string;
  appSecret: string;
  verifyToken: string;
  sentTo(psid: string): MessengerSent[];
  /** Calls refused, with Graph's code/subcode. */
  refusals: { psid: string; code: number; subcode?: number }[];
  closeWindowFor(psid: string): void;
  openWindowFor(psid: string): void;
  addFile(bytes: Buffer, name: string): string;
  /** A webhook body for these messaging events, and its signature. */
  sign(messaging: Json[]): { body: string; signature: string };
  post(
    webhookUrl: string,
    messaging: Json[],
    opts?: { signature?: string | null; rawBody?: string },
  ): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

export async function startFakeMessengerApi(): Promise<FakeMessengerApi> {
  const pageId = '1029384756123';
  const pageAccessToken = `EAAG${randomBytes(12).toString('hex')}`;
  const appSecret = 'messenger-app-secret-of-the-test';
  const verifyToken = 'verify-token-of-the-test';
  const sent: MessengerSent[] = [];
  const refusals: FakeMessengerApi['refusals'] = [];
  const closed = new Set<string>();
  const files = new Map<string, Buffer>();

  const readBody = (req: IncomingMessage) =>
    new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });
  const answer = (res: ServerResponse, json: Json, status = 200) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(json));
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const raw = await readBody(req);
      if (req.method === 'GET' && url.pathname.startsWith('/files/')) {
        const bytes = files.get(url.pathname.split('/')[2] ?? '');
        if (!bytes) return answer(res, { error: { code: 100, message: 'no file' } }, 404);
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length });
        return res.end(bytes);
      }
      if (req.method === 'POST' && url.pathname === `/${pageId}/messages`) {
        if (req.headers.authorization !== `Bearer ${pageAccessToken}`) {
          return answer(
            res,
            { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } },
            400,
          );
        }
        let body: Json;
        let attachment: MessengerSent['attachment'];
        const type = String(req.headers['content-type'] ?? '');
        if (type.startsWith('multipart/form-data')) {
          const form = await new Response(new Uint8Array(raw), {
            headers: { 'content-type': type },
          }).formData();
          const file = form.get('filedata') as Blob | null;
          body = {
            recipient: JSON.parse(String(form.get('recipient'))),
            messaging_type: String(form.get('messaging_type')),
            message: JSON.parse(String(form.get('message'))),
          };
          attachment = { type: body.message.attachment.type, bytes: file ? file.size : 0 };
        } else body = JSON.parse(raw.toString('utf8'));
        const psid = String(body?.recipient?.id ?? '');
        if (closed.has(psid)) {
          refusals.push({ psid, code: 10, subcode: 2018278 });
          return answer(
            res,
            {
              error: {
                message: '(#10) This message is sent outside of allowed window.',
                type: 'OAuthException',
                code: 10,
                error_subcode: 2018278,
              },
            },
            400,
          );
        }
        const text = String(body?.message?.text ?? '');
        if (!attachment && (text === '' || [...text].length > 2000)) {
          refusals.push({ psid, code: 100 });
          return answer(res, { error: { message: '(#100) Invalid parameter', code: 100 } }, 400);
        }
        sent.push({
          psid,
          messagingType: String(body.messaging_type),
          text,
          quickReplies: (body.message.quick_replies ?? []).map((q: Json) => ({
            title: q.title,
            payload: q.payload,
          })),
          ...(attachment ? { attachment } : {}),
          at: Date.now(),
        });
        return answer(res, { recipient_id: psid, message_id: `m_${randomBytes(8).toString('hex')}` });
      }
      answer(res, { error: { message: 'Unknown path', code: 100 } }, 404);
    })().catch((err: unknown) => answer(res, { error: { message: String(err), code: 2 } }, 500));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const sign = (messaging: Json[]) => {
    const body = JSON.stringify({ object: 'page', entry: [{ id: pageId, time: Date.now(), messaging }] });
    return { body, signature: computeMessengerSignature(appSecret, body) };
  };
  return {
    url,
    pageId,
    pageAccessToken,
    appSecret,
    verifyToken,
    refusals,
    sentTo: (psid) => sent.filter((m) => m.psid === psid),
    closeWindowFor: (psid) => void closed.add(psid),
    openWindowFor: (psid) => void closed.delete(psid),
    addFile(bytes, name) {
      const id = randomBytes(8).toString('hex');
      files.set(id, bytes);
      return `${url}/files/${id}/${encodeURIComponent(name)}`;
    },
    sign,
    async post(webhookUrl, messaging, opts = {}) {
      const signed = sign(messaging);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      const signature = opts.signature === undefined ? signed.signature : opts.signature;
      if (signature !== null) headers['x-hub-signature-256'] = signature;
      const res = await fetch(webhookUrl, { method: 'POST', headers, body: opts.rawBody ?? signed.body });
      return { status: res.status, body: await res.text() };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The app's id for an event with this key (`m:<mid>`, `r:<psid>:<ts>`): what its log line names. */
export function messengerEventId(eventKey: string): string {
  return `messenger:${createHash('sha256').update(eventKey).digest('hex').slice(0, 32)}`;
}

/** One person writing to the Page: text, quick-reply presses, files, the m.me referral. */
export class MessengerConversation {
  readonly transcript: MessengerSent[] = [];
  private clock = Date.now();

  constructor(
    readonly fake: FakeMessengerApi,
    readonly webhookUrl: string,
    readonly psid: string,
    readonly handled: HandledEvents,
  ) {}

  private base() {
    this.clock = Math.max(this.clock + 1, Date.now());
    return { sender: { id: this.psid }, recipient: { id: this.fake.pageId }, timestamp: this.clock };
  }

  /** Posts one signed event and resolves with the Page's direct answers once the app handled it. */
  async send(event: Json, eventKey: string): Promise<MessengerSent[]> {
    const before = this.fake.sentTo(this.psid).length;
    const res = await this.fake.post(this.webhookUrl, [event]);
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${res.body}`);
    await this.handled.messengerEvent(messengerEventId(eventKey));
    const replies = this.fake.sentTo(this.psid).slice(before);
    this.transcript.push(...replies);
    return replies;
  }

  say(text: string, quickReplyPayload?: string): Promise<MessengerSent[]> {
    const mid = `m_${randomBytes(10).toString('hex')}`;
    return this.send(
      {
        ...this.base(),
        message: { mid, text, ...(quickReplyPayload ? { quick_reply: { payload: quickReplyPayload } } : {}) },
      },
      `m:${mid}`,
    );
  }

  /** Taps the latest quick reply with this payload (fails if the Page never offered it). */
  press(payload: string): Promise<MessengerSent[]> {
    const offered = [...this.transcript]
      .reverse()
      .flatMap((m) => m.quickReplies)
      .find((q) => q.payload === payload);
    if (!offered)
      throw new Error(`no quick reply ${payload}; last message: ${this.last()?.text ?? '(none)'}`);
    return this.say(offered.title, payload);
  }

  /** Opens the chat from a poster's m.me link (`ref`): a messaging_referrals event. */
  referral(ref: string): Promise<MessengerSent[]> {
    const base = this.base();
    return this.send(
      { ...base, referral: { ref, source: 'SHORTLINK', type: 'OPEN_THREAD' } },
      `r:${this.psid}:${base.timestamp}`,
    );
  }

  sendFile(url: string, type: 'image' | 'file'): Promise<MessengerSent[]> {
    const mid = `m_${randomBytes(10).toString('hex')}`;
    return this.send(
      { ...this.base(), message: { mid, attachments: [{ type, payload: { url } }] } },
      `m:${mid}`,
    );
  }

  last(): MessengerSent | undefined {
    return this.transcript.at(-1);
  }
}
