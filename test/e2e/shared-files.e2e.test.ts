// Files are shared by every process of an installation, whatever its DATA_DIR (decision 0021):
// a photo uploaded through the web chat of web process A is in the database, not on A's disk; a
// letter a worker process W renders and stores is downloaded on /tra-cuu through web process B. A,
// B and W each have their own DATA_DIR and share one PostgreSQL database and one Redis. The
// embedded database serves one process only, so this runs on PostgreSQL (DATABASE_URL set); the
// single-process path is covered by test/integration/file-store.test.ts, letters and web-chat.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppProcess, waitFor, type AppProcess } from '../helpers/app-process.js';
import { pdfText } from '../helpers/pdf-inspect.js';
import { createEmptyPostgresDatabase, usingPostgres } from '../helpers/test-database.js';
import { testRedisUrl } from '../helpers/test-redis.js';

interface ChatMessage {
  text: string;
  buttons?: { label: string; value: string }[][];
  receipt?: { code: string; followUpSecret?: string };
}

const cleanups: (() => Promise<unknown>)[] = [];
let env: Record<string, string | undefined>;
let db: pg.Client;
const dirs: Record<'a' | 'b' | 'w', string> = { a: '', b: '', w: '' };

beforeAll(async () => {
  if (!usingPostgres()) return;
  const database = await createEmptyPostgresDatabase();
  cleanups.push(database.drop);
  for (const name of ['a', 'b', 'w'] as const) {
    dirs[name] = await mkdtemp(path.join(os.tmpdir(), `ln-shared-${name}-`));
    const dir = dirs[name];
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
  }
  env = {
    DATABASE_URL: database.url,
    REDIS_URL: await testRedisUrl(),
    QUEUE_PREFIX: `files${Date.now()}`,
    ENCRYPTION_KEY: Buffer.alloc(32, 11).toString('base64'),
    DEFAULT_ORG_CODE: 'ttyt-thuan-an',
  };
  execFileSync(process.execPath, ['bin/langnghe.js', 'seed'], {
    env: { ...process.env, ...env, DATA_DIR: dirs.w } as NodeJS.ProcessEnv,
  });
  db = new pg.Client({ connectionString: database.url });
  await db.connect();
  cleanups.push(() => db.end());
}, 120_000);
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function start(
  role: 'all' | 'web' | 'worker',
  dir: string,
  more: Record<string, string> = {},
): Promise<AppProcess> {
  const app = await startAppProcess(role, { ...env, DATA_DIR: dir, ...more });
  cleanups.push(() => app.stop());
  return app;
}

function png(): Buffer {
  const image = new PNG({ width: 4, height: 4 });
  image.data.fill(120);
  return PNG.sync.write(image);
}

const missing = (file: string) =>
  access(file).then(
    () => false,
    () => true,
  );

