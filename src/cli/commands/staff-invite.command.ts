// An administrator issues a one-time invite code; the staff member sends /thamgia <code> to the bot.
import { issueStaffInvite, DEFAULT_INVITE_HOURS } from '../../directory/staff-invite.js';
import { staffIdByFullName } from '../../directory/resolve-staff.js';
import { formatVietnamTime } from '../../hotline/duty-shift.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';
import { withDirectoryContext } from '../directory-cli.js';

export const staffInviteCommand: CliCommand = {
  name: 'staff:invite',
  usage: `langnghe staff:invite <staffId> [--hours <n>]\n   or: langnghe staff:invite --org <orgCode> --name <full name> [--hours <n>]\n  The code is valid ${DEFAULT_INVITE_HOURS} hours by default and for one use; a new code replaces an unused one.`,
  async run(args) {
    const { values, positionals } = parseCliArgs(args, {
      org: { type: 'string' },
      name: { type: 'string' },
      hours: { type: 'string' },
    });
    const [given, extra] = positionals;
    if (extra || (!given && !(values.org && values.name)) || (given && (values.org || values.name))) {
      throw new UsageError('Cần mã cán bộ, hoặc --org và --name.');
    }
    const hours = values.hours === undefined ? undefined : Number(values.hours);
    if (hours !== undefined && !Number.isInteger(hours)) throw new UsageError('--hours phải là số nguyên.');

    const issued = await withDirectoryContext(async (ctx) => {
      const staffId = given || (await staffIdByFullName(ctx, values.org!, values.name!));
      return issueStaffInvite(ctx, { staffId, ...(hours !== undefined ? { validForHours: hours } : {}) });
    });
    console.log(
      [
        `Mã mời: ${issued.code}`,
        `Hiệu lực đến ${formatVietnamTime(issued.expiresAt)} (giờ Việt Nam), dùng một lần.`,
        `Cán bộ gửi cho bot Telegram: /thamgia ${issued.code}`,
        'Mã chỉ hiển thị lần này; hãy chuyển trực tiếp cho cán bộ.',
      ].join('\n'),
    );
  },
};
