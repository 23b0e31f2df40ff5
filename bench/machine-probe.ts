// How fast this machine is right now, printed at the top of a bench's output. The VM the figures
// of issue 17 come from changes speed from one day (or hour) to the next: on 2026-12-07 the same
// commit cost the intake worker 5.5 ms of CPU per case one session and 9–10 ms the next, and a
// system call took 2.6 µs instead of a few hundred ns. Figures from two runs compare only next to
// their probes.
//   npx tsx bench/machine-probe.ts   (with DATABASE_URL: PostgreSQL's round trip too)
import { fstatSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

/** A fixed piece of JavaScript (Map inserts, floating point), in ms: the app's kind of work. */
function javascriptMs(): number {
  const started = performance.now();
  let sum = 0;
  for (let round = 0; round < 3; round++) {
    const map = new Map<number, number>();
    for (let i = 0; i < 300_000; i++) map.set(i * 7, i);
    sum += map.size;
  }
  for (let i = 0; i < 30_000_000; i++) sum += Math.sqrt(i);
  if (!Number.isFinite(sum)) throw new Error('unreachable');
  return performance.now() - started;
}

/** One cheap system call, in µs: each statement and each Redis command costs several. */
function syscallMicros(): number {
  const calls = 100_000;
  const started = performance.now();
  for (let i = 0; i < calls; i++) fstatSync(1);
  return ((performance.now() - started) * 1000) / calls;
}

/** A prepared one-row statement over one connection: wall and this process's CPU, in µs. */
async function postgresRoundTrip(databaseUrl: string): Promise<{ wall: number; cpu: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const statement = { name: 'machine-probe', text: 'SELECT $1::int AS n', values: [1] };
    for (let i = 0; i < 200; i++) await client.query(statement);
    const calls = 2_000;
    const cpu0 = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < calls; i++) await client.query(statement);
    const cpu = process.cpuUsage(cpu0);
    return {
      wall: ((performance.now() - started) * 1000) / calls,
      cpu: (cpu.user + cpu.system) / calls,
    };
  } finally {
    await client.end();
  }
}

/** One line for a bench's header. */
export async function machineProbe(databaseUrl?: string): Promise<string> {
  javascriptMs(); // warm-up: the figure is of compiled code
  const js = Math.min(javascriptMs(), javascriptMs());
  const parts = [`JavaScript probe ${js.toFixed(0)} ms`, `system call ${syscallMicros().toFixed(2)} µs`];
  if (databaseUrl) {
    const rt = await postgresRoundTrip(databaseUrl);
    parts.push(
      `PostgreSQL round trip ${rt.wall.toFixed(0)} µs (${rt.cpu.toFixed(0)} µs of this process's CPU)`,
    );
  }
  return `machine now: ${parts.join(', ')}`;
}

if (import.meta.url === `file://${process.argv[1]}`)
  console.log(await machineProbe(process.env.DATABASE_URL));