describe.skipIf(!usingPostgres())('files shared by processes with different data directories', () => {
  it('an upload through web A and a letter stored by worker W are read through web B', async () => {
    const a = await start('all', dirs.a);
    const b = await start('web', dirs.b);

    // A sender on A's web chat: an anonymous praise with a photo.
    const session = (
      (await (await fetch(`${a.url}/api/chat/session`, { method: 'POST' })).json()) as { session: string }
    ).session;
    let seq = 0;
    const say = async (event: unknown): Promise<ChatMessage[]> => {
      const res = await fetch(`${a.url}/api/chat/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-chat-session': session },
        body: JSON.stringify({ eventId: `files-event-${++seq}`, lang: 'vi', event }),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { messages: ChatMessage[] }).messages;
    };
    const press = (value: string) => say({ type: 'choice', value });
    await say({ type: 'command', command: 'start', args: 'u_ta-kkb' });
    await press('menu:praise');
    await say({ type: 'text', text: 'Điều dưỡng khoa Khám bệnh hướng dẫn tận tình, chu đáo.' });
    const photo = png();
    const upload = await fetch(`${a.url}/api/chat/upload`, {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        'x-chat-session': session,
        'x-chat-event-id': `files-event-${++seq}`,
        'x-file-name': encodeURIComponent('ảnh.png'),
        'x-file-type': 'image/png',
      },
      body: Uint8Array.from(photo),
    });
    expect(upload.status).toBe(200);
    expect(JSON.stringify(await upload.json())).toMatch(/Đã nhận tệp/);
    let answer = await press('attach:done');
    // The remaining questions, each skipped or answered the anonymous way.
    for (let i = 0; i < 12 && !answer.some((m) => m.receipt); i++) {
      const offered = answer.flatMap((m) => m.buttons?.flat() ?? []).map((x) => x.value);
      const next = ['contact:anonymous', 'consent:agree', 'summary:confirm', 'when:today'].find((v) =>
        offered.includes(v),
      );
      const skip = offered.find((v) => v.endsWith(':skip'));
      answer = await press(next ?? skip ?? offered[0]!);
    }
    const receipt = answer.find((m) => m.receipt)?.receipt;
    if (!receipt) throw new Error(`no receipt; the chat said: ${answer.map((m) => m.text).join(' | ')}`);
    expect(receipt.followUpSecret).toBeTruthy();

    // The photo is in the database every process reads, and on no process's disk.
    const sha256 = createHash('sha256').update(photo).digest('hex');
    const stored = await db.query<{ bytes: Buffer }>('SELECT bytes FROM stored_files WHERE key = $1', [
      `files/${sha256}`,
    ]);
    expect(stored.rows[0]?.bytes).toEqual(photo);
    for (const dir of Object.values(dirs)) expect(await missing(path.join(dir, 'files'))).toBe(true);
    const caseRow = await waitFor(
      async () =>
        (
          await db.query<{ id: string; organizationId: string }>(
            'SELECT c.id, c."organizationId" FROM cases c JOIN attachments f ON f."caseId" = c.id WHERE c.code = $1 AND f.sha256 = $2',
            [receipt.code, sha256],
          )
        ).rows[0],
      60_000,
    );

    // The thank-you letter as a head's signature leaves it (signed, no file yet), then A stops:
    // the worker that starts next, with a data directory of its own, renders and stores it.
    await a.stop();
    await db.query(
      `INSERT INTO letters (id, "caseId", "organizationId", kind, status, year, number, "signerName", "signerTitle", content, "createdAt", "signedAt")
       VALUES (gen_random_uuid(), $1, $2, 'thank_you', 'signed', 2026, 1, 'Nguyễn Thị Hồng', 'Giám đốc', $3, now() - interval '2 minutes', now())`,
      [
        caseRow.id,
        caseRow.organizationId,
        JSON.stringify({
          kind: 'thank_you',
          caseCode: receipt.code,
          caseKind: 'praise',
          receivedOn: '2026-03-02',
        }),
      ],
    );
    const worker = await start('worker', dirs.w, { WORKER_NICE: '4' });
    // The worker gives way to the web processes (decision 0082); they keep their priority.
    expect(os.getPriority(worker.child.pid!)).toBe(Math.min(19, os.getPriority() + 4));
    expect(os.getPriority(b.child.pid!)).toBe(os.getPriority());
    const letterKey = await waitFor(
      async () =>
        (
          await db.query<{ filePath: string | null }>('SELECT "filePath" FROM letters WHERE "caseId" = $1', [
            caseRow.id,
          ])
        ).rows[0]?.filePath ?? undefined,
      60_000,
    );
    for (const dir of Object.values(dirs)) expect(await missing(path.join(dir, letterKey))).toBe(true);

    // The sender looks the case up on B's tracking page and downloads the letter.
    let cookie = '';
    const page = async (url: string, form?: Record<string, string>) => {
      const res = await fetch(`${b.url}${url}`, {
        method: form ? 'POST' : 'GET',
        headers: {
          ...(cookie ? { cookie } : {}),
          ...(form ? { 'content-type': 'application/x-www-form-urlencoded', origin: b.url! } : {}),
        },
        body: form ? new URLSearchParams(form).toString() : undefined,
      });
      const set = res.headers.get('set-cookie');
      if (set) cookie = set.split(';')[0]!;
      return res;
    };
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await page('/tra-cuu')).text())![1]!;
    const result = await (
      await page('/tra-cuu', { _csrf: csrf, code: receipt.code, secret: receipt.followUpSecret! })
    ).text();
    expect(result).toContain('Thư cảm ơn số 1/2026');
    const href = /href="(\/tra-cuu\/thu\/[^"]+)"/.exec(result)![1]!;
    const download = await page(href);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await download.arrayBuffer());
    expect((await pdfText(pdf)).replace(/\s+/g, ' ')).toContain('THƯ CẢM ƠN');
  }, 240_000);
});
