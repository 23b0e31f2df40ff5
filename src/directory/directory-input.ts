// Parsing administrator input with messages that name the field in Vietnamese, with the labels of
// the directory's forms (in a citizen's submission `kind` is "Loại ý kiến"; here it is "Loại").
import { z } from 'zod';
import { parseInput } from '../core/validation.js';

const FIELD_LABELS: Record<string, string> = {
  code: 'Mã',
  name: 'Tên',
  nameEn: 'Tên tiếng Anh',
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
  return parseInput(schema, input, FIELD_LABELS);
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
