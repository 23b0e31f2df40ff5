// npm run bench:intake [-- --db embedded|postgres --count 2000 --concurrency 16 --rate 200
//                        --case-rate 100 --seconds 30]
// npm run bench:intake -- --burst 1000 --seconds 60 [--db postgres]
//
// Fires submissions at POST /api/submissions of the real app (started as `npm start` would: the
// embedded `all` process, or with --db postgres one `web` and one `worker` process on a fresh
// database next to DATABASE_URL) and, in the same run, at a baseline (a bare Fastify route that
// only adds a BullMQ job). Prints, for both:
//   - closed loop (--concurrency requests in flight, --count in all): accepted/s and the ratio;
//   - open loop at a fixed --rate for --seconds (requests sent on schedule whatever the answers,
//     latency counted from the scheduled send time): ack p50/p99/p999, with the workers running;
//   - for the app, at --case-rate: submission → case p50/p99 (the intake job's completion, read
//     from BullMQ's event stream: the case is made, routed and its cards queued);
//   - RSS of the server processes and their children (VmRSS from /proc), peak and mean, over the
//     whole run and during the --case-rate phase alone (the memory criterion is at that rate).
// --burst R: only the app, open loop at R/s for --seconds; errors, ack p99, the time the last ack
// took and the time until every accepted submission became a case (drained).
// --app-only: only the app's open loop at --rate for --seconds (after the warm-up), with the CPU
// time of each app process per accepted submission; short, for A/B runs on a shared machine.
// --cpu-prof-dir DIR: the app's processes write a V8 CPU profile (.cpuprofile) there on exit.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Queue, QueueEvents } from 'bullmq';
import { openDatabase } from '../src/db/database.js';
import { seedSampleDirectory } from '../src/directory/seed-sample-directory.js';
import { LIMITS_OUT_OF_THE_WAY } from '../test/helpers/app-process.js';
import { roleProcess } from '../test/helpers/start-command.js';
import { createEmptyPostgresDatabase } from '../test/helpers/test-database.js';
import { dropRedisPrefix } from '../test/helpers/drop-redis-prefix.js';
import { machineProbe } from './machine-probe.js';
import { processCpuMs } from './process-cpu.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    count: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '16' },
    rate: { type: 'string', default: '200' },
    'case-rate': { type: 'string', default: '100' },
    seconds: { type: 'string', default: '30' },
    burst: { type: 'string' },
    'app-only': { type: 'boolean', default: false },
    // PostgreSQL stack only: worker processes beside the one web process.
    workers: { type: 'string', default: '1' },
    'cpu-prof-dir': { type: 'string' },
    // The issue's bar for a burst: drained within 5 minutes. A phase that has not drained by then
    // stops the run with what the queue holds, rather than waiting in silence.
    'drain-timeout-seconds': { type: 'string', default: '300' },
  },
});
const DB = values.db ?? (process.env.DATABASE_URL ? 'postgres' : 'embedded');
if (DB !== 'embedded' && DB !== 'postgres') throw new Error('--db is embedded or postgres');
if (DB === 'postgres' && !process.env.DATABASE_URL)
  throw new Error('--db postgres needs DATABASE_URL (a fresh database is created next to it)');
const COUNT = Number(values.count);
const CONCURRENCY = Number(values.concurrency);
const RATE = Number(values.rate);
const CASE_RATE = Number(values['case-rate']);
const SECONDS = Number(values.seconds);
const BURST = values.burst ? Number(values.burst) : undefined;
const APP_ONLY = values['app-only'];
const WORKERS = Number(values.workers);
if (!Number.isInteger(WORKERS) || WORKERS < 1) throw new Error('--workers is a whole number, at least 1');
const CPU_PROF_DIR = values['cpu-prof-dir'];
const DRAIN_TIMEOUT_MS = Number(values['drain-timeout-seconds']) * 1000;
const ROOT = path.resolve(import.meta.dirname, '..');
// What `npm start` runs: dist/ brought up to date (cheap when nothing changed).
execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const UNIT = 'ta-kduoc';

