// A submission that can never become a case (decision 0019) still becomes one that officers see
// (decision 0026): marked `failed` with its reason code, and in the same transaction a placeholder
// case under the submission's own tracking code — the sender was told that code, so their tracking
// keeps working — in the organisation it was sent to (else DEFAULT_ORG_CODE's), unit null (the
// receiving office), with the kind known at submit time, a description saying why nothing can be
// read, the `intakeFailureReason` flag, its `receive` event and its clocks. Routing and the card
// follow as for any new case (workers/intake.handler.ts). Safe to run any number of times: the
// submission is claimed in the transaction, and a later run finds the case it links to.
import type { AppContext } from '../app-context.js';
import { formatVietnameseDate, toVietnamDate } from '../calendar/local-date.js';
import { appendCaseEvent, findCaseBySubmissionId, insertCase } from '../cases/case.repository.js';
import { openCaseIdsOf } from '../cases/open-case-ids.js';
import { AppError } from '../core/app-error.js';
import { batchClockWrites } from '../deadlines/clock.repository.js';
import { deadlineSettingsOf, startClocks } from '../deadlines/deadline.service.js';
import {
  claimFailedSubmission,
  findOrganizationByCode,
  findOrganizationById,
  findSubmission,
  linkFailedSubmissionToCase,
} from './intake.repository.js';
import { intakeFailureDescription, submissionFailureWords } from './submission-failure.js';

export interface SubmissionFailure {
  reason: string;
  /** The placeholder case; null when no organisation could take it (operators only, as before). */
  caseId: string | null;
  /** True when this call made the placeholder case. */
  created: boolean;
}

/**
 * Called by the worker when processing failed. A permanent error marks the submission failed and
 * makes its placeholder case (or finds the one made before). Any other error is left to BullMQ's
 * retries and then to the recovery sweep, which retries it for as long as it takes (an outage can
 * outlast the job's attempts); the stuck alert makes a long one visible. Undefined when nothing
 * was recorded (not permanent, or the database is down: the row stays pending for the sweep).
 */
export async function recordSubmissionFailure(
  ctx: AppContext,
  submissionId: string,
  err: unknown,
): Promise<SubmissionFailure | undefined> {
  if (!(err instanceof AppError) || err.retryable || err.code === 'not_found') return undefined;
  const reason = typeof err.details?.reason === 'string' ? err.details.reason : err.code;
  let outcome: (SubmissionFailure & { alert: boolean }) | undefined;
  try {
    outcome = await markFailedWithCase(ctx, submissionId, reason);
  } catch (markErr) {
    ctx.logger.warn({ submissionId, err: { message: (markErr as Error).message } }, 'could not mark failed');
    return undefined;
  }
  if (!outcome) return undefined;
  // Alerted once, when it happens; the count stays available to metrics (countStuckSubmissions).
  if (outcome.alert) {
    ctx.logger.warn(
      { alert: 'intake_failed', submissionId, reason: outcome.reason, caseId: outcome.caseId },
      outcome.caseId
        ? 'a submission cannot be read; its placeholder case is with the receiving office'
        : 'a submission cannot become a case and no organisation can take it; see `npx langnghe intake:stuck`',
    );
  }
  return { reason: outcome.reason, caseId: outcome.caseId, created: outcome.created };
}

async function markFailedWithCase(
  ctx: AppContext,
  submissionId: string,
  reason: string,
): Promise<(SubmissionFailure & { alert: boolean }) | undefined> {
  const { prisma } = ctx.db;
  const submission = await findSubmission(prisma, submissionId);
  if (!submission || submission.status === 'processed') return undefined;
  if (submission.caseId) {
    return {
      reason: submission.failureReason ?? reason,
      caseId: submission.caseId,
      created: false,
      alert: false,
    };
  }
  const now = ctx.clock.now();
  const organizationId = await organizationFor(ctx, submission.organizationId);
  const deadlines = organizationId ? await deadlineSettingsOf(ctx, organizationId) : null;
  const receivedAt = submission.createdAt;
  const wasPending = submission.status === 'pending';

  const made = await prisma.$transaction(async (tx) => {
    const claimed = await claimFailedSubmission(tx, submissionId, {
      reason,
      failedAt: submission.failedAt ?? now,
    });
    if (!claimed) return { claimed: false, caseId: null };
    if (!organizationId || !deadlines) return { claimed: true, caseId: null };
    const kind = submission.kind ?? 'report';
    const channel = submission.channel ?? 'api';
    const audience = submission.audience ?? 'citizen';
    const created = await insertCase(tx, {
      code: submission.trackingCode,
      submissionId,
      organizationId,
      unitId: null,
      kind,
      channel,
      audience,
      // Nobody's identity is held: it was inside the payload that cannot be opened.
      identityMode: 'anonymous',
      description: intakeFailureDescription(reason, formatVietnameseDate(toVietnamDate(receivedAt))),
      followUpSecretHash: submission.followUpSecretHash,
      intakeFailureReason: reason,
      receivedAt,
    });
    await appendCaseEvent(tx, {
      caseId: created.id,
      action: 'receive',
      toStatus: 'received',
      actorType: 'system',
      reason: `Không đọc được nội dung ý kiến: ${submissionFailureWords(reason)}.`,
      data: {
        channel,
        kind,
        audience,
        submissionId,
        intakeFailureReason: reason,
        ...(submission.organizationId && submission.organizationId !== organizationId
          ? { organizationMissing: true }
          : {}),
      },
      at: now,
      caseRow: created,
    });
    // The law's receipt clock runs from the day it was received, whatever the worker could read.
    await batchClockWrites(
      tx,
      () => startClocks(tx, deadlines, created, 'received', toVietnamDate(receivedAt), now),
      { newCaseId: created.id },
    );
    await linkFailedSubmissionToCase(tx, submissionId, created.id);
    return { claimed: true, caseId: created.id };
  });
  if (!made.claimed) {
    // Another run made it first (or it was processed meanwhile): report what is there.
    const existing = await findCaseBySubmissionId(prisma, submissionId);
    return existing ? { reason, caseId: existing.id, created: false, alert: false } : undefined;
  }
  // The placeholder is an open case like any other: the next new case is compared with it.
  if (made.caseId && organizationId) openCaseIdsOf(ctx).opened(organizationId, made.caseId);
  return { reason, caseId: made.caseId, created: made.caseId !== null, alert: wasPending };
}

/** The organisation the submission was sent to while it exists, else DEFAULT_ORG_CODE's, else none. */
async function organizationFor(ctx: AppContext, organizationId: string | null): Promise<string | null> {
  const { prisma } = ctx.db;
  if (organizationId && (await findOrganizationById(prisma, organizationId))) return organizationId;
  const code = ctx.config.defaultOrgCode;
  return code ? ((await findOrganizationByCode(prisma, code))?.id ?? null) : null;
}
