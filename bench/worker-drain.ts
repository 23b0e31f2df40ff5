// DATABASE_URL=… npx tsx bench/worker-drain.ts [-- --count 600 --concurrency 4 --workers 1 --profile-dir DIR --statements]
//
// What one case costs the intake worker, and who pays: a `web` process on a fresh PostgreSQL
// database (next to DATABASE_URL) and a Redis of this bench's own (a redis-server on a free port,
// so other users of the machine's Redis do not count) take --count submissions while no worker
// runs; then --workers `worker` processes (WORKER_CONCURRENCY=--concurrency each) drain them. Prints:
//   - cases/s from the worker's ready to the last intake job completed, and until every queue
//     but the delayed milestones was empty (cards delivered, effects run);
//   - CPU ms per case of the workers (summed), of their PostgreSQL backends (/proc of the backends of this
//     database, sampled) and of this Redis, summed; the worker's share of wall time on CPU;
//   - Redis commands per case, and the jobs per case of each queue.
// --profile-dir: the worker runs with --cpu-prof into that directory (open in Chrome DevTools).
// --statements: the database backends sampled while they drain, by statement (sampleStatements).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { openDatabase } from '../src/db/database.js';
import { seedSampleDirectory } from '../src/directory/seed-sample-directory.js';
import { QUEUE_NAMES } from '../src/queue/job-registry.js';
import { LIMITS_OUT_OF_THE_WAY } from '../test/helpers/app-process.js';
import { roleProcess } from '../test/helpers/start-command.js';
import { createEmptyPostgresDatabase } from '../test/helpers/test-database.js';
import { machineProbe } from './machine-probe.js';
import { processCpuMs } from './process-cpu.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '600' },
    concurrency: { type: 'string', default: '4' },
    workers: { type: 'string', default: '1' },
    'profile-dir': { type: 'string' },
    statements: { type: 'boolean', default: false },
  },
});
if (!process.env.DATABASE_URL) throw new Error('needs DATABASE_URL (a fresh database is created next to it)');
const COUNT = Number(values.count);
const WORKERS = Number(values.workers);
const ROOT = path.resolve(import.meta.dirname, '..');
execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

