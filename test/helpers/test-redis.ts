// Tests use REDIS_URL, else a Redis on the default port, else a redis-server of their own.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { startEmbeddedRedis } from '../../src/queue/embedded-redis.js';

let resolved: Promise<string> | undefined;

async function reachable(url: string): Promise<boolean> {
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

export function testRedisUrl(): Promise<string> {
  resolved ??= (async () => {
    if (process.env.REDIS_URL) return process.env.REDIS_URL;
    const local = 'redis://127.0.0.1:6379';
    if (await reachable(local)) return local;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ln-redis-'));
    return (await startEmbeddedRedis(dir, process.env.PATH)).url;
  })();
  return resolved;
}
