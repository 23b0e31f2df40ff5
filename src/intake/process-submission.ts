// The intake worker's use case: one submission becomes one case, its encrypted identity (or sealed
// reply handle), its attachments, its clocks and its `received` audit event, in one statement. Safe to run
// any number of times. One that never can (decision 0019) is handed to record-submission-failure.ts.
import type { AppContext } from '../app-context.js';
import type { Case as CaseRow } from '../db/generated/client.js';
import type { ClockRow } from '../deadlines/clock.repository.js';
import { AppError } from '../core/app-error.js';
import { isUniqueViolation } from '../db/prisma-errors.js';
import { v7 as uuidv7 } from 'uuid';
import {
  findCaseBySubmissionId,
  insertCaseOfSubmission,
  newCaseEventId,
  newCaseRow,
} from '../cases/case.repository.js';
import { openCaseIdsOf } from '../cases/open-case-ids.js';
import { toDbDate, toVietnamDate } from '../calendar/local-date.js';
import { governingClockOfRows, newClockRow } from '../deadlines/clock.repository.js';
import { clocksOfNewCase, deadlineSettingsOf } from '../deadlines/deadline.service.js';
import { directoryCache } from '../directory/directory-cache.js';
import type { IntakeInput } from './intake-input.js';
import { findRecipientsStillThere, findSubmission } from './intake.repository.js';
import type { SealedIdentity } from './sender-identity.js';
import type { SubmissionFailureReason } from './submission-failure.js';
import { openSealedSubmission, type SealedSubmission } from './submit-submission.js';

export interface ProcessResult {
  caseId: string;
  created: boolean;
  /**
   * The case and its clocks as this run wrote them, for the steps after it not to read them back
   * (decision 0084); absent when the case was made before.
   */
  made?: MadeCase;
}

export interface MadeCase {
  case: CaseRow;
  clocks: ClockRow[];
  /** How many of the sender's files were linked to the case. */
  attachments: number;
  /** The sender's identity as it was sealed into the case, null when none was kept. */
  sealedIdentity: Buffer | null;
}

