// What the dialog remembers about one conversation between two messages. It lives in Redis
// (encrypted, with an expiry) so that any process can serve the next message; the zod schema is
// the contract for reading it back, so a draft written by an older version is dropped, not misread.
import { z } from 'zod';
import { CASE_KINDS } from '../cases/case-vocabulary.js';
import type { ConversationRef, Locale } from './dialog-types.js';

/** Steps of side flows (tracking, satisfaction, reopening, staff questions, booking): they never
 * belong to an intake and never count as answered (dialog-flow.ts). */
export const SIDE_STEP_IDS = [
  'trackCode',
  'trackSecret',
  'satisfactionComment',
  'reopenReason',
  // Staff questions for the staff conference (staff-question-flow.ts).
  'qaCode',
  'qaCollection',
  'qaMode',
  'qaText',
  'qaConfirm',
  'bookSession',
  'bookSlot',
  'bookName',
  'bookPhone',
  'bookConsent',
] as const;

export type SideStepId = (typeof SIDE_STEP_IDS)[number];

export const STEP_IDS = [
  'menu',
  'kind',
  'petition',
  'staffCode',
  'staffMode',
  'staffKind',
  'describe',
  'attach',
  'organization',
  'unit',
  'when',
  'where',
  'involved',
  'contact',
  'phone',
  'name',
  'consent',
  'summary',
  'edit',
  ...SIDE_STEP_IDS,
] as const;
export type StepId = (typeof STEP_IDS)[number];

export const IDENTITY_MODES = ['named', 'anonymous', 'sealed', 'no_trace'] as const;
export type IdentityMode = (typeof IDENTITY_MODES)[number];

/** What the sender chose about the signed đơn a complaint or denunciation needs (DOMAIN.md §2.1). */
export const PETITION_DOCUMENT_OPTIONS = ['form', 'appointment', 'reception', 'later'] as const;
export type PetitionDocumentOption = (typeof PETITION_DOCUMENT_OPTIONS)[number];

const ZConversationRefSchema = z.object({
  channel: z.enum(['telegram', 'zalo', 'web', 'messenger']),
  conversationId: z.string(),
  userId: z.string().optional(),
  languageHint: z.string().optional(),
});

const ZDraftAttachmentSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number(),
});

export const ZDraftSchema = z.object({
  v: z.literal(1),
  /** Random; names the draft for its reminder (job, Redis index, notification dedupe key). */
  id: z.string(),
  /**
   * Random and unrelated to `id`: the submission id, so confirming twice submits once. Kept apart so
   * that nothing stored for a reminder can be joined to the case of a no-trace sender.
   */
  submissionId: z.string(),
  conversation: ZConversationRefSchema,
  locale: z.enum(['vi', 'en']),
  step: z.enum(STEP_IDS),
  /** Steps passed through, for /quaylai. */
  history: z.array(z.enum(STEP_IDS)),
  /** Steps answered or skipped: the flow resumes at the first step not in here. */
  answered: z.array(z.enum(STEP_IDS)),
  createdAt: z.string(),
  updatedAt: z.string(),
  reminderScheduled: z.boolean().default(false),
  remindedAt: z.string().optional(),

  audience: z.enum(['citizen', 'staff']),
  kind: z.enum(CASE_KINDS).optional(),
  text: z.string().optional(),
  attachments: z.array(ZDraftAttachmentSchema),
  organizationCode: z.string().optional(),
  unit: z.object({ code: z.string(), name: z.string() }).optional(),
  /** The unit came from the QR code the person scanned. */
  unitFromLink: z.boolean().default(false),
  occurredAt: z.string().optional(),
  place: z.string().optional(),
  involved: z.string().optional(),
  identity: z.enum(IDENTITY_MODES).optional(),
  contact: z.object({ name: z.string().optional(), phone: z.string().optional() }).optional(),
  consent: z.boolean().optional(),
  petition: z.enum(PETITION_DOCUMENT_OPTIONS).optional(),
  /** Chosen before submitting so that a retried confirm shows the same secret. */
  followUpSecret: z.string().optional(),

  /** Side flows (tracking, satisfaction) come back to this step of an unfinished intake. */
  returnTo: z.enum(STEP_IDS).optional(),
  tracking: z.object({ code: z.string(), secretAttempts: z.number() }).optional(),
  satisfaction: z.object({ code: z.string(), score: z.number() }).optional(),
  reopen: z.object({ code: z.string() }).optional(),
  /**
   * A staff question being written (staff-question-flow.ts): dropped when it is sent or abandoned.
   * `questionId` and `followUpCode` are chosen at the start so a retried send stores one question.
   */
  staffQuestion: z
    .object({
      questionId: z.string(),
      followUpCode: z.string(),
      organizationCode: z.string().optional(),
      collection: z.object({ id: z.string(), topic: z.string() }).optional(),
      mode: z.enum(['sealed', 'no_trace']).optional(),
      text: z.string().optional(),
    })
    .optional(),
  /** The booking side flow (src/dialog/booking-flow.ts): what has been picked and said so far. */
  booking: z
    .object({
      caseCode: z.string().optional(),
      /** Moving this booking instead of making one. */
      moveRef: z.string().optional(),
      /** The occurrences offered, in button order (buttons carry the index). */
      offers: z
        .array(z.object({ sessionId: z.string(), date: z.string() }))
        .max(20)
        .default([]),
      /** The next free slot offered after a refusal. */
      next: z.object({ sessionId: z.string(), date: z.string(), slot: z.string() }).optional(),
      sessionId: z.string().optional(),
      date: z.string().optional(),
      slot: z.string().optional(),
      name: z.string().optional(),
      phone: z.string().optional(),
    })
    .optional(),
  /** The code of what this conversation last submitted (never kept for anonymous senders). */
  lastSubmission: z.object({ draftId: z.string(), code: z.string() }).optional(),
});

export type Draft = z.output<typeof ZDraftSchema>;
export type DraftAttachment = Draft['attachments'][number];

export function createDraft(input: {
  id: string;
  submissionId: string;
  conversation: ConversationRef;
  locale: Locale;
  now: Date;
  organizationCode?: string | undefined;
}): Draft {
  const at = input.now.toISOString();
  return {
    v: 1,
    id: input.id,
    submissionId: input.submissionId,
    conversation: input.conversation,
    locale: input.locale,
    step: 'menu',
    history: [],
    answered: [],
    createdAt: at,
    updatedAt: at,
    reminderScheduled: false,
    audience: 'citizen',
    attachments: [],
    unitFromLink: false,
    ...(input.organizationCode ? { organizationCode: input.organizationCode } : {}),
  };
}

/** A draft the person has started filling in (worth a reminder, worth keeping on /start). */
export function hasIntakeContent(draft: Draft): boolean {
  return draft.kind !== undefined || draft.text !== undefined || draft.audience === 'staff';
}
