// An administrator loads a year's official notice (or the organisation's own days) from a JSON
// file: [{ "date": "2027-02-05", "type": "day_off", "name": "Tết Nguyên đán", "source": "…" }, …]
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { toDbDate } from '../../calendar/local-date.js';
import { ZCalendarOverrideSchema } from '../../calendar/calendar-override.js';
import { findOrganizationByCode } from '../../intake/intake.repository.js';
import { openCliDatabase } from '../cli-context.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';

export const calendarLoadCommand: CliCommand = {
  name: 'calendar:load',
  summary: 'Load days off and swapped working days from a JSON file (national, or --org)',
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
    const { db, close } = await openCliDatabase();
    try {
      const org = values.org ? await findOrganizationByCode(db.prisma, values.org) : null;
      if (values.org && !org) throw new UsageError(`Không tìm thấy đơn vị có mã "${values.org}".`);
      await db.prisma.$transaction(async (tx) => {
        for (const e of entries) {
          const where = { organizationId: org?.id ?? null, date: toDbDate(e.date) };
          const existing = await tx.calendarDay.findFirst({ where });
          const data = { type: e.type, name: e.name, source: e.source ?? file };
          if (existing) await tx.calendarDay.update({ where: { id: existing.id }, data });
          else await tx.calendarDay.create({ data: { ...where, ...data } });
        }
      });
      console.log(`Đã nạp ${entries.length} ngày vào lịch ${org ? `của ${org.name}` : 'chung'}.`);
    } finally {
      await close();
    }
  },
};
