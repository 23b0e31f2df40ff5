// `langnghe backup [file]`: the whole installation in one file, without the encryption key
// (docs/decisions/0022). The embedded database must be stopped; PostgreSQL may keep running.
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { encryptionKeyFile, findRunningKey } from '../../backup/backup-key.js';
import { writeBackup } from '../../backup/write-backup.js';
import { loadConfig } from '../../config/config.js';
import { PROJECT_ROOT } from '../../core/project-root.js';
import { openSqlConnection } from '../../db/sql-connection.js';
import { lockStoppedDataDir } from '../cli-context.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';

function defaultFileName(now: Date): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `langnghe-backup-${stamp}.jsonl.gz`;
}

export const backupCommand: CliCommand = {
  name: 'backup',
  usage: 'langnghe backup [file]   (default: ./langnghe-backup-<UTC date-time>.jsonl.gz)',
  async run(args) {
    const { positionals } = parseCliArgs(args, {});
    if (positionals.length > 1) throw new UsageError('Chỉ cần một tên tệp. / Give at most one file name.');
    const config = loadConfig();
    const now = new Date();
    const outputFile = path.resolve(positionals[0] ?? defaultFileName(now));
    if (
      await access(outputFile).then(
        () => true,
        () => false,
      )
    ) {
      throw new Error(
        `Tệp ${outputFile} đã có; không ghi đè. / ${outputFile} exists; it is not overwritten.`,
      );
    }

    let unlock = async () => {};
    if (!config.databaseUrl) {
      const pgdata = path.join(config.dataDir, 'pgdata');
      if (
        !(await access(pgdata).then(
          () => true,
          () => false,
        ))
      ) {
        throw new Error(
          `Không có cơ sở dữ liệu trong ${config.dataDir} (DATA_DIR). / There is no database in ${config.dataDir} (DATA_DIR).`,
        );
      }
      unlock = await lockStoppedDataDir(config.dataDir);
    }
    try {
      const found = await findRunningKey(config);
      if (!found) {
        throw new Error(
          [
            `Không tìm thấy khóa mã hóa (ENCRYPTION_KEY hoặc ${encryptionKeyFile(config.dataDir)}).`,
            `No encryption key found (ENCRYPTION_KEY or ${encryptionKeyFile(config.dataDir)}).`,
          ].join('\n'),
        );
      }
      const pkg = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
        version: string;
      };
      const conn = await openSqlConnection({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      console.error(`Đang sao lưu (${conn.kind}) vào ${outputFile} … / Backing up to ${outputFile} …`);
      let summary;
      try {
        summary = await writeBackup({
          conn,
          dataDir: config.dataDir,
          key: found.key,
          outputFile,
          appVersion: pkg.version,
          now,
          progress: (line) => console.error(line),
        });
      } finally {
        await conn.close();
      }
      console.log(
        [
          `Đã sao lưu ${summary.tables.length} bảng, ${summary.rows} dòng, ${summary.files} tệp (${summary.fileBytes} byte) vào:`,
          `  ${outputFile}`,
          `Backed up ${summary.tables.length} tables, ${summary.rows} rows, ${summary.files} files.`,
          '',
          'QUAN TRỌNG: khóa mã hóa KHÔNG nằm trong bản sao lưu. Khóa đang ở:',
          `  ${found.where}`,
          'Hãy cất giữ khóa riêng, tách khỏi bản sao lưu. Mất khóa là mất danh tính của mọi người gửi.',
          'IMPORTANT: the encryption key is NOT in the backup. Keep it separately, apart from the backup:',
          'without it every sender identity is lost; with both together, a thief has everything.',
        ].join('\n'),
      );
    } finally {
      await unlock();
    }
  },
};
