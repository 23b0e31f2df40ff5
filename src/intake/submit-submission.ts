// POST /api/submissions: validate, store durably, queue, then hand back the tracking code.
import { createHash } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import { AppError } from '../core/app-error.js';
import { stableStringify } from '../core/stable-json.js';
import { isUniqueViolation } from '../db/prisma-errors.js';
import { generateFollowUpSecret, generateTrackingCode, hashSecret } from '../cases/index.js';
import type { Submission } from './submission.schema.js';
import {
  findOrganizationByCode,
  findSubmission,
  findUnitByCode,
  insertSubmission,
} from './intake.repository.js';

export interface SubmissionReceipt {
  code: string;
  /** Given once, only for anonymous submissions: with the code it opens the case's replies. */
  followUpSecret?: string;
  duplicate: boolean;
}

/** What the worker needs to build the case; sealed in the database, never put in Redis. */
export interface SealedSubmission {
  submission: Submission;
  organizationId: string;
  unitId: string | null;
  followUpSecretHash: string | null;
  receivedAt: string;
}

function digestOf(s: Submission): string {
  return createHash('sha256').update(stableStringify(s)).digest('hex');
}

async function resolveRecipient(ctx: AppContext, s: Submission) {
  const { prisma } = ctx.db;
  if (s.unitCode) {
    const unit = await findUnitByCode(prisma, s.unitCode);
    if (!unit) throw new AppError('unprocessable', `Không tìm thấy khoa/phòng có mã "${s.unitCode}".`);
    if (s.organizationCode && unit.organization.code.toLowerCase() !== s.organizationCode.toLowerCase()) {
      throw new AppError(
        'unprocessable',
        `Khoa/phòng "${s.unitCode}" không thuộc đơn vị "${s.organizationCode}".`,
      );
    }
    return { organizationId: unit.organizationId, unitId: unit.id };
  }
  const orgCode = s.organizationCode ?? ctx.config.defaultOrgCode;
  if (!orgCode) {
    throw new AppError(
      'unprocessable',
      'Cần cho biết nơi nhận ý kiến: mã khoa/phòng (unitCode) hoặc mã đơn vị (organizationCode).',
    );
  }
  const org = await findOrganizationByCode(prisma, orgCode);
  if (!org) throw new AppError('unprocessable', `Không tìm thấy đơn vị có mã "${orgCode}".`);
  return { organizationId: org.id, unitId: null };
}

export async function submitSubmission(ctx: AppContext, s: Submission): Promise<SubmissionReceipt> {
  const { prisma } = ctx.db;
  const digest = digestOf(s);

  const existing = await findSubmission(prisma, s.submissionId);
  if (existing) return replay(ctx, existing, digest);

  const recipient = await resolveRecipient(ctx, s);
  const followUpSecret = s.anonymous ? generateFollowUpSecret() : undefined;
  const sealed: SealedSubmission = {
    submission: s,
    ...recipient,
    followUpSecretHash: followUpSecret ? await hashSecret(followUpSecret) : null,
    receivedAt: ctx.clock.now().toISOString(),
  };

  let code = generateTrackingCode();
  for (let attempt = 0; ; attempt++) {
    try {
      await insertSubmission(prisma, {
        id: s.submissionId,
        trackingCode: code,
        payloadCiphertext: ctx.sealedBox.sealJson(sealed),
        payloadDigest: digest,
      });
      break;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // Either the same submission id sent twice at once (the other request stored it first) or,
      // rarely, a tracking code already taken: tell them apart by looking, not by parsing errors.
      const now = await findSubmission(prisma, s.submissionId);
      if (now) return replay(ctx, now, digest);
      if (attempt >= 3) throw err;
      code = generateTrackingCode();
    }
  }

  await enqueue(ctx, s.submissionId);
  return { code, ...(followUpSecret ? { followUpSecret } : {}), duplicate: false };
}

async function replay(
  ctx: AppContext,
  existing: { id: string; trackingCode: string; payloadDigest: string; status: string },
  digest: string,
): Promise<SubmissionReceipt> {
  if (existing.payloadDigest !== digest) {
    throw new AppError('conflict', 'Mã lần gửi (submissionId) này đã được dùng cho một nội dung khác.');
  }
  // The first request may have stored the submission and then failed to queue it.
  if (existing.status === 'pending') await enqueue(ctx, existing.id);
  return { code: existing.trackingCode, duplicate: true };
}

async function enqueue(ctx: AppContext, submissionId: string): Promise<void> {
  try {
    await ctx.queues.add('intake.process-submission', { submissionId });
  } catch (err) {
    // The submission is already durable in the database; the worker's recovery sweep queues it
    // again, so the sender still gets their code (docs/decisions/0004).
    ctx.logger.warn({ err, submissionId }, 'queue add failed; left for the recovery sweep');
  }
}
