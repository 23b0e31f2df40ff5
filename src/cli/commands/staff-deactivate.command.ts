// An administrator deactivates a staff member (the console's "Ngừng hoạt động", same use case):
// they keep their history and can no longer act or join the bot.
import { deactivateStaff } from '../../directory/create-staff.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';
import { withDirectoryContext } from '../directory-cli.js';

export const staffDeactivateCommand: CliCommand = {
  name: 'staff:deactivate',
  usage: 'langnghe staff:deactivate <staffId>',
  async run(args) {
    const { positionals } = parseCliArgs(args, {});
    const [staffId, extra] = positionals;
    if (!staffId || extra) throw new UsageError('Cần đúng một mã cán bộ.');
    const done = await withDirectoryContext((ctx) => deactivateStaff(ctx, { staffId }));
    console.log(
      done ? 'Đã ngừng hoạt động tài khoản cán bộ.' : 'Tài khoản cán bộ đã ngừng hoạt động từ trước.',
    );
  },
};
