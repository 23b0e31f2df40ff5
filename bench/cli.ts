// npm run bench:cli [-- --runs 5]
// Times the `langnghe` command as an officer runs it (node bin/langnghe.js …, a fresh process each
// time) on an embedded database seeded in a temporary DATA_DIR: help, a command that needs no
// database, and commands that open it. Prints p50 and max wall time per command, and with Linux
// /usr/bin/time the p50 CPU time (user + system, all threads) and the peak RSS of the last run.
// On a shared, loaded machine the wall time mostly measures the wait for a core; the CPU time
// does not. Target: about a second (issue 17).
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { promisify } from 'node:util';

const run = promisify(execFile);
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Number(values.runs);
const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin/langnghe.js');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const COMMANDS: string[][] = [
  ['--help'],
  ['due', 'complaint_resolution_first', '2026-02-10'],
  ['due', 'complaint_resolution_first', '2026-02-10', '--org', 'ttyt-thuan-an'],
  ['directory:list'],
];

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ln-bench-cli-'));
const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv;
delete env.DATABASE_URL;

// The build and the first migration are one-time costs, not what an officer waits for each time.
execFileSync(process.execPath, [BIN, 'seed'], { env, stdio: 'ignore' });

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

console.log(`langnghe command, ${RUNS} runs each, embedded database (${os.cpus().length} cores)`);
console.log(
  'command'.padEnd(60),
  'p50 ms'.padStart(8),
  'max ms'.padStart(8),
  'CPU p50 ms'.padStart(11),
  'peak RSS MB'.padStart(12),
);
try {
  for (const args of COMMANDS) {
    const times: number[] = [];
    const cpuTimes: number[] = [];
    let rssMb = NaN;
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const { stderr } = TIME
        ? await run(TIME, ['-f', 'RSS_KB=%M CPU_S=%U+%S', process.execPath, BIN, ...args], { env })
        : await run(process.execPath, [BIN, ...args], { env });
      times.push(performance.now() - started);
      const rss = /RSS_KB=(\d+)/.exec(stderr);
      if (rss) rssMb = Number(rss[1]) / 1024;
      const cpu = /CPU_S=([\d.]+)\+([\d.]+)/.exec(stderr);
      if (cpu) cpuTimes.push((Number(cpu[1]) + Number(cpu[2])) * 1000);
    }
    times.sort((a, b) => a - b);
    cpuTimes.sort((a, b) => a - b);
    console.log(
      `langnghe ${args.join(' ')}`.padEnd(60),
      quantile(times, 0.5).toFixed(0).padStart(8),
      times.at(-1)!.toFixed(0).padStart(8),
      (cpuTimes.length ? quantile(cpuTimes, 0.5).toFixed(0) : '—').padStart(11),
      (Number.isNaN(rssMb) ? '—' : rssMb.toFixed(0)).padStart(12),
    );
  }
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
