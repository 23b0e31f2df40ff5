// Starts the app the way a user does (`node dist/src/main.js <role>`, what `npm start` runs: one
// process, so a signal sent to it reaches the app itself) and talks to it over HTTP. The e2e
// project's global setup compiled dist/ from the sources (test/helpers/build-dist.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { roleProcess } from './start-command.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface AppProcess {
  child: ChildProcess;
  url: string | undefined;
  output(): string;
  /** Resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Tests of the app as a process poll and submit faster than a person; the limits on the public
 * doors have tests of their own (test/integration/public-limits.test.ts), so here they stand aside
 * unless a test sets them.
 */
export const LIMITS_OUT_OF_THE_WAY: Record<string, string> = {
  RATE_LIMIT_REQUESTS_PER_MINUTE: '1000000',
  RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '1000000',
  RATE_LIMIT_LOOKUPS_PER_MINUTE: '1000000',
  RATE_LIMIT_CHAT_SESSIONS_PER_HOUR: '1000000',
  RATE_LIMIT_CHAT_EVENTS_PER_MINUTE: '1000000',
  NEW_CASES_PER_UNIT_PER_HOUR: '1000000',
  NEW_CASES_PER_ORG_PER_HOUR: '1000000',
};

export async function startAppProcess(
  role: 'all' | 'web' | 'worker',
  env: Record<string, string | undefined>,
  timeoutMs = 90_000,
): Promise<AppProcess> {
  // As its npm script runs it, with its memory settings (decisions 0077, 0107).
  const start = roleProcess(role);
  const child = spawn(process.execPath, start.args, {
    cwd: ROOT,
    env: {
      ...process.env,
      ...start.env,
      PORT: '0',
      LOG_LEVEL: 'info',
      ...LIMITS_OUT_OF_THE_WAY,
      // The tests' machine runs other test files at once: a worker below them would only make
      // the test wait. shared-files.e2e checks the setting.
      WORKER_NICE: '0',
      ...env,
    } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = await new Promise<string | undefined>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`app did not start in ${timeoutMs} ms:\n${out}`)),
      timeoutMs,
    );
    const check = () => {
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) return done(m[1]);
      if (role === 'worker' && /"msg":"ready"/.test(out)) return done(undefined);
    };
    const done = (u: string | undefined) => {
      clearTimeout(timer);
      child.stdout!.off('data', check);
      resolve(u);
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`app exited with ${code} before it was ready:\n${out}`));
    });
  });

  return {
    child,
    url,
    output: () => out,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}

// Tests read whatever the server answered; the shape is what they assert.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export async function postJson(url: string, body: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json().catch(() => null) };
}

export async function getJson(url: string): Promise<{ status: number; json: Json }> {
  const res = await fetch(url);
  return { status: res.status, json: await res.json().catch(() => null) };
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
  everyMs = 200,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
