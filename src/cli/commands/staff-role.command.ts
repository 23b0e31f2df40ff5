// An administrator grants or withdraws roles of a staff member.
import { grantStaffRole, revokeStaffRole } from '../../directory/create-staff.js';
import { formatStaffRole } from '../../directory/staff-role-spec.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';
import { withDirectoryContext } from '../directory-cli.js';
import { parseRoleOptions } from './staff-create.command.js';

export const staffRoleCommand: CliCommand = {
  name: 'staff:role',
  usage: 'langnghe staff:role <staffId> [--add <role>[@unitCode] …] [--remove <role>[@unitCode] …]',
  async run(args) {
    const { values, positionals } = parseCliArgs(args, {
      add: { type: 'string', multiple: true },
      remove: { type: 'string', multiple: true },
    });
    const [staffId, extra] = positionals;
    if (!staffId || extra) throw new UsageError('Cần đúng một mã cán bộ.');
    const add = parseRoleOptions(values.add);
    const remove = parseRoleOptions(values.remove);
    if (!add.length && !remove.length) throw new UsageError('Cần ít nhất một --add hoặc --remove.');
    const lines = await withDirectoryContext(async (ctx) => {
      const out: string[] = [];
      for (const spec of add) {
        const done = await grantStaffRole(ctx, { staffId, ...spec });
        out.push(`${done ? 'Đã cấp' : 'Đã có sẵn'} vai trò ${formatStaffRole(spec.role, spec.unitCode)}.`);
      }
      for (const spec of remove) {
        const done = await revokeStaffRole(ctx, { staffId, ...spec });
        out.push(`${done ? 'Đã thu hồi' : 'Không có'} vai trò ${formatStaffRole(spec.role, spec.unitCode)}.`);
      }
      return out;
    });
    console.log(lines.join('\n'));
  },
};
