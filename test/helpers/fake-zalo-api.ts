// A local stand-in for Zalo: the OAuth server (/v4/oa/access_token), the OA OpenAPI
// (/v3.0/oa/message/cs, /v2.0/oa/upload/image|file) and ZNS (/message/template) on one node:http
// server, for tests that point ZALO_OAUTH_BASE, ZALO_API_BASE and ZALO_ZNS_BASE at it. It records
// every call, issues single-use refresh tokens, can expire the access tokens, can answer a user
// with the 7-day-window error (-230), serves files for user_send_image/file events, and signs
// webhook events as Zalo does.
//
// Zalo's message rules as the OA help centre states them (decision 0027): a message carrying the
// `message_id` of one of the person's messages is a reply, free for the first 8 within 48 hours
// of it; a 9th, a later one, or one with `user_id` alone is proactive and spends the OA's quota
// (Zalo answers -211 when it is spent). A message_id the person never sent is refused (-201).
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { computeZaloMac } from '../../bots/zalo/zalo-signature.js';
import type { HandledEvents } from './handled-events.js';

// Tests read whatever the adapter sent; the shape is what they assert.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface ZaloCallRecord {
  path: string;
  /** JSON body, the form fields (OAuth), or for uploads `{ fileName, size }`. */
  body: Json;
  accessToken: string | undefined;
  /** What the fake answered with: 0 on success, else the Zalo error code. */
  error: number;
  at: number;
}

export interface SentToUser {
  userId: string;
  /** The person's message it answered (recipient.message_id); undefined: sent by user_id alone. */
  replyTo: string | undefined;
  /** How Zalo counted it: one of the free replies, or a proactive message (the OA's quota). */
  counted: 'reply' | 'proactive';
  text: string;
  /** Button payloads and titles when the message had a button template. */
  buttons: { title: string; payload: string }[];
  message: Json;
  at: number;
}

export interface ConversationCount {
  /** OA messages sent to the person. */
  total: number;
  /** Sent without a message_id (Zalo counts them as proactive whatever the quota). */
  withoutMessageId: number;
  /** Counted as proactive: no message_id, a 9th reply, or one after 48 hours. */
  proactive: number;
  /** The most OA messages answering any one of the person's messages. */
  mostRepliesToOneMessage: number;
}

