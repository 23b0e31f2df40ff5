// Submitting: validate, store durably, queue, then hand back the tracking code. Two doors lead in:
// POST /api/submissions (`submitSubmission`, the public shape) and the chat channels through the
// intake dialog (`submitChannelSubmission`). Both become one IntakeInput, sealed in the database.
import { createHash, randomInt } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import { AppError } from '../core/app-error.js';
import { groupCommitPer } from '../core/group-commit.js';
import { stableStringify } from '../core/stable-json.js';
import type { Db } from '../db/database.js';
import { isDatabaseUnavailable } from '../db/prisma-errors.js';
import { aheadOfQueuedWork } from '../db/statement-priority.js';
import { findCaseBySubmissionId } from '../cases/case.repository.js';
import { generateFollowUpSecret, generateTrackingCode, hashSecret } from '../cases/index.js';
import type { ChannelSubmission } from './channel-submission.schema.js';
import {
  intakeInputFromChannel,
  intakeInputFromPublic,
  needsFollowUpSecret,
  type IntakeInput,
} from './intake-input.js';
import type { NewCaseCap } from './new-case-cap.js';
import type { Submission } from './submission.schema.js';
import { directoryCache } from '../directory/directory-cache.js';
import {
  countAttachmentsOfSubmission,
  findOrganizationByCode,
  findSubmission,
  findUnitByCode,
  insertSubmissionsIfNew,
  type NewSubmissionRow,
} from './intake.repository.js';
import type { BulkJob, JobQueues } from '../queue/job-queues.js';

export interface SubmissionReceipt {
  code: string;
  /** Given once, only for anonymous submissions: with the code it opens the case's replies. */
  followUpSecret?: string;
  duplicate: boolean;
}

export interface ChannelSubmissionReceipt extends SubmissionReceipt {
  organizationId: string;
  unitId: string | null;
  receivedAt: Date;
}

/** What the worker needs to build the case; sealed in the database, never put in Redis. */
export interface SealedSubmission {
  input: IntakeInput;
  organizationId: string;
  unitId: string | null;
  followUpSecretHash: string | null;
  receivedAt: string;
}

/** Rows sealed before the channel door existed carry the public shape; they are still processed. */
export type StoredSealedSubmission =
  SealedSubmission | (Omit<SealedSubmission, 'input'> & { submission: Submission });

export function openSealedSubmission(ctx: AppContext, ciphertext: Uint8Array): SealedSubmission {
  const stored = ctx.sealedBox.openJson<StoredSealedSubmission>(ciphertext);
  if ('input' in stored) return stored;
  const { submission, ...rest } = stored;
  return { ...rest, input: intakeInputFromPublic(submission) };
}

function digestOf(value: unknown): string {
  return createHash('sha256').update(stableStringify(value)).digest('hex');
}

