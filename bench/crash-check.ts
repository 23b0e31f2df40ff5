// npm run bench:crash [-- --submissions 1000 --rate 10 --kills 4 --concurrency 20 --seed 7]
// Nothing acknowledged is lost or doubled when processes die. Real processes (test/helpers/app-process.ts)
// take a steady load of submissions over HTTP (--rate a second, at most --concurrency in flight),
// each with its own submissionId, while the script
// SIGKILLs them at random moments and starts them again. A client whose request failed (reset,
// refused, 503) sends it again with the same submissionId, as a real client does; a submission is
// acknowledged once it got its 202 with a code. At the end it waits until every acknowledged
// submission is a case, then counts from the database and prints
// `acknowledged N, cases N, lost 0, duplicated 0`; the exit code is 1 when anything is lost,
// doubled or under another code than its 202 gave.
// With DATABASE_URL: separate `web` and `worker` processes on a fresh PostgreSQL database created
// next to it (dropped afterwards), killed in turn. Without: the embedded `all` process on a
// temporary DATA_DIR.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Database } from '../src/db/database.js';
import { startAppProcess, type AppProcess } from '../test/helpers/app-process.js';
import {
  describeSubmissions,
  openRunDatabase,
  readCaseRows,
  tallyCrashOutcome,
} from '../test/helpers/crash-outcome.js';
import { createEmptyPostgresDatabase } from '../test/helpers/test-database.js';
import { testRedisUrl } from '../test/helpers/test-redis.js';
import { dropRedisPrefix } from '../test/helpers/drop-redis-prefix.js';

const { values } = parseArgs({
  options: {
    submissions: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '10' },
    kills: { type: 'string', default: '4' },
    concurrency: { type: 'string', default: '20' },
    seed: { type: 'string' },
    'timeout-seconds': { type: 'string', default: '300' },
  },
});
const SUBMISSIONS = Number(values.submissions);
const RATE = Number(values.rate);
const KILLS = Number(values.kills);
const CONCURRENCY = Number(values.concurrency);
const SEED = values.seed ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
const TIMEOUT_MS = Number(values['timeout-seconds']) * 1000;
const ROOT = path.resolve(import.meta.dirname, '..');
const RETRY_AFTER_MS = 200;

// A seeded generator, so a run that found something can be repeated with --seed.
let state = SEED || 1;
const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

type Role = 'all' | 'web' | 'worker';