function start(args: string[], env: Record<string, string>, nodeArgs: string[] = []) {
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const ready = new Promise<string | undefined>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m || /"msg":"ready"/.test(out)) resolve(m?.[1]);
      if (out.length > 100_000) out = out.slice(-10_000);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${out.slice(-3000)}`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { child, ready, stop, output: () => out };
}

const redisPort = await freePort();
const redis: ChildProcess = spawn(
  'redis-server',
  ['--port', String(redisPort), '--save', '', '--appendonly', 'no'],
  {
    stdio: 'ignore',
  },
);
const REDIS_URL = `redis://127.0.0.1:${redisPort}`;
const site = await createEmptyPostgresDatabase();
const dbName = new URL(site.url).pathname.slice(1);
const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
await admin.connect();
const procs: { stop(): Promise<void> }[] = [];
try {
  await new Promise((r) => setTimeout(r, 300));
  const db = await openDatabase({ databaseUrl: site.url });
  await db.migrate();
  await seedSampleDirectory(db.prisma);
  await db.close();
  const env = {
    ...LIMITS_OUT_OF_THE_WAY,
    PORT: '0',
    REDIS_URL,
    QUEUE_PREFIX: 'drain',
    LOG_LEVEL: 'info',
    DATABASE_URL: site.url,
    DEFAULT_ORG_CODE: 'ttyt-thuan-an',
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    WORKER_CONCURRENCY: values.concurrency,
  };

  // 1. The submissions, with no worker running.
  // With the memory settings of `npm run start:web` / `start:worker` and the image (decision 0107).
  const webRole = roleProcess('web');
  const web = start(webRole.args, { ...env, ...webRole.env });
  procs.push(web);
  const url = (await web.ready)!;
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < COUNT) {
        const id = `drain-${String(next++).padStart(6, '0')}`;
        const res = await fetch(`${url}/api/submissions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            submissionId: id,
            channel: 'api',
            kind: 'report',
            text: `Thời gian chờ lấy thuốc tại Khoa Dược quá lâu (${id}), đề nghị bố trí thêm quầy phát thuốc vào giờ cao điểm.`,
            unitCode: 'ta-kduoc',
            contact: { name: 'Người gửi thử nghiệm', phone: '0900000000' },
          }),
        });
        await res.arrayBuffer();
        if (res.status !== 202) throw new Error(`submission ${id}: ${res.status}`);
      }
    }),
  );
  await web.stop();

  // 2. The worker drains them.
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queues = Object.fromEntries(
    QUEUE_NAMES.map((q) => [q, new Queue(q, { connection, prefix: 'drain' })]),
  );
  // Each statement the workers send outside a transaction commits on its own: the database's count of
  // commits is their count of statements and transactions (its statistics lag: read late).
  const commits = async () =>
    Number(
      (
        await admin.query<{ n: string }>('SELECT xact_commit AS n FROM pg_stat_database WHERE datname = $1', [
          dbName,
        ])
      ).rows[0]?.n ?? 0,
    );
  // The web process's backends have gone; their counts are in (a backend reports as it exits).
  await new Promise((r) => setTimeout(r, 1_100));
  const commits0 = await commits();
  const profileDir = values['profile-dir'];
  const workerRole = roleProcess('worker');
  const workers = Array.from({ length: WORKERS }, () =>
    start(
      workerRole.args,
      { ...env, ...workerRole.env },
      profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [],
    ),
  );
  procs.push(...workers);
  await Promise.all(workers.map((w) => w.ready));
  // The workers' CPU, summed: several processes drain one queue.
  const workersCpu = async () => {
    let ms = 0;
    for (const w of workers) ms += await processCpuMs(w.child.pid!);
    return ms;
  };
  const backendCpu = new Map<number, number>();
  const sampleBackends = async () => {
    const { rows } = await admin.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1',
      [dbName],
    );
    for (const { pid } of rows) {
      const ms = await processCpuMs(pid);
      if (ms >= (backendCpu.get(pid) ?? 0)) backendCpu.set(pid, ms);
    }
  };
  // Samples on an interval, one at a time (a tick that finds one under way is skipped), stopped
  // with the processes: one still under way when the bench ends would query a closed connection.
  const every = (ms: number, sample: () => Promise<void>) => {
    let running: Promise<void> | undefined;
    const timer = setInterval(() => {
      running ??= sample().finally(() => (running = undefined));
    }, ms);
    const stop = async () => {
      clearInterval(timer);
      // A sample that failed has been reported as an unhandled rejection already.
      await running?.catch(() => undefined);
    };
    procs.push({ stop });
    return stop;
  };
  await sampleBackends();
  const backendsAtReady = new Map(backendCpu);
  await connection.call('CONFIG', 'RESETSTAT');
  const t0 = performance.now();
  const worker0 = await workersCpu();
  const redis0 = await processCpuMs(redis.pid!);
  const stopSampler = every(200, sampleBackends);
  const statements = values.statements ? sampleStatements(dbName) : undefined;
  // Stopped with the processes too, should the drain fail: its connection would hold the bench open.
  if (statements) procs.push({ stop: async () => void (await statements.stop()) });

  const countsOf = async () => {
    const out: Record<string, Record<string, number>> = {};
    for (const q of QUEUE_NAMES)
      out[q] = await queues[q]!.getJobCounts(
        'waiting',
        'active',
        'delayed',
        'completed',
        'failed',
        'prioritized',
      );
    return out;
  };
  let intakeDone = 0;
  let idleAt = 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, 100));
    const c = await countsOf();
    // Every submission was queued before the workers started, so an intake queue with nothing left
    // is a drained one; its completed count cannot say so past the 10,000 jobs BullMQ keeps.
    const intake = c.intake!;
    if (!intakeDone && intake.waiting! + intake.active! + intake.prioritized! + intake.delayed! === 0)
      intakeDone = performance.now();
    const busy = QUEUE_NAMES.some((q) => c[q]!.waiting! + c[q]!.active! + c[q]!.prioritized! > 0);
    if (intakeDone && !busy) {
      idleAt = performance.now();
      break;
    }
    if (performance.now() - t0 > 600_000) throw new Error('not drained within 10 minutes');
  }
  await stopSampler();
  const statementShares = await statements?.stop();
  await sampleBackends();
  const workerMs = (await workersCpu()) - worker0;
  const redisMs = (await processCpuMs(redis.pid!)) - redis0;
  let pgMs = 0;
  for (const [pid, ms] of backendCpu) pgMs += ms - (backendsAtReady.get(pid) ?? 0);
  const info = await connection.call('INFO', 'stats');
  const commandStats = String(await connection.call('INFO', 'commandstats'));
  // What the processes spend doing nothing (BullMQ's timers, the directory fingerprint): over a
  // long, slow drain on a loaded machine it is a good part of the CPU per case, so it is shown,
  // and subtracted for the "net" figure.
  const idle0 = {
    worker: await workersCpu(),
    redis: await processCpuMs(redis.pid!),
    pg: [...backendCpu.values()].reduce((a, b) => a + b, 0),
  };
  const IDLE_MS = 10_000;
  const stopSampler2 = every(500, sampleBackends);
  await new Promise((r) => setTimeout(r, IDLE_MS));
  await stopSampler2();
  await sampleBackends();
  const idlePerSecond = {
    worker: ((await workersCpu()) - idle0.worker) / (IDLE_MS / 1000),
    redis: ((await processCpuMs(redis.pid!)) - idle0.redis) / (IDLE_MS / 1000),
    pg: ([...backendCpu.values()].reduce((a, b) => a + b, 0) - idle0.pg) / (IDLE_MS / 1000),
  };
  // An idle backend reports its counts up to 10 s late (PostgreSQL 15): read after the idle window.
  await new Promise((r) => setTimeout(r, 1_100));
  const commitsPerCase = ((await commits()) - commits0) / COUNT;
  const commands = Number(/total_commands_processed:(\d+)/.exec(String(info))?.[1]);
  const c = await countsOf();
  const wall = (idleAt - t0) / 1000;
  const per = (x: number) => (x / COUNT).toFixed(2);
  console.log(
    `\nbench/worker-drain: ${COUNT} submissions, ${WORKERS} worker process${WORKERS > 1 ? 'es' : ''}, WORKER_CONCURRENCY ${values.concurrency}, PostgreSQL`,
  );
  console.log(await machineProbe(process.env.DATABASE_URL));
  console.log(
    `intake done after ${((intakeDone - t0) / 1000).toFixed(1)} s (${(COUNT / ((intakeDone - t0) / 1000)).toFixed(1)} cases/s); every queue idle after ${wall.toFixed(1)} s (${(COUNT / wall).toFixed(1)} cases/s)`,
  );
  console.log(
    `CPU ms per case: worker ${per(workerMs)}, postgres ${per(pgMs)} (${backendCpu.size} backends), redis ${per(redisMs)}; sum ${per(workerMs + pgMs + redisMs)}`,
  );
  const idleSum = idlePerSecond.worker + idlePerSecond.pg + idlePerSecond.redis;
  console.log(
    `idle CPU ms per second: worker ${idlePerSecond.worker.toFixed(1)}, postgres ${idlePerSecond.pg.toFixed(1)}, redis ${idlePerSecond.redis.toFixed(1)}; ` +
      `net of idle, CPU ms per case: worker ${per(workerMs - idlePerSecond.worker * wall)}, postgres ${per(pgMs - idlePerSecond.pg * wall)}, redis ${per(redisMs - idlePerSecond.redis * wall)}; sum ${per(workerMs + pgMs + redisMs - idleSum * wall)}`,
  );
  console.log(`database commits per case: ${commitsPerCase.toFixed(2)}`);
  console.log(
    `workers on CPU ${((workerMs / 1000 / wall) * 100).toFixed(0)}% of the wall time (one core is 100%)`,
  );
  // Which commands, the most frequent first; this bench's own polling of the job counts is among them.
  const byCommand = [...commandStats.matchAll(/^cmdstat_(\S+?):calls=(\d+)/gm)]
    .map(([, name, calls]) => [name!, Number(calls)] as const)
    .sort((a, b) => b[1] - a[1]);
  console.log(
    `redis commands per case: ${per(commands)} (${byCommand
      .slice(0, 8)
      .map(([name, calls]) => `${name} ${per(calls)}`)
      .join(', ')})`,
  );
  console.log(
    `jobs per case: ${QUEUE_NAMES.map((q) => `${q} ${per(c[q]!.completed! + c[q]!.failed! + c[q]!.delayed!)}${c[q]!.failed ? ` (${c[q]!.failed} failed)` : ''}`).join(', ')}`,
  );
  if (statementShares) console.log(statementShares);
  for (const q of Object.values(queues)) await q.close();
  await connection.quit();
} finally {
  for (const p of procs.reverse()) await p.stop();
  await admin.end();
  await site.drop();
  redis.kill('SIGTERM');
}

/**
 * --statements: what the database's backends are doing while the worker drains, sampled every few
 * ms from pg_stat_activity over a connection of its own (to DATABASE_URL's database, so its CPU is
 * not counted as the backends'): for each statement, the share of samples on the CPU and waiting,
 * with what they wait for. Where PostgreSQL's time per case goes, statement by statement; the
 * sampling itself takes CPU from the drain, so its cases/s are not this bench's usual figure.
 */
function sampleStatements(database: string) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  const tally = new Map<string, number>();
  let samples = 0;
  let stopped = false;
  const done = (async () => {
    await client.connect();
    while (!stopped) {
      const { rows } = await client.query<{ wait: string | null; query: string }>(
        `SELECT CASE WHEN wait_event IS NULL THEN NULL ELSE wait_event_type || ':' || wait_event END AS wait,
           left(regexp_replace(query, '\\s+', ' ', 'g'), 60) AS query
         FROM pg_stat_activity WHERE datname = $1 AND state = 'active'`,
        [database],
      );
      samples++;
      for (const r of rows) {
        const key = `${(r.wait ?? 'on CPU').padEnd(16)} ${r.query.trim()}`;
        tally.set(key, (tally.get(key) ?? 0) + 1);
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    await client.end();
  })();
  return {
    /** Ends the sampling (again: nothing more) and says what it saw. */
    async stop(): Promise<string> {
      stopped = true;
      await done;
      const total = [...tally.values()].reduce((a, b) => a + b, 0);
      const onCpu = [...tally].filter(([k]) => k.startsWith('on CPU')).reduce((a, [, v]) => a + v, 0);
      return [
        `statements (${samples} samples of the active backends; ${((onCpu / Math.max(total, 1)) * 100).toFixed(0)}% of what they saw on the CPU):`,
        ...[...tally]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 15)
          .map(([k, v]) => `  ${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`),
      ].join('\n');
    },
  };
}
