// An administrator loads the Zalo OA's first refresh token (from the Zalo developer console). It is
// exchanged at once — which also proves it works — and the new pair is stored sealed; from then on
// the app refreshes it by itself. Run it again if the app ever logs that Zalo refused the token.
import { storeZaloTokenFromRefreshToken } from '../../../bots/zalo/index.js';
import { loadOrCreateEncryptionKey } from '../../core/data-dir.js';
import { createSealedBox } from '../../core/sealed-box.js';
import { openCliDatabase } from '../cli-context.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';

export const zaloTokenCommand: CliCommand = {
  name: 'zalo:token',
  usage: 'langnghe zalo:token <refresh-token>',
  async run(args) {
    const { positionals } = parseCliArgs(args, {});
    const [refreshToken, extra] = positionals;
    if (!refreshToken || extra) throw new UsageError('Cần đúng một refresh token của OA.');
    const { config, db, close } = await openCliDatabase();
    try {
      if (!config.zalo) {
        throw new UsageError('Chưa cấu hình Zalo: cần ZALO_APP_ID, ZALO_APP_SECRET và ZALO_OA_SECRET_KEY.');
      }
      const key = config.encryptionKey ?? (await loadOrCreateEncryptionKey(config.dataDir)).key;
      const stored = await storeZaloTokenFromRefreshToken(
        { db, sealedBox: createSealedBox(key) },
        config.zalo,
        refreshToken,
      );
      console.log(
        [
          `Đã lưu cặp token của Zalo OA (phiên bản ${stored.version}); access token hết hạn lúc ${stored.expiresAt.toISOString()}.`,
          'Ứng dụng sẽ tự làm mới token. Refresh token vừa dùng đã hết hiệu lực: đừng dùng lại nó.',
        ].join('\n'),
      );
    } finally {
      await close();
    }
  },
};
