// An administrator adds a staff member with their roles; the invite comes next (staff:invite).
import { createStaff } from '../../directory/create-staff.js';
import { formatStaffRole, parseStaffRoleSpec, type StaffRoleSpec } from '../../directory/staff-role-spec.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';
import { withDirectoryContext } from '../directory-cli.js';

export function parseRoleOptions(values: string[] | undefined): StaffRoleSpec[] {
  return (values ?? []).map((value) => {
    const parsed = parseStaffRoleSpec(value);
    if (!parsed.ok) throw new UsageError(parsed.message);
    return parsed.spec;
  });
}

export const staffCreateCommand: CliCommand = {
  name: 'staff:create',
  usage:
    'langnghe staff:create --org <orgCode> --name <full name> [--title <title>] --role <role>[@unitCode] [--role …]\n' +
    '  roles: admin, receiver, handler, unit_head, leader, inspector, hotline\n' +
    '  handler and unit_head need a unit (handler@ta-knoi); the others without @ cover the whole organisation.',
  async run(args) {
    const { values, positionals } = parseCliArgs(args, {
      org: { type: 'string' },
      name: { type: 'string' },
      title: { type: 'string' },
      role: { type: 'string', multiple: true },
    });
    if (positionals.length) throw new UsageError(`Tham số thừa: ${positionals.join(' ')}`);
    if (!values.org || !values.name) throw new UsageError('Cần --org và --name.');
    const roles = parseRoleOptions(values.role);
    if (!roles.length) throw new UsageError('Cần ít nhất một --role.');
    const staff = await withDirectoryContext((ctx) =>
      createStaff(ctx, {
        organizationCode: values.org!,
        fullName: values.name!,
        ...(values.title ? { title: values.title } : {}),
        roles,
      }),
    );
    console.log(
      [
        `Đã tạo cán bộ ${staff.fullName}, mã cán bộ ${staff.id}.`,
        `Vai trò: ${staff.roles.map((r) => formatStaffRole(r.role, r.unitCode)).join(', ')}.`,
        `Cấp mã mời để cán bộ tham gia bot: langnghe staff:invite ${staff.id}`,
      ].join('\n'),
    );
  },
};