/** A free port, so a restarted web process answers where the clients already send. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const cleanups: (() => Promise<unknown>)[] = [];
async function cleanUp() {
  for (const c of cleanups.reverse()) await c().catch(() => {});
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ln-crash-check-'));
cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
const port = await freePort();
const redisUrl = await testRedisUrl();
const queuePrefix = `crashcheck${Date.now()}`;
cleanups.push(() => dropRedisPrefix(redisUrl, queuePrefix));
const env: Record<string, string | undefined> = {
  DATA_DIR: dataDir,
  PORT: String(port),
  REDIS_URL: redisUrl,
  QUEUE_PREFIX: queuePrefix,
  // QUEUE_LOCK_MS keeps its production value: a short lock on a busy machine makes live jobs look
  // stalled, and BullMQ fails a job that stalls too often (the recovery sweep then retries it).
};
const adminUrl = process.env.DATABASE_URL;
let databaseUrl: string | undefined;
if (adminUrl) {
  const db = await createEmptyPostgresDatabase();
  cleanups.push(db.drop);
  databaseUrl = db.url;
  Object.assign(env, {
    DATABASE_URL: db.url,
    ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
    DEFAULT_ORG_CODE: 'ttyt-thuan-an',
  });
  execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['src/cli/main.ts', 'seed'], {
    cwd: ROOT,
    env: { ...process.env, ...env } as NodeJS.ProcessEnv,
  });
} else {
  env.DATABASE_URL = undefined;
}
const roles: Role[] = databaseUrl ? ['web', 'worker'] : ['all'];
const url = `http://127.0.0.1:${port}`;

// The processes of the run by role; a startup that fails only ends the run.
const running = new Map<Role, AppProcess>();
async function start(role: Role) {
  running.set(role, await startAppProcess(role, env, 180_000));
}
cleanups.push(async () => {
  for (const app of running.values()) await app.stop();
});

const acknowledged = new Map<string, string>();
let retried = 0;
const rejected: string[] = [];
const ackWaiters: { at: number; resolve: () => void }[] = [];
function acknowledge(id: string, code: string) {
  acknowledged.set(id, code);
  for (const w of ackWaiters.filter((w) => acknowledged.size >= w.at)) {
    ackWaiters.splice(ackWaiters.indexOf(w), 1);
    w.resolve();
  }
}
const acknowledgedReach = (at: number) =>
  acknowledged.size >= at
    ? Promise.resolve()
    : new Promise<void>((resolve) => ackWaiters.push({ at, resolve }));

/** Sends one submission until it is acknowledged: a failed request is sent again, same id. */
async function submit(n: number, loadStarted: number) {
  // A steady load: submission n leaves at its slot, or as soon as a client is free after it.
  await sleep(loadStarted + (n * 1000) / RATE - Date.now());
  const id = `crash-check-${SEED}-${String(n).padStart(6, '0')}`;
  const body = JSON.stringify({
    submissionId: id,
    channel: 'api',
    kind: 'petition',
    text: `Đề nghị bố trí thêm ghế chờ tại khu khám bệnh, lần gửi số ${n}`,
    unitCode: 'ta-kkb',
  });
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0) {
      retried++;
      await sleep(RETRY_AFTER_MS);
    }
    let res: Response;
    try {
      res = await fetch(`${url}/api/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    } catch {
      continue; // refused or reset: the process is down or died mid-request
    }
    const json = (await res.json().catch(() => null)) as { code?: string } | null;
    if (res.status === 202 && json?.code) return acknowledge(id, json.code);
    if (res.status >= 500 || res.status === 429) continue;
    rejected.push(`${id}: ${res.status} ${JSON.stringify(json)}`);
    return;
  }
}

async function load() {
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < SUBMISSIONS) await submit(next++, started);
    }),
  );
}

interface Kill {
  role: Role;
  atAcknowledged: number;
  backInMs: number;
}
const kills: Kill[] = [];

/**
 * SIGKILLs a process at each of KILLS random points of the load and starts it again. The next kill
 * does not wait for that restart unless it is the same process's turn: a worker coming back must
 * not let the load run out before the web process has had its turn.
 */
async function killer() {
  const points = Array.from({ length: KILLS }, () => Math.floor((0.1 + 0.8 * random()) * SUBMISSIONS)).sort(
    (a, b) => a - b,
  );
  // With two processes each dies in turn, starting with a random one.
  const first = Math.floor(random() * roles.length);
  const restarting = new Map<Role, Promise<void>>();
  for (const [i, point] of points.entries()) {
    await acknowledgedReach(point);
    const role = roles[(first + i) % roles.length]!;
    await restarting.get(role);
    const atAcknowledged = acknowledged.size;
    await running.get(role)!.stop('SIGKILL');
    const killedAt = Date.now();
    restarting.set(
      role,
      start(role).then(() => {
        const backInMs = Date.now() - killedAt;
        kills.push({ role, atAcknowledged, backInMs });
        console.log(`kill ${i + 1}: ${role} at ${atAcknowledged} acknowledged, back in ${backInMs / 1000} s`);
      }),
    );
  }
  await Promise.all(restarting.values());
}

/** Polls until every acknowledged submission is a case (or the timeout); the run's database, open. */
async function databaseOnceCaughtUp(): Promise<Database> {
  const until = Date.now() + TIMEOUT_MS;
  if (databaseUrl) {
    const db = await openRunDatabase({ databaseUrl });
    for (;;) {
      const ids = new Set((await readCaseRows(db)).map((r) => r.submissionId));
      if ([...acknowledged.keys()].every((id) => ids.has(id)) || Date.now() > until) return db;
      await sleep(500);
    }
  }
  // The embedded database belongs to the running process: ask it over HTTP, then open its files.
  const pending = new Set(acknowledged.values());
  while (pending.size && Date.now() < until) {
    for (const code of [...pending].slice(0, 200)) {
      const res = await fetch(`${url}/api/cases/${code}`).catch(() => undefined);
      const json = (await res?.json().catch(() => null)) as { kind?: string | null } | null;
      if (json?.kind) pending.delete(code);
    }
    if (pending.size) await sleep(500);
  }
  await running.get('all')!.stop();
  running.delete('all');
  return openRunDatabase({ dataDir });
}

let exitCode = 1;
try {
  console.log(
    `crash check: ${databaseUrl ? 'PostgreSQL, web + worker processes' : 'embedded database, one all process'}; ` +
      `${SUBMISSIONS} submissions at ${RATE}/s, concurrency ${CONCURRENCY}, ${KILLS} kills, seed ${SEED}`,
  );
  for (const role of roles) await start(role);
  const started = Date.now();
  await Promise.all([load(), killer()]);
  const loadSeconds = (Date.now() - started) / 1000;
  const db = await databaseOnceCaughtUp();
  const outcome = tallyCrashOutcome(acknowledged, await readCaseRows(db));
  const lostStand = outcome.lost.length ? await describeSubmissions(db, outcome.lost) : '';
  await db.close();
  const killed = roles.map((r) => `${kills.filter((k) => k.role === r).length} × ${r}`).join(', ');
  console.log(
    `load: ${loadSeconds} s, ${retried} requests sent again, ${rejected.length} rejected; killed ${killed}`,
  );
  for (const r of rejected.slice(0, 5)) console.log(`rejected ${r}`);
  console.log(
    `acknowledged ${outcome.acknowledged}, cases ${outcome.cases}, lost ${outcome.lost.length}, ` +
      `duplicated ${outcome.duplicated.length}, under another code ${outcome.wrongCode.length}`,
  );
  for (const [what, list] of Object.entries({
    lost: outcome.lost,
    duplicated: outcome.duplicated,
    'under another code': outcome.wrongCode,
  })) {
    if (list.length) console.log(`${what}: ${list.slice(0, 10).join(' ')}${list.length > 10 ? ' …' : ''}`);
  }
  if (lostStand) console.log(`the lost submissions stand: ${lostStand}`);
  const bad = outcome.lost.length + outcome.duplicated.length + outcome.wrongCode.length;
  exitCode = bad === 0 && rejected.length === 0 && kills.length === KILLS ? 0 : 1;
} catch (err) {
  console.error(err);
} finally {
  await cleanUp();
}
process.exit(exitCode);
