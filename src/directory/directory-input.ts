// Parsing administrator input with messages that name the field in Vietnamese. (core/validation's
// field names are those of a citizen's submission: there `kind` is "Loại ý kiến".)
import { z } from 'zod';
import { AppError } from '../core/app-error.js';

const FIELD_LABELS: Record<string, string> = {
  code: 'Mã',
  name: 'Tên',
  fullName: 'Họ tên',
  title: 'Chức danh',
  kind: 'Loại',
  parentCode: 'Mã cơ quan quản lý',
  organizationCode: 'Mã đơn vị',
  place: 'Địa danh',
  hotlineNumbers: 'Số đường dây nóng',
  roles: 'Vai trò',
  unitCode: 'Mã khoa/phòng',
  validForHours: 'Thời hạn mã mời (giờ)',
  telegramUserId: 'Tài khoản Telegram',
  chatId: 'Nhóm Telegram',
};

export function parseDirectoryInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const top = String(issue.path[0] ?? '');
    const label = FIELD_LABELS[top] ?? (top || 'Dữ liệu');
    return { field: issue.path.map(String).join('.'), message: `${label}: ${describe(issue, input)}` };
  });
  throw new AppError('validation', issues.map((i) => i.message).join('; '), { issues });
}

function describe(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) return 'bắt buộc phải có';
  switch (issue.code) {
    case 'invalid_type':
      return 'sai kiểu dữ liệu';
    case 'invalid_value':
      return `giá trị không hợp lệ (chấp nhận: ${issue.values.map(String).join(', ')})`;
    case 'unrecognized_keys':
      return `trường không được hỗ trợ: ${issue.keys.join(', ')}`;
    case 'too_big':
      return issue.message.startsWith('Too big')
        ? `quá dài hoặc quá lớn (tối đa ${String(issue.maximum)})`
        : issue.message;
    case 'too_small':
      return issue.message.startsWith('Too small') ? 'không được để trống' : issue.message;
    default:
      return issue.message;
  }
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let v = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

export const ZCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{1,40}$/, 'chỉ gồm chữ không dấu, số và dấu "-", tối đa 40 ký tự');

export const ZNameSchema = z
  .string()
  .transform((s) => s.normalize('NFC').trim())
  .pipe(z.string().min(1, 'không được để trống').max(200, 'dài tối đa 200 ký tự'));

export const ZHotlineNumberSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9 .()-]{3,20}$/, 'số điện thoại không hợp lệ');

/** Telegram ids are integers (groups negative); kept as strings, as in the database. */
export const ZTelegramIdSchema = z
  .union([z.string(), z.number().int()])
  .transform((v) => String(v).trim())
  .pipe(z.string().regex(/^-?\d{1,20}$/, 'mã Telegram không hợp lệ'));

export { isUuid } from '../core/ids.js';