export interface FakeZaloApi {
  url: string;
  appId: string;
  appSecret: string;
  oaSecretKey: string;
  calls: ZaloCallRecord[];
  /** OAuth calls that exchanged a refresh token (successful or not). */
  oauthCalls(): ZaloCallRecord[];
  /** Messages the OA sent to one user, oldest first (successful sends only). */
  sentTo(userId: string): SentToUser[];
  /** How the OA's messages to one person were counted: the figures a test asserts on. */
  conversationCount(userId: string): ConversationCount;
  /** ZNS messages sent, oldest first. */
  zns: { phone: string; templateId: string; templateData: Record<string, string>; trackingId: string }[];
  /** The OA's proactive quota (default 1000 of 1000) and the ZNS daily quota (default 500 of 500). */
  setProactiveQuota(remain: number, total?: number): void;
  setZnsQuota(remain: number, total?: number): void;
  /** Makes every message this user sent older by `ms` (to step past the 48-hour window). */
  ageMessagesOf(userId: string, ms: number): void;
  /** A fresh refresh token the OAuth server will accept once. */
  issueRefreshToken(): string;
  /** Every access token issued so far stops working (Zalo answers -216). */
  expireAccessTokens(): void;
  /** Zalo answers -230 (no interaction for 7 days) for this user until reopened. */
  closeWindowFor(userId: string): void;
  openWindowFor(userId: string): void;
  /** OAuth answers take this long (to make concurrent refreshes overlap). */
  setOAuthDelay(ms: number): void;
  /** Serves bytes at a URL, as Zalo's CDN does for files users send. */
  addFile(bytes: Buffer): string;
  /** A webhook body signed as Zalo signs it; `timestampMs` defaults to now. */
  signEvent(event: Json, timestampMs?: number): { body: string; signature: string };
  /** POSTs an event to the app's webhook: signed unless `signature` says otherwise (null: none). */
  postEvent(
    webhookUrl: string,
    event: Json,
    options?: { signature?: string | null; timestampMs?: number; rawBody?: string },
  ): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

export const zaloEvents = {
  text(userId: string, text: string, msgId = randomMsgId()): Json {
    return {
      event_name: 'user_send_text',
      sender: { id: userId },
      recipient: { id: 'oa' },
      message: { msg_id: msgId, text },
    };
  },
  image(userId: string, url: string, msgId = randomMsgId()): Json {
    return {
      event_name: 'user_send_image',
      sender: { id: userId },
      recipient: { id: 'oa' },
      message: { msg_id: msgId, attachments: [{ type: 'image', payload: { url, thumbnail: url } }] },
    };
  },
  file(userId: string, url: string, name: string, size: number, msgId = randomMsgId()): Json {
    return {
      event_name: 'user_send_file',
      sender: { id: userId },
      recipient: { id: 'oa' },
      message: {
        msg_id: msgId,
        attachments: [
          { type: 'file', payload: { url, name, size: String(size), type: name.split('.').pop() } },
        ],
      },
    };
  },
  location(userId: string, latitude: number, longitude: number, msgId = randomMsgId()): Json {
    return {
      event_name: 'user_send_location',
      sender: { id: userId },
      recipient: { id: 'oa' },
      message: {
        msg_id: msgId,
        attachments: [
          {
            type: 'location',
            payload: { coordinates: { latitude: String(latitude), longitude: String(longitude) } },
          },
        ],
      },
    };
  },
  follow(userId: string): Json {
    return { event_name: 'follow', oa_id: 'oa', follower: { id: userId }, source: 'testing_webhook' };
  },
};

function randomMsgId(): string {
  return randomBytes(10).toString('hex');
}

export async function startFakeZaloApi(
  options: { appId?: string; appSecret?: string; oaSecretKey?: string } = {},
): Promise<FakeZaloApi> {
  const appId = options.appId ?? '1234567890123456789';
  const appSecret = options.appSecret ?? 'app-secret-of-the-test-app';
  const oaSecretKey = options.oaSecretKey ?? 'oa-secret-key-of-the-test-oa';
  const calls: ZaloCallRecord[] = [];
  const sent: SentToUser[] = [];
  const refreshTokens = new Set<string>();
  const accessTokens = new Set<string>();
  const closedWindows = new Set<string>();
  const userMessages = new Map<string, { userId: string; at: number }>();
  const repliesTo = new Map<string, number>();
  const zns: FakeZaloApi['zns'] = [];
  const proactive = { remain: 1000, total: 1000 };
  const znsQuota = { remain: 500, total: 500 };
  const REPLY_QUOTA = 8;
  const REPLY_WINDOW_MS = 48 * 3600_000;
  const files = new Map<string, Buffer>();
  let oauthDelayMs = 0;
  let messageSeq = 1;

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
  const record = (path: string, body: Json, accessToken: string | undefined, error: number) =>
    calls.push({ path, body, accessToken, error, at: Date.now() });

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const raw = await readBody(req);
      const accessToken = req.headers['access_token'] as string | undefined;

      if (req.method === 'GET' && url.pathname.startsWith('/files/')) {
        const bytes = files.get(url.pathname.slice('/files/'.length));
        if (!bytes) return answer(res, { error: 404 }, 404);
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length });
        return res.end(bytes);
      }

      if (req.method === 'POST' && url.pathname === '/v4/oa/access_token') {
        const form = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
        if (oauthDelayMs) await new Promise((r) => setTimeout(r, oauthDelayMs));
        const ok =
          req.headers['secret_key'] === appSecret &&
          form.app_id === appId &&
          form.grant_type === 'refresh_token' &&
          refreshTokens.delete(form.refresh_token ?? '');
        record(url.pathname, form, undefined, ok ? 0 : -14014);
        if (!ok)
          return answer(res, {
            error: -14014,
            error_name: 'Invalid refresh token',
            error_description: 'Refresh token is invalid',
          });
        const access = `acc-${randomBytes(16).toString('hex')}`;
        const refresh = `ref-${randomBytes(16).toString('hex')}`;
        accessTokens.add(access);
        refreshTokens.add(refresh);
        return answer(res, { access_token: access, refresh_token: refresh, expires_in: '90000' });
      }

      if (req.method === 'POST' && url.pathname === '/message/template') {
        const body: Json = JSON.parse(raw.toString('utf8') || 'null');
        if (!accessToken || !accessTokens.has(accessToken)) {
          record(url.pathname, body, accessToken, -216);
          return answer(res, { error: -216, message: 'Access token is invalid' });
        }
        if (!/^84\d{9}$/.test(String(body?.phone ?? '')) || !body?.template_id || !body?.template_data) {
          record(url.pathname, body, accessToken, -108);
          return answer(res, { error: -108, message: 'Phone number invalid' });
        }
        if (znsQuota.remain <= 0) {
          record(url.pathname, body, accessToken, -211);
          return answer(res, { error: -211, message: 'Out of quota' });
        }
        znsQuota.remain--;
        record(url.pathname, body, accessToken, 0);
        zns.push({
          phone: body.phone,
          templateId: String(body.template_id),
          templateData: body.template_data,
          trackingId: String(body.tracking_id ?? ''),
        });
        return answer(res, {
          error: 0,
          message: 'Success',
          data: {
            msg_id: `zns${messageSeq++}`,
            sent_time: String(Date.now()),
            quota: { dailyQuota: String(znsQuota.total), remainingQuota: String(znsQuota.remain) },
          },
        });
      }

      if (
        req.method === 'POST' &&
        (url.pathname === '/v3.0/oa/message/cs' || url.pathname.startsWith('/v2.0/oa/upload/'))
      ) {
        const isUpload = url.pathname.startsWith('/v2.0/oa/upload/');
        const body: Json = isUpload ? { size: raw.length } : JSON.parse(raw.toString('utf8') || 'null');
        if (!accessToken || !accessTokens.has(accessToken)) {
          record(url.pathname, body, accessToken, -216);
          return answer(res, { error: -216, message: 'Access token is invalid' });
        }
        if (isUpload) {
          record(url.pathname, body, accessToken, 0);
          const id = randomBytes(8).toString('hex');
          return answer(res, {
            error: 0,
            message: 'Success',
            data: url.pathname.endsWith('/image') ? { attachment_id: id } : { token: id },
          });
        }
        const replyTo: string | undefined = body?.recipient?.message_id;
        const answered = replyTo !== undefined ? userMessages.get(String(replyTo)) : undefined;
        if (replyTo !== undefined && !answered) {
          record(url.pathname, body, accessToken, -201);
          return answer(res, { error: -201, message: 'message_id is invalid' });
        }
        const userId = answered?.userId ?? String(body?.recipient?.user_id ?? '');
        if (closedWindows.has(userId)) {
          record(url.pathname, body, accessToken, -230);
          return answer(res, {
            error: -230,
            message: 'User has not interacted with the OA in the past 7 days',
          });
        }
        if (!body?.message || (!body.message.text && !body.message.attachment)) {
          record(url.pathname, body, accessToken, -201);
          return answer(res, { error: -201, message: 'Parameter message is invalid' });
        }
        const used = replyTo !== undefined ? (repliesTo.get(replyTo) ?? 0) : 0;
        const isReply =
          answered !== undefined && used < REPLY_QUOTA && Date.now() - answered.at < REPLY_WINDOW_MS;
        if (!isReply && proactive.remain <= 0) {
          record(url.pathname, body, accessToken, -211);
          return answer(res, { error: -211, message: 'Out of quota' });
        }
        if (isReply) repliesTo.set(replyTo!, used + 1);
        else proactive.remain--;
        record(url.pathname, body, accessToken, 0);
        const buttons = (body.message.attachment?.payload?.buttons ?? []) as {
          title: string;
          payload: string;
        }[];
        sent.push({
          userId,
          replyTo,
          counted: isReply ? 'reply' : 'proactive',
          text: String(body.message.text ?? ''),
          buttons,
          message: body.message,
          at: Date.now(),
        });
        return answer(res, {
          error: 0,
          message: 'Success',
          data: {
            message_id: `m${messageSeq++}`,
            user_id: userId,
            quota: isReply
              ? { quota_type: 'reply', remain: String(REPLY_QUOTA - used - 1), total: String(REPLY_QUOTA) }
              : { quota_type: 'sub_quota', remain: String(proactive.remain), total: String(proactive.total) },
          },
        });
      }
      answer(res, { error: -404, message: 'You currently access to an empty api' }, 404);
    })().catch((err: unknown) => answer(res, { error: -1, message: String(err) }, 500));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const signEvent = (event: Json, timestampMs = Date.now()) => {
    // What the person sent: the OA may answer it by its msg_id.
    const msgId = event?.message?.msg_id;
    if (msgId && event?.sender?.id)
      userMessages.set(String(msgId), { userId: String(event.sender.id), at: timestampMs });
    const body = JSON.stringify({
      app_id: appId,
      user_id_by_app: 'x',
      ...event,
      timestamp: String(timestampMs),
    });
    return { body, signature: `mac=${computeZaloMac(appId, body, String(timestampMs), oaSecretKey)}` };
  };

  return {
    url,
    appId,
    appSecret,
    oaSecretKey,
    calls,
    oauthCalls: () => calls.filter((c) => c.path === '/v4/oa/access_token'),
    sentTo: (userId) => sent.filter((m) => m.userId === userId),
    conversationCount(userId) {
      const mine = sent.filter((m) => m.userId === userId);
      const perMessage = new Map<string, number>();
      for (const m of mine) if (m.replyTo) perMessage.set(m.replyTo, (perMessage.get(m.replyTo) ?? 0) + 1);
      return {
        total: mine.length,
        withoutMessageId: mine.filter((m) => m.replyTo === undefined).length,
        proactive: mine.filter((m) => m.counted === 'proactive').length,
        mostRepliesToOneMessage: Math.max(0, ...perMessage.values()),
      };
    },
    zns,
    setProactiveQuota(remain, total = remain) {
      Object.assign(proactive, { remain, total });
    },
    setZnsQuota(remain, total = remain) {
      Object.assign(znsQuota, { remain, total });
    },
    ageMessagesOf(userId, ms) {
      for (const m of userMessages.values()) if (m.userId === userId) m.at -= ms;
    },
    issueRefreshToken() {
      const token = `ref-${randomBytes(16).toString('hex')}`;
      refreshTokens.add(token);
      return token;
    },
    expireAccessTokens: () => accessTokens.clear(),
    closeWindowFor: (userId) => void closedWindows.add(userId),
    openWindowFor: (userId) => void closedWindows.delete(userId),
    setOAuthDelay: (ms) => void (oauthDelayMs = ms),
    addFile(bytes) {
      const id = randomBytes(8).toString('hex');
      files.set(id, bytes);
      return `${url}/files/${id}`;
    },
    signEvent,
    async postEvent(webhookUrl, event, opts = {}) {
      const signed = signEvent(event, opts.timestampMs);
      const body = opts.rawBody ?? signed.body;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      const signature = opts.signature === undefined ? signed.signature : opts.signature;
      if (signature !== null) headers['x-zevent-signature'] = signature;
      const res = await fetch(webhookUrl, { method: 'POST', headers, body });
      return { status: res.status, body: await res.text() };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Talks to the OA as one Zalo user: send text, press a button, read what the OA sent back. */
export class ZaloConversation {
  readonly transcript: SentToUser[] = [];

  constructor(
    readonly fake: FakeZaloApi,
    readonly webhookUrl: string,
    readonly userId: string,
    readonly handled: HandledEvents,
  ) {}

  /**
   * Posts one signed event as this user and resolves with the OA's direct answers to it, once the
   * app says the event is handled (the webhook's 200 only means it is stored). Messages queued on
   * the way may come later: wait for them by what they say.
   */
  async send(event: Json): Promise<SentToUser[]> {
    const before = this.fake.sentTo(this.userId).length;
    const signed = this.fake.signEvent(event);
    const res = await this.fake.postEvent(this.webhookUrl, event, {
      rawBody: signed.body,
      signature: signed.signature,
    });
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${res.body}`);
    // The app's id for an event: Zalo's msg_id, or for a follow (which has none) its signature.
    const msgId = (event as { message?: { msg_id?: string } }).message?.msg_id;
    const mac = signed.signature.slice('mac='.length, 'mac='.length + 32);
    await this.handled.zaloEvent(`zalo:${msgId ?? mac}`);
    const replies = this.fake.sentTo(this.userId).slice(before);
    this.transcript.push(...replies);
    return replies;
  }

  say(text: string): Promise<SentToUser[]> {
    return this.send(zaloEvents.text(this.userId, text));
  }

  /** A button press: the user's app sends the button's payload as a hidden text. */
  pressValue(value: string): Promise<SentToUser[]> {
    return this.say(`#ln:${value}`);
  }

  /** Presses the latest button whose payload is `#ln:<value>` (fails if the OA never offered it). */
  press(value: string): Promise<SentToUser[]> {
    const offered = this.transcript.some((m) => m.buttons.some((b) => b.payload === `#ln:${value}`));
    if (!offered) throw new Error(`no button ${value}; last message: ${this.last()?.text ?? '(none)'}`);
    return this.pressValue(value);
  }

  last(): SentToUser | undefined {
    return this.transcript.at(-1);
  }

  allText(): string {
    return this.transcript.map((r) => r.text).join('\n---\n');
  }
}
