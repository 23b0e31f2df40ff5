// How the CLI (and later the console's form) writes a schedule in one line: "--due 25/4,25/10",
// "--to unit:hn-tchc,org:syt-hcm". Mistakes become Vietnamese messages; the schema checks ranges.
import { AppError } from '../../core/app-error.js';

/** "25/4,25/10" → day 25 of April and October; "5" → the 5th of every month. */
export function parseDueArg(text: string): { dueDay: number; dueMonths: number[] } {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 1 && /^\d{1,2}$/.test(parts[0]!)) return { dueDay: Number(parts[0]), dueMonths: [] };
  const days = new Set<number>();
  const months: number[] = [];
  for (const part of parts) {
    const m = /^(\d{1,2})\/(\d{1,2})$/.exec(part);
    if (!m)
      throw new AppError(
        'validation',
        `Hạn "${part}" không hợp lệ: dùng ngày/tháng, ví dụ 25/4,25/10; hoặc một ngày cho hằng tháng.`,
      );
    days.add(Number(m[1]));
    months.push(Number(m[2]));
  }
  if (days.size !== 1)
    throw new AppError('validation', 'Các hạn trong năm phải cùng một ngày của tháng (ví dụ 25/4,25/10).');
  return { dueDay: [...days][0]!, dueMonths: months };
}

/** "unit:hn-tchc,role:leader,org:syt-hcm" → recipients (the schema checks roles). */
export function parseRecipientsArg(text: string): unknown[] {
  return text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((part) => {
      const [kind, value] = part.split(':', 2);
      switch (kind) {
        case 'unit':
          return { kind: 'unit', unitCode: value };
        case 'role':
          return { kind: 'role', role: value };
        case 'org':
          return { kind: 'organization', organizationCode: value };
        case undefined:
        default:
          throw new AppError(
            'validation',
            `Nơi nhận "${part}" không hợp lệ: dùng unit:<mã>, role:<vai trò> hoặc org:<mã>.`,
          );
      }
    });
}

export function parseReportPeriodKindArg(text: string): string {
  return text.trim().toLowerCase();
}
