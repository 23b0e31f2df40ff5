// What a CLI command that takes in cases runs with: the full AppContext (database, Redis queues,
// the sealed box), opened for one command and closed after it. Cases made here go through the
// same door as the app's (stored, queued, audited); without REDIS_URL the embedded redis-server in
// DATA_DIR is started, or reused, and left running for the app, as `npm run start:worker` does.
import type { AppContext } from '../app-context.js';
import { systemClock } from '../core/clock.js';
import { loadOrCreateEncryptionKey } from '../core/data-dir.js';
import { createLogger } from '../core/logger.js';
import { createSealedBox } from '../core/sealed-box.js';
import { startEmbeddedRedis } from '../queue/embedded-redis.js';
import { createJobQueues } from '../queue/job-queues.js';
import { connectRedis } from '../queue/redis-connection.js';
import { openCliDatabase } from './cli-context.js';

export async function withAppContext<T>(run: (ctx: AppContext) => Promise<T>): Promise<T> {
  const { config, db, close } = await openCliDatabase();
  try {
    const key = config.encryptionKey ?? (await loadOrCreateEncryptionKey(config.dataDir)).key;
    const redisUrl = config.redisUrl ?? (await startEmbeddedRedis(config.dataDir, config.searchPath)).url;
    const redis = connectRedis(redisUrl, 'langnghe-cli');
    const queues = createJobQueues(redis, config.queuePrefix);
    try {
      await redis.ping();
      return await run({
        config,
        logger: createLogger(config.logLevel === 'silent' ? 'silent' : 'warn'),
        clock: systemClock,
        db,
        queues,
        sealedBox: createSealedBox(key),
      });
    } finally {
      await queues.close();
      await redis.quit().catch(() => redis.disconnect());
    }
  } finally {
    await close();
  }
}
