// SIGTERM to the process a user starts — `npm start` itself, as a service manager or Ctrl-C in a
// terminal sends it — stops the app cleanly: the port is freed and the data directory's lock
// removed, so the next start works. It used to reach only npm's `sh -c` wrapper, which died and
// left the app running as an orphan.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testRedisUrl } from '../helpers/test-redis.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dataDir: string | undefined;
let appPid: number | undefined;
afterAll(async () => {
  // Never leave an orphan behind if the test failed half-way.
  if (appPid) {
    try {
      process.kill(appPid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start', () => {
  it('stops the app on SIGTERM sent to npm', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ln-npm-start-'));
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: '',
        DATA_DIR: dataDir,
        PORT: '0',
        REDIS_URL: await testRedisUrl(),
        QUEUE_PREFIX: `npmstart${Date.now()}`,
      } as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    npm.stdout.on('data', (d: Buffer) => (out += d.toString()));
    npm.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const npmExited = new Promise<void>((resolve) => npm.once('exit', () => resolve()));

    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready in time:\n${out}`)), 100_000);
      npm.stdout.on('data', () => {
        const m = /running at (http:\/\/\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
    });
    appPid = Number(await readFile(path.join(dataDir, 'langnghe.pid'), 'utf8'));
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    npm.kill('SIGTERM');
    await npmExited;
    // The app itself shuts down: its lock is removed on a clean stop, and the port closes.
    const deadline = Date.now() + 20_000;
    while (alive(appPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(alive(appPid)).toBe(false);
    await expect(readFile(path.join(dataDir, 'langnghe.pid'), 'utf8')).rejects.toThrow();
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    expect(out).toContain('"signal":"SIGTERM"');
    appPid = undefined;
  });
});
