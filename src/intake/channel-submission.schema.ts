// What a chat channel (through the intake dialog) submits. Richer than the public HTTP shape: it
// says who the sender is to the system (audience, identity mode), how to reach them on their channel
// (a reply handle, sealed with the identity), and which files they attached in the draft.
import { z } from 'zod';
import { ZAudienceSchema } from '../cases/case-vocabulary.js';
import { MAX_ATTACHMENTS_PER_SUBMISSION } from './attachment-policy.js';
import { SUBMISSION_COMMON_FIELDS, trimmedNfc } from './submission.schema.js';

export const ZIdentityModeSchema = z.enum(['named', 'anonymous', 'sealed', 'no_trace']);
export type IdentityMode = z.infer<typeof ZIdentityModeSchema>;

/**
 * Where replies go on the sender's channel, and in which language (the dialog's, when they chose
 * English): only what is needed to send, no names. Sealed with the identity like the rest.
 */
export const ZReplyToSchema = z
  .object({
    channel: z.enum(['telegram', 'zalo', 'web', 'messenger']),
    conversationId: z.string().min(1).max(200),
    userId: z.string().min(1).max(200).optional(),
    locale: z.enum(['vi', 'en']).optional(),
  })
  .strip();
export type ReplyTo = z.infer<typeof ZReplyToSchema>;

export const ZPetitionDocumentOptionSchema = z.enum(['form', 'appointment', 'reception', 'later']);

export const ZChannelSubmissionSchema = z
  .object({
    ...SUBMISSION_COMMON_FIELDS,
    channel: z.enum(['telegram', 'zalo', 'web', 'messenger']),
    audience: ZAudienceSchema,
    identityMode: ZIdentityModeSchema,
    replyTo: ZReplyToSchema.optional(),
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
