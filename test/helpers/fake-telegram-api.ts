// A local stand-in for Telegram's Bot API (node:http), for tests that run the real telegraf
// client against it through TELEGRAM_API_ROOT. It implements the methods the bot uses, records
// every call, feeds updates (queued for getUpdates with offset/timeout long polling, or POSTed to
// the registered webhook with a secret), serves files for getFile, and answers with an error
// (e.g. 429 with retry_after) on demand. setMyCommands checks Telegram's limits on names and
// descriptions.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// Tests read whatever the bot sent; the shape is what they assert.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface RecordedCall {
  method: string;
  params: Record<string, Json>;
  /** Multipart uploads (sendDocument): field name → file. */
  files: Record<string, { filename: string; bytes: Buffer }>;
  at: number;
}

export interface ApiError {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export interface FakeTelegramApi {
  /** The API root to give the bot (TELEGRAM_API_ROOT). */
  url: string;
  token: string;
  botUsername: string;
  calls: RecordedCall[];
  callsOf(method: string, predicate?: (c: RecordedCall) => boolean): RecordedCall[];
  /** sendMessage/sendDocument calls to one chat, oldest first. */
  sentTo(chatId: number | string): RecordedCall[];
  waitForCall(
    method: string,
    predicate?: (c: RecordedCall) => boolean,
    timeoutMs?: number,
  ): Promise<RecordedCall>;
  waitForCalls(
    method: string,
    count: number,
    predicate?: (c: RecordedCall) => boolean,
    timeoutMs?: number,
  ): Promise<RecordedCall[]>;
  /** Queues an update for getUpdates (update_id assigned when absent). */
  queueUpdate(update: Json): Json;
  /** Queues several at once, so one getUpdates returns them together (a repeat included). */
  queueUpdates(updates: Json[]): Json[];
  /** POSTs an update to the webhook registered by setWebhook (or `url`), with its secret unless told otherwise (`null`: no header). */
  postToWebhook(
    update: Json,
    options?: { secret?: string | null; url?: string },
  ): Promise<{ status: number; body: string }>;
  /** The next `times` calls of `method` fail with this error (HTTP status = error_code). */
  failNext(method: string, error: ApiError, times?: number): void;
  /** Makes a file available to getFile and the file download path; returns its file_id. */
  addFile(bytes: Buffer, fileName?: string): string;
  webhook(): { url: string; secret_token?: string } | undefined;
  /** getUpdates calls ended with 409 because another getUpdates came (two pollers). */
  pollConflicts(): number;
  nextUpdateId(): number;
  close(): Promise<void>;
}

export async function startFakeTelegramApi(
  options: { token?: string; botUsername?: string } = {},
): Promise<FakeTelegramApi> {
  const token = options.token ?? '123:abc';
  const botUsername = options.botUsername ?? 'LangNgheTestBot';
  const calls: RecordedCall[] = [];
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  let updateSeq = 100_000 + Math.floor(Math.random() * 1_000_000);
  let messageSeq = 1;
  let confirmedOffset = 0;
  const pending: Json[] = [];
  const failures = new Map<string, { error: ApiError; times: number }>();
  const files = new Map<string, { bytes: Buffer; path: string; fileName: string | undefined }>();
  let webhook: { url: string; secret_token?: string } | undefined;
  let activePoll: { finish: (status: number, body: Json) => void } | undefined;
  let pollConflicts = 0;

  const send = (res: ServerResponse, status: number, body: Json) => {
    if (res.writableEnded) return;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const ok = (res: ServerResponse, result: Json) => send(res, 200, { ok: true, result });
  const fail = (res: ServerResponse, e: ApiError) => send(res, e.error_code, { ok: false, ...e });

  const chatOf = (chatId: Json) => {
    const id = Number(chatId);
    return { id, type: id < 0 ? 'supergroup' : 'private' };
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      send(res, 500, { ok: false, error_code: 500, description: String(err) });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://fake');
    const fileMatch = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (fileMatch) {
      const file = [...files.values()].find((f) => f.path === decodeURIComponent(fileMatch[2]!));
      if (fileMatch[1] !== token || !file)
        return send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.bytes.length });
      return res.end(file.bytes);
    }
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!m) return send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    if (m[1] !== token) return fail(res, { error_code: 401, description: 'Unauthorized' });
    const method = m[2]!;
    const { params, files: uploaded } = await readParams(req, url);
    const call: RecordedCall = { method, params, files: uploaded, at: Date.now() };
    calls.push(call);
    notify();

