// An administrator without Telegram gets a one-time sign-in link to the web console here. The link
// is printed once and never logged; whoever opens it first signs in as that staff member.
import { systemClock } from '../../core/clock.js';
import { createLogger } from '../../core/logger.js';
import { staffIdByFullName } from '../../directory/resolve-staff.js';
import { formatVietnamTime } from '../../hotline/duty-shift.js';
import { absoluteConsoleUrl, issueConsoleSignInLink } from '../../console/console-sessions.js';
import { openCliDatabase } from '../cli-context.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';

export const consoleLinkCommand: CliCommand = {
  name: 'console:link',
  usage:
    'langnghe console:link --staff <staffId>\n   or: langnghe console:link --org <orgCode> --name <full name>\n  The link works once, for CONSOLE_LINK_TTL_MINUTES (10 by default); its address starts with PUBLIC_URL.',
  async run(args) {
    const { values, positionals } = parseCliArgs(args, {
      staff: { type: 'string' },
      org: { type: 'string' },
      name: { type: 'string' },
    });
    const byName = values.org !== undefined && values.name !== undefined;
    if (
      positionals.length > 0 ||
      (values.staff === undefined) === !byName ||
      (values.staff && (values.org || values.name))
    ) {
      throw new UsageError('Cần --staff <mã cán bộ>, hoặc --org và --name.');
    }
    const { config, db, close } = await openCliDatabase();
    try {
      const logger = createLogger(config.logLevel === 'silent' ? 'silent' : 'warn');
      const ctx = { config, db, clock: systemClock, logger };
      const staffId = values.staff || (await staffIdByFullName(ctx, values.org!, values.name!));
      const link = await issueConsoleSignInLink(ctx, { staffId, via: 'cli' });
      console.log(
        [
          `Liên kết đăng nhập: ${absoluteConsoleUrl(config.publicUrl, link.path)}`,
          ...(config.publicUrl
            ? []
            : ['(PUBLIC_URL chưa đặt: hãy thêm địa chỉ của máy chủ phía trước đường dẫn.)']),
          `Hiệu lực đến ${formatVietnamTime(link.expiresAt)} (giờ Việt Nam), dùng một lần.`,
          'Chỉ chuyển liên kết này trực tiếp cho đúng cán bộ.',
        ].join('\n'),
      );
    } finally {
      await close();
    }
  },
};
