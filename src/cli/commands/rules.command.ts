import { formatVietnameseDate, parseUserDate, toVietnamDate } from '../../calendar/local-date.js';
import { selectRuleSet } from '../../deadlines/rule-selection.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';
import { deadlineSettingsFor } from '../deadline-settings.js';

export const rulesCommand: CliCommand = {
  name: 'rules',
  usage: 'langnghe rules [--on <date>] [--org <code>]',
  async run(args) {
    const { values } = parseCliArgs(args, { on: { type: 'string' }, org: { type: 'string' } });
    let on;
    try {
      on = values.on ? parseUserDate(values.on) : toVietnamDate(new Date());
    } catch {
      throw new UsageError(`Ngày không hợp lệ: "${values.on}".`);
    }
    const { settings, label } = await deadlineSettingsFor(values.org);
    const set = selectRuleSet(settings.ruleSets, on);
    console.log(
      `Bộ thời hạn ${set.code} — ${set.name}, hiệu lực từ ${formatVietnameseDate(set.effectiveFrom)}; áp dụng cho thời hạn bắt đầu ngày ${formatVietnameseDate(on)}; ${label}.`,
    );
    console.log(`Nguồn: ${set.source}\n`);
    for (const r of set.rules) {
      const unit = r.dayType === 'working' ? 'ngày làm việc' : 'ngày';
      const ext = r.extension
        ? `; gia hạn tối đa ${r.extension.maxCount} lần${r.maxDays ? `, tổng không quá ${r.maxDays} ${unit}` : ''}`
        : '';
      const own = settings.internalLimits.find((l) => l.clockKind === r.clockKind);
      console.log(`${r.clockKind.padEnd(32)} ${String(r.days).padStart(3)} ${unit}${ext}`);
      console.log(`${''.padEnd(32)} ${r.description} — ${r.sourceArticle}${r.note ? ` (${r.note})` : ''}`);
      if (own)
        console.log(
          `${''.padEnd(32)} đơn vị quy định: ${own.days} ${own.dayType === 'working' ? 'ngày làm việc' : 'ngày'}`,
        );
    }
    const others = settings.ruleSets.filter((s) => s.code !== set.code);
    if (others.length)
      console.log(
        `\nCác bộ khác: ${others.map((s) => `${s.code} (từ ${formatVietnameseDate(s.effectiveFrom)})`).join(', ')}.`,
      );
  },
};
