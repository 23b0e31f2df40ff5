// `langnghe export cases|events --org <code> --from YYYY-MM-DD --to YYYY-MM-DD --format csv|jsonl
// --out <file>`: the inspection export (src/reports/periodic/inspection-export.ts). Streams page by
// page; progress goes to stderr so stdout can carry the data.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { z } from 'zod';
import { addDays, parseLocalDate, toVietnamDate, vietnamDayStart } from '../../calendar/local-date.js';
import { systemClock } from '../../core/clock.js';
import { findOrganizationByCode } from '../../directory/directory.repository.js';
import {
  EXPORT_FORMATS,
  EXPORT_KINDS,
  columnsOf,
  csvLine,
  exportRecords,
} from '../../reports/periodic/inspection-export.js';
import { openCliDatabase } from '../cli-context.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';

const ZArgsSchema = z.object({
  kind: z.enum(EXPORT_KINDS, { message: 'Cần cases hoặc events.' }),
  org: z.string().min(1, 'Cần --org <mã tổ chức>.'),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Cần --from YYYY-MM-DD.'),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Cần --to YYYY-MM-DD.'),
  format: z.enum(EXPORT_FORMATS, { message: '--format: csv hoặc jsonl.' }).default('csv'),
  out: z.string().min(1).optional(),
});

export const exportCommand: CliCommand = {
  name: 'export',
  usage:
    'langnghe export cases|events --org <code> --from YYYY-MM-DD --to YYYY-MM-DD [--format csv|jsonl] [--out <file>]',
  async run(args) {
    const { values, positionals } = parseCliArgs(args, {
      org: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
    });
    if (positionals.length > 1) throw new UsageError(`Tham số thừa: ${positionals.slice(1).join(' ')}`);
    const parsed = ZArgsSchema.safeParse({ kind: positionals[0], ...values });
    if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join(' '));
    const input = parsed.data;
    let fromDay, toDay;
    try {
      fromDay = parseLocalDate(input.from);
      toDay = parseLocalDate(input.to);
    } catch {
      throw new UsageError('Ngày không hợp lệ.');
    }
    if (toDay < fromDay) throw new UsageError('--to phải sau hoặc bằng --from.');
    const { db, close } = await openCliDatabase();
    const out = input.out ? createWriteStream(input.out) : process.stdout;
    const write = async (chunk: string) => {
      if (!out.write(chunk)) await once(out, 'drain');
    };
    try {
      const org = await findOrganizationByCode(db.prisma, input.org);
      if (!org) throw new UsageError(`Không tìm thấy tổ chức có mã "${input.org}".`);
      const columns = columnsOf(input.kind);
      if (input.format === 'csv') await write(csvLine(columns, null));
      let total = 0;
      const records = exportRecords(
        db.prisma,
        {
          kind: input.kind,
          organizationId: org.id,
          from: vietnamDayStart(fromDay),
          to: vietnamDayStart(addDays(toDay, 1)),
          today: toVietnamDate(systemClock.now()),
        },
        (count) => process.stderr.write(`… ${count} dòng\n`),
      );
      for await (const record of records) {
        await write(input.format === 'csv' ? csvLine(columns, record) : `${JSON.stringify(record)}\n`);
        total++;
      }
      console.error(
        `Đã xuất ${total} dòng (${input.kind === 'cases' ? 'hồ sơ' : 'sự kiện'})${input.out ? ` vào ${input.out}` : ''}.`,
      );
    } finally {
      if (input.out) await new Promise<void>((r) => (out as NodeJS.WritableStream).end(() => r()));
      await close();
    }
  },
};