export async function processSubmission(ctx: AppContext, submissionId: string): Promise<ProcessResult> {
  const { prisma } = ctx.db;
  const submission = await findSubmission(prisma, submissionId);
  if (!submission) throw new AppError('not_found', `Submission ${submissionId} does not exist.`);
  if (submission.status === 'processed' && submission.caseId)
    return { caseId: submission.caseId, created: false };
  if (submission.status === 'failed') throw permanent(submissionId, submission.failureReason ?? 'failed');
  if (!submission.payloadCiphertext) throw permanent(submissionId, 'payload_missing');

  let sealed: SealedSubmission;
  try {
    sealed = openSealedSubmission(ctx, submission.payloadCiphertext);
  } catch {
    // Another ENCRYPTION_KEY, or damaged bytes: no retry will open it.
    throw permanent(submissionId, 'payload_unreadable');
  }
  const s = sealed.input;
  const now = ctx.clock.now();

  const still = await recipientsStillThere(ctx, sealed.organizationId, sealed.unitId);
  if (!still.organization) throw permanent(submissionId, 'organization_missing');
  // A department deleted meanwhile: the case goes to the organisation's receiving office instead
  // (routing decides), rather than nowhere.
  const unitMissing = sealed.unitId !== null && !still.unit;
  const unitId = unitMissing ? null : sealed.unitId;

  const wroteAt = new Date(sealed.receivedAt);
  // A no-trace case shows when it was released to intake, not the instant its sender wrote: that
  // instant sits next to their chat's update in the bot's logs (decision 0029). Its clocks still run
  // from the day the person wrote.
  const receivedAt = s.identityMode === 'no_trace' ? now : wroteAt;
  const deadlines = await deadlineSettingsOf(ctx, sealed.organizationId);

  const caseId = uuidv7();
  // Prisma fills createdAt and updatedAt from the wall clock; so does this writer.
  const writtenAt = new Date();
  // The internal service clock runs from the day the person wrote, not from when a worker got to it.
  // A case made just now has no other clocks: the governing deadline is set from these.
  const clocks = clocksOfNewCase(deadlines, s, toVietnamDate(wroteAt)).map(({ clock, dueOn }) =>
    newClockRow(caseId, clock, dueOn, now, writtenAt),
  );
  const governing = governingClockOfRows(clocks);
  const caseRow = newCaseRow(
    {
      id: caseId,
      code: submission.trackingCode,
      submissionId,
      organizationId: sealed.organizationId,
      unitId,
      kind: s.kind,
      channel: s.channel,
      audience: s.audience,
      identityMode: s.identityMode,
      description: s.text,
      place: s.place ?? null,
      occurredAt: s.occurredAt ?? null,
      involved: s.involved ?? null,
      followUpSecretHash: sealed.followUpSecretHash,
      receivedAt,
      governingClockKind: governing?.clock.kind ?? null,
      governingDueOn: governing ? toDbDate(governing.clock.dueOn) : null,
    },
    writtenAt,
  );
  const identity = sealedIdentityOf(s);
  const sealedIdentity = identity && ctx.sealedBox.sealJson(identity);

  let created: { attachments: number } | null;
  try {
    // One statement, no transaction held open across round trips (decision 0098).
    created = await insertCaseOfSubmission(prisma, {
      submissionId,
      processedAt: now,
      caseRow,
      clocks,
      identity: sealedIdentity && {
        id: uuidv7(),
        ciphertext: sealedIdentity,
        keyId: ctx.sealedBox.keyId,
        revealable: s.identityMode === 'named',
        createdAt: writtenAt,
      },
      attachmentIds: s.attachmentIds ?? [],
      event: {
        id: newCaseEventId(),
        action: 'receive',
        toStatus: 'received',
        actorType: 'sender',
        data: {
          channel: s.channel,
          kind: s.kind,
          audience: s.audience,
          submissionId,
          ...(unitMissing ? { unitMissing: true } : {}),
          ...(s.petitionDocument ? { petitionDocument: s.petitionDocument } : {}),
        },
        at: now,
      },
    });
  } catch (err) {
    // Another worker made the case between our read and our write (the tracking code is unique too).
    if (!isUniqueViolation(err)) throw err;
    created = null;
  }
  if (created) {
    // Before anything else is awaited: the jobs beside this one compare their cases with it (0114).
    openCaseIdsOf(ctx).opened(caseRow.organizationId, caseId);
    return { caseId, created: true, made: { case: caseRow, clocks, sealedIdentity, ...created } };
  }
  // Someone else made it: its case is the one to go on with.
  const existing = await findCaseBySubmissionId(prisma, submissionId);
  if (existing) return { caseId: existing.id, created: false };
  throw new Error(`Submission ${submissionId} is gone: it cannot be marked processed.`);
}

/** Existence only, from memory (decision 0041): a deletion is seen within DIRECTORY_CACHE_CHECK_MS. */
async function recipientsStillThere(ctx: AppContext, organizationId: string, unitId: string | null) {
  const found = await directoryCache(ctx).read(`recipients:${organizationId}:${unitId ?? ''}`, async () => {
    const there = await findRecipientsStillThere(ctx.db.prisma, organizationId, unitId);
    // Only a complete answer is kept: a missing recipient is looked for again next time.
    return there.organization && (there.unit || unitId === null) ? there : null;
  });
  return found ?? findRecipientsStillThere(ctx.db.prisma, organizationId, unitId);
}

function permanent(submissionId: string, reason: SubmissionFailureReason | string): AppError {
  return new AppError('unprocessable', `Submission ${submissionId} cannot be processed: ${reason}.`, {
    reason,
  });
}

/**
 * named: contact and reply handle, revealable to staff allowed to see identities. sealed: the reply
 * handle alone, never revealable. anonymous and no_trace: nothing at all.
 */
function sealedIdentityOf(s: IntakeInput): SealedIdentity | null {
  if (s.identityMode === 'named' && s.contact)
    return { contact: s.contact, ...(s.replyTo ? { replyTo: s.replyTo } : {}) };
  if (s.identityMode === 'sealed' && s.replyTo) return { replyTo: s.replyTo };
  return null;
}