// ---- processes -------------------------------------------------------------------------------

interface Proc {
  child: ChildProcess;
  url: string | undefined;
  stop(): Promise<void>;
}

/**
 * Started as `npm start` starts it: the app from the compiled `dist/` (built first, decision 0043);
 * the baseline's TypeScript through tsx. Ready when it says so.
 */
async function startProcess(args: string[], env: Record<string, string | undefined>): Promise<Proc> {
  const compiled = args.some((a) => a.startsWith('dist/'));
  // The app's processes write a V8 CPU profile there when they exit (not allowed in NODE_OPTIONS).
  const profile = compiled && CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF_DIR}`] : [];
  const child = spawn(process.execPath, [...(compiled ? profile : ['--import', 'tsx']), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string | undefined>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start:\n${out}`)), 120_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m || /"msg":"ready"/.test(out)) {
        clearTimeout(timer);
        resolve(m?.[1]);
      }
      if (out.length > 100_000) out = out.slice(-10_000);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)));
  });
  // Keep reading, or a full pipe would block the process's logging.
  child.stdout!.resume();
  child.stderr!.resume();
  return {
    child,
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The processes and all their descendants. */
async function processTree(pids: number[]): Promise<Set<number>> {
  const parents = new Map<number, number>();
  // Out of descriptors (an open loop far ahead of the app holds one socket per request): this
  // sample counts the given processes alone, rather than the run dying with its servers left
  // running.
  const entries = await readdir('/proc').catch(() => [] as string[]);
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const tree = new Set(pids);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of parents)
      if (tree.has(ppid) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
  }
  return tree;
}

/** Sum of VmRSS (MB) of the processes and all their descendants. */
async function rssMb(pids: number[]): Promise<number> {
  let kb = 0;
  for (const pid of await processTree(pids)) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch {
      // Gone meanwhile.
    }
  }
  return kb / 1024;
}

/** CPU time (ms, user + system, all threads) of each process and its descendants so far. */
async function cpuMs(pids: number[]): Promise<number[]> {
  const perRoot: number[] = [];
  for (const root of pids) {
    let ms = 0;
    for (const pid of await processTree([root])) ms += await processCpuMs(pid);
    perRoot.push(ms);
  }
  return perRoot;
}

/**
 * CPU seconds the processes and their descendants have used so far: on a shared machine a robust
 * measure of the work, where wall time is mostly the wait for a core.
 */
async function cpuSeconds(pids: number[]): Promise<number> {
  return (await cpuMs(pids)).reduce((sum, ms) => sum + ms, 0) / 1000;
}

function sampleRss(pids: number[]) {
  const samples: number[] = [];
  const timer = setInterval(() => void rssMb(pids).then((mb) => samples.push(mb)), 500);
  return {
    stop() {
      clearInterval(timer);
      return {
        peak: Math.max(...samples),
        mean: samples.reduce((a, b) => a + b, 0) / Math.max(samples.length, 1),
      };
    },
  };
}

// ---- load ------------------------------------------------------------------------------------

const body = (id: string) =>
  JSON.stringify({
    submissionId: id,
    channel: 'api',
    kind: 'report',
    text: 'Thời gian chờ lấy thuốc tại Khoa Dược quá lâu, đề nghị bố trí thêm quầy phát thuốc vào giờ cao điểm.',
    unitCode: UNIT,
    contact: { name: 'Người gửi thử nghiệm', phone: '0900000000' },
  });

// One keep-alive agent with a bounded number of sockets: an open loop far ahead of the server
// queues its requests here (latency still counts from the schedule) instead of opening a socket
// per request until the machine runs out of descriptors, as fetch's unbounded pool did in a burst.
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function post(url: string, id: string): Promise<boolean> {
  const payload = Buffer.from(body(id));
  return new Promise((resolve) => {
    const req = http.request(
      `${url}/api/submissions`,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': payload.length },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode === 202));
        res.on('error', () => resolve(false));
      },
    );
    req.on('error', () => resolve(false));
    req.end(payload);
  });
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

