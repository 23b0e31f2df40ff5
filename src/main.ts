// Process entry point: `tsx src/main.ts [all|web|worker]`.
import { ConfigError, loadConfig } from './config/config.js';
import { createLogger } from './core/logger.js';
import { startApp, type ProcessRole } from './bootstrap.js';
import { lowerProcessPriority } from './core/process-priority.js';

const role = (process.argv[2] ?? 'all') as ProcessRole;
if (!['all', 'web', 'worker'].includes(role)) {
  console.error(`Unknown process role "${role}". Use one of: all, web, worker.`);
  process.exit(2);
}

let config;
try {
  config = loadConfig();
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
const logger = createLogger(config.logLevel);
if (role === 'worker' && config.workerNice > 0) {
  try {
    logger.info({ nice: lowerProcessPriority(config.workerNice) }, 'worker CPU priority lowered');
  } catch (err) {
    logger.warn({ err: { message: (err as Error).message } }, 'worker CPU priority could not be lowered');
  }
}

try {
  const app = await startApp(role, config, { logger });
  if (app.url) {
    logger.info({ url: app.url, role }, 'ready');
    console.log(`\nLắng Nghe is running at ${app.url}  (role: ${role}; stop with Ctrl-C)\n`);
  } else {
    logger.info({ role }, 'ready');
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    app.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  logger.fatal({ err: { name: (err as Error)?.name, message } }, 'start-up failed');
  console.error(`\nLắng Nghe could not start: ${message}\n`);
  process.exit(1);
}
