// An administrator puts a hotline officer on duty for a period, and lists the roster.
import { AppError } from '../../core/app-error.js';
import { findOrganizationByCode } from '../../directory/directory.repository.js';
import { listDutyShifts, setDutyShift, whoIsOnDuty } from '../../hotline/duty-roster.js';
import { formatVietnamTime, parseShiftInstant } from '../../hotline/duty-shift.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';
import { withDirectoryContext } from '../directory-cli.js';
import type { DirectoryContext } from '../../directory/directory-context.js';

async function organizationId(ctx: DirectoryContext, code: string): Promise<string> {
  const org = await findOrganizationByCode(ctx.db.prisma, code);
  if (!org) throw new AppError('not_found', `Không tìm thấy đơn vị có mã "${code}".`);
  return org.id;
}

export const dutySetCommand: CliCommand = {
  name: 'duty:set',
  usage:
    'langnghe duty:set --org <orgCode> --staff <staffId> --from <time> --to <time>\n' +
    '  time: 2026-03-02T07:00 (Vietnam time) or with an offset, 2026-03-02T00:00Z',
  async run(args) {
    const { values, positionals } = parseCliArgs(args, {
      org: { type: 'string' },
      staff: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
    });
    if (positionals.length) throw new UsageError(`Tham số thừa: ${positionals.join(' ')}`);
    if (!values.org || !values.staff || !values.from || !values.to) {
      throw new UsageError('Cần --org, --staff, --from và --to.');
    }
    const shift = await withDirectoryContext(async (ctx) =>
      setDutyShift(ctx, {
        organizationId: await organizationId(ctx, values.org!),
        staffId: values.staff!,
        startsAt: values.from!,
        endsAt: values.to!,
      }),
    );
    console.log(
      `Đã xếp ${shift.fullName} trực đường dây nóng từ ${formatVietnamTime(shift.startsAt)} đến ${formatVietnamTime(shift.endsAt)} (giờ Việt Nam).` +
        (shift.telegramUserId
          ? ''
          : '\nLưu ý: cán bộ chưa tham gia bot Telegram nên chưa nhận được tin khẩn.'),
    );
  },
};

export const dutyListCommand: CliCommand = {
  name: 'duty:list',
  usage: 'langnghe duty:list --org <orgCode> [--from <time>] [--days <n, default 7>]',
  async run(args) {
    const { values, positionals } = parseCliArgs(args, {
      org: { type: 'string' },
      from: { type: 'string' },
      days: { type: 'string' },
    });
    if (positionals.length) throw new UsageError(`Tham số thừa: ${positionals.join(' ')}`);
    if (!values.org) throw new UsageError('Cần --org.');
    const from = values.from ? parseShiftInstant(values.from) : new Date();
    if (!from) throw new UsageError(`Thời điểm không hợp lệ: "${values.from}".`);
    const days = values.days ? Number(values.days) : 7;
    if (!Number.isInteger(days) || days < 1 || days > 92) throw new UsageError('--days từ 1 đến 92.');
    const { onDuty, roster } = await withDirectoryContext(async (ctx) => {
      const orgId = await organizationId(ctx, values.org!);
      return {
        onDuty: await whoIsOnDuty(ctx, orgId, from),
        roster: await listDutyShifts(ctx, orgId, from, new Date(from.getTime() + days * 86_400_000)),
      };
    });
    const line = (s: (typeof roster)[number]) =>
      `  ${formatVietnamTime(s.startsAt)} → ${formatVietnamTime(s.endsAt)}  ${s.fullName} (${s.staffId})`;
    console.log(
      [
        onDuty.length
          ? `Đang trực lúc ${formatVietnamTime(from)}: ${onDuty.map((s) => s.fullName).join(', ')}`
          : `Không ai trực lúc ${formatVietnamTime(from)}.`,
        `Lịch trực ${days} ngày tới:`,
        ...(roster.length ? roster.map(line) : ['  (trống)']),
      ].join('\n'),
    );
  },
};
