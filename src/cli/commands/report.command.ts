// `langnghe report --org <code> --period 2026-Q3 --format xlsx|pdf|csv [--out <dir>]`: one
// organisation's periodic report (a managing body's sums its subordinate organisations) written as
// a file; the path on stdout, progress on stderr. Only the database is needed, not Redis.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { isAppError } from '../../core/app-error.js';
import { systemClock } from '../../core/clock.js';
import { buildPeriodicReport } from '../../reports/periodic/build-report.js';
import { reportFileName, renderReportFile, REPORT_FORMATS } from '../../reports/periodic/report-file.js';
import { PERIOD_CODE_FORMS, parseReportPeriod } from '../../reports/periodic/report-period.js';
import { openCliDatabase } from '../cli-context.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';

export const reportCommand: CliCommand = {
  name: 'report',
  usage: `langnghe report --org <code> --period <${PERIOD_CODE_FORMS}> --format ${REPORT_FORMATS.join('|')} [--out <dir>]`,
  async run(args) {
    const { values, positionals } = parseCliArgs(args, {
      org: { type: 'string' },
      period: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
    });
    if (positionals.length) throw new UsageError(`Tham số thừa: ${positionals.join(' ')}`);
    if (!values.org || !values.period || !values.format)
      throw new UsageError('Cần --org, --period và --format.');
    const format = z.enum(REPORT_FORMATS).safeParse(values.format);
    if (!format.success) throw new UsageError(`--format phải là ${REPORT_FORMATS.join(', ')}.`);
    let period;
    try {
      period = parseReportPeriod(values.period);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    console.error(`Đang tính số liệu ${period.label} của ${values.org}…`);
    const { config, db, close } = await openCliDatabase();
    let report;
    try {
      report = await buildPeriodicReport(
        { db, clock: systemClock, config },
        { organizationCode: values.org, period },
      );
    } catch (err) {
      if (isAppError(err) && err.code === 'not_found') throw new UsageError(err.message);
      throw err;
    } finally {
      await close();
    }
    console.error(`Đang ghi tệp ${format.data.toUpperCase()}…`);
    const bytes = await renderReportFile(report, format.data);
    const dir = path.resolve(values.out ?? '.');
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, reportFileName(report, format.data));
    await writeFile(file, bytes);
    console.log(file);
  },
};
