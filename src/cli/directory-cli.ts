// What directory, routing and hotline commands run with: the database, the system clock and a
// logger, opened for one command and closed after it.
import { systemClock } from '../core/clock.js';
import { createLogger } from '../core/logger.js';
import type { DirectoryContext } from '../directory/directory-context.js';
import { openCliDatabase } from './cli-context.js';

export async function withDirectoryContext<T>(run: (ctx: DirectoryContext) => Promise<T>): Promise<T> {
  const { config, db, close } = await openCliDatabase();
  try {
    // Warnings only: an administrator's terminal is for the command's own output.
    const logger = createLogger(config.logLevel === 'silent' ? 'silent' : 'warn');
    return await run({ db, clock: systemClock, logger });
  } finally {
    await close();
  }
}
