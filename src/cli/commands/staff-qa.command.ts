// Staff questions for the staff conference from the console (decision 0039):
// `langnghe staffqa:open --org <code> --topic <chủ đề> --opens <dd/mm/yyyy> --closes <dd/mm/yyyy>`
// and `langnghe staffqa:annex --org <code> [--collection <số>] --out <file.pdf>` (the annex to print).
import { writeFile } from 'node:fs/promises';
import { formatVietnameseDate, parseUserDate } from '../../calendar/local-date.js';
import { systemClock } from '../../core/clock.js';
import { isAppError } from '../../core/app-error.js';
import { openStaffQaCollection } from '../../staff-questions/open-collection.js';
import { printStaffQaAnnex } from '../../staff-questions/print-staff-qa-annex.js';
import { openCliDatabase } from '../cli-context.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';

function date(value: string | undefined, flag: string) {
  if (!value) throw new UsageError(`Cần ${flag} <dd/mm/yyyy>.`);
  try {
    return parseUserDate(value);
  } catch (err) {
    throw new UsageError(isAppError(err) ? err.message : `Ngày không hợp lệ: "${value}".`);
  }
}

/** Refusals the person can act on become usage errors (a clear line, exit code 2). */
async function asUsage<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (isAppError(err) && !err.retryable) throw new UsageError(err.message);
    throw err;
  }
}

export const staffQaOpenCommand: CliCommand = {
  name: 'staffqa:open',
  usage: 'langnghe staffqa:open --org <code> --topic <text> --opens <dd/mm/yyyy> --closes <dd/mm/yyyy>',
  async run(args) {
    const { values, positionals } = parseCliArgs(args, {
      org: { type: 'string' },
      topic: { type: 'string' },
      opens: { type: 'string' },
      closes: { type: 'string' },
    });
    if (!values.org || !values.topic || positionals.length) throw new UsageError('Cần --org và --topic.');
    const opensOn = date(values.opens, '--opens');
    const closesOn = date(values.closes, '--closes');
    const { db, close } = await openCliDatabase();
    try {
      const c = await asUsage(() =>
        openStaffQaCollection(
          { db, clock: systemClock },
          { actor: null, organizationCode: values.org!, topic: values.topic!, opensOn, closesOn },
        ),
      );
      console.log(
        `Đã mở đợt ${c.number} của ${c.organizationName}: ${c.topic} (${formatVietnameseDate(opensOn)} – ${formatVietnameseDate(closesOn)}).`,
      );
    } finally {
      await close();
    }
  },
};

export const staffQaAnnexCommand: CliCommand = {
  name: 'staffqa:annex',
  usage: 'langnghe staffqa:annex --org <code> [--collection <number>] --out <file.pdf>',
  async run(args) {
    const { values, positionals } = parseCliArgs(args, {
      org: { type: 'string' },
      collection: { type: 'string' },
      out: { type: 'string' },
    });
    if (!values.org || !values.out || positionals.length) throw new UsageError('Cần --org và --out.');
    if (values.collection !== undefined && !/^\d{1,4}$/.test(values.collection)) {
      throw new UsageError(`Số đợt không hợp lệ: "${values.collection}".`);
    }
    const { db, close } = await openCliDatabase();
    try {
      const annex = await asUsage(() =>
        printStaffQaAnnex(
          { db, clock: systemClock },
          {
            organizationCode: values.org!,
            ...(values.collection !== undefined ? { collectionNumber: Number(values.collection) } : {}),
          },
        ),
      );
      await writeFile(values.out!, annex.pdf);
      console.log(`Đã ghi phụ lục hỏi đáp đợt ${annex.number} (${annex.topic}) vào ${values.out}.`);
    } finally {
      await close();
    }
  },
};