async function resolveRecipient(ctx: AppContext, s: Pick<IntakeInput, 'unitCode' | 'organizationCode'>) {
  const { prisma } = ctx.db;
  const cache = directoryCache(ctx);
  if (s.unitCode) {
    const code = s.unitCode.toLowerCase();
    const unit = await cache.read(`unit-by-code:${code}`, async () => {
      const found = await findUnitByCode(prisma, code);
      return found
        ? { id: found.id, organizationId: found.organizationId, organizationCode: found.organization.code }
        : null;
    });
    if (!unit) throw new AppError('unprocessable', `Không tìm thấy khoa/phòng có mã "${s.unitCode}".`);
    if (s.organizationCode && unit.organizationCode.toLowerCase() !== s.organizationCode.toLowerCase()) {
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
  const org = await cache.read(`organization-by-code:${orgCode.toLowerCase()}`, async () => {
    const found = await findOrganizationByCode(prisma, orgCode);
    return found ? { id: found.id } : null;
  });
  if (!org) throw new AppError('unprocessable', `Không tìm thấy đơn vị có mã "${orgCode}".`);
  return { organizationId: org.id, unitId: null };
}

/**
 * Where a public submission comes from: the client address (its keyed hash), and the cap on new
 * cases per unit and organisation it is counted against. Unset for trusted callers (the hotline
 * form, tests) and for channels that do not know the address (Telegram, Zalo).
 */
export interface SubmissionSource {
  client: string;
  cap: NewCaseCap;
}

export async function submitSubmission(
  ctx: AppContext,
  s: Submission,
  options: { source?: SubmissionSource } = {},
): Promise<SubmissionReceipt> {
  const stored = await store(ctx, {
    source: options.source,
    input: intakeInputFromPublic(s),
    // The digest of the public shape, as before the channel door existed: a resent request still
    // matches a submission stored by an earlier version.
    digest: digestOf(s),
    followUpSecret: s.anonymous ? generateFollowUpSecret() : undefined,
  });
  const { code, followUpSecret, duplicate } = stored;
  return { code, ...(followUpSecret ? { followUpSecret } : {}), duplicate };
}

/**
 * The door for chat channels (the intake dialog). Files the sender attached in the draft must
 * already be stored with this submission id (see store-attachment.ts); the worker links them.
 */
export async function submitChannelSubmission(
  ctx: AppContext,
  s: ChannelSubmission,
  options: { source?: SubmissionSource } = {},
): Promise<ChannelSubmissionReceipt> {
  const input = intakeInputFromChannel(s);
  if (input.attachmentIds?.length) {
    const found = await countAttachmentsOfSubmission(ctx.db.prisma, input.submissionId, input.attachmentIds);
    if (found !== new Set(input.attachmentIds).size) {
      throw new AppError('unprocessable', 'Một số tệp đính kèm không còn hoặc không thuộc ý kiến này.');
    }
  }
  const secret = needsFollowUpSecret(input.identityMode)
    ? (s.followUpSecret ?? generateFollowUpSecret())
    : undefined;
  return store(ctx, {
    source: options.source,
    input,
    digest: digestOf(input),
    followUpSecret: secret,
    secretChosenByCaller: !!s.followUpSecret,
  });
}

/*
 * The two writes a submission waits for, each group-committed with those of other requests
 * (decision 0083): under load one INSERT and one MULTI to Redis serve many acknowledgements; alone,
 * a request writes at once.
 */
const GROUP_COMMIT = { maxBatch: 64, maxInFlight: 2 };

// The batch is written in the context of the request that started it; every request here is
// marked ahead of queued work, so the batch is too (decision 0079).
const storeSubmissionRow = groupCommitPer(
  (db: Db) => (rows: readonly NewSubmissionRow[]) =>
    aheadOfQueuedWork(() => insertSubmissionsIfNew(db, rows)),
  GROUP_COMMIT,
);

const queueIntakeJob = groupCommitPer(
  (queues: JobQueues) => (jobs: readonly BulkJob<'intake.process-submission'>[]) => queues.addMany(jobs),
  GROUP_COMMIT,
);

/** How long a request waits for Redis to take the job before leaving it to the recovery sweep. */
export const QUEUE_ADD_TIMEOUT_MS = 1_500;

const UNAVAILABLE_MESSAGE =
  'Hệ thống tạm thời chưa ghi nhận được ý kiến của bạn. Vui lòng gửi lại sau ít phút; nội dung chưa được lưu.';

/**
 * Fails fast in an outage (decision 0019): 503 "try again" when nothing was stored — the database
 * cannot be reached, or Redis is known to be down before we store — and 202 with the code once the
 * row is stored, even if the queue add then fails or times out: the row is durable and the
 * recovery sweep queues it (decision 0001).
 */
async function store(
  ctx: AppContext,
  args: Parameters<typeof storeDurably>[1],
): Promise<ChannelSubmissionReceipt> {
  if (!ctx.queues.isConnected()) throw new AppError('unavailable', UNAVAILABLE_MESSAGE);
  try {
    // Someone is waiting for this answer: on the embedded database its statements go ahead of the
    // worker's queued ones (decision 0079).
    return await aheadOfQueuedWork(() => storeDurably(ctx, args));
  } catch (err) {
    if (isDatabaseUnavailable(err)) {
      ctx.logger.warn({ err: { message: (err as Error).message } }, 'database unavailable; intake refused');
      throw new AppError('unavailable', UNAVAILABLE_MESSAGE);
    }
    throw err;
  }
}

async function storeDurably(
  ctx: AppContext,
  args: {
    input: IntakeInput;
    digest: string;
    followUpSecret: string | undefined;
    secretChosenByCaller?: boolean;
    source?: SubmissionSource;
  },
): Promise<ChannelSubmissionReceipt> {
  const { prisma } = ctx.db;
  const { input, digest } = args;
  // A secret the caller chose is its own to show again; one we generated is shown only once.
  const replayedSecret = args.secretChosenByCaller ? args.followUpSecret : undefined;
  // The duplicate check is the insert itself (decision 0042): a resent request is looked up only
  // when the insert finds its id taken, or when something refuses it before the insert — it is
  // still answered with its code then, as when it was looked up first.
  const replayIfStored = async (refusal: unknown) => {
    const existing = await findSubmission(prisma, input.submissionId);
    if (existing) return replay(ctx, existing, digest, replayedSecret);
    throw refusal;
  };

  let recipient: Awaited<ReturnType<typeof resolveRecipient>>;
  try {
    recipient = await resolveRecipient(ctx, input);
    if (args.source) await args.source.cap.take(args.source.client, recipient);
  } catch (err) {
    return replayIfStored(err);
  }
  const receivedAt = ctx.clock.now();
  const sealed: SealedSubmission = {
    input,
    ...recipient,
    followUpSecretHash: args.followUpSecret ? await hashSecret(args.followUpSecret) : null,
    receivedAt: receivedAt.toISOString(),
  };
  const payloadCiphertext = ctx.sealedBox.sealJson(sealed);

  let code = generateTrackingCode();
  for (let attempt = 0; ; attempt++) {
    const stored = await storeSubmissionRow(prisma, {
      id: input.submissionId,
      trackingCode: code,
      payloadCiphertext,
      payloadDigest: digest,
      // In clear as well: if the payload can never be opened, these still make a case (0026).
      ...recipient,
      kind: input.kind,
      channel: input.channel,
      audience: input.audience,
      followUpSecretHash: sealed.followUpSecretHash,
    });
    if (stored) break;
    // Either the same submission id sent again (stored before, or by a request racing this one)
    // or, rarely, a tracking code already taken: tell them apart by looking.
    const existing = await findSubmission(prisma, input.submissionId);
    if (existing) {
      // Counted as new above; it is not.
      if (args.source) await args.source.cap.giveBack(args.source.client, recipient);
      return replay(ctx, existing, digest, replayedSecret);
    }
    if (attempt >= 3) throw new Error('no free tracking code after 4 attempts');
    code = generateTrackingCode();
  }

  await enqueue(ctx, input);
  return {
    code,
    ...(args.followUpSecret ? { followUpSecret: args.followUpSecret } : {}),
    duplicate: false,
    ...recipient,
    receivedAt,
  };
}

async function replay(
  ctx: AppContext,
  existing: {
    id: string;
    trackingCode: string;
    payloadDigest: string;
    status: string;
    payloadCiphertext: Uint8Array | null;
    createdAt: Date;
  },
  digest: string,
  followUpSecret: string | undefined,
): Promise<ChannelSubmissionReceipt> {
  if (existing.payloadDigest !== digest) {
    throw new AppError('conflict', 'Mã lần gửi (submissionId) này đã được dùng cho một nội dung khác.');
  }
  // The first request may have stored the submission and then failed to queue it. A repeat is
  // queued at once: its job id already exists when the first add succeeded (delayed or not).
  if (existing.status === 'pending') await enqueue(ctx, { submissionId: existing.id });
  return {
    code: existing.trackingCode,
    ...(followUpSecret ? { followUpSecret } : {}),
    duplicate: true,
    ...(await recipientOf(ctx, existing)),
  };
}

async function recipientOf(
  ctx: AppContext,
  existing: { id: string; payloadCiphertext: Uint8Array | null; createdAt: Date },
): Promise<{ organizationId: string; unitId: string | null; receivedAt: Date }> {
  if (existing.payloadCiphertext) {
    const sealed = openSealedSubmission(ctx, existing.payloadCiphertext);
    return {
      organizationId: sealed.organizationId,
      unitId: sealed.unitId,
      receivedAt: new Date(sealed.receivedAt),
    };
  }
  const made = await findCaseBySubmissionId(ctx.db.prisma, existing.id);
  if (!made) throw new AppError('internal', `Submission ${existing.id} has neither payload nor case.`);
  return { organizationId: made.organizationId, unitId: made.unitId, receivedAt: made.receivedAt };
}

/**
 * "No trace" staff feedback is released to intake after a random delay (decision 0029): otherwise
 * the case's first log lines (routed, cards queued) follow the sender's chat update within
 * milliseconds, and the two are tied by their timing. The delayed job is durable like any other:
 * the sender's receipt still comes after the add.
 */
export function releaseDelayMs(ctx: Pick<AppContext, 'config'>, identityMode: string | undefined): number {
  if (identityMode !== 'no_trace') return 0;
  const { min, max } = ctx.config.noTraceReleaseDelayMs;
  return randomInt(min, max + 1);
}

async function enqueue(
  ctx: AppContext,
  input: Pick<IntakeInput, 'submissionId'> & { identityMode?: IntakeInput['identityMode'] },
): Promise<void> {
  const { submissionId } = input;
  const delay = releaseDelayMs(ctx, input.identityMode);
  let timer: NodeJS.Timeout | undefined;
  try {
    // Bounded: ioredis holds commands while it reconnects, which would hold the request for the
    // whole outage. An add still pending after the timeout may complete later; the id is fixed.
    await Promise.race([
      queueIntakeJob(ctx.queues, {
        name: 'intake.process-submission',
        payload: { submissionId },
        ...(delay ? { opts: { delay } } : {}),
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('queue add timed out')), QUEUE_ADD_TIMEOUT_MS);
      }),
    ]);
  } catch (err) {
    // The submission is already durable in the database; the worker's recovery sweep queues it
    // again, so the sender still gets their code (decisions 0001, 0019).
    // A no-trace submission's id is not logged at the time of its sender's update (decision 0029).
    ctx.logger.warn(
      { err: { message: (err as Error).message }, ...(delay ? {} : { submissionId }) },
      'queue add failed; left for the recovery sweep',
    );
  } finally {
    clearTimeout(timer);
  }
}
