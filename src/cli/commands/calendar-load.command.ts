// An administrator loads a year's official notice (or the organisation's own days) from a JSON
// file: [{ "date": "2027-02-05", "type": "day_off", "name": "Tết Nguyên đán", "source": "…" }, …]
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { setCalendarDays } from '../../calendar/calendar-days.service.js';
import { ZCalendarOverrideSchema } from '../../calendar/calendar-override.js';
import { withDirectoryContext } from '../directory-cli.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';

export const calendarLoadCommand: CliCommand = {
  name: 'calendar:load',
  usage: 'langnghe calendar:load <file.json> [--org <code>]',
  async run(args) {
    const { positionals, values } = parseCliArgs(args, { org: { type: 'string' } });
    const file = positionals[0];
    if (!file) throw new UsageError('Cần đường dẫn tệp JSON.');
    let entries;
    try {
      entries = z
        .array(ZCalendarOverrideSchema)
        .min(1)
        .parse(JSON.parse(await readFile(file, 'utf8')));
    } catch (err) {
      throw new UsageError(
        `Tệp ${file} không hợp lệ: ${err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (err as Error).message}`,
      );
    }
    const { organizationId, count } = await withDirectoryContext((ctx) =>
      setCalendarDays(ctx, {
        ...(values.org ? { organizationCode: values.org } : {}),
        days: entries.map((e) => ({ ...e, source: e.source || file })),
      }),
    );
    console.log(`Đã nạp ${count} ngày vào lịch ${organizationId ? `của đơn vị ${values.org}` : 'chung'}.`);
  },
};
