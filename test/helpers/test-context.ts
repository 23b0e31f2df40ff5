// An AppContext on real Redis and a real database, with its own queue prefix so test files never
// see each other's jobs.
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../src/app-context.js';
import { createConfig, type Config } from '../../src/config/config.js';
import { fixedClock, systemClock, type Clock } from '../../src/core/clock.js';
import { createLogger } from '../../src/core/logger.js';
import { createSealedBox } from '../../src/core/sealed-box.js';
import { seedSampleDirectory } from '../../src/directory/seed-sample-directory.js';
import { createJobQueues } from '../../src/queue/job-queues.js';
import { connectRedis, type Redis } from '../../src/queue/redis-connection.js';
import { createTestDatabase } from './test-database.js';
import { testRedisUrl } from './test-redis.js';

export interface TestContext {
  ctx: AppContext;
  redis: Redis;
  prefix: string;
  cleanup(): Promise<void>;
}

export async function createTestContext(
  options: { clock?: Clock | 'fixed'; env?: Record<string, string>; seed?: boolean } = {},
): Promise<TestContext> {
  const prefix = `t${randomBytes(5).toString('hex')}`;
  const key = randomBytes(32);
  const config: Config = createConfig({
    QUEUE_PREFIX: prefix,
    DEFAULT_ORG_CODE: 'ttyt-thuan-an',
    LOG_LEVEL: 'silent',
    ENCRYPTION_KEY: key.toString('base64'),
    ...options.env,
  });
  const redis = connectRedis(await testRedisUrl(), 'test');
  const { db, drop } = await createTestDatabase();
  if (options.seed !== false) await seedSampleDirectory(db.prisma);
  const queues = createJobQueues(redis, prefix);
  const clock =
    options.clock === 'fixed' ? fixedClock(new Date('2026-03-02T02:00:00Z')) : (options.clock ?? systemClock);
  const ctx: AppContext = {
    config,
    logger: createLogger('silent'),
    clock,
    db,
    queues,
    sealedBox: createSealedBox(key),
  };
  return {
    ctx,
    redis,
    prefix,
    async cleanup() {
      await queues.close();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
      await drop();
    },
  };
}
