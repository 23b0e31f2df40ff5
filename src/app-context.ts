// What use cases receive instead of importing globals; built once by src/bootstrap.ts and by tests.
import type { Config } from './config/config.js';
import type { Clock } from './core/clock.js';
import type { Logger } from './core/logger.js';
import type { SealedBox } from './core/sealed-box.js';
import type { Database } from './db/database.js';
import type { JobQueues } from './queue/job-queues.js';

export interface AppContext {
  config: Config;
  logger: Logger;
  clock: Clock;
  db: Database;
  queues: JobQueues;
  sealedBox: SealedBox;
}
