// The restore drill, as an administrator runs it: the app takes cases (one with a contact, sealed;
// one anonymous with an issued letter), `langnghe backup` writes the file, `langnghe restore` puts
// it into a fresh DATA_DIR (and a fresh PostgreSQL database when DATABASE_URL is set), and the app
// started there answers for the same cases, opens the identity with the same key and serves the
// letter. Also what a restore refuses: another key, a damaged file, a target that is not empty.
import { randomBytes } from 'node:crypto';
import { access, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSealedBox } from '../../src/core/sealed-box.js';
import { openDatabase } from '../../src/db/database.js';
import type { SealedIdentity } from '../../src/intake/sender-identity.js';
import { getJson, postJson, startAppProcess, waitFor, type AppProcess } from '../helpers/app-process.js';
import { runLangnghe } from '../helpers/cli-process.js';
import { createScratchSite } from '../helpers/test-database.js';
import { testRedisUrl } from '../helpers/test-redis.js';

interface Site {
  dataDir: string;
  /** For the app: PostgreSQL or embedded, its own queue prefix (a restored site starts with empty queues). */
  env: Record<string, string>;
  databaseUrl: string | undefined;
}

const PG_KEY = Buffer.alloc(32, 9).toString('base64');
const cleanups: (() => Promise<unknown>)[] = [];
let source: Site;
let target: Site;
let backupFile: string;
let workDir: string;
let app: AppProcess | undefined;

async function newSite(name: string): Promise<Site> {
  const { dataDir, databaseUrl } = await createScratchSite(workDir, name, cleanups);
  return {
    dataDir,
    databaseUrl,
    env: {
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl ?? '',
      ENCRYPTION_KEY: databaseUrl ? PG_KEY : '',
      REDIS_URL: await testRedisUrl(),
      QUEUE_PREFIX: `e2e-backup-${name}-${randomBytes(4).toString('hex')}`,
    },
  };
}

const cli = (site: Site, ...args: string[]) =>
  runLangnghe({ ...process.env, ...site.env, LOG_LEVEL: 'silent' }, ...args);

async function withDb<T>(site: Site, run: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>) {
  const db = await openDatabase({
    databaseUrl: site.databaseUrl,
    embeddedDir: path.join(site.dataDir, 'pgdata'),
  });
  try {
    return await run(db);
  } finally {
    await db.close();
  }
}

async function keyOf(site: Site): Promise<Buffer> {
  return site.databaseUrl
    ? Buffer.from(PG_KEY, 'base64')
    : Buffer.from((await readFile(path.join(site.dataDir, 'encryption.key'), 'utf8')).trim(), 'base64');
}

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

/** The tracking page as a person uses it: the form, the lookup with the secret, the letter link. */
async function downloadLetter(url: string, code: string, secret: string): Promise<Buffer> {
  const form = await fetch(`${url}/tra-cuu`);
  const cookie = form.headers.get('set-cookie')!.split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const page = await fetch(`${url}/tra-cuu`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, code, secret }).toString(),
  });
  const href = /href="(\/tra-cuu\/thu\/[^"]+)"/.exec(await page.text())?.[1];
  expect(href, 'the tracking page offers the letter').toBeDefined();
  const res = await fetch(`${url}${href}`);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** The per-table counts a command printed ("  cases: 2"), in order. */
const tableCounts = (out: string) => out.match(/^ {2}\S+: \d+/gm) ?? [];
let backupCounts: string[] = [];

const LETTER_BYTES = Buffer.from('%PDF-1.4 thư cảm ơn — bản diễn tập khôi phục');
const named = { code: '', status: undefined as unknown };
const anonymous = { code: '', secret: '', status: undefined as unknown };

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'ln-backup-'));
  cleanups.push(() => rm(workDir, { recursive: true, force: true }));
  source = await newSite('source');
  target = await newSite('target');
  backupFile = path.join(workDir, 'drill.jsonl.gz');
  // A PostgreSQL installation is seeded explicitly; the embedded one seeds itself on first start.
  if (source.databaseUrl) expect((await cli(source, 'seed')).code).toBe(0);
}, 180_000);

