// `langnghe export:portal --org <code> --from YYYY-MM-DD --to YYYY-MM-DD [--out file.jsonl]`: the
// versioned JSONL export a provincial portal ingests (docs/portal-export.md). Dates are Vietnam
// calendar days, both included.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { portalExportLines } from '../../feeds/portal-export.js';
import { findOrganizationByCode } from '../../intake/intake.repository.js';
import { openCliDatabase } from '../cli-context.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The start of a Vietnam calendar day (UTC+7, no daylight saving). */
export function vietnamDayStart(date: string): Date {
  return new Date(`${date}T00:00:00+07:00`);
}

export const exportPortalCommand: CliCommand = {
  name: 'export:portal',
  usage: 'langnghe export:portal --org <code> --from YYYY-MM-DD --to YYYY-MM-DD [--out <file>]',
  async run(args) {
    const { values, positionals } = parseCliArgs(args, {
      org: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
    });
    if (positionals.length) throw new UsageError(`Tham số thừa: ${positionals.join(' ')}`);
    if (!values.org || !values.from || !values.to) throw new UsageError('Cần --org, --from và --to.');
    if (!DATE.test(values.from) || !DATE.test(values.to)) throw new UsageError('Ngày theo dạng YYYY-MM-DD.');
    const from = vietnamDayStart(values.from);
    const to = new Date(vietnamDayStart(values.to).getTime() + 24 * 3600 * 1000);
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || to <= from) {
      throw new UsageError('Khoảng ngày không hợp lệ.');
    }
    const { db, close } = await openCliDatabase();
    const out = values.out ? createWriteStream(values.out) : process.stdout;
    try {
      const org = await findOrganizationByCode(db.prisma, values.org);
      if (!org) throw new UsageError(`Không tìm thấy đơn vị có mã "${values.org}".`);
      let count = 0;
      for await (const line of portalExportLines(db.prisma, org, from, to)) {
        if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
        count++;
      }
      if (values.out) console.error(`Đã xuất ${count} hồ sơ vào ${values.out}.`);
    } finally {
      if (values.out) await new Promise<void>((r) => (out as NodeJS.WritableStream).end(() => r()));
      await close();
    }
  },
};
