// Everything the dialog needs from the outside, as interfaces: the real ones are built from the
// AppContext by create-dialog-deps.ts, unit tests pass in-memory fakes (testing/fake-dialog-deps.ts).
import type { GoverningDeadline } from '../deadlines/governing-deadline.js';
import type { LocalDate } from '../calendar/local-date.js';
import type { CaseKind, CaseStatus } from '../cases/case-vocabulary.js';
import type { Clock } from '../core/clock.js';
import type { AttachmentRefusal } from '../intake/attachment-policy.js';
import type { ChannelSubmissionInput } from '../intake/channel-submission.schema.js';
import type { DraftStore } from './draft.store.js';
import type { DialogReception } from '../reception/reception-booking-types.js';
import type { ConversationRef, InboundFile } from './dialog-types.js';

export interface DialogUnit {
  code: string;
  name: string;
  organizationCode: string;
  organizationName: string;
}

export interface DialogOrganization {
  code: string;
  name: string;
  /** The organisation's own numbers, then its parent's (the Sở Y tế), then the national line. */
  hotlines: { name: string; numbers: string[] }[];
  /** Where to hand in a signed đơn, from the organisation's settings, when an admin set it. */
  receptionDesk?: string;
}

export interface DialogDirectory {
  /** Where items without a unit go (DEFAULT_ORG_CODE); undefined: the dialog asks. */
  defaultOrganizationCode(): string | undefined;
  findUnit(code: string): Promise<DialogUnit | null>;
  /** `nameEn`: the unit's English name, shown to English speakers and matched in either language. */
  listUnits(organizationCode: string): Promise<{ code: string; name: string; nameEn?: string }[]>;
  listOrganizations(): Promise<{ code: string; name: string }[]>;
  findOrganization(code: string): Promise<DialogOrganization | null>;
}

export interface DialogAttachment {
  id: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
}

export interface DialogFiles {
  store(input: {
    submissionId: string;
    file: InboundFile;
  }): Promise<{ ok: true; attachment: DialogAttachment } | { ok: false; reason: AttachmentRefusal }>;
  /** The draft was cancelled: its files are not needed. */
  discard(submissionId: string): Promise<void>;
}

export interface DialogReceipt {
  code: string;
  duplicate: boolean;
  organizationName: string;
  unitName: string | null;
  /** The date an answer is due; null when no rule gives one. */
  dueOn: LocalDate | null;
}

export interface DialogIntake {
  /**
   * Counted against the cap on new cases (refused: `rate_limited`) under `source`, the envelope's
   * (the web chat's client address), else under the conversation itself (one Telegram chat, one
   * Zalo user): a chat door with no address is capped like one address.
   */
  submit(
    input: ChannelSubmissionInput,
    options: { conversation: ConversationRef; source?: string | undefined },
  ): Promise<DialogReceipt>;
}

export interface TrackedCase {
  code: string;
  /** Null while the submission waits for the worker. */
  kind: CaseKind | null;
  status: CaseStatus;
  organizationName: string | null;
  unitName: string | null;
  dueOn: LocalDate | null;
  /** The governing deadline behind `dueOn`: which limit and its basis (law or service target). */
  deadline?: GoverningDeadline | null;
  /** Public replies; null when they need the follow-up secret and it was not given. */
  replies: { at: Date; text: string }[] | null;
  /** The conversation asking is the case's own sender (its sealed reply handle matches). */
  isSender: boolean;
  /** The sender may answer the satisfaction question now. */
  canRate: boolean;
  /** What was sent could not be read (its placeholder case, decision 0026): ask for it again. */
  contentUnreadable?: boolean;
}

export type TrackResult = { found: false } | { found: true; case: TrackedCase; secretRejected: boolean };

export interface DialogTracking {
  track(input: { code: string; secret?: string; conversation: ConversationRef }): Promise<TrackResult>;
}

export interface DialogStaffAccess {
  verify(code: string): Promise<{ organizationCode: string; organizationName: string } | null>;
}

export type FollowUpRefusal = 'not_found' | 'not_sender' | 'not_resolved' | 'window_closed';

export interface DialogFollowUp {
  recordSatisfaction(input: {
    code: string;
    score: number;
    comment?: string;
    conversation: ConversationRef;
  }): Promise<{ ok: true; canReopen: boolean } | { ok: false; reason: FollowUpRefusal }>;
  requestReopen(input: {
    code: string;
    reason: string;
    conversation: ConversationRef;
  }): Promise<{ ok: true } | { ok: false; reason: FollowUpRefusal }>;
}

/** Staff questions for the staff conference (src/staff-questions; decision 0039). */
export interface DialogStaffQuestions {
  /** The collections of the organisation taking questions today, newest first. */
  openCollections(organizationCode: string): Promise<{ id: string; topic: string }[]>;
  /** Stores the question; nothing about the conversation is passed. Idempotent by `questionId`. */
  ask(input: {
    questionId: string;
    collectionId: string;
    organizationCode: string;
    text: string;
    mode: 'sealed' | 'no_trace';
    followUpCode?: string;
  }): Promise<{ ref: string }>;
  /** A sealed asker's own question by the code they kept; null when the code opens nothing. */
  lookUp(code: string): Promise<{
    topic: string;
    text: string;
    status: 'waiting' | 'grouped' | 'answered';
    answer: string | null;
  } | null>;
  newQuestionId(): string;
  newFollowUpCode(): string;
}

export interface DialogReminders {
  /** Remind the person of their unfinished draft at `at` (if it is still silent then). */
  schedule(input: { draftId: string; at: Date }): Promise<void>;
}

export interface DialogIds {
  newDraftId(): string;
  newFollowUpSecret(): string;
}

export interface DialogDeps {
  drafts: DraftStore;
  clock: Clock;
  ids: DialogIds;
  directory: DialogDirectory;
  files: DialogFiles;
  intake: DialogIntake;
  tracking: DialogTracking;
  staffAccess: DialogStaffAccess;
  followUp: DialogFollowUp;
  reminders: DialogReminders;
  /** Absent where the feature is not wired (unit-test fakes): /cauhoi then says it is unavailable. */
  staffQuestions?: DialogStaffQuestions;
  /** Citizen reception: sessions to book, bookings to move or cancel (src/reception). */
  reception: DialogReception;
}

export interface DialogOptions {
  /** A silent unfinished draft is reminded once after this long. */
  reminderAfterMs: number;
  /** Wrong staff access codes tolerated from one conversation before the staff path closes. */
  maxStaffCodeAttempts: number;
  /** How long the staff path stays closed, counted from the first wrong code; /start does not reopen it. */
  staffCodeLockoutSeconds: number;
  /** Wrong follow-up secrets tolerated in one tracking look-up. */
  maxSecretAttempts: number;
}

export const DEFAULT_DIALOG_OPTIONS: DialogOptions = {
  reminderAfterMs: 30 * 60 * 1000,
  maxStaffCodeAttempts: 5,
  staffCodeLockoutSeconds: 60 * 60,
  maxSecretAttempts: 5,
};

/** The draft expires this long after the last message. */
export const DRAFT_TTL_SECONDS = 24 * 60 * 60;
