// What a chat channel (through the intake dialog) submits. Richer than the public HTTP shape: it
// says who the sender is to the system (audience, identity mode), how to reach them on their channel
// (a reply handle, sealed with the identity), and which files they attached in the draft.
import { z } from 'zod';
import { ZAudienceSchema, ZCaseKindSchema } from '../cases/case-vocabulary.js';
import { MAX_ATTACHMENTS_PER_SUBMISSION } from './attachment-policy.js';
import { MAX_TEXT_CHARS, ZContactSchema } from './submission.schema.js';

const trimmedNfc = (max: number) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().max(max, `dài tối đa ${max} ký tự`));

export const ZIdentityModeSchema = z.enum(['named', 'anonymous', 'sealed', 'no_trace']);
export type IdentityMode = z.infer<typeof ZIdentityModeSchema>;

/** Where replies go on the sender's channel. Only what is needed to send: no language, no names. */
export const ZReplyToSchema = z
  .object({
    channel: z.enum(['telegram', 'zalo', 'web']),
    conversationId: z.string().min(1).max(200),
    userId: z.string().min(1).max(200).optional(),
  })
  .strip();
export type ReplyTo = z.infer<typeof ZReplyToSchema>;

export const ZPetitionDocumentOptionSchema = z.enum(['form', 'appointment', 'reception', 'later']);

export const ZChannelSubmissionSchema = z
  .object({
    submissionId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'phải gồm 8–64 ký tự chữ, số, "-" hoặc "_"'),
    channel: z.enum(['telegram', 'zalo', 'web']),
    kind: ZCaseKindSchema,
    audience: ZAudienceSchema,
    identityMode: ZIdentityModeSchema,
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
    replyTo: ZReplyToSchema.optional(),
    place: trimmedNfc(300).optional(),
    occurredAt: trimmedNfc(100).optional(),
    involved: trimmedNfc(300).optional(),
    attachmentIds: z.array(z.uuid()).max(MAX_ATTACHMENTS_PER_SUBMISSION).optional(),
    petitionDocument: ZPetitionDocumentOptionSchema.optional(),
    /**
     * Chosen by the caller when it wants to show the same secret again if the submit is retried
     * (the dialog keeps it in the encrypted draft). Only its hash is stored.
     */
    followUpSecret: z.string().min(12).max(40).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const issue = (message: string, path: string) => ctx.addIssue({ code: 'custom', message, path: [path] });
    if (s.identityMode === 'named' && !s.contact) issue('gửi có tên thì cần thông tin liên hệ', 'contact');
    if (s.identityMode !== 'named' && s.contact) issue('chỉ gửi có tên mới kèm thông tin liên hệ', 'contact');
    if (s.identityMode === 'sealed' && !s.replyTo) issue('chế độ kín cần kênh trả lời', 'replyTo');
    // No trace means no trace: not even a handle the bot could use.
    if ((s.identityMode === 'no_trace' || s.identityMode === 'anonymous') && s.replyTo)
      issue('gửi ẩn danh thì không lưu kênh trả lời', 'replyTo');
    if (s.identityMode === 'no_trace' && s.audience !== 'staff')
      issue('chế độ không dấu vết dành cho góp ý nội bộ', 'identityMode');
    if (s.replyTo && s.replyTo.channel !== s.channel) issue('kênh trả lời phải là kênh đã gửi', 'replyTo');
  });

export type ChannelSubmissionInput = z.input<typeof ZChannelSubmissionSchema>;
export type ChannelSubmission = z.output<typeof ZChannelSubmissionSchema>;
