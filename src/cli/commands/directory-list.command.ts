// Prints the directory as a tree: organisations under their managing bodies, units, staff, roles.
import { listDirectoryTree, type DirectoryOrganization } from '../../directory/list-directory.js';
import { formatStaffRole } from '../../directory/staff-role-spec.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';
import { withDirectoryContext } from '../directory-cli.js';

export function formatDirectory(roots: DirectoryOrganization[]): string {
  const lines: string[] = [];
  const walk = (org: DirectoryOrganization, depth: number) => {
    const pad = '  '.repeat(depth);
    const hotline = org.hotlineNumbers.length ? `; đường dây nóng: ${org.hotlineNumbers.join(', ')}` : '';
    lines.push(`${pad}${org.name} [${org.code}] — ${org.kind}${hotline}`);
    lines.push(`${pad}  Khoa/phòng (${org.units.length}):`);
    for (const u of org.units) {
      const flags = [
        u.telegramGroupLinked ? 'nhóm Telegram: đã gắn' : 'nhóm Telegram: chưa gắn',
        u.active ? null : 'ngừng hoạt động',
      ]
        .filter(Boolean)
        .join('; ');
      lines.push(`${pad}    ${u.code.padEnd(12)} ${u.name} (${flags})`);
    }
    lines.push(`${pad}  Cán bộ (${org.staff.length}):`);
    for (const s of org.staff) {
      const roles = s.roles.map((r) => formatStaffRole(r.role, r.unitCode)).join(', ') || 'chưa có vai trò';
      const flags = [
        s.telegramLinked ? 'Telegram: đã tham gia' : 'Telegram: chưa tham gia',
        s.active ? null : 'ngừng hoạt động',
      ]
        .filter(Boolean)
        .join('; ');
      lines.push(`${pad}    ${s.id}  ${s.fullName}${s.title ? ` — ${s.title}` : ''} — ${roles} (${flags})`);
    }
    for (const child of org.children) walk(child, depth + 1);
  };
  for (const root of roots) walk(root, 0);
  return lines.join('\n');
}

export const directoryListCommand: CliCommand = {
  name: 'directory:list',
  usage: 'langnghe directory:list [--org <orgCode>]',
  async run(args) {
    const { values, positionals } = parseCliArgs(args, { org: { type: 'string' } });
    if (positionals.length) throw new UsageError(`Tham số thừa: ${positionals.join(' ')}`);
    const roots = await withDirectoryContext((ctx) =>
      listDirectoryTree(ctx, values.org ? { organizationCode: values.org } : {}),
    );
    console.log(
      roots.length
        ? formatDirectory(roots)
        : 'Chưa có đơn vị nào (chạy langnghe seed hoặc langnghe org:create).',
    );
  },
};
