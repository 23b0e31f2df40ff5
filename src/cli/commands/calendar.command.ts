import { formatVietnameseDateWithWeekday } from '../../calendar/local-date.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';
import { deadlineSettingsFor } from '../deadline-settings.js';

export const calendarCommand: CliCommand = {
  name: 'calendar',
  usage: 'langnghe calendar <year> [--org <code>]',
  async run(args) {
    const { positionals, values } = parseCliArgs(args, { org: { type: 'string' } });
    const year = Number(positionals[0]);
    if (!Number.isInteger(year) || year < 1900 || year > 2199)
      throw new UsageError('Cần một năm, ví dụ: langnghe calendar 2026');
    const { settings, label } = await deadlineSettingsFor(values.org);
    const days = settings.calendar.listDaysOff(year);
    const off = days.filter((d) => !d.working);
    const swapped = days.filter((d) => d.working);
    const line = (d: (typeof days)[number]) =>
      `  ${formatVietnameseDateWithWeekday(d.date).padEnd(22)} ${d.name ?? ''}${d.source ? `  [${d.source}]` : ''}`;
    console.log(`Năm ${year} — ${label}. Nghỉ hằng tuần: Thứ Bảy, Chủ nhật.\n`);
    console.log(`Ngày nghỉ lễ, Tết và nghỉ bù (${off.length} ngày):`);
    console.log(off.map(line).join('\n') || '  (không có)');
    console.log(`\nNgày cuối tuần đi làm bù (${swapped.length} ngày):`);
    console.log(swapped.map(line).join('\n') || '  (không có)');
  },
};
