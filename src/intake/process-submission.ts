// The intake worker's use case: one submission becomes one case, its encrypted identity and its
// `received` audit event, in one transaction. Safe to run any number of times.
import type { AppContext } from '../app-context.js';
import { AppError } from '../core/app-error.js';
import { isUniqueViolation } from '../db/prisma-errors.js';
import {
  appendCaseEvent,
  findCaseBySubmissionId,
  insertCase,
  insertSenderIdentity,
} from '../cases/case.repository.js';
import { toVietnamDate } from '../calendar/local-date.js';
import { loadDeadlineSettings, startClocks } from '../deadlines/deadline.service.js';
import { findSubmission, markSubmissionProcessed } from './intake.repository.js';
import type { SealedSubmission } from './submit-submission.js';

export interface ProcessResult {
  caseId: string;
  created: boolean;
}

export async function processSubmission(ctx: AppContext, submissionId: string): Promise<ProcessResult> {
  const { prisma } = ctx.db;
  const submission = await findSubmission(prisma, submissionId);
  if (!submission) throw new AppError('not_found', `Submission ${submissionId} does not exist.`);
  if (submission.status === 'processed' && submission.caseId)
    return { caseId: submission.caseId, created: false };
  if (!submission.payloadCiphertext)
    throw new AppError('unprocessable', `Submission ${submissionId} has no payload.`);

  const sealed = ctx.sealedBox.openJson<SealedSubmission>(submission.payloadCiphertext);
  const s = sealed.submission;
  const now = ctx.clock.now();
  const identityMode = s.anonymous || !s.contact ? 'anonymous' : 'named';

  const receivedAt = new Date(sealed.receivedAt);
  const deadlines = await loadDeadlineSettings(prisma, sealed.organizationId);

  try {
    return await prisma.$transaction(async (tx) => {
      const created = await insertCase(tx, {
        code: submission.trackingCode,
        submissionId,
        organizationId: sealed.organizationId,
        unitId: sealed.unitId,
        kind: s.kind,
        channel: s.channel,
        audience: 'citizen',
        identityMode,
        description: s.text,
        place: s.place ?? null,
        occurredAt: s.occurredAt ?? null,
        followUpSecretHash: sealed.followUpSecretHash,
        receivedAt,
      });
      if (identityMode === 'named' && s.contact) {
        await insertSenderIdentity(
          tx,
          created.id,
          ctx.sealedBox.sealJson({ contact: s.contact }),
          ctx.sealedBox.keyId,
        );
      }
      await appendCaseEvent(tx, {
        caseId: created.id,
        action: 'receive',
        toStatus: 'received',
        actorType: 'sender',
        data: { channel: s.channel, kind: s.kind, submissionId },
        at: now,
      });
      // The internal service clock runs from the day the person wrote, not from when a worker got to it.
      await startClocks(tx, deadlines, created, 'received', toVietnamDate(receivedAt), now);
      await markSubmissionProcessed(tx, submissionId, created.id, now);
      return { caseId: created.id, created: true };
    });
  } catch (err) {
    // Another worker made the case between our read and our write.
    if (isUniqueViolation(err)) {
      const existing = await findCaseBySubmissionId(prisma, submissionId);
      if (existing) return { caseId: existing.id, created: false };
    }
    throw err;
  }
}