    const failure = failures.get(method);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      return fail(res, failure.error);
    }

    switch (method) {
      case 'getMe':
        return ok(res, {
          id: Number(token.split(':')[0]),
          is_bot: true,
          first_name: 'Lắng Nghe',
          username: botUsername,
        });
      case 'setWebhook':
        webhook = {
          url: String(params.url),
          ...(params.secret_token ? { secret_token: String(params.secret_token) } : {}),
        };
        if (activePoll) activePoll.finish(409, conflict('terminated by setWebhook request'));
        return ok(res, true);
      case 'deleteWebhook':
        webhook = undefined;
        if (params.drop_pending_updates === true || params.drop_pending_updates === 'true')
          pending.length = 0;
        return ok(res, true);
      case 'getWebhookInfo':
        return ok(res, {
          url: webhook?.url ?? '',
          has_custom_certificate: false,
          pending_update_count: pending.length,
        });
      case 'getUpdates':
        return getUpdates(params, req, res);
      case 'sendMessage':
        return ok(res, {
          message_id: messageSeq++,
          date: Math.floor(Date.now() / 1000),
          chat: chatOf(params.chat_id),
          text: params.text,
          ...(params.reply_markup ? { reply_markup: params.reply_markup } : {}),
        });
      case 'sendDocument': {
        const doc = uploaded.document;
        return ok(res, {
          message_id: messageSeq++,
          date: Math.floor(Date.now() / 1000),
          chat: chatOf(params.chat_id),
          document: {
            file_id: `sent-${messageSeq}`,
            file_unique_id: `u${messageSeq}`,
            file_name: doc?.filename,
          },
          ...(params.caption ? { caption: params.caption } : {}),
        });
      }
      case 'setMyCommands': {
        // Telegram's own limits, so a menu it would refuse fails here too.
        const commands = typeof params.commands === 'string' ? JSON.parse(params.commands) : params.commands;
        const bad =
          !Array.isArray(commands) ||
          commands.length > 100 ||
          commands.some(
            (c: Json) =>
              !/^[a-z0-9_]{1,32}$/.test(String(c.command)) ||
              typeof c.description !== 'string' ||
              c.description.length < 1 ||
              c.description.length > 256,
          );
        if (bad) return fail(res, { error_code: 400, description: 'Bad Request: BOT_COMMAND_INVALID' });
        return ok(res, true);
      }
      case 'answerCallbackQuery':
      case 'deleteMessage':
      case 'sendChatAction':
        return ok(res, true);
      case 'editMessageReplyMarkup':
      case 'editMessageText':
        return ok(res, {
          message_id: Number(params.message_id),
          date: 0,
          chat: chatOf(params.chat_id),
          text: '',
        });
      case 'getFile': {
        const file = files.get(String(params.file_id));
        if (!file) return fail(res, { error_code: 400, description: 'Bad Request: invalid file_id' });
        return ok(res, {
          file_id: params.file_id,
          file_unique_id: `u-${params.file_id}`,
          file_size: file.bytes.length,
          file_path: file.path,
        });
      }
      default:
        return fail(res, { error_code: 404, description: 'Not Found: method not found' });
    }
  }

  function conflict(why: string) {
    return { ok: false, error_code: 409, description: `Conflict: ${why}` };
  }

  function getUpdates(params: Record<string, Json>, req: IncomingMessage, res: ServerResponse) {
    if (webhook)
      return send(
        res,
        409,
        conflict(
          "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
        ),
      );
    // A newer getUpdates ends the one still waiting, as Telegram does.
    if (activePoll) {
      pollConflicts++;
      activePoll.finish(
        409,
        conflict('terminated by other getUpdates request; make sure that only one bot instance is running'),
      );
    }
    const offset = Number(params.offset ?? 0);
    if (offset > confirmedOffset) confirmedOffset = offset;
    const limit = Math.min(100, Number(params.limit ?? 100));
    const timeoutMs = Math.min(50, Number(params.timeout ?? 0)) * 1000;
    const take = () => {
      while (pending.length && pending[0].update_id < confirmedOffset) pending.shift();
      return pending.filter((u) => u.update_id >= confirmedOffset).slice(0, limit);
    };
    const ready = take();
    if (ready.length || timeoutMs === 0) return ok(res, ready);

    let done = false;
    const finish = (status: number, body: Json) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      listeners.delete(onChange);
      if (activePoll === poll) activePoll = undefined;
      send(res, status, body);
    };
    const poll = { finish };
    const onChange = () => {
      const got = take();
      if (got.length) finish(200, { ok: true, result: got });
    };
    const timer = setTimeout(() => finish(200, { ok: true, result: [] }), timeoutMs);
    listeners.add(onChange);
    activePoll = poll;
    res.on('close', () => {
      done = true;
      clearTimeout(timer);
      listeners.delete(onChange);
      if (activePoll === poll) activePoll = undefined;
    });
    void req;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  const apiUrl = `http://127.0.0.1:${address.port}`;

  const queueUpdates = (updates: Json[]): Json[] => {
    const added = updates.map((u) => ({ ...u, update_id: u.update_id ?? updateSeq++ }));
    pending.push(...added);
    pending.sort((a, b) => a.update_id - b.update_id);
    notify();
    return added;
  };

  const matching = (method: string, predicate?: (c: RecordedCall) => boolean) =>
    calls.filter((c) => c.method === method && (!predicate || predicate(c)));

  const waitUntil = <T>(probe: () => T | undefined, timeoutMs: number, what: string) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const v = probe();
        if (v !== undefined) {
          clearTimeout(timer);
          listeners.delete(check);
          resolve(v);
        }
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(
          new Error(
            `fake Telegram: ${what} did not happen in ${timeoutMs} ms; calls: ${calls.map((c) => c.method).join(', ')}`,
          ),
        );
      }, timeoutMs);
      listeners.add(check);
      check();
    });

  return {
    url: apiUrl,
    token,
    botUsername,
    calls,
    callsOf: matching,
    sentTo: (chatId) =>
      calls.filter(
        (c) =>
          (c.method === 'sendMessage' || c.method === 'sendDocument') &&
          String(c.params.chat_id) === String(chatId),
      ),
    waitForCall: (method, predicate, timeoutMs = 15_000) =>
      waitUntil(() => matching(method, predicate)[0], timeoutMs, method),
    waitForCalls: (method, count, predicate, timeoutMs = 15_000) =>
      waitUntil(
        () => {
          const found = matching(method, predicate);
          return found.length >= count ? found : undefined;
        },
        timeoutMs,
        `${count} × ${method}`,
      ),
    queueUpdate: (update) => queueUpdates([update])[0],
    queueUpdates,
    async postToWebhook(update, opts = {}) {
      const target = opts.url ?? webhook?.url;
      if (!target) throw new Error('fake Telegram: no webhook registered');
      const secret = opts.secret === undefined ? webhook?.secret_token : opts.secret;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (secret !== null && secret !== undefined) headers['x-telegram-bot-api-secret-token'] = secret;
      const body = { ...update, update_id: update.update_id ?? updateSeq++ };
      const res = await fetch(target, { method: 'POST', headers, body: JSON.stringify(body) });
      return { status: res.status, body: await res.text() };
    },
    failNext(method, error, times = 1) {
      failures.set(method, { error, times });
    },
    addFile(bytes, fileName) {
      const id = `file-${files.size + 1}-${Math.random().toString(36).slice(2, 8)}`;
      files.set(id, { bytes, fileName, path: `documents/${id}${fileName ? `-${fileName}` : ''}` });
      return id;
    },
    webhook: () => webhook,
    pollConflicts: () => pollConflicts,
    nextUpdateId: () => updateSeq++,
    async close() {
      activePoll?.finish(200, { ok: true, result: [] });
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readParams(
  req: IncomingMessage,
  url: URL,
): Promise<{ params: Record<string, Json>; files: RecordedCall['files'] }> {
  const params: Record<string, Json> = Object.fromEntries(url.searchParams);
  const files: RecordedCall['files'] = {};
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (body.length === 0) return { params, files };
  if (type.startsWith('application/json')) {
    Object.assign(params, JSON.parse(body.toString('utf8')));
  } else if (type.startsWith('application/x-www-form-urlencoded')) {
    Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
  } else if (type.startsWith('multipart/form-data')) {
    const boundary = /boundary=([^;]+)/.exec(type)?.[1];
    if (!boundary) throw new Error('multipart without boundary');
    for (const part of splitMultipart(body, boundary)) {
      const headerEnd = part.indexOf('\r\n\r\n');
      const head = part.subarray(0, headerEnd).toString('utf8');
      const content = part.subarray(headerEnd + 4);
      const name = /name="([^"]*)"/i.exec(head)?.[1];
      const filename = /filename="([^"]*)"/i.exec(head)?.[1];
      if (!name) continue;
      if (filename !== undefined) files[name] = { filename, bytes: Buffer.from(content) };
      else params[name] = parseField(content.toString('utf8'));
    }
  }
  return { params, files };
}

