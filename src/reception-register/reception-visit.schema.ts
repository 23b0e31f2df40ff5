// What an officer enters for one visit, validated at every door (bot command, CLI) by one schema.
import { z } from 'zod';
import { isLocalDate } from '../calendar/local-date.js';
import { ZCaseKindSchema } from '../cases/case-vocabulary.js';
import { MAX_CONTENTS_PER_VISIT, ZReceptionHandlingSchema } from './reception-vocabulary.js';

const text = (max: number) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(1, 'không được để trống').max(max, `dài tối đa ${max} ký tự`));

export const ZVisitorSchema = z
  .object({
    name: text(120),
    /** CCCD (12 digits), CMND (9) or a passport number. */
    idNumber: z
      .string()
      .trim()
      .regex(/^[A-Z0-9]{6,12}$/i, 'số CCCD/CMND/hộ chiếu không hợp lệ')
      .optional(),
    address: text(300).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 .()-]{8,20}$/, 'số điện thoại không hợp lệ')
      .optional(),
  })
  .strict();
export type Visitor = z.output<typeof ZVisitorSchema>;

/** One content of the visit: it becomes one case of its own kind. */
export const ZVisitContentSchema = z
  .object({ kind: ZCaseKindSchema, text: text(5000), unitCode: z.string().trim().min(1).max(40).optional() })
  .strict();

export const ZReceptionVisitInputSchema = z
  .object({
    /** Idempotency key (8–60 of A-Z a-z 0-9 _ -): logging the same visit twice logs it once. */
    visitKey: z.string().regex(/^[A-Za-z0-9_-]{8,60}$/, 'phải gồm 8–60 ký tự chữ, số, "-" hoặc "_"'),
    /** When the person was received; defaults to now. */
    visitedAt: z.date().optional(),
    visitor: ZVisitorSchema,
    summary: text(1000),
    handling: ZReceptionHandlingSchema,
    contents: z
      .array(ZVisitContentSchema)
      .min(1, 'cần ít nhất một nội dung')
      .max(MAX_CONTENTS_PER_VISIT, `tối đa ${MAX_CONTENTS_PER_VISIT} nội dung mỗi lượt tiếp`),
    /** The date of the đơn signed on the spot (YYYY-MM-DD): starts the statutory clocks. */
    petitionDate: z
      .string()
      .refine((v) => isLocalDate(v), 'ngày không hợp lệ (cần dạng YYYY-MM-DD)')
      .optional(),
    priorBody: text(300).optional(),
    bookingReference: text(100).optional(),
  })
  .strict();
export type ReceptionVisitInput = z.input<typeof ZReceptionVisitInputSchema>;

export const RECEPTION_VISIT_FIELD_LABELS: Readonly<Record<string, string>> = {
  visitKey: 'Mã lượt tiếp',
  visitedAt: 'Thời gian tiếp',
  visitor: 'Người đến',
  summary: 'Tóm tắt nội dung',
  handling: 'Hướng xử lý',
  contents: 'Nội dung vụ việc',
  petitionDate: 'Ngày đơn',
  priorBody: 'Cơ quan đã giải quyết',
  bookingReference: 'Mã lịch hẹn / mã hồ sơ',
};
