// npm run bench:intake [-- --count 2000 --concurrency 16]
// Fires submissions at POST /api/submissions of the real app (started as `npm start` would, in its
// own process and data directory) and at a baseline (a bare Fastify route that only adds a BullMQ
// job), and prints accepted/s, p50 and p99 latency for both and their ratio.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '16' } },
});
const COUNT = Number(values.count);
const CONCURRENCY = Number(values.concurrency);
const ROOT = path.resolve(import.meta.dirname, '..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

interface Server {
  url: string;
  stop(): Promise<void>;
}

async function startServer(args: string[], env: Record<string, string | undefined>): Promise<Server> {
  const child = spawn(TSX, args, {
    cwd: ROOT,
    env: { ...process.env, ...env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 120_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

interface Result {
  accepted: number;
  failed: number;
  seconds: number;
  p50: number;
  p99: number;
}

async function load(url: string, tag: string): Promise<Result> {
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const body = (i: number) =>
    JSON.stringify({
      submissionId: `bench-${tag}-${Date.now()}-${i}`,
      channel: 'api',
      kind: 'report',
      text: 'Thời gian chờ lấy thuốc tại Khoa Dược quá lâu, đề nghị bố trí thêm quầy phát thuốc vào giờ cao điểm.',
      unitCode: 'ta-kduoc',
      contact: { name: 'Người gửi thử nghiệm', phone: '0900000000' },
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < COUNT) {
        const i = next++;
        const t0 = performance.now();
        const res = await fetch(`${url}/api/submissions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: body(i),
        });
        await res.arrayBuffer();
        if (res.status === 202) latencies.push(performance.now() - t0);
        else failed++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  return { accepted: latencies.length, failed, seconds, p50: pct(50), p99: pct(99) };
}

async function measure(name: string, server: Server): Promise<Result> {
  await load(server.url, `${name}-warmup`).catch(() => undefined);
  const r = await load(server.url, name);
  await server.stop();
  return r;
}

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ln-bench-'));
try {
  console.log(
    `bench/intake: ${COUNT} submissions, ${CONCURRENCY} concurrent, ${os.cpus().length} cores, database: ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}`,
  );
  const baseline = await measure(
    'baseline',
    await startServer(['bench/baseline-server.ts'], {
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: `bench-base-${Date.now()}`,
    }),
  );
  const app = await measure(
    'app',
    await startServer(['src/main.ts', 'all'], {
      PORT: '0',
      DATA_DIR: dataDir,
      REDIS_URL: redisUrl,
      LOG_LEVEL: 'warn',
      QUEUE_PREFIX: `bench-app-${Date.now()}`,
      // One address fires everything: the limits on the public doors would refuse it by design.
      RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '1000000',
      NEW_CASES_PER_UNIT_PER_HOUR: '1000000',
      NEW_CASES_PER_ORG_PER_HOUR: '1000000',
    }),
  );
  const row = (name: string, r: Result) =>
    `${name.padEnd(10)} ${String(r.accepted).padStart(8)} ${String(r.failed).padStart(7)} ${(r.accepted / r.seconds).toFixed(0).padStart(12)} ${r.p50.toFixed(1).padStart(9)} ${r.p99.toFixed(1).padStart(9)}`;
  console.log(
    `\n${'server'.padEnd(10)} ${'accepted'.padStart(8)} ${'failed'.padStart(7)} ${'accepted/s'.padStart(12)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)}`,
  );
  console.log(row('baseline', baseline));
  console.log(row('app', app));
  console.log(
    `\nratio app/baseline: throughput ${(app.accepted / app.seconds / (baseline.accepted / baseline.seconds)).toFixed(2)}, p50 ${(app.p50 / baseline.p50).toFixed(2)}x, p99 ${(app.p99 / baseline.p99).toFixed(2)}x`,
  );
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