afterAll(async () => {
  await app?.stop();
  for (const c of cleanups.reverse()) await c();
});

describe('backup and restore', () => {
  it('backs up the cases, the sealed identity and the letter file, without the key', async () => {
    app = await startAppProcess('all', source.env);
    const submit = async (id: string, over: Record<string, unknown>) => {
      const res = await postJson(`${app!.url}/api/submissions`, {
        submissionId: id,
        channel: 'api',
        kind: 'report',
        text: 'Phòng chờ Khoa Khám bệnh quá nóng, quạt hỏng cả tuần.',
        unitCode: 'ta-kkb',
        ...over,
      });
      expect(res.status).toBe(202);
      return res.json as { code: string; followUpSecret?: string };
    };
    named.code = (
      await submit('backup-named-1', { contact: { name: 'Võ Minh Tuấn', phone: '0987 654 321' } })
    ).code;
    const anon = await submit('backup-anon-1', { anonymous: true });
    anonymous.code = anon.code;
    anonymous.secret = anon.followUpSecret!;
    const assigned = (code: string, secret?: string) =>
      waitFor(async () => {
        const res = await fetch(`${app!.url}/api/cases/${code}`, {
          headers: secret ? { 'x-follow-up-secret': secret } : {},
        });
        const json = (await res.json()) as { status?: string };
        return json.status === 'assigned' ? json : undefined;
      });
    named.status = await assigned(named.code);
    anonymous.status = await assigned(anonymous.code, anonymous.secret);

    if (!source.databaseUrl) {
      // The embedded database serves one process: the running app is never copied under.
      const refused = await cli(source, 'backup', backupFile);
      expect(refused.code).toBe(1);
      expect(refused.out).toContain('hãy dừng ứng dụng trước');
      expect(refused.out).toContain('stop the app first');
      expect(await exists(backupFile)).toBe(false);
      expect(await app.stop()).toBe(0);
      app = undefined;
    }

    // An issued letter, stored as the signing use case leaves it (row + file under DATA_DIR/files).
    await withDb(source, async ({ prisma }) => {
      const c = await prisma.case.findUniqueOrThrow({ where: { code: anonymous.code } });
      await prisma.letter.create({
        data: {
          caseId: c.id,
          organizationId: c.organizationId,
          kind: 'thank_you',
          status: 'sent',
          year: 2026,
          number: 3,
          content: {},
          filePath: `files/letters/drill-${c.id}.pdf`,
          signedAt: new Date(),
        },
      });
      await mkdir(path.join(source.dataDir, 'files/letters'), { recursive: true });
      await writeFile(path.join(source.dataDir, `files/letters/drill-${c.id}.pdf`), LETTER_BYTES);
    });

    // PostgreSQL: taken while the app keeps running (one REPEATABLE READ snapshot).
    const done = await cli(source, 'backup', backupFile);
    expect(done.out).toContain('Đã sao lưu');
    expect(done.code).toBe(0);
    expect(done.out).toMatch(/cases: 2\b/);
    backupCounts = tableCounts(done.out);
    expect(done.out).toContain('KHÔNG nằm trong bản sao lưu');
    expect(done.out).toContain(
      source.databaseUrl ? 'ENCRYPTION_KEY' : path.join(source.dataDir, 'encryption.key'),
    );
    await app?.stop();
    app = undefined;

    const text = gunzipSync(await readFile(backupFile)).toString('utf8');
    expect(text).not.toContain((await keyOf(source)).toString('base64'));
    expect(text).not.toContain('Võ Minh Tuấn');
    expect(text).not.toContain('0987 654 321');
    expect(text).toContain(named.code);
  });

  it('refuses another key, a damaged file and a target that is not empty, changing nothing', async () => {
    const wrongKeyFile = path.join(workDir, 'wrong.key');
    await writeFile(wrongKeyFile, randomBytes(32).toString('base64') + '\n');
    const wrongKey = target.databaseUrl
      ? await cli(
          { ...target, env: { ...target.env, ENCRYPTION_KEY: randomBytes(32).toString('base64') } },
          'restore',
          backupFile,
        )
      : await cli(target, 'restore', backupFile, '--key-file', wrongKeyFile);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.out).toContain('không phải khóa của bản sao lưu này');
    expect(wrongKey.out).toMatch(/every\s+sender identity .* is lost/);

    const whole = await readFile(backupFile);
    const cut = path.join(workDir, 'cut.jsonl.gz');
    await writeFile(cut, whole.subarray(0, Math.floor(whole.length * 0.8)));
    const notOurs = path.join(workDir, 'not-a-backup.gz');
    await writeFile(notOurs, 'hello');
    const keyArgs = target.databaseUrl ? [] : ['--key-file', path.join(source.dataDir, 'encryption.key')];
    for (const file of [cut, notOurs]) {
      const damaged = await cli(target, 'restore', file, ...keyArgs);
      expect(damaged.code, damaged.out).toBe(1);
      expect(damaged.out).toContain('Tệp sao lưu hỏng hoặc không trọn vẹn; không có gì bị thay đổi.');
      expect(damaged.out).toContain('nothing was changed');
    }

    // Nothing was written: no database files, no key, no stored files, no table in PostgreSQL.
    const left = await readdir(target.dataDir).catch(() => []);
    expect(left.filter((f) => f !== 'langnghe.pid')).toEqual([]);
    if (target.databaseUrl) {
      const client = new pg.Client({ connectionString: target.databaseUrl });
      await client.connect();
      const tables = await client.query(
        "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'",
      );
      await client.end();
      expect(tables.rows[0].n).toBe(0);
    }

    // The source itself is not empty: a restore never mixes a backup into live data.
    const intoSource = await cli(source, 'restore', backupFile);
    expect(intoSource.code).toBe(1);
    expect(intoSource.out).toContain('Nơi khôi phục không trống');
    expect(intoSource.out).toContain('restore only into a new, empty database');
  });

  it('restores onto a fresh site that answers for the same cases, identity and letter', async () => {
    const keyArgs = target.databaseUrl ? [] : ['--key-file', path.join(source.dataDir, 'encryption.key')];
    const restored = await cli(target, 'restore', backupFile, ...keyArgs);
    expect(restored.out).toContain('Đã khôi phục');
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(/cases: 2\b/);

    // Every table got what the source's snapshot held, and the sealed identity opens with the key.
    expect(tableCounts(restored.out)).toEqual(backupCounts);
    const identity = await withDb(target, async ({ prisma }) => {
      expect([await prisma.case.count(), await prisma.letter.count()]).toEqual([2, 1]);
      const c = await prisma.case.findUniqueOrThrow({
        where: { code: named.code },
        include: { identity: true },
      });
      return createSealedBox(await keyOf(target)).openJson<SealedIdentity>(c.identity!.ciphertext);
    });
    expect(identity.contact).toMatchObject({ name: 'Võ Minh Tuấn' });

    app = await startAppProcess('all', target.env);
    expect((await getJson(`${app.url}/api/cases/${named.code}`)).json).toEqual(named.status);
    const anon = await fetch(`${app.url}/api/cases/${anonymous.code}`, {
      headers: { 'x-follow-up-secret': anonymous.secret },
    });
    expect(await anon.json()).toEqual(anonymous.status);
    expect(await downloadLetter(app.url!, anonymous.code, anonymous.secret)).toEqual(LETTER_BYTES);
    expect(await app.stop()).toBe(0);
    app = undefined;
  });
});
