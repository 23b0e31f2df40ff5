// Nothing acknowledged is lost: the worker is killed (SIGKILL) while intake jobs are in flight, and
// after a restart every submission that got a 202 is exactly one case. With PostgreSQL the web and
// worker processes run apart and only the worker dies; with the embedded database the one process
// that holds both dies.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmptyPostgresDatabase, usingPostgres } from '../helpers/test-database.js';
import { testRedisUrl } from '../helpers/test-redis.js';
import { postJson, startAppProcess, waitFor, type AppProcess } from '../helpers/app-process.js';
import {
  openRunDatabase,
  readCaseRows,
  readCaseRowsOf,
  tallyCrashOutcome,
  type CaseRow,
} from '../helpers/crash-outcome.js';

const SUBMISSIONS = 150;
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function fire(url: string, from: number, count: number, acked: Map<string, string>) {
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const id = `crash-${String(from + i).padStart(5, '0')}`;
      try {
        const res = await postJson(`${url}/api/submissions`, {
          submissionId: id,
          channel: 'api',
          kind: 'petition',
          text: `Đề nghị bố trí thêm ghế chờ số ${from + i}`,
          unitCode: 'ta-kkb',
        });
        if (res.status === 202) acked.set(id, res.json.code);
      } catch {
        // Refused or cut off by the kill: never acknowledged, so nothing was promised.
      }
    }),
  );
}

describe('a killed worker loses nothing', () => {
  it('every acknowledged submission becomes exactly one case', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ln-crash-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const env: Record<string, string | undefined> = {
      DATA_DIR: dataDir,
      REDIS_URL: await testRedisUrl(),
      QUEUE_PREFIX: `crash${Date.now()}`,
      QUEUE_LOCK_MS: '2000',
      WORKER_CONCURRENCY: '2',
      DATABASE_URL: undefined,
    };
    const acked = new Map<string, string>();
    let rows: CaseRow[];

    if (usingPostgres()) {
      const db = await createEmptyPostgresDatabase();
      cleanups.push(db.drop);
      Object.assign(env, {
        DATABASE_URL: db.url,
        ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
        DEFAULT_ORG_CODE: 'ttyt-thuan-an',
      });
      const { execFileSync } = await import('node:child_process');
      execFileSync(process.execPath, ['bin/langnghe.js', 'seed'], {
        env: { ...process.env, ...env } as NodeJS.ProcessEnv,
      });
      const web = await startAppProcess('web', env);
      cleanups.push(() => web.stop());
      let worker: AppProcess = await startAppProcess('worker', env);
      const firing = fire(web.url!, 0, SUBMISSIONS, acked);
      await waitFor(async () => acked.size >= SUBMISSIONS / 3, 60_000, 20);
      worker.child.kill('SIGKILL');
      await firing;
      await fire(web.url!, SUBMISSIONS, 20, acked); // accepted while no worker runs
      worker = await startAppProcess('worker', env);
      cleanups.push(() => worker.stop());
      const run = await openRunDatabase({ databaseUrl: db.url });
      try {
        await waitFor(async () => (await readCaseRows(run)).length >= acked.size, 60_000, 500);
        rows = await readCaseRows(run);
      } finally {
        await run.close();
      }
    } else {
      let app = await startAppProcess('all', env);
      const firing = fire(app.url!, 0, SUBMISSIONS, acked);
      await waitFor(async () => acked.size >= SUBMISSIONS / 3, 60_000, 20);
      app.child.kill('SIGKILL');
      await firing;
      app = await startAppProcess('all', env);
      // Wait until the restarted process has caught up: every acknowledged code is a case.
      await waitFor(
        async () => {
          const res = await Promise.all(
            [...acked.values()].map((code) =>
              fetch(`${app.url}/api/cases/${code}`).then((r) => r.json() as Promise<{ unit?: string }>),
            ),
          );
          return res.every((r) => r.unit);
        },
        90_000,
        1000,
      );
      await app.stop();
      rows = await readCaseRowsOf({ dataDir });
    }

    const outcome = tallyCrashOutcome(acked, rows);
    expect(acked.size).toBeGreaterThanOrEqual(SUBMISSIONS / 3);
    // Exactly one case per acknowledged submission, under the code its 202 gave; nothing beyond what was sent.
    expect(outcome).toMatchObject({ lost: [], duplicated: [], wrongCode: [] });
    expect(outcome.cases).toBeLessThanOrEqual(SUBMISSIONS + 20);
  });
});
