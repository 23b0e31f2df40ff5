import { parseUserDate } from '../../calendar/local-date.js';
import { explainDueDate } from '../../deadlines/explain-due-date.js';
import { openClock } from '../../deadlines/open-clock.js';
import { CLOCK_KINDS, type ClockKind } from '../../deadlines/time-limit.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';
import { deadlineSettingsFor } from '../deadline-settings.js';

export const dueCommand: CliCommand = {
  name: 'due',
  usage: `langnghe due <clock> <start-date: YYYY-MM-DD or dd/mm/yyyy> [--org <code>] [--remote-area]\n  clocks: ${CLOCK_KINDS.join(', ')}`,
  async run(args) {
    const { positionals, values } = parseCliArgs(args, {
      org: { type: 'string' },
      'remote-area': { type: 'boolean' },
    });
    const [kind, start] = positionals;
    if (!kind || !(CLOCK_KINDS as readonly string[]).includes(kind))
      throw new UsageError(`Không có thời hạn "${kind ?? ''}".`);
    let startedOn;
    try {
      startedOn = parseUserDate(start ?? '');
    } catch {
      throw new UsageError(`Ngày bắt đầu không hợp lệ: "${start ?? ''}".`);
    }
    const { settings, label } = await deadlineSettingsFor(values.org);
    const { ruleSet, limit, clock } = openClock({
      ruleSets: settings.ruleSets,
      orgInternalLimits: settings.internalLimits,
      kind: kind as ClockKind,
      startedOn,
      ...(values['remote-area'] ? { variant: 'remote_area' as const } : {}),
    });
    console.log(`${limit.description}`);
    console.log(`Căn cứ: ${limit.sourceArticle} — bộ thời hạn ${ruleSet.code} (${ruleSet.name}); ${label}.`);
    console.log(explainDueDate(clock, settings.calendar).join('\n'));
  },
};
