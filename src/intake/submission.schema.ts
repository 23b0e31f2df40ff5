// What POST /api/submissions accepts. Limits are deliberate: a description longer than a few pages
// belongs in an attachment, and a bound keeps one request from filling the database.
import { z } from 'zod';
import { ZCaseKindSchema, ZChannelSchema } from '../cases/case-vocabulary.js';
import { freeText } from '../core/free-text.js';

export const MAX_TEXT_CHARS = 5000;

/** Every free-text field goes through the one cleaner (NUL and other control characters dropped). */
export const trimmedNfc = freeText;

export const ZContactSchema = z
  .object({
    name: trimmedNfc(120).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 .()-]{8,20}$/, 'số điện thoại không hợp lệ')
      .optional(),
    email: z.string().trim().email('email không hợp lệ').max(200).optional(),
    address: trimmedNfc(300).optional(),
  })
  .strict()
  .refine(
    (c) => Object.values(c).some((v) => v !== undefined && v !== ''),
    'cần ít nhất một thông tin liên hệ',
  );

/** Fields every way in shares: the public API and the chat channels. */
export const SUBMISSION_COMMON_FIELDS = {
  submissionId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'phải gồm 8–64 ký tự chữ, số, "-" hoặc "_"'),
  kind: ZCaseKindSchema,
  text: trimmedNfc(MAX_TEXT_CHARS).pipe(z.string().min(1, 'không được để trống')),
  unitCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,40}$/, 'mã khoa/phòng không hợp lệ')
    .optional(),
  organizationCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,40}$/, 'mã đơn vị không hợp lệ')
    .optional(),
  contact: ZContactSchema.optional(),
  place: trimmedNfc(300).optional(),
  occurredAt: trimmedNfc(100).optional(),
};

export const ZSubmissionSchema = z
  .object({
    ...SUBMISSION_COMMON_FIELDS,
    channel: ZChannelSchema,
    anonymous: z.boolean().default(false),
  })
  .strict()
  .refine((s) => !(s.anonymous && s.contact), {
    message: 'gửi ẩn danh thì không kèm thông tin liên hệ',
    path: ['contact'],
  });

export type SubmissionInput = z.input<typeof ZSubmissionSchema>;
export type Submission = z.output<typeof ZSubmissionSchema>;

/** What POST /api/submissions answers (202); documented in the OpenAPI document from this schema. */
export const ZSubmissionReceiptSchema = z
  .object({
    code: z.string().meta({ description: 'The tracking code, trackable at once.' }),
    status: z.literal('received'),
    followUpSecret: z
      .string()
      .optional()
      .meta({ description: 'Anonymous submissions only: send it as x-follow-up-secret to see replies.' }),
    duplicate: z.boolean().meta({ description: 'True when this submissionId was received before.' }),
    trackUrl: z.string(),
    message: z.string(),
  })
  .strict();

export type SubmissionReceiptBody = z.output<typeof ZSubmissionReceiptSchema>;
