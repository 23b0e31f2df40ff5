// What a CLI command that needs the database gets: the same config, lock and migrations as the app.
import path from 'node:path';
import { loadConfig, type Config } from '../config/config.js';
import { lockDataDir } from '../core/data-dir.js';
import { openDatabase, type Database } from '../db/database.js';

export interface CliDatabase {
  config: Config;
  db: Database;
  close(): Promise<void>;
}

export async function openCliDatabase(): Promise<CliDatabase> {
  const config = loadConfig();
  const unlock = config.databaseUrl ? async () => {} : await lockDataDir(config.dataDir);
  try {
    const db = await openDatabase({
      databaseUrl: config.databaseUrl,
      embeddedDir: path.join(config.dataDir, 'pgdata'),
    });
    await db.migrate();
    return {
      config,
      db,
      async close() {
        await db.close();
        await unlock();
      },
    };
  } catch (err) {
    await unlock();
    throw err;
  }
}
