// `langnghe restore <file> [--key-file FILE]`: a backup into an empty database and DATA_DIR
// (docs/decisions/0022). Everything that can refuse does so before anything is written.
import { access, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BackupFileError, keyFingerprint, type BackupHeader } from '../../backup/backup-format.js';
import { encryptionKeyFile, findRunningKey, readKeyFile } from '../../backup/backup-key.js';
import { readBackupHeader, restoreIntoEmptyTarget, verifyBackupFile } from '../../backup/restore-backup.js';
import { loadConfig, type Config } from '../../config/config.js';
import { readMigrationList } from '../../db/schema-engine.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';
import { lockStoppedDataDir } from '../cli-context.js';

function damaged(err: BackupFileError): Error {
  return new Error(
    [
      `Tệp sao lưu hỏng hoặc không trọn vẹn; không có gì bị thay đổi. (${err.message})`,
      `The backup file is damaged or incomplete; nothing was changed. (${err.message})`,
    ].join('\n'),
    { cause: err },
  );
}

/**
 * The key the restored app will run with, checked against the backup's fingerprint: restoring
 * under another key would leave every sealed identity unreadable, so it is refused.
 */
async function keyForRestore(
  config: Config,
  header: BackupHeader,
  keyFile: string | undefined,
): Promise<{ key: Buffer; writeToDataDir: boolean }> {
  const running = await findRunningKey(config);
  const given = keyFile ? await readKeyFile(path.resolve(keyFile)) : undefined;
  if (keyFile && !given) throw new Error(`Không tìm thấy ${keyFile}. / ${keyFile} not found.`);
  if (given && running && !given.equals(running.key)) {
    throw new Error(
      [
        `Ứng dụng sẽ chạy với một khóa khác (${running.where}), không phải khóa trong ${keyFile}.`,
        `The app would run with another key (${running.where}), not the one in ${keyFile}.`,
      ].join('\n'),
    );
  }
  const key = given ?? running?.key;
  if (!key) {
    throw new Error(
      [
        'Cần khóa mã hóa của bản sao lưu: --key-file <tệp encryption.key> hoặc ENCRYPTION_KEY.',
        'The backup’s encryption key is needed: --key-file <encryption.key file> or ENCRYPTION_KEY.',
      ].join('\n'),
    );
  }
  if (keyFingerprint(key) !== header.keyFingerprint) {
    throw new Error(
      [
        'Khóa mã hóa không phải khóa của bản sao lưu này; không khôi phục. Thiếu khóa gốc, danh tính của mọi',
        'người gửi (đã mã hóa) sẽ mất vĩnh viễn. Hãy dùng đúng tệp encryption.key / ENCRYPTION_KEY đã cất giữ.',
        'This is not the encryption key of this backup; nothing was restored. Without the original key every',
        'sender identity (sealed with it) is lost for good. Use the encryption.key / ENCRYPTION_KEY kept apart.',
      ].join('\n'),
    );
  }
  return { key, writeToDataDir: !config.databaseUrl && !running };
}

export const restoreCommand: CliCommand = {
  name: 'restore',
  usage: 'langnghe restore <file> [--key-file FILE]',
  async run(args) {
    const { positionals, values } = parseCliArgs(args, { 'key-file': { type: 'string' } });
    const [file, extra] = positionals;
    if (!file || extra) throw new UsageError('Cần đúng một tệp sao lưu. / Give exactly one backup file.');
    const backupFile = path.resolve(file);
    if (
      !(await access(backupFile).then(
        () => true,
        () => false,
      ))
    ) {
      throw new Error(`Không tìm thấy ${backupFile}. / ${backupFile} not found.`);
    }
    const config = loadConfig();

    let header: BackupHeader;
    let verified;
    try {
      header = await readBackupHeader(backupFile);
      const { key, writeToDataDir } = await keyForRestore(config, header, values['key-file']);
      console.error('Đang kiểm tra tệp sao lưu … / Checking the backup file …');
      verified = await verifyBackupFile(backupFile);
      const known = (await readMigrationList()).migrationDirectories.map((d) => d.path);
      const unknown = header.migrations.filter((m) => !known.includes(m));
      if (unknown.length > 0) {
        throw new Error(
          [
            `Bản sao lưu được tạo bởi phiên bản mới hơn (migration lạ: ${unknown.join(', ')}). Hãy cập nhật ứng dụng trước.`,
            `The backup was made by a newer version (unknown migrations: ${unknown.join(', ')}). Update the app first.`,
          ].join('\n'),
        );
      }
      const unlock = config.databaseUrl ? async () => {} : await lockStoppedDataDir(config.dataDir);
      try {
        await restoreIntoEmptyTarget({
          databaseUrl: config.databaseUrl,
          dataDir: config.dataDir,
          file: backupFile,
          header,
          progress: (line) => console.error(line),
        });
      } finally {
        await unlock();
      }
      if (writeToDataDir) {
        await writeFile(encryptionKeyFile(config.dataDir), key.toString('base64') + '\n', {
          mode: 0o600,
          flag: 'wx',
        });
      }
    } catch (err) {
      if (err instanceof BackupFileError) throw damaged(err);
      throw err;
    }
    const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : config.dataDir;
    console.log(
      [
        `Đã khôi phục ${header.tables.length} bảng, ${verified.rows} dòng, ${verified.files} tệp vào ${where}.`,
        `Restored ${header.tables.length} tables, ${verified.rows} rows, ${verified.files} files (backup of ${header.createdAt}).`,
        'Khởi động ứng dụng: các việc đang chờ trong hàng đợi sẽ được tạo lại. / Start the app: queued work is re-created.',
      ].join('\n'),
    );
  },
};
