// What a CLI command that needs the database gets: the same config, lock and migrations as the app.
import path from 'node:path';
import { loadConfig, type Config } from '../config/config.js';
import { DataDirLockedError, lockDataDir } from '../core/data-dir.js';
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
      embeddedSharedBuffersMb: config.embeddedDbSharedBuffersMb,
      preparedStatements: config.databasePreparedStatements,
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

/** The embedded database serves one process: a running app must be stopped, not copied under. */
export async function lockStoppedDataDir(dataDir: string): Promise<() => Promise<void>> {
  try {
    return await lockDataDir(dataDir);
  } catch (err) {
    if (!(err instanceof DataDirLockedError)) throw err;
    throw new Error(
      [
        `Ứng dụng đang chạy trên ${dataDir}: hãy dừng ứng dụng trước (cơ sở dữ liệu nhúng chỉ phục vụ một tiến trình).`,
        `The app is running on ${dataDir}: stop the app first (the embedded database serves one process).`,
        err.message,
      ].join('\n'),
      { cause: err },
    );
  }
}
