// The redis-server the embedded default starts for itself: append-only, reused rather than doubled,
// and a clear message when there is none to start.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisUnavailableError, startEmbeddedRedis } from '../../src/queue/embedded-redis.js';

const dirs: string[] = [];
const tempDir = async () => {
  const d = await mkdtemp(path.join(os.tmpdir(), 'ln-redis-test-'));
  dirs.push(d);
  return d;
};
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('embedded redis-server', () => {
  it('says how to get Redis when none is on PATH', async () => {
    const err = await startEmbeddedRedis(await tempDir(), '/nonexistent').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RedisUnavailableError);
    expect((err as Error).message).toMatch(/REDIS_URL/);
    expect((err as Error).message).toMatch(/apt-get install redis-server/);
  });

  it('starts with the append-only file on and is reused, not doubled, by the next start', async () => {
    const dir = await tempDir();
    const first = await startEmbeddedRedis(dir, process.env.PATH);
    try {
      const client = new Redis(first.url);
      expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
      await client.set('kept', '1');
      client.disconnect();
      const second = await startEmbeddedRedis(dir, process.env.PATH);
      expect(second.url).toBe(first.url);
    } finally {
      await first.stop();
    }
  });
});
