// The app started as a user starts it: submit over HTTP, follow the case, restart, still there.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyPostgresDatabase, usingPostgres } from '../helpers/test-database.js';
import { testRedisUrl } from '../helpers/test-redis.js';
import { getJson, postJson, startAppProcess, waitFor, type AppProcess } from '../helpers/app-process.js';

let dataDir: string;
let env: Record<string, string | undefined>;
let app: AppProcess;
let dropDb: (() => Promise<void>) | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ln-e2e-'));
  env = {
    DATA_DIR: dataDir,
    REDIS_URL: await testRedisUrl(),
    QUEUE_PREFIX: `e2e${Date.now()}`,
    DATABASE_URL: undefined,
  };
  if (usingPostgres()) {
    const pg = await createEmptyPostgresDatabase();
    dropDb = pg.drop;
    env = {
      ...env,
      DATABASE_URL: pg.url,
      ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
      DEFAULT_ORG_CODE: 'ttyt-thuan-an',
    };
    // A PostgreSQL installation is seeded explicitly, as the README says.
    const { execFileSync } = await import('node:child_process');
    execFileSync(process.execPath, ['bin/langnghe.js', 'seed'], {
      env: { ...process.env, ...env } as NodeJS.ProcessEnv,
    });
  }
  app = await startAppProcess('all', env);
});

afterAll(async () => {
  await app?.stop();
  await dropDb?.();
  await rm(dataDir, { recursive: true, force: true });
});

const report = (id: string, over: Record<string, unknown> = {}) => ({
  submissionId: id,
  channel: 'api',
  kind: 'report',
  text: 'Phòng chờ Khoa Khám bệnh quá nóng, quạt hỏng cả tuần.',
  unitCode: 'ta-kkb',
  contact: { name: 'Võ Minh Tuấn', phone: '0987 654 321' },
  ...over,
});

describe('the app as a process', () => {
  it('is alive and ready', async () => {
    expect((await getJson(`${app.url}/healthz`)).status).toBe(200);
    const ready = await getJson(`${app.url}/readyz`);
    expect(ready).toEqual({ status: 200, json: { status: 'ok', checks: { database: 'ok', redis: 'ok' } } });
  });

  it('turns a submission into a case that survives a restart', async () => {
    const post = await postJson(`${app.url}/api/submissions`, report('e2e-restart-0001'));
    expect(post.status).toBe(202);
    const code: string = post.json.code;
    const status = await waitFor(async () => {
      const r = await getJson(`${app.url}/api/cases/${code}`);
      // The worker makes the case, then routing hands it to the unit of the submission.
      return r.json?.status === 'assigned' ? r : undefined;
    });
    expect(status.json).toMatchObject({
      code,
      status: 'assigned',
      unit: 'Khoa Khám bệnh',
      kindLabel: 'Phản ánh',
    });

    expect(await app.stop('SIGTERM')).toBe(0);
    app = await startAppProcess('all', env);
    const again = await getJson(`${app.url}/api/cases/${code}`);
    expect(again.json).toMatchObject({ code, unit: 'Khoa Khám bệnh' });
    expect(app.output()).not.toContain('Võ Minh Tuấn');
    // The number as given and without its spaces: the log's own digits (pids, times) may hold '0987'.
    expect(app.output()).not.toContain('0987 654 321');
    expect(app.output()).not.toContain('0987654321');
  });

  it.each([
    ['missing fields', { submissionId: 'e2e-bad-0001' }, 400, /Kênh \(channel\): bắt buộc/],
    ['wrong types', report('e2e-bad-0002', { anonymous: 'yes' }), 400, /anonymous/],
    ['unknown unit', report('e2e-bad-0003', { unitCode: 'khoa-khong-co' }), 422, /khoa-khong-co/],
    ['1 MB of text', report('e2e-bad-0004', { text: 'a'.repeat(1024 * 1024) }), 413, /quá lớn/],
    ['not JSON', '{"submissionId": ', 400, /JSON/],
  ] as [string, Record<string, unknown> | string, number, RegExp][])(
    'refuses %s with a clear message and changes nothing',
    async (_name, body, status, message) => {
      const res = await postJson(`${app.url}/api/submissions`, body);
      expect(res.status).toBe(status);
      expect(res.json.error.message).toMatch(message);
      if (typeof body === 'object') {
        // Nothing was stored under that id: sending a good submission with it is not a replay.
        const good = await postJson(`${app.url}/api/submissions`, report(body.submissionId as string));
        expect(good.status).toBe(202);
        expect(good.json.duplicate).toBe(false);
      }
    },
  );

  it('answers a mistyped code differently from an unknown one', async () => {
    const post = await postJson(`${app.url}/api/submissions`, report('e2e-code-0001'));
    const code: string = post.json.code;
    const last = code.at(-1)!;
    const typo = code.slice(0, -1) + (last === 'A' ? 'B' : 'A');
    const mistyped = await getJson(`${app.url}/api/cases/${typo}`);
    expect(mistyped.status).toBe(400);
    expect(mistyped.json.error.code).toBe('malformed_code');
  });
});
