// For `npm start` without REDIS_URL: a redis-server from PATH, owned by the app, with its data and
// an append-only file under DATA_DIR. A server left running by a killed app is reused, never
// doubled, because two servers on one append-only file would corrupt it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { Redis } from 'ioredis';

export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}

export interface EmbeddedRedis {
  url: string;
  stop(): Promise<void>;
}

const INSTALL_HINT =
  'Redis is needed. Either set REDIS_URL (e.g. REDIS_URL=redis://127.0.0.1:6379), or install redis-server so the app can start its own: ' +
  '`sudo apt-get install redis-server` (Debian/Ubuntu), `brew install redis` (macOS).';

function findOnPath(binary: string, envPath: string | undefined): string | undefined {
  for (const dir of (envPath ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, binary);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function ping(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function waitForPing(url: string, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await ping(url)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

export async function startEmbeddedRedis(
  dataDir: string,
  envPath: string | undefined,
): Promise<EmbeddedRedis> {
  const dir = path.join(dataDir, 'redis');
  await mkdir(dir, { recursive: true });
  const portFile = path.join(dir, 'port');

  const previousPort = await readFile(portFile, 'utf8').then(Number, () => NaN);
  if (Number.isInteger(previousPort) && previousPort > 0) {
    const url = `redis://127.0.0.1:${previousPort}`;
    if (await ping(url)) return { url, stop: () => shutdown(url) };
  }

  const binary = findOnPath('redis-server', envPath);
  if (!binary) throw new RedisUnavailableError(INSTALL_HINT);
  const port = await freePort();
  const child = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--save',
      '',
      '--maxmemory-policy',
      'noeviction',
      '--daemonize',
      'no',
      '--logfile',
      path.join(dir, 'redis.log'),
    ],
    // Detached so Ctrl-C in the terminal reaches the app first, which then shuts Redis down cleanly.
    { stdio: 'ignore', detached: true },
  );
  child.unref();
  const url = `redis://127.0.0.1:${port}`;
  if (!(await waitForPing(url, 10_000))) {
    child.kill('SIGKILL');
    throw new RedisUnavailableError(
      `redis-server did not start (see ${path.join(dir, 'redis.log')}). ${INSTALL_HINT}`,
    );
  }
  await writeFile(portFile, String(port));
  return { url, stop: () => shutdown(url) };
}

async function shutdown(url: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.call('SHUTDOWN').catch(() => {});
  } catch {
    // already gone
  } finally {
    client.disconnect();
  }
}