function parseField(value: string): Json {
  if (/^[[{]/.test(value)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

function splitMultipart(body: Buffer, boundary: string): Buffer[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Buffer[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const afterDelimiter = start + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, afterDelimiter);
    if (next === -1) break;
    // Each part sits between "\r\n" after the delimiter and "\r\n" before the next one.
    parts.push(body.subarray(afterDelimiter + 2, next - 2));
    start = next;
  }
  return parts;
}

/** Builders for the updates tests feed. */
export const tgUpdates = {
  user(chatId: number, languageCode = 'vi') {
    return { id: chatId, is_bot: false, first_name: 'Người dùng', language_code: languageCode };
  },
  text(chatId: number, text: string, extra: Json = {}): Json {
    return {
      ...extra,
      message: {
        message_id: Math.floor(Math.random() * 1e6),
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: chatId < 0 ? 'supergroup' : 'private' },
        from: tgUpdates.user(chatId > 0 ? chatId : 4242),
        text,
        ...(text.startsWith('/')
          ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]!.length }] }
          : {}),
      },
    };
  },
  callback(chatId: number, data: string, messageId = 1): Json {
    return {
      callback_query: {
        id: `cb-${Math.random().toString(36).slice(2)}`,
        from: tgUpdates.user(chatId),
        chat_instance: 'ci',
        data,
        message: { message_id: messageId, date: 0, chat: { id: chatId, type: 'private' }, text: '…' },
      },
    };
  },
  document(chatId: number, fileId: string, fileName: string, mimeType: string, size: number): Json {
    return {
      message: {
        message_id: Math.floor(Math.random() * 1e6),
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: 'private' },
        from: tgUpdates.user(chatId),
        document: {
          file_id: fileId,
          file_unique_id: `u-${fileId}`,
          file_name: fileName,
          mime_type: mimeType,
          file_size: size,
        },
      },
    };
  },
};