interface Closed {
  accepted: number;
  failed: number;
  perSecond: number;
}

async function closedLoop(url: string, tag: string, count: number): Promise<Closed> {
  let next = 0;
  let accepted = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        if (await post(url, `bench-${tag}-${next++}`)) accepted++;
        else failed++;
      }
    }),
  );
  return { accepted, failed, perSecond: accepted / ((performance.now() - started) / 1000) };
}

interface Open {
  /** Ids of accepted submissions with the epoch ms they were scheduled at. */
  accepted: Map<string, number>;
  failed: number;
  latencies: number[];
  /** From the first scheduled send to the last answer. */
  seconds: number;
}

/** Sends `rate` a second for `seconds` on schedule, whatever the answers; latency from the schedule. */
async function openLoop(url: string, tag: string, rate: number, seconds: number): Promise<Open> {
  const total = Math.round(rate * seconds);
  const accepted = new Map<string, number>();
  const latencies: number[] = [];
  let failed = 0;
  const inFlight: Promise<void>[] = [];
  const t0 = performance.now();
  const epoch0 = Date.now();
  let sent = 0;
  while (sent < total) {
    const now = performance.now();
    while (sent < total && t0 + (sent * 1000) / rate <= now) {
      const scheduled = t0 + (sent * 1000) / rate;
      const id = `bench-${tag}-${sent++}`;
      inFlight.push(
        post(url, id).then((ok) => {
          if (!ok) return void failed++;
          latencies.push(performance.now() - scheduled);
          accepted.set(id, epoch0 + (scheduled - t0));
        }),
      );
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(inFlight);
  latencies.sort((a, b) => a - b);
  return { accepted, failed, latencies, seconds: (performance.now() - t0) / 1000 };
}

/** Epoch ms at which each intake job completed (its case made), from BullMQ's event stream. */
function watchCases(prefix: string) {
  const done = new Map<string, number>();
  const failed = new Map<string, string>();
  const connection = { url: REDIS_URL };
  const events = new QueueEvents('intake', { connection, prefix, lastEventId: '0' });
  const queue = new Queue('intake', { connection, prefix });
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const w of waiters) w();
  };
  events.on('completed', ({ jobId }, id) => {
    done.set(jobId.replace(/^submission-/, ''), Number(String(id).split('-')[0]));
    wake();
  });
  // Each failed attempt: the last reason is kept for the report of a phase that does not drain.
  events.on('failed', ({ jobId, failedReason }) => {
    failed.set(jobId.replace(/^submission-/, ''), failedReason);
    wake();
  });
  return {
    done,
    ready: events.waitUntilReady(),
    /**
     * Resolves when every id is done. Says how far it got every 10 s; after timeoutMs rejects with
     * how many are missing and what the intake queue holds (waiting, active, delayed, failed).
     */
    async all(ids: Iterable<string>, timeoutMs: number, phase: string) {
      const wanted = [...ids];
      const started = Date.now();
      const until = started + timeoutMs;
      let toldAt = started;
      // Each pass looks only at what the last one found missing: a burst's 60,000 ids filtered at
      // every completion took this process a fifth of a core, next to the worker it measures.
      for (
        let left = wanted.filter((id) => !done.has(id));
        left.length;
        left = left.filter((id) => !done.has(id))
      ) {
        const now = Date.now();
        if (now > until) {
          const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
          const reasons = [...new Set(left.flatMap((id) => failed.get(id) ?? []))].slice(0, 3);
          throw new Error(
            `${phase}: ${left.length} of ${wanted.length} accepted submissions were not made into cases within ${(timeoutMs / 1000).toFixed(0)} s ` +
              `(${wanted.length - left.length} made, ${((wanted.length - left.length) / ((now - started) / 1000)).toFixed(1)}/s). ` +
              `Intake queue: ${Object.entries(counts)
                .map(([k, v]) => `${k} ${v}`)
                .join(', ')}` +
              (reasons.length ? `. Failures: ${reasons.join(' | ')}` : '') +
              `. Raise --drain-timeout-seconds to wait longer.`,
          );
        }
        if (now - toldAt >= 10_000) {
          toldAt = now;
          console.log(
            `  ${phase}: ${wanted.length - left.length} of ${wanted.length} cases made after ${((now - started) / 1000).toFixed(0)} s`,
          );
        }
        await new Promise<void>((resolve) => {
          const w = () => {
            waiters.delete(w);
            resolve();
          };
          waiters.add(w);
          setTimeout(w, 1_000);
        });
        // With many left, at most ten passes a second: the case times come from the events, not from here.
        if (left.length > 1_000) await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: async () => {
      await events.close();
      await queue.close();
    },
  };
}

// ---- the app ---------------------------------------------------------------------------------

interface App {
  url: string;
  pids: number[];
  prefix: string;
  stop(): Promise<void>;
}

async function startApp(): Promise<App> {
  const prefix = `bench-app-${Date.now()}`;
  const env = { ...LIMITS_OUT_OF_THE_WAY, PORT: '0', REDIS_URL, QUEUE_PREFIX: prefix, LOG_LEVEL: 'info' };
  const cleanups: (() => Promise<unknown>)[] = [];
  const procs: Proc[] = [];
  try {
    if (DB === 'postgres') {
      const site = await createEmptyPostgresDatabase();
      cleanups.push(site.drop);
      const db = await openDatabase({ databaseUrl: site.url });
      await db.migrate();
      await seedSampleDirectory(db.prisma);
      await db.close();
      const pgEnv = {
        ...env,
        DATABASE_URL: site.url,
        DEFAULT_ORG_CODE: 'ttyt-thuan-an',
        ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      };
      // With the memory settings of `npm run start:web` / `start:worker` and the image (decision 0107).
      const web = roleProcess('web');
      const worker = roleProcess('worker');
      procs.push(await startProcess(web.args, { ...pgEnv, ...web.env }));
      for (let i = 0; i < WORKERS; i++)
        procs.push(await startProcess(worker.args, { ...pgEnv, ...worker.env }));
    } else {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ln-bench-'));
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
      // With npm start's memory settings (decision 0077).
      const all = roleProcess('all');
      procs.push(
        await startProcess(all.args, {
          ...env,
          ...all.env,
          DATA_DIR: dataDir,
          // The embedded database, whatever the shell has: with DATABASE_URL the app would want it.
          DATABASE_URL: undefined,
        }),
      );
    }
  } catch (err) {
    for (const p of procs) await p.stop();
    for (const c of cleanups) await c();
    throw err;
  }
  return {
    url: procs[0]!.url!,
    pids: procs.map((p) => p.child.pid!),
    prefix,
    async stop() {
      for (const p of procs) await p.stop();
      for (const c of cleanups) await c();
      await dropRedisPrefix(REDIS_URL, prefix);
    },
  };
}

async function startBaseline(): Promise<App> {
  const prefix = `bench-base-${Date.now()}`;
  const p = await startProcess(['bench/baseline-server.ts'], { REDIS_URL, QUEUE_PREFIX: prefix });
  return { url: p.url!, pids: [p.child.pid!], prefix, stop: p.stop };
}

// ---- report ----------------------------------------------------------------------------------

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—').padStart(9);
const openRow = (name: string, r: Open) =>
  `${name.padEnd(22)} ${String(r.accepted.size).padStart(8)} ${String(r.failed).padStart(7)} ${ms(pct(r.latencies, 50))} ${ms(pct(r.latencies, 99))} ${ms(pct(r.latencies, 99.9))}`;
const OPEN_HEADER = `${''.padEnd(22)} ${'accepted'.padStart(8)} ${'failed'.padStart(7)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)} ${'p999 ms'.padStart(9)}`;

function caseLatencies(open: Open, done: Map<string, number>): number[] {
  const out: number[] = [];
  for (const [id, scheduled] of open.accepted) {
    const at = done.get(id);
    if (at !== undefined) out.push(at - scheduled);
  }
  return out.sort((a, b) => a - b);
}

const closedRow = (name: string, r: Closed) =>
  `${name.padEnd(22)} ${String(r.accepted).padStart(8)} ${String(r.failed).padStart(7)} ${r.perSecond.toFixed(0).padStart(12)}`;
const CLOSED_HEADER = `${''.padEnd(22)} ${'accepted'.padStart(8)} ${'failed'.padStart(7)} ${'accepted/s'.padStart(12)}`;

console.log(
  `bench/intake: database ${DB}, ${os.cpus().length} cores, ${APP_ONLY ? `app only, open loop ${RATE}/s for ${SECONDS} s` : BURST ? `burst ${BURST}/s for ${SECONDS} s` : `closed loop ${COUNT} × ${CONCURRENCY}, open loop ${RATE}/s and ${CASE_RATE}/s for ${SECONDS} s each`}; a phase not drained within ${DRAIN_TIMEOUT_MS / 1000} s stops the run`,
);
console.log(await machineProbe(DB === 'postgres' ? process.env.DATABASE_URL : undefined));

// Each phase prints its figures as soon as it has them: a long run shows where it is.
async function main(): Promise<void> {
  if (APP_ONLY) {
    const app = await startApp();
    const cases = watchCases(app.prefix);
    try {
      await cases.ready;
      const warm = await openLoop(app.url, 'warmup', Math.min(RATE, 50), 4);
      await cases.all(warm.accepted.keys(), DRAIN_TIMEOUT_MS, 'warm-up');
      const before = await cpuMs(app.pids);
      const r = await openLoop(app.url, 'open', RATE, SECONDS);
      const during = await cpuMs(app.pids);
      const made = r.accepted.size && [...r.accepted.keys()].filter((id) => cases.done.has(id)).length;
      console.log(`\n${OPEN_HEADER}\n${openRow(`app, ${RATE}/s`, r)}`);
      // The backlog is not drained: the worker's pace is the case figures' business, not the ack's.
      const perAck = during
        .map((v, i) => ((v - before[i]!) / Math.max(r.accepted.size, 1)).toFixed(2))
        .join(' / ');
      console.log(
        `CPU ms per accepted submission while sending (${DB === 'postgres' ? 'web / worker' : 'all'}): ${perAck}; ${made} of them made into cases meanwhile`,
      );
    } finally {
      await cases.close();
      await app.stop();
    }
    return;
  }

  if (BURST) {
    const app = await startApp();
    const cases = watchCases(app.prefix);
    await cases.ready;
    const rss = sampleRss(app.pids);
    try {
      const cpu0 = await cpuSeconds(app.pids);
      const t0 = Date.now();
      const r = await openLoop(app.url, 'burst', BURST, SECONDS);
      console.log(`\n${OPEN_HEADER}\n${openRow(`app, ${BURST}/s burst`, r)}`);
      console.log(`last ack after ${r.seconds.toFixed(1)} s (sending took ${SECONDS} s)`);
      await cases.all(r.accepted.keys(), DRAIN_TIMEOUT_MS, `${BURST}/s burst`);
      const drained = Math.max(...[...r.accepted.keys()].map((id) => cases.done.get(id)!)) - t0;
      const c = caseLatencies(r, cases.done);
      console.log(
        `drained: every accepted submission a case ${(drained / 1000).toFixed(1)} s after the burst began (${(r.accepted.size / (drained / 1000)).toFixed(0)} cases/s); submission → case p50 ${(pct(c, 50) / 1000).toFixed(1)} s, p99 ${(pct(c, 99) / 1000).toFixed(1)} s`,
      );
      const cpu = (await cpuSeconds(app.pids)) - cpu0;
      console.log(
        `CPU app (all processes, until drained): ${cpu.toFixed(1)} s, ${((cpu / r.accepted.size) * 1000).toFixed(1)} ms per case`,
      );
      const m = rss.stop();
      console.log(`RSS app (all processes): peak ${m.peak.toFixed(0)} MB, mean ${m.mean.toFixed(0)} MB`);
    } finally {
      await cases.close();
      await app.stop();
    }
    return;
  }

  // Baseline first: closed loop, then the open loop at RATE.
  const baseline = await startBaseline();
  const baseRss = sampleRss(baseline.pids);
  await closedLoop(baseline.url, 'base-warmup', Math.min(COUNT, 500));
  const baseClosed = await closedLoop(baseline.url, 'base', COUNT);
  console.log(`\nclosed loop\n${CLOSED_HEADER}\n${closedRow('baseline', baseClosed)}`);
  const baseOpen = await openLoop(baseline.url, 'base-open', RATE, SECONDS);
  console.log(
    `\nopen loop, ack latency from the scheduled send\n${OPEN_HEADER}\n${openRow(`baseline, ${RATE}/s`, baseOpen)}`,
  );
  const baseMem = baseRss.stop();
  await baseline.stop();

  // The app: open loops first, on an empty queue, so the case latency is not a backlog's; the
  // closed loop last.
  const app = await startApp();
  const cases = watchCases(app.prefix);
  const appRss = sampleRss(app.pids);
  try {
    await cases.ready;
    // Warm-up: the first requests compile code paths and the worker loads its triage model.
    const warm = await openLoop(app.url, 'warmup', Math.min(RATE, 50), 4);
    await cases.all(warm.accepted.keys(), DRAIN_TIMEOUT_MS, 'warm-up');
    const appOpen = await openLoop(app.url, 'open', RATE, SECONDS);
    console.log(openRow(`app, ${RATE}/s`, appOpen));
    // The case latency is measured on an empty queue, not behind the previous phase's backlog.
    const drainStarted = Date.now();
    await cases.all(appOpen.accepted.keys(), DRAIN_TIMEOUT_MS, `${RATE}/s phase`);
    const drainSeconds = (Date.now() - drainStarted) / 1000;
    console.log(
      `(the ${RATE}/s phase's ${appOpen.accepted.size} cases were all made ${drainSeconds.toFixed(1)} s after its last ack)`,
    );
    // The memory criterion is at this rate: sampled on its own as well as over the whole run.
    const caseRss = sampleRss(app.pids);
    const caseOpen = await openLoop(app.url, 'case', CASE_RATE, SECONDS);
    const caseMem = caseRss.stop();
    console.log(openRow(`app, ${CASE_RATE}/s`, caseOpen));
    const caseDrained = await cases
      .all(caseOpen.accepted.keys(), Math.min(DRAIN_TIMEOUT_MS, 120_000), `${CASE_RATE}/s phase`)
      .then(
        () => true,
        (err: Error) => {
          console.log(err.message);
          return false;
        },
      );
    const c = caseLatencies(caseOpen, cases.done);
    console.log(
      `\nsubmission → case at ${CASE_RATE}/s: ${c.length} of ${caseOpen.accepted.size} made${caseDrained ? '' : ' (not all in time)'}, p50 ${pct(c, 50).toFixed(0)} ms, p99 ${pct(c, 99).toFixed(0)} ms`,
    );
    console.log(
      `RSS of the app at ${CASE_RATE}/s (processes and children): peak ${caseMem.peak.toFixed(0)} MB, mean ${caseMem.mean.toFixed(0)} MB`,
    );
    const appClosed = await closedLoop(app.url, 'closed', COUNT);
    console.log(
      `\nclosed loop\n${CLOSED_HEADER}\n${closedRow('baseline', baseClosed)}\n${closedRow(`app (${DB})`, appClosed)}`,
    );
    console.log(`ratio app/baseline: ${(appClosed.perSecond / baseClosed.perSecond).toFixed(3)}`);
  } finally {
    await cases.close();
    const appMem = appRss.stop();
    await app.stop();
    console.log(
      `\nRSS (processes and children): baseline peak ${baseMem.peak.toFixed(0)} MB; app peak ${appMem.peak.toFixed(0)} MB, mean ${appMem.mean.toFixed(0)} MB`,
    );
  }
}

await main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(`\nbench/intake stopped: ${err.message}`);
    process.exit(1);
  },
);
